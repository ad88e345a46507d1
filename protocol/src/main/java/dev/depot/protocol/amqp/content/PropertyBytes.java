package dev.depot.protocol.amqp.content;

import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.wire.FieldTables;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * The properties of a message exactly as its publisher sent them: the 16-bit flags and the
 * values of the present properties, the tail of a basic content header. A broker stores and
 * relays these bytes unchanged (as RabbitMQ does) and reads the few properties it acts on
 * straight from them, without decoding the rest: {@link #deliveryMode()}, {@link #priority()},
 * {@link #expiration()}, {@link #userId()}, {@link #replyTo()}, {@link #headers()}.
 * {@link #withHeaders} and {@link #withReplyTo} make new bytes with other headers
 * (dead-lettering's x-death) or another reply-to (direct reply-to's address) and every other
 * property byte for byte the same.
 *
 * <p>Immutable; {@link #parse} checks the layout once, so the accessors can trust it. The two
 * lowest flag bits (a continuation flag and an unused bit, meaningless for basic's 14
 * properties) are ignored and kept, as RabbitMQ does.
 */
public final class PropertyBytes {
    /** No properties: two zero flag octets. */
    public static final PropertyBytes EMPTY = new PropertyBytes(new byte[2]);

    private final byte[] bytes;

    /** Wraps bytes known to be well-formed (this package's own encodings). */
    PropertyBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Checks and wraps a property list (not copied: the caller gives it up).
     *
     * @throws AmqpException 501 FRAME_ERROR if a present property is truncated or malformed, or
     *                       bytes follow the last one
     */
    public static PropertyBytes parse(byte[] bytes) {
        if (bytes.length < 2) {
            throw malformed("truncated");
        }
        int flags = (bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF);
        int at = 2;
        for (BasicProperty p : BasicProperty.all()) {
            if ((flags & p.flag()) == 0) {
                continue;
            }
            int end = p.end(bytes, at);
            if (end < 0) {
                throw malformed("truncated");
            }
            if (p == BasicProperty.HEADERS) {
                checkTable(bytes, at, end);
            }
            at = end;
        }
        if (at != bytes.length) {
            throw malformed((bytes.length - at) + " bytes after the last property");
        }
        return new PropertyBytes(bytes);
    }

    /** The headers table must decode: check it once here, so that {@link #headers()} never fails. */
    private static void checkTable(byte[] bytes, int at, int end) {
        try {
            FieldTables.skip(Unpooled.wrappedBuffer(bytes, at, end - at));
        } catch (AmqpException e) {
            throw malformed(e.detail());
        }
    }

    /**
     * The bytes themselves, shared: relay them, store them, never change them. A broker that
     * stored them can write them into a content header again without parsing.
     */
    public byte[] bytes() {
        return bytes;
    }

    public int flags() {
        return (bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF);
    }

    public boolean has(BasicProperty property) {
        return (flags() & property.flag()) != 0;
    }

    /** delivery-mode (2 is persistent), or null when absent. */
    public Integer deliveryMode() {
        int at = valueAt(BasicProperty.DELIVERY_MODE);
        return at < 0 ? null : bytes[at] & 0xFF;
    }

    /** priority, or null when absent. */
    public Integer priority() {
        int at = valueAt(BasicProperty.PRIORITY);
        return at < 0 ? null : bytes[at] & 0xFF;
    }

    /** expiration as sent (RabbitMQ wants a non-negative integer of milliseconds), or null when absent. */
    public String expiration() {
        return shortstr(BasicProperty.EXPIRATION);
    }

    /** user-id as sent (a broker checks it names the authenticated user), or null when absent. */
    public String userId() {
        return shortstr(BasicProperty.USER_ID);
    }

    /** reply-to as sent (RabbitMQ's direct reply-to replaces one pseudo-queue name), or null when absent. */
    public String replyTo() {
        return shortstr(BasicProperty.REPLY_TO);
    }

    private String shortstr(BasicProperty property) {
        int at = valueAt(property);
        return at < 0 ? null : new String(bytes, at + 1, bytes[at] & 0xFF, StandardCharsets.UTF_8);
    }

    /**
     * The headers table decoded (see {@link FieldTables} for the Java types), or null when
     * absent. Decoded afresh on each call: keep the result.
     */
    public Map<String, Object> headers() {
        int at = valueAt(BasicProperty.HEADERS);
        return at < 0 ? null : FieldTables.read(Unpooled.wrappedBuffer(bytes, at, bytes.length - at));
    }

    /** Every property decoded. */
    public BasicProperties decode() {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        int flags = in.readUnsignedShort();
        Object[] values = new Object[BasicProperty.all().length];
        for (BasicProperty p : BasicProperty.all()) {
            if ((flags & p.flag()) != 0) {
                values[p.ordinal()] = p.read(in);
            }
        }
        return BasicProperties.of(values);
    }

    /**
     * The same properties with the headers replaced by {@code headers} (added if absent;
     * removed if {@code headers} is null). Every other byte is kept as it was.
     *
     * @throws IllegalArgumentException if {@code headers} holds a value no field type fits
     */
    public PropertyBytes withHeaders(Map<String, ?> headers) {
        return with(BasicProperty.HEADERS, headers);
    }

    /**
     * The same properties with reply-to set to {@code replyTo} (added if absent; removed if
     * null). Every other byte is kept as it was.
     *
     * @throws IllegalArgumentException if {@code replyTo} is longer than a shortstr holds
     */
    public PropertyBytes withReplyTo(String replyTo) {
        return with(BasicProperty.REPLY_TO, replyTo);
    }

    /** The same properties with {@code property} set to {@code value}, or removed when it is null. */
    private PropertyBytes with(BasicProperty property, Object value) {
        int start = valueAt(property);
        int end;
        if (start < 0) {
            start = insertionPoint(property);
            end = start;
        } else {
            end = property.end(bytes, start);
        }
        ByteBuf out = Unpooled.buffer(bytes.length + 64);
        int flags = value == null ? flags() & ~property.flag() : flags() | property.flag();
        out.writeShort(flags);
        out.writeBytes(bytes, 2, start - 2);
        if (value != null) {
            property.write(out, value);
        }
        out.writeBytes(bytes, end, bytes.length - end);
        return new PropertyBytes(Arrays.copyOf(out.array(), out.writerIndex()));
    }

    /** Where the value of {@code property} starts, or -1 when it is absent. */
    private int valueAt(BasicProperty property) {
        return has(property) ? insertionPoint(property) : -1;
    }

    /**
     * Where the value of {@code property} is or would be: after every present property before
     * it (all of which {@link #parse} found to fit).
     */
    private int insertionPoint(BasicProperty property) {
        int flags = flags();
        int at = 2;
        for (BasicProperty p : BasicProperty.all()) {
            if (p == property) {
                return at;
            }
            if ((flags & p.flag()) != 0) {
                at = p.end(bytes, at);
            }
        }
        throw new AssertionError(property);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PropertyBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "PropertyBytes[" + HexFormat.of().formatHex(bytes) + "]";
    }

    private static AmqpException malformed(String why) {
        return new AmqpException(ReplyCode.FRAME_ERROR, "invalid content header properties: " + why);
    }
}
