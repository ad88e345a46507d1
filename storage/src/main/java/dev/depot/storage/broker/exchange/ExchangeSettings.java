package dev.depot.storage.broker.exchange;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.Equivalence;
import dev.depot.storage.broker.FieldValues;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.ResourceName;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an exchange was declared with.
 *
 * @param autoDelete deleted when its last binding (as a source) goes, once it had one
 * @param internal   clients cannot publish to it; only other exchanges route to it
 * @param arguments  as declared; only alternate-exchange means anything
 */
public record ExchangeSettings(ExchangeType type, boolean durable, boolean autoDelete, boolean internal,
                               Map<String, Object> arguments) {
    static final String ALTERNATE_EXCHANGE = "alternate-exchange";

    public ExchangeSettings {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    public static ExchangeSettings of(ExchangeType type, boolean durable) {
        return new ExchangeSettings(type, durable, false, false, Map.of());
    }

    /** Where messages that match no binding go, or null. */
    public String alternateExchange() {
        return (String) arguments.get(ALTERNATE_EXCHANGE);
    }

    /** Refuses arguments a new exchange cannot take (406): an alternate-exchange that is not a string. */
    public void validate(ResourceName name) {
        if (arguments.containsKey(ALTERNATE_EXCHANGE) && !(arguments.get(ALTERNATE_EXCHANGE) instanceof String)) {
            throw new BrokerException(ReplyCode.PRECONDITION_FAILED, "invalid type '"
                    + FieldValues.typeName(arguments.get(ALTERNATE_EXCHANGE)) + "' for arg '" + ALTERNATE_EXCHANGE
                    + "' in " + name);
        }
    }

    /** Refuses (406) a redeclaration that differs in type, flags or alternate exchange, in RabbitMQ's order. */
    public void assertEquivalent(ResourceName name, ExchangeSettings received) {
        Equivalence.assertSameField(name, "type", type.value(), received.type.value());
        Equivalence.assertSameField(name, "durable", durable, received.durable);
        Equivalence.assertSameField(name, "auto_delete", autoDelete, received.autoDelete);
        Equivalence.assertSameField(name, "internal", internal, received.internal);
        Equivalence.assertSameArgument(name, ALTERNATE_EXCHANGE,
                arguments.containsKey(ALTERNATE_EXCHANGE), arguments.get(ALTERNATE_EXCHANGE),
                received.arguments.containsKey(ALTERNATE_EXCHANGE), received.arguments.get(ALTERNATE_EXCHANGE));
    }
}
