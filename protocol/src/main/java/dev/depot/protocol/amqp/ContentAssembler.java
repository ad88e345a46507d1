package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.content.PropertyBytes;
import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.method.Method;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * Puts a channel's frames together into {@link Command}s: a method that carries content must be
 * followed by a content header of its class and then body frames adding up to the header's body
 * size, with nothing else in between on that channel. Out-of-order frames are connection
 * exceptions with RabbitMQ's texts, e.g. "UNEXPECTED_FRAME - expected method frame, got non method
 * frame instead" for a body frame with no header before it.
 *
 * <p>A message larger than the configured maximum is refused when its header arrives, before any
 * of its body is buffered: 406 PRECONDITION_FAILED, a channel exception, as RabbitMQ's
 * max_message_size. The server closes the channel and drops its frames until channel.close-ok.
 *
 * <p>The body is copied once, from the frames' slices into an array that grows with what
 * actually arrives (a header may announce more than the peer ever sends). One instance per
 * channel (not channel 0, whose frames never carry content), used on the connection's event
 * loop; after an exception it starts afresh.
 */
public final class ContentAssembler {
    /** The largest array a JVM reliably allocates. */
    public static final long MAX_BODY_LIMIT = Integer.MAX_VALUE - 8;
    private static final byte[] NO_BODY = new byte[0];

    private final long maxBodySize;

    /** The method waiting for its content; null while a method is expected. */
    private Method pending;
    /** The pending method's properties; null while its header is expected. */
    private PropertyBytes properties;
    private long bodySize;
    private byte[] body = NO_BODY;
    private int received;

    /** @param maxBodySize the largest body accepted (RabbitMQ's max_message_size), at most {@link #MAX_BODY_LIMIT} */
    public ContentAssembler(long maxBodySize) {
        if (maxBodySize < 0 || maxBodySize > MAX_BODY_LIMIT) {
            throw new IllegalArgumentException("maxBodySize must be within 0.." + MAX_BODY_LIMIT + ": " + maxBodySize);
        }
        this.maxBodySize = maxBodySize;
    }

    /**
     * Takes the channel's next frame, releasing it if it is a body frame.
     *
     * @return the completed command, or null while its content is still coming
     * @throws AmqpException for a frame out of order, malformed properties, or a message too large
     */
    public Command accept(Frame frame) {
        try {
            if (pending == null) {
                return acceptMethod(frame);
            }
            if (properties == null) {
                return acceptHeader(frame);
            }
            return acceptBody(frame);
        } catch (AmqpException e) {
            reset();
            throw e;
        } finally {
            if (frame instanceof ContentBodyFrame b) {
                b.release();
            }
        }
    }

    /** Forgets a partly assembled message (the channel is closing). */
    public void reset() {
        pending = null;
        properties = null;
        body = NO_BODY;
        received = 0;
    }

    private Command acceptMethod(Frame frame) {
        if (!(frame instanceof MethodFrame m)) {
            throw new AmqpException(ReplyCode.UNEXPECTED_FRAME, "expected method frame, got non method frame instead");
        }
        if (!m.method().hasContent()) {
            return new Command(m.method(), null);
        }
        pending = m.method();
        return null;
    }

    private Command acceptHeader(Frame frame) {
        // RabbitMQ takes a header of non-zero weight for something else altogether
        if (!(frame instanceof ContentHeaderFrame h) || h.weight() != 0) {
            throw unexpected("expected content header for class " + pending.classId()
                    + ", got non content header frame instead");
        }
        if (h.classId() != pending.classId()) {
            throw unexpected("expected content header for class " + pending.classId()
                    + ", got one for class " + h.classId() + " instead");
        }
        PropertyBytes parsed;
        try {
            parsed = PropertyBytes.parse(h.properties());
        } catch (AmqpException e) {
            throw e.causedBy(pending.classId(), pending.methodId());
        }
        if (Long.compareUnsigned(h.bodySize(), maxBodySize) > 0) {
            throw new AmqpException(ReplyCode.PRECONDITION_FAILED, "message size " + Long.toUnsignedString(h.bodySize())
                    + " is larger than configured max size " + maxBodySize, pending.classId(), pending.methodId());
        }
        if (h.bodySize() == 0) {
            return complete(parsed, NO_BODY);
        }
        properties = parsed;
        bodySize = h.bodySize();
        return null;
    }

    private Command acceptBody(Frame frame) {
        if (!(frame instanceof ContentBodyFrame b)) {
            throw unexpected("expected content body, got non content body frame instead");
        }
        ByteBuf payload = b.payload();
        int length = payload.readableBytes();
        if (received + (long) length > bodySize) {
            // RabbitMQ lets this pass unnoticed; the spec says the sizes must add up
            throw new AmqpException(ReplyCode.FRAME_ERROR, "content body of more than the " + bodySize
                    + " bytes its header announced", pending.classId(), pending.methodId());
        }
        if (received + length > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(bodySize, Math.max(received + length, 2L * body.length)));
        }
        payload.getBytes(payload.readerIndex(), body, received, length);
        received += length;
        return received == bodySize ? complete(properties, body) : null;
    }

    private Command complete(PropertyBytes props, byte[] completeBody) {
        Command command = new Command(pending, new Content(props, completeBody));
        reset();
        return command;
    }

    private AmqpException unexpected(String detail) {
        return new AmqpException(ReplyCode.UNEXPECTED_FRAME, detail, pending.classId(), pending.methodId());
    }
}
