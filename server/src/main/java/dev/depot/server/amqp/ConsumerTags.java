package dev.depot.server.amqp;

import java.security.SecureRandom;
import java.util.Base64;

/** Server-generated consumer tags, shaped like RabbitMQ's: "amq.ctag-" and 22 URL-safe base64 characters. */
final class ConsumerTags {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsumerTags() {
    }

    static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "amq.ctag-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
