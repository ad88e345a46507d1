package dev.depot.protocol.amqp.method;

import java.util.Map;

/** Class 50, queue. An empty queue name in declare asks the server to make one up. */
public sealed interface QueueMethod extends Method {

    record Declare(String queue, boolean passive, boolean durable, boolean exclusive, boolean autoDelete,
                   boolean noWait, Map<String, Object> arguments) implements QueueMethod {
        static Declare read(MethodReader in) {
            in.reservedShort();
            return new Declare(in.shortstr(), in.bit(), in.bit(), in.bit(), in.bit(), in.bit(), in.table());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_DECLARE;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(queue)
                    .bit(passive).bit(durable).bit(exclusive).bit(autoDelete).bit(noWait).table(arguments);
        }
    }

    /** Counts are unsigned 32-bit. */
    record DeclareOk(String queue, long messageCount, long consumerCount) implements QueueMethod {
        static DeclareOk read(MethodReader in) {
            return new DeclareOk(in.shortstr(), in.longUint(), in.longUint());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_DECLARE_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortstr(queue).longUint(messageCount).longUint(consumerCount);
        }
    }

    record Bind(String queue, String exchange, String routingKey, boolean noWait,
                Map<String, Object> arguments) implements QueueMethod {
        static Bind read(MethodReader in) {
            in.reservedShort();
            return new Bind(in.shortstr(), in.shortstr(), in.shortstr(), in.bit(), in.table());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_BIND;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(queue).shortstr(exchange).shortstr(routingKey).bit(noWait).table(arguments);
        }
    }

    record BindOk() implements QueueMethod {
        static BindOk read(MethodReader in) {
            return new BindOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_BIND_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    record Purge(String queue, boolean noWait) implements QueueMethod {
        static Purge read(MethodReader in) {
            in.reservedShort();
            return new Purge(in.shortstr(), in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_PURGE;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(queue).bit(noWait);
        }
    }

    record PurgeOk(long messageCount) implements QueueMethod {
        static PurgeOk read(MethodReader in) {
            return new PurgeOk(in.longUint());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_PURGE_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.longUint(messageCount);
        }
    }

    record Delete(String queue, boolean ifUnused, boolean ifEmpty, boolean noWait) implements QueueMethod {
        static Delete read(MethodReader in) {
            in.reservedShort();
            return new Delete(in.shortstr(), in.bit(), in.bit(), in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_DELETE;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(queue).bit(ifUnused).bit(ifEmpty).bit(noWait);
        }
    }

    record DeleteOk(long messageCount) implements QueueMethod {
        static DeleteOk read(MethodReader in) {
            return new DeleteOk(in.longUint());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_DELETE_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.longUint(messageCount);
        }
    }

    /** Unlike bind, unbind has no no-wait bit. */
    record Unbind(String queue, String exchange, String routingKey, Map<String, Object> arguments)
            implements QueueMethod {
        static Unbind read(MethodReader in) {
            in.reservedShort();
            return new Unbind(in.shortstr(), in.shortstr(), in.shortstr(), in.table());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_UNBIND;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(queue).shortstr(exchange).shortstr(routingKey).table(arguments);
        }
    }

    record UnbindOk() implements QueueMethod {
        static UnbindOk read(MethodReader in) {
            return new UnbindOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.QUEUE_UNBIND_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }
}
