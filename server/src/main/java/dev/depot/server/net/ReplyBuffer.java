package dev.depot.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

/**
 * Collects the replies to one read batch in a single buffer and writes it once, so a pipeline
 * of a hundred commands costs one syscall. Large values are not copied into it: they are queued
 * as wrapped arrays between buffers (the transport copies them once, into the socket's direct
 * buffer). {@link #flush} belongs in channelReadComplete.
 */
public final class ReplyBuffer {
    /** Values at least this long are written by reference instead of copied. */
    public static final int COPY_LIMIT = 2048;
    private static final int INITIAL = 1024;
    /** Hand the buffer to the channel when it grows past this, even mid-batch. */
    private static final int HAND_OFF = 64 * 1024;

    private final ChannelHandlerContext ctx;
    private ByteBuf buf;

    public ReplyBuffer(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** The buffer to append to. */
    public ByteBuf out() {
        if (buf == null) {
            buf = ctx.alloc().ioBuffer(INITIAL);
        } else if (buf.readableBytes() >= HAND_OFF) {
            ctx.write(buf, ctx.voidPromise());
            buf = ctx.alloc().ioBuffer(INITIAL);
        }
        return buf;
    }

    /** Appends part of an array that is never modified again, by reference when it is large. */
    public void bytes(byte[] data, int offset, int length) {
        if (length < COPY_LIMIT) {
            out().writeBytes(data, offset, length);
            return;
        }
        if (buf != null && buf.isReadable()) {
            ctx.write(buf, ctx.voidPromise());
            buf = null;
        }
        ctx.write(Unpooled.wrappedBuffer(data, offset, length), ctx.voidPromise());
    }

    /**
     * Hands what was collected so far to the channel (without flushing): it can no longer be
     * taken back by {@link #dropUncommitted()}.
     */
    public void commit() {
        if (buf != null && buf.isReadable()) {
            ctx.write(buf, ctx.voidPromise());
            buf = null;
        }
    }

    /** Forgets the replies collected since the last commit (memcached's discarded response queue). */
    public void dropUncommitted() {
        if (buf != null) {
            buf.clear();
        }
    }

    /** Writes what was collected and flushes the channel. */
    public void flush() {
        if (buf != null) {
            if (buf.isReadable()) {
                ctx.write(buf, ctx.voidPromise());
            } else {
                buf.release();
            }
            buf = null;
        }
        ctx.flush();
    }

    /** Drops anything collected (the connection is going away). */
    public void discard() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }
}
