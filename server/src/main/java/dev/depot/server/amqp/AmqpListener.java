package dev.depot.server.amqp;

import dev.depot.config.AmqpSettings;
import dev.depot.config.DepotConfig;
import dev.depot.protocol.amqp.AmqpFrameDecoder;
import dev.depot.server.net.ConnectionLimiter;
import io.netty.channel.ChannelInitializer;
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

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("limits", limiter)
                .addLast("decoder", new AmqpFrameDecoder())
                .addLast("handler", new AmqpConnection(service));
    }
}
