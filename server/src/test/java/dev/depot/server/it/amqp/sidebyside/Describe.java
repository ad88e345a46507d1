package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One line of text for each thing a client observes. Field values carry their AMQP type (the
 * client reads each type into a different Java class: {@code I:1} is a long-int, {@code l:1} a
 * long-long), so a broker that sends the right number in the wrong type differs. Field tables
 * are printed in key order: the Java client reads them into a hash map, so their wire order is
 * not observable. The one value normalised is the {@code time} of an x-death entry (when the
 * message died).
 */
final class Describe {
    private Describe() {
    }

    static String delivery(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        return "tag=" + envelope.getDeliveryTag() + " redelivered=" + envelope.isRedeliver()
                + " exchange=" + quote(envelope.getExchange()) + " key=" + quote(envelope.getRoutingKey())
                + " " + properties(properties) + " " + body(body);
    }

    static String properties(AMQP.BasicProperties p) {
        Map<String, String> set = new java.util.LinkedHashMap<>();
        put(set, "content-type", p.getContentType(), Describe::quote);
        put(set, "content-encoding", p.getContentEncoding(), Describe::quote);
        put(set, "headers", p.getHeaders(), Describe::headers);
        put(set, "delivery-mode", p.getDeliveryMode(), String::valueOf);
        put(set, "priority", p.getPriority(), String::valueOf);
        put(set, "correlation-id", p.getCorrelationId(), Describe::quote);
        put(set, "reply-to", p.getReplyTo(), Describe::quote);
        put(set, "expiration", p.getExpiration(), Describe::quote);
        put(set, "message-id", p.getMessageId(), Describe::quote);
        put(set, "timestamp", p.getTimestamp(), d -> Long.toString(d.getTime() / 1000));
        put(set, "type", p.getType(), Describe::quote);
        put(set, "user-id", p.getUserId(), Describe::quote);
        put(set, "app-id", p.getAppId(), Describe::quote);
        put(set, "cluster-id", p.getClusterId(), Describe::quote);
        StringBuilder out = new StringBuilder("{");
        set.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return out.append('}').toString();
    }

    private static <T> void put(Map<String, String> set, String name, T value, Function<T, String> format) {
        if (value != null) {
            set.put(name, format.apply(value));
        }
    }

    private static String headers(Map<String, Object> headers) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(headers).forEach((k, v) -> {
            out.append(out.length() > 1 ? ", " : "").append(k).append('=');
            out.append("x-death".equals(k) ? xDeath(v) : value(v));
        });
        return out.append('}').toString();
    }

    /** The x-death header with each entry's time (when the message died) left out. */
    private static String xDeath(Object header) {
        if (!(header instanceof List<?> entries)) {
            return value(header);
        }
        StringBuilder out = new StringBuilder("A:[");
        for (Object entry : entries) {
            out.append(out.length() > 3 ? ", " : "");
            if (entry instanceof Map<?, ?> table) {
                Map<String, Object> copy = new TreeMap<>();
                table.forEach((k, v) -> copy.put(k.toString(), "time".equals(k) && v instanceof Date ? TIME : v));
                out.append(value(copy));
            } else {
                out.append(value(entry));
            }
        }
        return out.append(']').toString();
    }

    /** Stands for a normalised timestamp. */
    private static final Object TIME = new Object() {
        @Override
        public String toString() {
            return "T:<time>";
        }
    };

    /** A field value with its type, as the Java client decoded it. */
    static String value(Object v) {
        if (v == null) {
            return "V";
        } else if (v == TIME) {
            return v.toString();
        } else if (v instanceof LongString s) {
            return "S:" + quote(s.toString());
        } else if (v instanceof String s) {
            return "S:" + quote(s);
        } else if (v instanceof Integer i) {
            return "I:" + i;
        } else if (v instanceof Long l) {
            return "l:" + l;
        } else if (v instanceof Short s) {
            return "s:" + s;
        } else if (v instanceof Byte b) {
            return "b:" + b;
        } else if (v instanceof Boolean b) {
            return "t:" + b;
        } else if (v instanceof Double d) {
            return "d:" + d;
        } else if (v instanceof Float f) {
            return "f:" + f;
        } else if (v instanceof BigDecimal d) {
            return "D:" + d;
        } else if (v instanceof Date d) {
            return "T:" + d.getTime() / 1000;
        } else if (v instanceof byte[] bytes) {
            return "x:" + HexFormat.of().formatHex(bytes);
        } else if (v instanceof Map<?, ?> table) {
            StringBuilder out = new StringBuilder("F:{");
            new TreeMap<>(table).forEach((k, e) ->
                    out.append(out.length() > 3 ? ", " : "").append(k).append('=').append(value(e)));
            return out.append('}').toString();
        } else if (v instanceof List<?> list) {
            StringBuilder out = new StringBuilder("A:[");
            list.forEach(e -> out.append(out.length() > 3 ? ", " : "").append(value(e)));
            return out.append(']').toString();
        }
        return v.getClass().getSimpleName() + ":" + v;
    }

    /** A body as text when it is short printable ASCII, else in hex when short, else its size and CRC-32. */
    static String body(byte[] body) {
        if (body.length > 64) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(body);
            return "<" + body.length + " bytes, crc32 " + Long.toHexString(crc.getValue()) + ">";
        }
        for (byte b : body) {
            if (b < 0x20 || b > 0x7e) {
                return "x:" + HexFormat.of().formatHex(body);
            }
        }
        return quote(new String(body, StandardCharsets.US_ASCII));
    }

    static String quote(String s) {
        return '"' + s + '"';
    }

    /** The close that ended a channel or connection: who sent it, code, text and the failing method. */
    static String shutdown(ShutdownSignalException signal) {
        Method reason = signal.getReason();
        String by = signal.isInitiatedByApplication() ? "client " : "server ";
        if (reason instanceof AMQP.Channel.Close c) {
            return by + "channel.close " + c.getReplyCode() + " " + quote(c.getReplyText())
                    + " (" + c.getClassId() + "," + c.getMethodId() + ")";
        } else if (reason instanceof AMQP.Connection.Close c) {
            return by + "connection.close " + c.getReplyCode() + " " + quote(c.getReplyText())
                    + " (" + c.getClassId() + "," + c.getMethodId() + ")";
        }
        Throwable cause = signal.getCause();
        return by + "shutdown without close method: " + (cause == null ? signal.getMessage() : cause.toString());
    }

    /**
     * How a client call failed: the channel or connection close behind it, else the exception.
     * Whether the close arrived while the call waited for its reply or before it was sent (the
     * client then throws AlreadyClosedException) depends on timing, so both read the same.
     */
    static String failure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ShutdownSignalException signal) {
                return shutdown(signal);
            }
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
