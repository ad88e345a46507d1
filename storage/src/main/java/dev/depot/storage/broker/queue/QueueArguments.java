package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.ResourceName;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A queue's x- arguments, validated and decoded. Arguments RabbitMQ does not know are kept in
 * {@link #raw()} and otherwise ignored, as RabbitMQ does. x-queue-mode and the in-memory limits
 * are validated and compared but change nothing here (classic queues in memory).
 *
 * @param messageTtl           x-message-ttl in ms
 * @param expires              x-expires: ms unused before the queue is deleted
 * @param maxLength            x-max-length: ready messages; Long.MAX_VALUE when unbounded
 * @param maxLengthBytes       x-max-length-bytes: ready body bytes; Long.MAX_VALUE when unbounded
 * @param maxPriority          x-max-priority: priorities 0..maxPriority are distinct; 0 without it
 * @param singleActiveConsumer x-single-active-consumer
 */
public record QueueArguments(Map<String, Object> raw, OptionalLong messageTtl, OptionalLong expires,
                             long maxLength, long maxLengthBytes, Overflow overflow,
                             Optional<String> deadLetterExchange, Optional<String> deadLetterRoutingKey,
                             int maxPriority, boolean singleActiveConsumer) {

    /** Validates {@code raw} in RabbitMQ's order; the first bad argument is refused with 406. */
    public static QueueArguments parse(ResourceName queue, Map<String, Object> raw) {
        for (QueueArgument argument : QueueArgument.values()) {
            argument.check(queue, raw);
        }
        return new QueueArguments(Collections.unmodifiableMap(new LinkedHashMap<>(raw)),
                optionalLong(raw, QueueArgument.MESSAGE_TTL),
                optionalLong(raw, QueueArgument.EXPIRES),
                limit(raw, QueueArgument.MAX_LENGTH),
                limit(raw, QueueArgument.MAX_LENGTH_BYTES),
                raw.containsKey(QueueArgument.OVERFLOW.key)
                        ? Overflow.named((String) raw.get(QueueArgument.OVERFLOW.key)) : Overflow.DROP_HEAD,
                Optional.ofNullable((String) raw.get(QueueArgument.DEAD_LETTER_EXCHANGE.key)),
                Optional.ofNullable((String) raw.get(QueueArgument.DEAD_LETTER_ROUTING_KEY.key)),
                raw.containsKey(QueueArgument.MAX_PRIORITY.key)
                        ? ((Number) raw.get(QueueArgument.MAX_PRIORITY.key)).intValue() : 0,
                Boolean.TRUE.equals(raw.get(QueueArgument.SINGLE_ACTIVE_CONSUMER.key)));
    }

    /**
     * Refuses a redeclaration whose arguments differ from the queue's (406, the first differing
     * argument in RabbitMQ's order). Values compare by type class and value; unknown arguments
     * are not compared.
     */
    public void assertEquivalent(ResourceName queue, Map<String, Object> received) {
        for (QueueArgument argument : QueueArgument.values()) {
            argument.assertEquivalent(queue, raw, received);
        }
    }

    private static OptionalLong optionalLong(Map<String, Object> raw, QueueArgument argument) {
        Object value = raw.get(argument.key);
        return value == null ? OptionalLong.empty() : OptionalLong.of(((Number) value).longValue());
    }

    private static long limit(Map<String, Object> raw, QueueArgument argument) {
        Object value = raw.get(argument.key);
        return value == null ? Long.MAX_VALUE : ((Number) value).longValue();
    }
}
