package dev.depot.server.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts open client connections across every listener and turns away those over the limit,
 * with a protocol-specific farewell (memcached sends "ERROR Too many open connections").
 * The limit can change at run time (Redis's CONFIG SET maxclients); connections already open
 * above a lowered limit stay open, as in Redis.
 */
@ChannelHandler.Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    /** Shared by every listener's limiter, like the count. */
    private final AtomicInteger max;
    private final AtomicInteger open;
    private final LongAdder total = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final byte[] farewell;

    private ConnectionLimiter(AtomicInteger max, AtomicInteger open, byte[] farewell) {
        this.max = max;
        this.open = open;
        this.farewell = farewell;
    }

    /** A limiter with its own counter of open connections. */
    public static ConnectionLimiter create(int max, String farewell) {
        return new ConnectionLimiter(new AtomicInteger(max), new AtomicInteger(),
                farewell.getBytes(StandardCharsets.US_ASCII));
    }

    /** A limiter for another protocol that counts against the same limit, with its own farewell. */
    public ConnectionLimiter sharingWith(String farewell) {
        return new ConnectionLimiter(max, open, farewell.getBytes(StandardCharsets.US_ASCII));
    }

    public int open() {
        return open.get();
    }

    public int max() {
        return max.get();
    }

    /** Changes the limit for every listener; connections beyond a lowered limit are not closed. */
    public void setMax(int max) {
        this.max.set(max);
    }

    public long total() {
        return total.sum();
    }

    public long rejected() {
        return rejected.sum();
    }

    /** Zeroes the cumulative counters; the open count stays. */
    public void resetCounters() {
        total.reset();
        rejected.reset();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        total.increment();
        if (open.incrementAndGet() > max.get()) {
            rejected.increment();
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(farewell)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }
}
