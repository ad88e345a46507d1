package dev.depot.storage.broker;

import dev.depot.storage.broker.message.Expiration;
import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.message.MessageProperties;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Messages for tests: the body is the text given, the property bytes a marker. */
public final class Messages {
    public static final byte[] PROPERTIES = {0, 0};
    private static final AtomicLong IDS = new AtomicLong();

    private Messages() {
    }

    public static Message message(String routingKey, String body) {
        return message("", routingKey, body, MessageProperties.NONE);
    }

    public static Message message(String exchange, String routingKey, String body, MessageProperties view) {
        return new Message(IDS.incrementAndGet(), exchange, routingKey, PROPERTIES, view,
                body.getBytes(StandardCharsets.UTF_8));
    }

    public static MessageProperties headers(Map<String, Object> headers) {
        return new MessageProperties(MessageProperties.NO_PRIORITY, null, headers, false);
    }

    public static MessageProperties priority(int priority) {
        return new MessageProperties(priority, null, Map.of(), false);
    }

    public static MessageProperties expiring(String expiration) {
        return new MessageProperties(MessageProperties.NO_PRIORITY, Expiration.parse(expiration), Map.of(), false);
    }

    public static MessageProperties persistent() {
        return new MessageProperties(MessageProperties.NO_PRIORITY, null, Map.of(), true);
    }

    public static String body(Message message) {
        StringBuilder text = new StringBuilder();
        for (byte[] chunk : message.body()) {
            text.append(new String(chunk, StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
