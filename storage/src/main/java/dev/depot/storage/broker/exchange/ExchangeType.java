package dev.depot.storage.broker.exchange;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.routing.DirectTable;
import dev.depot.storage.broker.routing.FanoutTable;
import dev.depot.storage.broker.routing.HeadersTable;
import dev.depot.storage.broker.routing.RoutingTable;
import dev.depot.storage.broker.routing.TopicTable;

/** The exchange types and the routing table each one routes with. */
public enum ExchangeType {
    DIRECT("direct"),
    FANOUT("fanout"),
    TOPIC("topic"),
    HEADERS("headers");

    private final String value;

    ExchangeType(String value) {
        this.value = value;
    }

    /** The name exchange.declare carries. */
    public String value() {
        return value;
    }

    /** The type exchange.declare names; an unknown one is a connection error (503), as in RabbitMQ. */
    public static ExchangeType parse(String value) {
        for (ExchangeType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        throw new BrokerException(ReplyCode.COMMAND_INVALID, "unknown exchange type '" + value + "'");
    }

    <T> RoutingTable<T> newTable() {
        return switch (this) {
            case DIRECT -> new DirectTable<>();
            case FANOUT -> new FanoutTable<>();
            case TOPIC -> new TopicTable<>();
            case HEADERS -> new HeadersTable<>();
        };
    }
}
