package dev.depot.server.memcached;

import dev.depot.protocol.memcached.MemcachedDecoder;
import dev.depot.server.net.ConnectionLimiter;
import dev.depot.server.net.TrafficCounter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Builds the pipeline of a memcached connection: limits, traffic counts, decoder, handler. */
public final class MemcachedListener extends ChannelInitializer<SocketChannel> {
    /** memcached's own words to a client over the connection limit. */
    public static final String TOO_MANY_CONNECTIONS = "ERROR Too many open connections\r\n";

    private final MemcachedService service;
    private final ConnectionLimiter limiter;
    private final TrafficCounter traffic;
    private final int maxItemSize;

    public MemcachedListener(MemcachedService service, ConnectionLimiter limiter, int maxItemSize) {
        this.service = service;
        this.limiter = limiter;
        this.traffic = new TrafficCounter(service.stats().bytesRead, service.stats().bytesWritten);
        this.maxItemSize = maxItemSize;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("limits", limiter)
                .addLast("traffic", traffic)
                .addLast("decoder", new MemcachedDecoder(maxItemSize))
                .addLast("handler", service.newHandler());
    }
}
