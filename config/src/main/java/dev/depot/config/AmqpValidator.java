package dev.depot.config;

import dev.depot.config.access.AccessControl;
import dev.depot.config.access.AmqpUser;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link ConfigValidator}'s rules for {@link AmqpSettings}: the per-key ranges (also used while
 * reading, so a flag and a file entry get the same message) and the rules between AMQP keys and
 * {@code maxmemory}.
 */
final class AmqpValidator {

    /** AMQP's frame-min-size: no peer may insist on frames smaller than this. */
    static final long MIN_FRAME_MAX = 4096;
    /** A frame is held whole in memory; beyond the largest message it buys nothing. */
    static final long MAX_FRAME_MAX = 512L * 1024 * 1024;
    /** RabbitMQ's ceiling for max_message_size. */
    static final long MAX_MESSAGE_SIZE = 512L * 1024 * 1024;
    /** Below this a watermark is almost surely a fraction written without its decimal point. */
    static final long MIN_WATERMARK_SIZE = 1024 * 1024;
    /** Channel numbers and the heartbeat travel as AMQP short (16-bit) fields. */
    private static final long MAX_SHORT = 65535;

    private AmqpValidator() {
    }

    static AmqpSettings validate(AmqpSettings amqp, long maxMemory) {
        frameMax(amqp.frameMax());
        channelMax(amqp.channelMax());
        heartbeat(amqp.heartbeatSeconds());
        maxMessageSize(amqp.maxMessageSize());
        watermark(amqp.memoryHighWatermark());
        if (amqp.memoryHighWatermark() instanceof MemoryWatermark.Size size && size.bytes() > maxMemory) {
            throw new ConfigException(ConfigKey.AMQP_MEMORY_HIGH_WATERMARK + " (" + size.format()
                    + ") is larger than maxmemory (" + ByteSize.format(maxMemory) + "), so it would never block"
                    + " publishers before memory runs out; lower it, write it as a fraction such as 0.4,"
                    + " or raise maxmemory");
        }
        vhosts(amqp.vhosts());
        users(amqp.users(), amqp.vhosts());
        return amqp;
    }

    static int frameMax(long bytes) {
        return (int) ConfigValidator.inRange(ConfigKey.AMQP_FRAME_MAX, bytes, MIN_FRAME_MAX, MAX_FRAME_MAX, size(bytes));
    }

    static int channelMax(long n) {
        return (int) ConfigValidator.inRange(ConfigKey.AMQP_CHANNEL_MAX, n, 0, MAX_SHORT, Long.toString(n));
    }

    static int heartbeat(long seconds) {
        return (int) ConfigValidator.inRange(ConfigKey.AMQP_HEARTBEAT, seconds, 0, MAX_SHORT, Long.toString(seconds));
    }

    static int maxMessageSize(long bytes) {
        return (int) ConfigValidator.inRange(ConfigKey.AMQP_MAX_MESSAGE_SIZE, bytes, 1, MAX_MESSAGE_SIZE, size(bytes));
    }

    static MemoryWatermark watermark(MemoryWatermark watermark) {
        // Written so that a NaN fraction fails too.
        boolean outOfRange = watermark instanceof MemoryWatermark.Fraction f && !(f.value() > 0 && f.value() <= 1)
                || watermark instanceof MemoryWatermark.Size s && s.bytes() < MIN_WATERMARK_SIZE;
        if (outOfRange) {
            throw ConfigValidator.fail(ConfigKey.AMQP_MEMORY_HIGH_WATERMARK, watermark.format() + " is out of range");
        }
        return watermark;
    }

    private static void vhosts(List<String> vhosts) {
        Set<String> seen = new HashSet<>();
        for (String vhost : vhosts) {
            if (vhost.isEmpty()) {
                throw ConfigValidator.fail(ConfigKey.AMQP_VHOSTS, "an empty name is not a vhost");
            }
            if (!seen.add(vhost)) {
                throw ConfigValidator.fail(ConfigKey.AMQP_VHOSTS, "'" + vhost + "' is listed twice");
            }
        }
    }

    /** Every vhost a permission names must exist: a misspelt one would silently grant nothing. */
    private static void users(List<AmqpUser> users, List<String> vhosts) {
        Set<String> names = new HashSet<>();
        for (AmqpUser user : users) {
            if (!names.add(user.name())) {
                throw new ConfigException(ConfigKey.AMQP_USERS + ": user '" + user.name() + "' is defined twice;"
                        + " give each user one entry");
            }
            for (String vhost : user.permissions().keySet()) {
                if (!vhost.equals(AccessControl.DEFAULT_VHOST) && !vhosts.contains(vhost)) {
                    throw new ConfigException(ConfigKey.AMQP_USERS + ": user '" + user.name()
                            + "' has permissions in vhost '" + vhost + "', which is not in " + ConfigKey.AMQP_VHOSTS
                            + "; add it there or correct the name (vhosts: " + String.join(", ", vhosts) + ")");
                }
            }
        }
    }

    private static String size(long bytes) {
        return bytes < 0 ? Long.toString(bytes) : ByteSize.format(bytes);
    }
}
