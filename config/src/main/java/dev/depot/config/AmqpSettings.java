package dev.depot.config;

import dev.depot.config.access.AccessControl;
import dev.depot.config.access.AmqpUser;
import java.util.List;

/**
 * Everything the AMQP 0-9-1 listener is configured with, under the names RabbitMQ users know
 * ({@code frame_max} is {@code amqp-frame-max}, and so on). The listener's port is
 * {@link DepotConfig#amqpPort()}, next to the other listeners'.
 *
 * @param frameMax            largest frame, in bytes, offered in connection.tune
 * @param channelMax          highest channel number offered in connection.tune; 0 is AMQP's "no
 *                            limit" (65535)
 * @param heartbeatSeconds    heartbeat interval offered in connection.tune; 0 turns heartbeats off
 * @param maxMessageSize      largest message body a client may publish, in bytes
 * @param memoryHighWatermark memory queued messages may hold before publishers are blocked
 * @param vhosts              the virtual hosts, {@link AccessControl#DEFAULT_VHOST} first
 * @param users               who may log in; {@link AmqpUser#defaultGuest()} when none are configured
 */
public record AmqpSettings(
        int frameMax,
        int channelMax,
        int heartbeatSeconds,
        int maxMessageSize,
        MemoryWatermark memoryHighWatermark,
        List<String> vhosts,
        List<AmqpUser> users) {

    public AmqpSettings {
        vhosts = List.copyOf(vhosts);
        users = List.copyOf(users);
    }

    /**
     * RabbitMQ 3.10's defaults, so clients tuned for it behave the same: frame_max 128 KiB,
     * channel_max 2047, heartbeat 60 s, max_message_size 128 MiB, and a watermark of 0.4 (of
     * maxmemory here, of RAM there). RabbitMQ keeps the rest for the Erlang garbage collector's
     * copies; in Depot it keeps a backlog of unconsumed messages from crowding the keyspace out of
     * the memory both share, and leaves room for the copies a message briefly needs in flight.
     */
    public static AmqpSettings defaults() {
        return new AmqpSettings(128 * 1024, 2047, 60, 128 * 1024 * 1024, new MemoryWatermark.Fraction(0.4),
                List.of(AccessControl.DEFAULT_VHOST), List.of(AmqpUser.defaultGuest()));
    }

    /** The access rules these settings describe, compiled for the listener's login and permission checks. */
    public AccessControl accessControl() {
        return AccessControl.of(vhosts, users);
    }
}
