package dev.depot.storage.broker.message;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ReplyCode;

import java.math.BigInteger;

/**
 * A message's per-message TTL: the expiration property as sent (kept for x-death's
 * original-expiration) and its value in milliseconds.
 */
public record Expiration(String text, long millis) {
    /** RabbitMQ's longest TTL, for messages and queues alike: ten years. */
    public static final long MAX_MILLIS = 315_360_000_000L;

    /** The widest line Erlang's pretty printer fills before it breaks a tuple after its first element. */
    private static final int LINE_LIMIT = 78;

    /**
     * Parses the expiration property as RabbitMQ does (an optionally signed decimal integer, no
     * spaces, at most ten years); refuses others with 406 and RabbitMQ's reply text.
     */
    public static Expiration parse(String text) {
        int i = 0;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == digits) {
            throw invalid(text, "no_integer");
        }
        if (i < text.length()) {
            throw invalid(text, tuple(text, "leftover_string", quoted(text.substring(i))));
        }
        BigInteger value = new BigInteger(text.charAt(0) == '+' ? text.substring(1) : text);
        if (value.signum() < 0) {
            throw invalid(text, tuple(text, "value_negative", value.toString()));
        }
        if (value.compareTo(BigInteger.valueOf(MAX_MILLIS)) > 0) {
            throw invalid(text, tuple(text, "value_too_large", value.toString()));
        }
        return new Expiration(text, value.longValueExact());
    }

    private static BrokerException invalid(String text, String reason) {
        return new BrokerException(ReplyCode.PRECONDITION_FAILED, prefix(text) + reason);
    }

    private static String prefix(String text) {
        return "invalid expiration '" + text + "': ";
    }

    /** {tag,value} as Erlang prints it after the prefix, broken onto a second line when too wide. */
    private static String tuple(String text, String tag, String value) {
        int column = prefix(text).length();
        String flat = "{" + tag + "," + value + "}";
        if (column + flat.length() <= LINE_LIMIT) {
            return flat;
        }
        return "{" + tag + ",\n" + " ".repeat(column + 1) + value + "}";
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
