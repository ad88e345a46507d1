package dev.depot.storage.broker;

/**
 * An operation refused with an AMQP reply code. {@link #replyText()} is the full text RabbitMQ
 * sends, the code's name included ("NOT_FOUND - no exchange 'x' in vhost '/'"). Thrown before
 * the operation changed anything.
 */
public final class BrokerException extends RuntimeException {
    private final ReplyCode code;

    public BrokerException(ReplyCode code, String detail) {
        super(code.name() + " - " + detail, null, false, false);
        this.code = code;
    }

    public ReplyCode code() {
        return code;
    }

    public String replyText() {
        return getMessage();
    }

    public static BrokerException notFound(ResourceName name) {
        return new BrokerException(ReplyCode.NOT_FOUND, "no " + name);
    }

    public static BrokerException defaultExchange() {
        return new BrokerException(ReplyCode.ACCESS_REFUSED, "operation not permitted on the default exchange");
    }

    public static BrokerException reservedName(ResourceName name) {
        return new BrokerException(ReplyCode.ACCESS_REFUSED,
                name.kind().label() + " name '" + name.name() + "' contains reserved prefix 'amq.*'");
    }

    public static BrokerException locked(ResourceName queue) {
        return new BrokerException(ReplyCode.RESOURCE_LOCKED, "cannot obtain exclusive access to locked " + queue
                + ". It could be originally declared on another connection or the exclusive property value"
                + " does not match that of the original declaration.");
    }

    public static BrokerException inUse(ResourceName name) {
        return new BrokerException(ReplyCode.PRECONDITION_FAILED, name + " in use");
    }
}
