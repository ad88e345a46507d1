package dev.depot.protocol.amqp.error;

/**
 * The reply codes of AMQP 0-9-1 (the spec's "constants" section), named as RabbitMQ names them
 * in reply texts ("NOT_FOUND - no queue 'q' in vhost '/'"). A channel exception closes the
 * channel it happened on; a connection exception (the spec's "hard error") closes the connection.
 */
public enum ReplyCode {
    /** Not an error: the reply code of a normal channel.close or connection.close. */
    REPLY_SUCCESS(200, false),
    CONTENT_TOO_LARGE(311, false),
    /** basic.return of a mandatory message no queue took. */
    NO_ROUTE(312, false),
    /** basic.return of an immediate message no consumer took. */
    NO_CONSUMERS(313, false),
    CONNECTION_FORCED(320, true),
    INVALID_PATH(402, true),
    ACCESS_REFUSED(403, false),
    NOT_FOUND(404, false),
    RESOURCE_LOCKED(405, false),
    PRECONDITION_FAILED(406, false),
    FRAME_ERROR(501, true),
    SYNTAX_ERROR(502, true),
    COMMAND_INVALID(503, true),
    CHANNEL_ERROR(504, true),
    UNEXPECTED_FRAME(505, true),
    RESOURCE_ERROR(506, true),
    NOT_ALLOWED(530, true),
    NOT_IMPLEMENTED(540, true),
    INTERNAL_ERROR(541, true);

    private final int code;
    private final boolean connectionException;

    ReplyCode(int code, boolean connectionException) {
        this.code = code;
        this.connectionException = connectionException;
    }

    /** The number on the wire, e.g. 404. */
    public int code() {
        return code;
    }

    /**
     * Whether the spec classes this code as a connection exception. False for the channel
     * exceptions and for {@link #REPLY_SUCCESS}, which is no exception at all.
     */
    public boolean isConnectionException() {
        return connectionException;
    }

    /**
     * The reply text RabbitMQ would send: the code's name, " - ", then the detail; only the name
     * when {@code detail} is null (RabbitMQ's bare "INTERNAL_ERROR" for a crashed channel).
     */
    public String replyText(String detail) {
        return detail == null ? name() : name() + " - " + detail;
    }
}
