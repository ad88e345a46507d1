package dev.depot.protocol.amqp.method;

import java.util.Map;

/**
 * Class 60, basic: publishing, consuming, acknowledging. Publish, return, deliver and get-ok
 * carry content. Delivery tags are unsigned 64-bit on the wire and held as their raw bits;
 * RabbitMQ's tags count up from 1 and never reach the sign bit.
 */
public sealed interface BasicMethod extends Method {

    /** prefetchSize is unsigned 32-bit; global applies the limit to the whole channel (RabbitMQ's meaning). */
    record Qos(long prefetchSize, int prefetchCount, boolean global) implements BasicMethod {
        static Qos read(MethodReader in) {
            return new Qos(in.longUint(), in.shortUint(), in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_QOS;
        }

        @Override
        public void write(MethodWriter out) {
            out.longUint(prefetchSize).shortUint(prefetchCount).bit(global);
        }
    }

    record QosOk() implements BasicMethod {
        static QosOk read(MethodReader in) {
            return new QosOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_QOS_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    record Consume(String queue, String consumerTag, boolean noLocal, boolean noAck, boolean exclusive,
                   boolean noWait, Map<String, Object> arguments) implements BasicMethod {
        static Consume read(MethodReader in) {
            in.reservedShort();
            return new Consume(in.shortstr(), in.shortstr(), in.bit(), in.bit(), in.bit(), in.bit(), in.table());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_CONSUME;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(queue).shortstr(consumerTag)
                    .bit(noLocal).bit(noAck).bit(exclusive).bit(noWait).table(arguments);
        }
    }

    record ConsumeOk(String consumerTag) implements BasicMethod {
        static ConsumeOk read(MethodReader in) {
            return new ConsumeOk(in.shortstr());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_CONSUME_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortstr(consumerTag);
        }
    }

    /** Sent by clients, and by RabbitMQ to consumers whose queue went away. */
    record Cancel(String consumerTag, boolean noWait) implements BasicMethod {
        static Cancel read(MethodReader in) {
            return new Cancel(in.shortstr(), in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_CANCEL;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortstr(consumerTag).bit(noWait);
        }
    }

    record CancelOk(String consumerTag) implements BasicMethod {
        static CancelOk read(MethodReader in) {
            return new CancelOk(in.shortstr());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_CANCEL_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortstr(consumerTag);
        }
    }

    record Publish(String exchange, String routingKey, boolean mandatory, boolean immediate) implements BasicMethod {
        static Publish read(MethodReader in) {
            in.reservedShort();
            return new Publish(in.shortstr(), in.shortstr(), in.bit(), in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_PUBLISH;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(exchange).shortstr(routingKey).bit(mandatory).bit(immediate);
        }
    }

    record Return(int replyCode, String replyText, String exchange, String routingKey) implements BasicMethod {
        static Return read(MethodReader in) {
            return new Return(in.shortUint(), in.shortstr(), in.shortstr(), in.shortstr());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_RETURN;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortUint(replyCode).shortstr(replyText).shortstr(exchange).shortstr(routingKey);
        }
    }

    record Deliver(String consumerTag, long deliveryTag, boolean redelivered, String exchange, String routingKey)
            implements BasicMethod {
        static Deliver read(MethodReader in) {
            return new Deliver(in.shortstr(), in.longlong(), in.bit(), in.shortstr(), in.shortstr());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_DELIVER;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortstr(consumerTag).longlong(deliveryTag).bit(redelivered).shortstr(exchange).shortstr(routingKey);
        }
    }

    record Get(String queue, boolean noAck) implements BasicMethod {
        static Get read(MethodReader in) {
            in.reservedShort();
            return new Get(in.shortstr(), in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_GET;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShort().shortstr(queue).bit(noAck);
        }
    }

    /** messageCount (unsigned 32-bit): messages left in the queue. */
    record GetOk(long deliveryTag, boolean redelivered, String exchange, String routingKey, long messageCount)
            implements BasicMethod {
        static GetOk read(MethodReader in) {
            return new GetOk(in.longlong(), in.bit(), in.shortstr(), in.shortstr(), in.longUint());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_GET_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.longlong(deliveryTag).bit(redelivered).shortstr(exchange).shortstr(routingKey).longUint(messageCount);
        }
    }

    /** Reserved: cluster-id (shortstr). */
    record GetEmpty() implements BasicMethod {
        static GetEmpty read(MethodReader in) {
            in.reservedShortstr();
            return new GetEmpty();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_GET_EMPTY;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShortstr();
        }
    }

    /** From a client: acknowledges deliveries. From the server: confirms publishes. */
    record Ack(long deliveryTag, boolean multiple) implements BasicMethod {
        static Ack read(MethodReader in) {
            return new Ack(in.longlong(), in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_ACK;
        }

        @Override
        public void write(MethodWriter out) {
            out.longlong(deliveryTag).bit(multiple);
        }
    }

    record Reject(long deliveryTag, boolean requeue) implements BasicMethod {
        static Reject read(MethodReader in) {
            return new Reject(in.longlong(), in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_REJECT;
        }

        @Override
        public void write(MethodWriter out) {
            out.longlong(deliveryTag).bit(requeue);
        }
    }

    /** Deprecated by the spec in favour of recover; still sent by some clients. */
    record RecoverAsync(boolean requeue) implements BasicMethod {
        static RecoverAsync read(MethodReader in) {
            return new RecoverAsync(in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_RECOVER_ASYNC;
        }

        @Override
        public void write(MethodWriter out) {
            out.bit(requeue);
        }
    }

    record Recover(boolean requeue) implements BasicMethod {
        static Recover read(MethodReader in) {
            return new Recover(in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_RECOVER;
        }

        @Override
        public void write(MethodWriter out) {
            out.bit(requeue);
        }
    }

    record RecoverOk() implements BasicMethod {
        static RecoverOk read(MethodReader in) {
            return new RecoverOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_RECOVER_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    /** RabbitMQ's extension: reject several deliveries at once; from the server, a negative confirm. */
    record Nack(long deliveryTag, boolean multiple, boolean requeue) implements BasicMethod {
        static Nack read(MethodReader in) {
            return new Nack(in.longlong(), in.bit(), in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.BASIC_NACK;
        }

        @Override
        public void write(MethodWriter out) {
            out.longlong(deliveryTag).bit(multiple).bit(requeue);
        }
    }
}
