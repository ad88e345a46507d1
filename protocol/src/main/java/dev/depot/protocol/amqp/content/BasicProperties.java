package dev.depot.protocol.amqp.content;

import dev.depot.protocol.amqp.wire.Timestamp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Arrays;
import java.util.Map;

/**
 * The properties of class basic, decoded; null means absent. {@link PropertyBytes} is the form
 * a broker keeps; this one is for building properties and for looking at all of them.
 *
 * @param headers      see {@link dev.depot.protocol.amqp.wire.FieldTables} for the value types
 * @param deliveryMode an octet: 1 transient, 2 persistent
 * @param priority     an octet
 */
public record BasicProperties(String contentType, String contentEncoding, Map<String, Object> headers,
                              Integer deliveryMode, Integer priority, String correlationId, String replyTo,
                              String expiration, String messageId, Timestamp timestamp, String type,
                              String userId, String appId, String clusterId) {

    public static final BasicProperties EMPTY =
            new BasicProperties(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    public BasicProperties {
        checkOctet("deliveryMode", deliveryMode);
        checkOctet("priority", priority);
    }

    /** From values in {@link BasicProperty} order. */
    @SuppressWarnings("unchecked")
    static BasicProperties of(Object[] v) {
        return new BasicProperties((String) v[0], (String) v[1], (Map<String, Object>) v[2], (Integer) v[3],
                (Integer) v[4], (String) v[5], (String) v[6], (String) v[7], (String) v[8], (Timestamp) v[9],
                (String) v[10], (String) v[11], (String) v[12], (String) v[13]);
    }

    /**
     * Encodes the present properties.
     *
     * @throws IllegalArgumentException for a string longer than 255 UTF-8 bytes or a header value no field type fits
     */
    public PropertyBytes encode() {
        Object[] values = {contentType, contentEncoding, headers, deliveryMode, priority, correlationId, replyTo,
                expiration, messageId, timestamp, type, userId, appId, clusterId};
        ByteBuf out = Unpooled.buffer(64);
        out.writeShort(0);
        int flags = 0;
        for (BasicProperty p : BasicProperty.all()) {
            Object value = values[p.ordinal()];
            if (value != null) {
                flags |= p.flag();
                p.write(out, value);
            }
        }
        out.setShort(0, flags);
        return new PropertyBytes(Arrays.copyOf(out.array(), out.writerIndex()));
    }

    private static void checkOctet(String name, Integer value) {
        if (value != null && (value < 0 || value > 255)) {
            throw new IllegalArgumentException(name + " must be an octet: " + value);
        }
    }
}
