package dev.depot.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.concurrent.atomic.LongAdder;

/** Counts the bytes a listener reads and writes (memcached's bytes_read / bytes_written). */
@ChannelHandler.Sharable
public final class TrafficCounter extends ChannelDuplexHandler {
    private final LongAdder read;
    private final LongAdder written;

    public TrafficCounter(LongAdder read, LongAdder written) {
        this.read = read;
        this.written = written;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            read.add(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            written.add(buf.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
