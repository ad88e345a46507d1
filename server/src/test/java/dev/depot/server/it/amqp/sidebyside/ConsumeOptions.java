package dev.depot.server.it.amqp.sidebyside;

import java.util.Map;

/**
 * How a program's basic.consume asks: acknowledgement mode, tag ("" lets the server choose),
 * exclusive flag, arguments (x-priority), and what the consumer does with each delivery.
 */
record ConsumeOptions(boolean autoAck, String tag, boolean exclusive, Map<String, Object> arguments,
        RecordingConsumer.OnDelivery onDelivery) {

    private static final RecordingConsumer.OnDelivery NOTHING = (channel, envelope) -> { };

    static ConsumeOptions of(boolean autoAck) {
        return new ConsumeOptions(autoAck, "", false, Map.of(), NOTHING);
    }

    ConsumeOptions tag(String consumerTag) {
        return new ConsumeOptions(autoAck, consumerTag, exclusive, arguments, onDelivery);
    }

    ConsumeOptions asExclusive() {
        return new ConsumeOptions(autoAck, tag, true, arguments, onDelivery);
    }

    ConsumeOptions arguments(Map<String, Object> consumerArguments) {
        return new ConsumeOptions(autoAck, tag, exclusive, consumerArguments, onDelivery);
    }

    ConsumeOptions onDelivery(RecordingConsumer.OnDelivery action) {
        return new ConsumeOptions(autoAck, tag, exclusive, arguments, action);
    }
}
