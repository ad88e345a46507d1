package dev.depot.server.amqp;

import dev.depot.config.AmqpSettings;
import dev.depot.config.DepotConfig;
import dev.depot.protocol.amqp.AmqpFrameDecoder;
import dev.depot.server.net.ConnectionLimiter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.socket.SocketChannel;
import dev.depot.storage.broker.vhost.Broker;
import dev.depot.storage.broker.vhost.BrokerJournal;

import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Builds the pipeline of an AMQP connection: limits, frame decoder, connection handler. */
public final class AmqpListener extends ChannelInitializer<SocketChannel> {
    /** Over the connection limit RabbitMQ closes the socket without a word; so does Depot. */
    public static final String TOO_MANY_CONNECTIONS = "";

    /**
     * The largest TCP segment the listener advertises (TCP_MAXSEG, epoll only), which bounds the
     * segments sent both ways. Ethernet paths (1460) and jumbo frames (8948) are below it; it
     * matters on loopback, whose 64 KiB segments are as large as the receive buffer many clients
     * fix (PerfTest's 64 KiB, doubled by the kernel): a consumer that falls behind then drops a
     * whole segment when its buffer overflows, nothing follows it to signal the loss, and the
     * stream stalls for the 200 ms retransmission timeout. With 16 KiB segments, later segments
     * bring the loss to light and fast retransmit repairs it. Measured with PerfTest
     * 1p1c-autoack: consumer latency p99 ~200 ms (one timeout) with 64 KiB, 15-120 ms with 16 KiB.
     */
    static final int MAX_SEGMENT = 16 * 1024;
    /** TCP_MAXSEG: IPPROTO_TCP (6), option 2. */
    private static final IntegerUnixChannelOption TCP_MAXSEG = new IntegerUnixChannelOption("TCP_MAXSEG", 6, 2);

    /** How often expired messages and unused queues (x-expires) are looked for. */
    private static final long SWEEP_MILLIS = 250;

    private final AmqpService service;
    private final ConnectionLimiter limiter;

    private AmqpListener(AmqpService service, ConnectionLimiter limiter) {
        this.service = service;
        this.limiter = limiter;
    }

    /**
     * The listener of a fresh in-memory broker (vhost "/" with its predeclared exchanges), whose
     * message TTLs and queue expiries {@code housekeeping} sweeps.
     */
    public static AmqpListener create(DepotConfig config, ConnectionLimiter limiter,
                                      ScheduledExecutorService housekeeping) {
        Broker broker = new Broker(InstantSource.system(), BrokerJournal.NONE, new PropertyBridge());
        housekeeping.scheduleWithFixedDelay(broker::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        AmqpSettings settings = config.amqp();
        settings.vhosts().forEach(broker::addVirtualHost);
        AmqpService service = new AmqpService(broker, settings, AmqpService.defaultClusterName(),
                settings.memoryHighWatermark().bytes(config.maxMemory()));
        MemoryAlarm alarm = service.memoryAlarm();
        housekeeping.scheduleWithFixedDelay(alarm::check, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        return new AmqpListener(service, limiter);
    }

    /**
     * The first step of a graceful stop: every connection gets connection.close 320
     * CONNECTION_FORCED (clients then see why they were dropped); waits up to {@code timeoutMillis}
     * for them to close.
     */
    public void shutdown(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (var closed : service.connections().stream().map(AmqpConnection::shutdown).toList()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !closed.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }

    /** The listening socket's own options: {@link #MAX_SEGMENT} where the transport (epoll) can set it. */
    public void listenerOptions(ServerBootstrap bootstrap, String transportName) {
        if ("epoll".equals(transportName)) {
            bootstrap.option(TCP_MAXSEG, MAX_SEGMENT);
        }
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("limits", limiter)
                .addLast("decoder", new AmqpFrameDecoder())
                .addLast("handler", new AmqpConnection(service));
    }
}
