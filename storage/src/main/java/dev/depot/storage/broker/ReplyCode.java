package dev.depot.storage.broker;

/**
 * The AMQP 0-9-1 reply codes the broker model refuses operations with. Channel-level codes close
 * the channel; the others close the whole connection (RabbitMQ's choice for each is followed).
 */
public enum ReplyCode {
    ACCESS_REFUSED(403, false),
    NOT_FOUND(404, false),
    RESOURCE_LOCKED(405, false),
    PRECONDITION_FAILED(406, false),
    COMMAND_INVALID(503, true),
    NOT_ALLOWED(530, true);

    private final int code;
    private final boolean closesConnection;

    ReplyCode(int code, boolean closesConnection) {
        this.code = code;
        this.closesConnection = closesConnection;
    }

    public int code() {
        return code;
    }

    /** True when the error is a connection exception (connection.close) rather than a channel one. */
    public boolean closesConnection() {
        return closesConnection;
    }
}
