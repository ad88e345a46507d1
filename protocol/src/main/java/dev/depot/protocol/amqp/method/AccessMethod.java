package dev.depot.protocol.amqp.method;

/**
 * Class 30, access: a leftover of AMQP 0-8 (access tickets) that AMQP 0-9-1 dropped but
 * RabbitMQ still accepts from old clients. Tickets mean nothing: every request gets ticket 1.
 */
public sealed interface AccessMethod extends Method {

    /** The realm (0-8's "/data" and the like) and the access asked for; all ignored by a broker. */
    record Request(String realm, boolean exclusive, boolean passive, boolean active, boolean write, boolean read)
            implements AccessMethod {
        static Request read(MethodReader in) {
            return new Request(in.shortstr(), in.bit(), in.bit(), in.bit(), in.bit(), in.bit());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.ACCESS_REQUEST;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortstr(realm).bit(exclusive).bit(passive).bit(active).bit(write).bit(read);
        }
    }

    /** The ticket, an unsigned short later methods would carry in their reserved first argument. */
    record RequestOk(int ticket) implements AccessMethod {
        static RequestOk read(MethodReader in) {
            return new RequestOk(in.shortUint());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.ACCESS_REQUEST_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortUint(ticket);
        }
    }
}
