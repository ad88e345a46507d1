package dev.depot.protocol.amqp.method;

import dev.depot.protocol.amqp.error.AmqpException;

/** Class 20, channel: opening, flow control, closing. */
public sealed interface ChannelMethod extends Method {

    /** Reserved: out-of-band (shortstr). */
    record Open() implements ChannelMethod {
        static Open read(MethodReader in) {
            in.reservedShortstr();
            return new Open();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_OPEN;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShortstr();
        }
    }

    /** Reserved: channel-id (longstr). */
    record OpenOk() implements ChannelMethod {
        static OpenOk read(MethodReader in) {
            in.reservedLongstr();
            return new OpenOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_OPEN_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedLongstr();
        }
    }

    record Flow(boolean active) implements ChannelMethod {
        static Flow read(MethodReader in) {
            return new Flow(in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_FLOW;
        }

        @Override
        public void write(MethodWriter out) {
            out.bit(active);
        }
    }

    record FlowOk(boolean active) implements ChannelMethod {
        static FlowOk read(MethodReader in) {
            return new FlowOk(in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_FLOW_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.bit(active);
        }
    }

    /**
     * causeClassId and causeMethodId name the method that caused the close, or are 0 (the
     * spec's class-id and method-id, renamed so as not to shadow {@link Method#classId()}).
     */
    record Close(int replyCode, String replyText, int causeClassId, int causeMethodId) implements ChannelMethod {
        /** The channel.close that reports {@code e}. */
        public static Close of(AmqpException e) {
            return new Close(e.code().code(), e.replyText(), e.classId(), e.methodId());
        }

        static Close read(MethodReader in) {
            return new Close(in.shortUint(), in.shortstr(), in.shortUint(), in.shortUint());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_CLOSE;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortUint(replyCode).shortstr(replyText).shortUint(causeClassId).shortUint(causeMethodId);
        }
    }

    record CloseOk() implements ChannelMethod {
        static CloseOk read(MethodReader in) {
            return new CloseOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CHANNEL_CLOSE_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }
}
