package dev.depot.server.amqp;

import dev.depot.storage.broker.queue.MessageQueue;
import dev.depot.storage.broker.vhost.Broker;
import dev.depot.storage.broker.vhost.VirtualHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * RabbitMQ's memory alarm: when the messages waiting in queues take more than the high
 * watermark, every connection that publishes is told (connection.blocked) and no longer read
 * from until they fall below it again. Consuming connections keep reading, so acks still drain
 * the queues. Checked periodically off the event loops; connections act on it on their own loop.
 */
final class MemoryAlarm {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryAlarm.class);

    private final Broker broker;
    private final long highWatermark;
    private final Set<AmqpConnection> connections;
    private volatile boolean raised;

    /** @param connections the open connections, told when the alarm changes */
    MemoryAlarm(Broker broker, long highWatermark, Set<AmqpConnection> connections) {
        this.broker = broker;
        this.highWatermark = highWatermark;
        this.connections = connections;
    }

    boolean raised() {
        return raised;
    }

    /** Sums the queues and raises or clears the alarm; the housekeeping thread calls it. */
    void check() {
        long used = 0;
        for (VirtualHost vhost : broker.virtualHosts()) {
            for (MessageQueue queue : vhost.queues()) {
                used += queue.readyMemory();
            }
        }
        boolean over = used > highWatermark;
        if (over == raised) {
            return;
        }
        raised = over;
        if (over) {
            LOG.warn("AMQP memory alarm: queued messages take {} bytes, above the high watermark of {} bytes;"
                    + " publishers are blocked until consumers catch up", used, highWatermark);
        } else {
            LOG.info("AMQP memory alarm cleared: queued messages take {} bytes", used);
        }
        for (AmqpConnection connection : connections) {
            connection.memoryAlarm(over);
        }
    }
}
