package dev.depot.server.amqp;

import dev.depot.protocol.amqp.wire.BinaryString;
import dev.depot.protocol.amqp.wire.ByteArray;
import dev.depot.protocol.amqp.wire.Timestamp;
import dev.depot.protocol.amqp.wire.UnsignedByte;
import dev.depot.protocol.amqp.wire.UnsignedInt;
import dev.depot.protocol.amqp.wire.UnsignedShort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates field-table values between the codec's Java types (one per wire type letter, so a
 * table re-encodes byte for byte) and the broker model's (see storage's FieldValues, which has
 * no unsigned types since RabbitMQ compares numbers by value). The unsigned types become the next
 * wider signed ones; binary longstrs and byte arrays become byte[]; timestamps become Instants.
 */
final class FieldValueBridge {
    private FieldValueBridge() {
    }

    /** A decoded table (codec types) as the broker takes it; null stays empty. */
    static Map<String, Object> toBroker(Map<String, Object> table) {
        if (table == null || table.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>(table.size() * 2);
        table.forEach((k, v) -> out.put(k, toBroker(v)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object toBroker(Object value) {
        if (value instanceof UnsignedByte b) {
            return (short) b.value();
        } else if (value instanceof UnsignedShort s) {
            return s.value();
        } else if (value instanceof UnsignedInt i) {
            return i.value();
        } else if (value instanceof BinaryString s) {
            return s.bytes();
        } else if (value instanceof ByteArray a) {
            return a.bytes();
        } else if (value instanceof Timestamp t) {
            return Instant.ofEpochSecond(t.epochSeconds());
        } else if (value instanceof Map<?, ?> m) {
            return toBroker((Map<String, Object>) m);
        } else if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(toBroker(x)));
            return Collections.unmodifiableList(out);
        }
        return value;
    }

    /**
     * A broker table back in codec types, for encoding. Where {@code original} (the codec table the
     * broker's came from) has the same key with a value the broker sees as equal, the original value
     * is kept, so untouched headers keep their exact wire types.
     */
    static Map<String, Object> toCodec(Map<String, Object> table, Map<String, Object> original) {
        Map<String, Object> out = new LinkedHashMap<>(table.size() * 2);
        table.forEach((k, v) -> {
            Object before = original == null ? null : original.get(k);
            boolean unchanged = original != null && original.containsKey(k) && sameInBroker(before, v);
            out.put(k, unchanged ? before : toCodec(v));
        });
        return out;
    }

    private static boolean sameInBroker(Object codecValue, Object brokerValue) {
        Object converted = toBroker(codecValue);
        if (converted instanceof byte[] a && brokerValue instanceof byte[] b) {
            return java.util.Arrays.equals(a, b);
        }
        return converted == null ? brokerValue == null : converted.equals(brokerValue);
    }

    @SuppressWarnings("unchecked")
    private static Object toCodec(Object value) {
        if (value instanceof byte[] bytes) {
            return new ByteArray(bytes);
        } else if (value instanceof Instant instant) {
            return new Timestamp(instant.getEpochSecond());
        } else if (value instanceof Map<?, ?> m) {
            return toCodec((Map<String, Object>) m, null);
        } else if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(toCodec(x)));
            return out;
        }
        return value;
    }
}
