package dev.depot.server.resp;

import dev.depot.protocol.resp.RespDecoder;
import dev.depot.server.net.TrafficCounter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Builds the pipeline of a RESP connection: limits, traffic counter, decoder, handler. */
public final class RespListener extends ChannelInitializer<SocketChannel> {
    /** Redis's words to a client over the connection limit. */
    public static final String TOO_MANY_CONNECTIONS = "-ERR max number of clients reached\r\n";
    /** The decoder cannot hold a bulk string longer than a Java array. */
    private static final long LONGEST_ARRAY = Integer.MAX_VALUE - 8;

    private final RespService service;
    private final TrafficCounter traffic;

    public RespListener(RespService service) {
        this.service = service;
        this.traffic = new TrafficCounter(service.netInputBytes(), service.netOutputBytes());
    }

    /** proto-max-bulk-len is read per connection: a CONFIG SET applies to connections made after it. */
    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("limits", service.environment().connections())
                .addLast("traffic", traffic)
                .addLast("decoder", new RespDecoder(Math.min(service.parameters().protoMaxBulkLen(), LONGEST_ARRAY)))
                .addLast("handler", new RespHandler(service));
    }
}
