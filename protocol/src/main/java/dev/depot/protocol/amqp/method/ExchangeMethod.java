package dev.depot.protocol.amqp.method;

import java.util.Map;

/**
 * Class 40, exchange. RabbitMQ gives the spec's reserved bits of declare a meaning
 * (auto-delete, internal) and adds exchange-to-exchange bind and unbind.
 */
public sealed interface ExchangeMethod extends Method {

    record Declare(String exchange, String type, boolean passive, boolean durable, boolean autoDelete,
                   boolean internal, boolean noWait, Map<String, Object> arguments) implements ExchangeMethod {
        static Declare read(MethodReader in) {
            in.reservedShort();
            return new Declare(in.shortstr(), in.shortstr(), in.bit(), in.bit(), in.bit(), in.bit(), in.bit(), in.table());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_DECLARE;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(exchange).shortstr(type)
                    .bit(passive).bit(durable).bit(autoDelete).bit(internal).bit(noWait).table(arguments);
        }
    }

    record DeclareOk() implements ExchangeMethod {
        static DeclareOk read(MethodReader in) {
            return new DeclareOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_DECLARE_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    record Delete(String exchange, boolean ifUnused, boolean noWait) implements ExchangeMethod {
        static Delete read(MethodReader in) {
            in.reservedShort();
            return new Delete(in.shortstr(), in.bit(), in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_DELETE;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(exchange).bit(ifUnused).bit(noWait);
        }
    }

    record DeleteOk() implements ExchangeMethod {
        static DeleteOk read(MethodReader in) {
            return new DeleteOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_DELETE_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    /** Routes what reaches {@code source} on to {@code destination} too. */
    record Bind(String destination, String source, String routingKey, boolean noWait,
                Map<String, Object> arguments) implements ExchangeMethod {
        static Bind read(MethodReader in) {
            in.reservedShort();
            return new Bind(in.shortstr(), in.shortstr(), in.shortstr(), in.bit(), in.table());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_BIND;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(destination).shortstr(source).shortstr(routingKey).bit(noWait).table(arguments);
        }
    }

    record BindOk() implements ExchangeMethod {
        static BindOk read(MethodReader in) {
            return new BindOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_BIND_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    record Unbind(String destination, String source, String routingKey, boolean noWait,
                  Map<String, Object> arguments) implements ExchangeMethod {
        static Unbind read(MethodReader in) {
            in.reservedShort();
            return new Unbind(in.shortstr(), in.shortstr(), in.shortstr(), in.bit(), in.table());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_UNBIND;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(destination).shortstr(source).shortstr(routingKey).bit(noWait).table(arguments);
        }
    }

    record UnbindOk() implements ExchangeMethod {
        static UnbindOk read(MethodReader in) {
            return new UnbindOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.EXCHANGE_UNBIND_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }
}
