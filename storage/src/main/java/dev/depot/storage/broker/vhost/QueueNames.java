package dev.depot.storage.broker.vhost;

import java.security.SecureRandom;
import java.util.Base64;

/** Names for server-named queues, in RabbitMQ's form: "amq.gen-" and 128 random bits in URL-safe base64. */
final class QueueNames {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private QueueNames() {
    }

    static String generate() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return "amq.gen-" + ENCODER.encodeToString(bits);
    }
}
