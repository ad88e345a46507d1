package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.FieldValues;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.ResourceName;

import java.util.Map;

/**
 * How a consumer subscribes.
 *
 * @param exclusive the only consumer of the queue (basic.consume exclusive)
 * @param autoAck   deliveries count as acknowledged when handed out (no-ack)
 * @param priority  x-priority: consumers of higher priority are served first
 */
public record ConsumerOptions(boolean exclusive, boolean autoAck, long priority) {
    private static final String PRIORITY = "x-priority";

    /** Reads x-priority from basic.consume's arguments (any integer; others refused with 406). */
    public static ConsumerOptions of(boolean exclusive, boolean autoAck, Map<String, Object> arguments,
                                     ResourceName queue) {
        Object priority = arguments.get(PRIORITY);
        if (priority == null) {
            return new ConsumerOptions(exclusive, autoAck, 0);
        }
        if (!FieldValues.isInteger(priority)) {
            throw new BrokerException(ReplyCode.PRECONDITION_FAILED, "invalid arg '" + PRIORITY + "' for " + queue
                    + ": \"expected integer, got " + FieldValues.typeName(priority) + "\"");
        }
        return new ConsumerOptions(exclusive, autoAck, ((Number) priority).longValue());
    }
}
