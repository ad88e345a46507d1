package dev.depot.storage.broker;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decoded AMQP field-table values: their type names, RabbitMQ's comparisons and its way of
 * printing them in reply texts. The server's field-table codec decodes into these Java types
 * (the only ones the broker model accepts in headers and arguments):
 * <pre>
 *   null                 void        'V'
 *   Boolean              bool        't'
 *   Byte                 byte        'b'
 *   Short                short       's'
 *   Integer              signedint   'I'
 *   Long                 long        'l'
 *   Float                float       'f'
 *   Double               double      'd'
 *   BigDecimal           decimal     'D'  (scale and unscaled value both count, as on the wire)
 *   String               longstr     'S'  (text; compared with byte[] by its UTF-8 bytes)
 *   byte[]               binary      'x'
 *   Instant              timestamp   'T'  (whole seconds)
 *   Map&lt;String,?&gt;       table       'F'  (entry order kept, as decoded)
 *   List&lt;?&gt;              array       'A'
 * </pre>
 */
public final class FieldValues {
    private FieldValues() {
    }

    /** RabbitMQ's name for the AMQP type of {@code value}. */
    public static String typeName(Object value) {
        if (value == null) {
            return "void";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof Byte) {
            return "byte";
        } else if (value instanceof Short) {
            return "short";
        } else if (value instanceof Integer) {
            return "signedint";
        } else if (value instanceof Long) {
            return "long";
        } else if (value instanceof Float) {
            return "float";
        } else if (value instanceof Double) {
            return "double";
        } else if (value instanceof BigDecimal) {
            return "decimal";
        } else if (value instanceof String) {
            return "longstr";
        } else if (value instanceof byte[]) {
            return "binary";
        } else if (value instanceof Instant) {
            return "timestamp";
        } else if (value instanceof Map) {
            return "table";
        } else if (value instanceof List) {
            return "array";
        }
        throw new IllegalArgumentException("not a field value: " + value.getClass().getName());
    }

    /** Integer types of any width form one class (argument equivalence ignores the width). */
    public static String typeClass(Object value) {
        if (isInteger(value)) {
            return "int";
        }
        if (value instanceof Float || value instanceof Double) {
            return "float";
        }
        return typeName(value);
    }

    public static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    /**
     * Value equality as RabbitMQ's headers exchange sees it (Erlang {@code ==} on the decoded
     * values, types ignored): numbers by value across widths and between integers and floats,
     * timestamps as their integer seconds, text and binary by bytes, booleans only equal
     * booleans. Nested tables and arrays compare their elements with their types.
     */
    public static boolean looselyEqual(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (isNumeric(a) && isNumeric(b)) {
            if (isIntegral(a) && isIntegral(b)) {
                return integral(a) == integral(b);
            }
            return ((Number) asNumber(a)).doubleValue() == ((Number) asNumber(b)).doubleValue();
        }
        if (isBinary(a) && isBinary(b)) {
            return Arrays.equals(bytes(a), bytes(b));
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            return tablesEqual(ma, mb);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            return arraysEqual(la, lb);
        }
        return a.equals(b);
    }

    /** Equality of two values that must also have the same AMQP type (inside tables and arrays). */
    public static boolean strictlyEqual(Object a, Object b) {
        return typeName(a).equals(typeName(b)) && looselyEqual(a, b);
    }

    /**
     * Whether two argument tables are the same (binding identity, equivalence): the same names,
     * each with a value of the same type and equal value, in any order.
     */
    public static boolean sameTable(Map<String, Object> a, Map<String, Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, Object> entry : a.entrySet()) {
            if (!b.containsKey(entry.getKey()) || !strictlyEqual(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean tablesEqual(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<? extends Map.Entry<?, ?>> ia = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> ib = b.entrySet().iterator();
        while (ia.hasNext()) {
            Map.Entry<?, ?> ea = ia.next();
            Map.Entry<?, ?> eb = ib.next();
            if (!ea.getKey().equals(eb.getKey()) || !strictlyEqual(ea.getValue(), eb.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean arraysEqual(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!strictlyEqual(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumeric(Object v) {
        return v instanceof Number && !(v instanceof BigDecimal) || v instanceof Instant;
    }

    private static boolean isIntegral(Object v) {
        return isInteger(v) || v instanceof Instant;
    }

    private static long integral(Object v) {
        return v instanceof Instant instant ? instant.getEpochSecond() : ((Number) v).longValue();
    }

    private static Object asNumber(Object v) {
        return v instanceof Instant instant ? instant.getEpochSecond() : v;
    }

    private static boolean isBinary(Object v) {
        return v instanceof String || v instanceof byte[];
    }

    private static byte[] bytes(Object v) {
        return v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) v;
    }

    /** Text for a value inside a reply text: strings as they are, other values as Erlang prints them. */
    public static String format(Object value) {
        if (value == null) {
            return "undefined";
        } else if (value instanceof String s) {
            return s;
        } else if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        } else if (value instanceof BigDecimal d) {
            return "{" + d.scale() + "," + d.unscaledValue() + "}";
        } else if (value instanceof Instant instant) {
            return Long.toString(instant.getEpochSecond());
        }
        return value.toString();
    }
}
