package dev.depot.protocol.amqp.error;

import java.nio.charset.StandardCharsets;

/**
 * An AMQP exception: what goes into a channel.close or connection.close. It is the only
 * exception the codec throws on bad input, so a server can catch it, close what
 * {@link #closesConnection()} says, and trust that anything else is a bug.
 *
 * <p>It carries no stack trace: peers cause these at will, so they must be cheap.
 */
public final class AmqpException extends RuntimeException {
    /** Reply texts are shortstrs. */
    private static final int MAX_REPLY_TEXT = 255;

    private final ReplyCode code;
    private final String detail;
    private final boolean closesConnection;
    private final int classId;
    private final int methodId;

    private AmqpException(ReplyCode code, String detail, boolean closesConnection, int classId, int methodId) {
        super(code.replyText(detail), null, false, false);
        this.code = code;
        this.detail = detail;
        this.closesConnection = closesConnection;
        this.classId = classId;
        this.methodId = methodId;
    }

    /** An exception of the scope the spec gives {@code code}, not caused by a particular method. */
    public AmqpException(ReplyCode code, String detail) {
        this(code, detail, code.isConnectionException(), 0, 0);
    }

    /** An exception caused by the method {@code classId}.{@code methodId}, of the scope the spec gives {@code code}. */
    public AmqpException(ReplyCode code, String detail, int classId, int methodId) {
        this(code, detail, code.isConnectionException(), classId, methodId);
    }

    /**
     * An exception that closes the connection whatever its code, as RabbitMQ does with
     * 403 ACCESS_REFUSED for a failed login, a channel exception by the spec's table.
     */
    public static AmqpException closingConnection(ReplyCode code, String detail, int classId, int methodId) {
        return new AmqpException(code, detail, true, classId, methodId);
    }

    /** The same exception, blamed on the method {@code classId}.{@code methodId}. */
    public AmqpException causedBy(int classId, int methodId) {
        return new AmqpException(code, detail, closesConnection, classId, methodId);
    }

    public ReplyCode code() {
        return code;
    }

    /** The text after "CODE_NAME - ". */
    public String detail() {
        return detail;
    }

    /** True for a connection.close, false for a channel.close. */
    public boolean closesConnection() {
        return closesConnection;
    }

    /** The class of the method that caused it, or 0. */
    public int classId() {
        return classId;
    }

    /** The method (within {@link #classId()}) that caused it, or 0. */
    public int methodId() {
        return methodId;
    }

    /**
     * The close's reply-text, "CODE_NAME - detail", cut to the 255 bytes a shortstr holds
     * (at a character boundary).
     */
    public String replyText() {
        String text = getMessage();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_REPLY_TEXT) {
            return text;
        }
        int end = MAX_REPLY_TEXT;
        while ((utf8[end] & 0xC0) == 0x80) { // never cut inside a multi-byte sequence
            end--;
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }
}
