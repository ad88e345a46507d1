package dev.depot.protocol.amqp.method;

/** Class 85, confirm (RabbitMQ's extension): publisher confirms. */
public sealed interface ConfirmMethod extends Method {

    record Select(boolean noWait) implements ConfirmMethod {
        static Select read(MethodReader in) {
            return new Select(in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONFIRM_SELECT;
        }

        @Override
        public void write(MethodWriter out) {
            out.bit(noWait);
        }
    }

    record SelectOk() implements ConfirmMethod {
        static SelectOk read(MethodReader in) {
            return new SelectOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONFIRM_SELECT_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }
}
