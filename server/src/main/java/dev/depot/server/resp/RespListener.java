package dev.depot.server.resp;

import dev.depot.protocol.resp.RespDecoder;
import dev.depot.server.net.ConnectionLimiter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Builds the pipeline of a RESP connection: limits, decoder, handler. */
public final class RespListener extends ChannelInitializer<SocketChannel> {
    /** Redis's words to a client over the connection limit. */
    public static final String TOO_MANY_CONNECTIONS = "-ERR max number of clients reached\r\n";
    /** Redis's default proto-max-bulk-len. */
    private static final long MAX_BULK_LENGTH = 512L * 1024 * 1024;

    private final RespService service;
    private final ConnectionLimiter limiter;

    public RespListener(RespService service, ConnectionLimiter limiter) {
        this.service = service;
        this.limiter = limiter;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("limits", limiter)
                .addLast("decoder", new RespDecoder(MAX_BULK_LENGTH))
                .addLast("handler", new RespHandler(service));
    }
}
