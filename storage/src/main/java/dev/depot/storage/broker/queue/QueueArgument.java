package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.Equivalence;
import dev.depot.storage.broker.FieldValues;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.ResourceName;
import dev.depot.storage.broker.message.Expiration;

import java.util.Map;
import java.util.Set;

/**
 * The queue arguments RabbitMQ validates and compares on redeclaration, in the order it checks
 * them (the first failing one is the one reported). Each refuses a bad value with RabbitMQ's
 * 406 text; the term after the colon is printed as Erlang prints RabbitMQ's error term.
 */
enum QueueArgument {
    /**
     * Checked before every other argument, as RabbitMQ picks the queue type first. Quorum and
     * stream queues are accepted by name but run as classic queues here; absent means classic.
     */
    QUEUE_TYPE("x-queue-type") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            if (!(value instanceof String text)) {
                return unacceptableType(value);
            }
            return QUEUE_TYPES.contains(text) ? null : "\"unsupported queue type '" + text + "'\"";
        }

        @Override
        void assertEquivalent(ResourceName queue, Map<String, Object> current, Map<String, Object> received) {
            if (!current.getOrDefault(key, CLASSIC).equals(received.getOrDefault(key, CLASSIC))) {
                super.assertEquivalent(queue, current, received);
            }
        }
    },
    EXPIRES("x-expires") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            String notInteger = notInteger(value);
            if (notInteger != null) {
                return notInteger;
            }
            long n = ((Number) value).longValue();
            return n == 0 ? "{value_zero,0}" : ttlProblem(n);
        }
    },
    MESSAGE_TTL("x-message-ttl") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            String notInteger = notInteger(value);
            return notInteger != null ? notInteger : ttlProblem(((Number) value).longValue());
        }
    },
    DEAD_LETTER_EXCHANGE("x-dead-letter-exchange") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            return null; // the only check is its type, reported in a text of its own (see check)
        }
    },
    DEAD_LETTER_ROUTING_KEY("x-dead-letter-routing-key") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            if (!(value instanceof String)) {
                return unacceptableType(value);
            }
            return all.containsKey(DEAD_LETTER_EXCHANGE.key) ? null : "routing_key_but_no_dlx_defined";
        }
    },
    MAX_LENGTH("x-max-length") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            return nonNegativeProblem(value);
        }
    },
    MAX_LENGTH_BYTES("x-max-length-bytes") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            return nonNegativeProblem(value);
        }
    },
    MAX_IN_MEMORY_LENGTH("x-max-in-memory-length") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            return nonNegativeProblem(value);
        }
    },
    MAX_IN_MEMORY_BYTES("x-max-in-memory-bytes") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            return nonNegativeProblem(value);
        }
    },
    MAX_PRIORITY("x-max-priority") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            String problem = nonNegativeProblem(value);
            if (problem != null) {
                return problem;
            }
            long n = ((Number) value).longValue();
            return n > MAX_PRIORITY_LEVEL ? "{max_value_exceeded," + n + "}" : null;
        }
    },
    OVERFLOW("x-overflow") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            if (!(value instanceof String text)) {
                return unacceptableType(value);
            }
            return Overflow.named(text) == null ? "invalid_overflow" : null;
        }
    },
    QUEUE_MODE("x-queue-mode") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            if (!(value instanceof String text)) {
                return unacceptableType(value);
            }
            return text.equals("default") || text.equals("lazy") ? null : "\"unsupported queue mode '" + text + "'\"";
        }
    },
    SINGLE_ACTIVE_CONSUMER("x-single-active-consumer") {
        @Override
        String problem(Object value, Map<String, Object> all) {
            return value instanceof Boolean ? null : unacceptableType(value);
        }
    };

    static final int MAX_PRIORITY_LEVEL = 255;
    private static final String CLASSIC = "classic";
    private static final Set<String> QUEUE_TYPES = Set.of(CLASSIC, "quorum", "stream");

    final String key;

    QueueArgument(String key) {
        this.key = key;
    }

    /** What is wrong with the value, as the term RabbitMQ prints; null when it is acceptable. */
    abstract String problem(Object value, Map<String, Object> all);

    /** Refuses the argument's value in {@code all}, if present and unacceptable. */
    void check(ResourceName queue, Map<String, Object> all) {
        if (!all.containsKey(key)) {
            return;
        }
        Object value = all.get(key);
        if (this == DEAD_LETTER_EXCHANGE && !(value instanceof String)) {
            throw new BrokerException(ReplyCode.PRECONDITION_FAILED, "invalid type '" + FieldValues.typeName(value)
                    + "' for arg '" + key + "' in " + queue);
        }
        String problem = problem(value, all);
        if (problem != null) {
            throw new BrokerException(ReplyCode.PRECONDITION_FAILED,
                    "invalid arg '" + key + "' for " + queue + ": " + problem);
        }
    }

    void assertEquivalent(ResourceName queue, Map<String, Object> current, Map<String, Object> received) {
        Equivalence.assertSameArgument(queue, key,
                current.containsKey(key), current.get(key), received.containsKey(key), received.get(key));
    }

    private static String notInteger(Object value) {
        return FieldValues.isInteger(value) ? null : "\"expected integer, got " + FieldValues.typeName(value) + "\"";
    }

    private static String nonNegativeProblem(Object value) {
        String notInteger = notInteger(value);
        if (notInteger != null) {
            return notInteger;
        }
        long n = ((Number) value).longValue();
        return n < 0 ? "{value_negative," + n + "}" : null;
    }

    private static String ttlProblem(long n) {
        if (n < 0) {
            return "{value_negative," + n + "}";
        }
        return n > Expiration.MAX_MILLIS ? "{value_too_large," + n + "}" : null;
    }

    private static String unacceptableType(Object value) {
        return "{unacceptable_type," + FieldValues.typeName(value) + "}";
    }
}
