package dev.depot.server.amqp;

import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.wire.FieldTables;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A user name and password from connection.start-ok, in one of the two mechanisms Depot offers
 * (those RabbitMQ offers by default): PLAIN ("\0user\0password", RFC 4616) and AMQPLAIN (a field
 * table without its length prefix, holding LOGIN and PASSWORD).
 */
record Credentials(String user, byte[] password) {
    static final String MECHANISMS = "PLAIN AMQPLAIN";

    /** The credentials in {@code response}; 503 for an unknown mechanism, 403 for a malformed response. */
    static Credentials parse(String mechanism, byte[] response) {
        return switch (mechanism) {
            case "PLAIN" -> plain(response);
            case "AMQPLAIN" -> amqplain(response);
            default -> throw new AmqpException(ReplyCode.COMMAND_INVALID,
                    "unknown authentication mechanism '" + mechanism + "'");
        };
    }

    private static Credentials plain(byte[] response) {
        int first = indexOf(response, 0);
        int second = first < 0 ? -1 : indexOf(response, first + 1);
        if (second < 0) {
            throw refused("PLAIN");
        }
        String user = new String(response, first + 1, second - first - 1, StandardCharsets.UTF_8);
        byte[] password = java.util.Arrays.copyOfRange(response, second + 1, response.length);
        return new Credentials(user, password);
    }

    private static Credentials amqplain(byte[] response) {
        ByteBuf table = Unpooled.buffer(response.length + 4).writeInt(response.length).writeBytes(response);
        Map<String, Object> entries;
        try {
            entries = FieldTables.read(table);
        } catch (AmqpException e) {
            throw refused("AMQPLAIN");
        }
        if (!(entries.get("LOGIN") instanceof String user) || !(entries.get("PASSWORD") instanceof String password)) {
            throw refused("AMQPLAIN");
        }
        return new Credentials(user, password.getBytes(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** RabbitMQ's words for any failed login: the reason goes to the log, not to the client. */
    static AmqpException refused(String mechanism) {
        return AmqpException.closingConnection(ReplyCode.ACCESS_REFUSED, "Login was refused using authentication "
                + "mechanism " + mechanism + ". For details see the broker logfile.", 10, 11);
    }
}
