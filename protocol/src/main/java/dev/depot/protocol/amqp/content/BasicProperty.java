package dev.depot.protocol.amqp.content;

import dev.depot.protocol.amqp.wire.FieldTables;
import dev.depot.protocol.amqp.wire.ShortStrings;
import dev.depot.protocol.amqp.wire.Timestamp;
import io.netty.buffer.ByteBuf;

import java.util.Map;

/**
 * The 14 properties of class basic, in wire order: property i is present when bit 15 - i of the
 * flags is set, and present properties follow the flags in this order.
 */
public enum BasicProperty {
    CONTENT_TYPE(Type.SHORTSTR),
    CONTENT_ENCODING(Type.SHORTSTR),
    HEADERS(Type.TABLE),
    /** 1 transient, 2 persistent. */
    DELIVERY_MODE(Type.OCTET),
    PRIORITY(Type.OCTET),
    CORRELATION_ID(Type.SHORTSTR),
    REPLY_TO(Type.SHORTSTR),
    /** Per-message TTL in milliseconds, as a decimal string. */
    EXPIRATION(Type.SHORTSTR),
    MESSAGE_ID(Type.SHORTSTR),
    TIMESTAMP(Type.TIMESTAMP),
    TYPE(Type.SHORTSTR),
    /** RabbitMQ checks it against the connection's user. */
    USER_ID(Type.SHORTSTR),
    APP_ID(Type.SHORTSTR),
    /** Reserved by the spec; relayed as it is. */
    CLUSTER_ID(Type.SHORTSTR);

    /** How a property's value is laid out. */
    enum Type {
        SHORTSTR, TABLE, OCTET, TIMESTAMP
    }

    private static final BasicProperty[] ALL = values();

    private final Type type;

    BasicProperty(Type type) {
        this.type = type;
    }

    static BasicProperty[] all() {
        return ALL;
    }

    /** Its bit in the 16-bit property flags. */
    public int flag() {
        return 1 << (15 - ordinal());
    }

    Type type() {
        return type;
    }

    /**
     * Where the value starting at {@code at} ends, or -1 if {@code bytes} ends before it does.
     * A table's entries are not looked at.
     */
    int end(byte[] bytes, int at) {
        long end = switch (type) {
            case SHORTSTR -> at < bytes.length ? at + 1L + (bytes[at] & 0xFF) : -1;
            case TABLE -> at + 4 <= bytes.length ? at + 4L + ((bytes[at] & 0xFFL) << 24 | (bytes[at + 1] & 0xFF) << 16
                    | (bytes[at + 2] & 0xFF) << 8 | (bytes[at + 3] & 0xFF)) : -1;
            case OCTET -> at + 1L;
            case TIMESTAMP -> at + 8L;
        };
        return end > bytes.length ? -1 : (int) end;
    }

    /** Decodes a value: String, Map&lt;String, Object&gt;, Integer or Timestamp by type. */
    Object read(ByteBuf in) {
        return switch (type) {
            case SHORTSTR -> ShortStrings.readLenient(in);
            case TABLE -> FieldTables.read(in);
            case OCTET -> Integer.valueOf(in.readUnsignedByte());
            case TIMESTAMP -> new Timestamp(in.readLong());
        };
    }

    @SuppressWarnings("unchecked")
    void write(ByteBuf out, Object value) {
        switch (type) {
            case SHORTSTR -> ShortStrings.write(out, (String) value);
            case TABLE -> FieldTables.write(out, (Map<String, ?>) value);
            case OCTET -> out.writeByte((Integer) value);
            case TIMESTAMP -> out.writeLong(((Timestamp) value).epochSeconds());
        }
    }
}
