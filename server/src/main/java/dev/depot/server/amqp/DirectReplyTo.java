package dev.depot.server.amqp;

import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.message.SenderSelected;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RabbitMQ's direct reply-to: a request-reply shortcut without a reply queue. A channel consumes
 * (no-ack only) from the pseudo-queue {@value #QUEUE}; what it then publishes with that reply-to
 * goes out with reply-to rewritten to an address of its own, {@value #QUEUE} followed by a dot
 * and an unguessable suffix; and whatever any connection publishes to the default exchange with
 * that address as routing key (or CC/BCC key) goes straight to that consumer, bypassing queues.
 * A reply to an address whose consumer has gone is dropped.
 *
 * <p>This is the registry of live reply consumers, shared by every connection of the server
 * (addresses are not tied to a virtual host, as in RabbitMQ, where they name a channel process).
 * A channel registers and unregisters its own on its event loop; publishers on any loop look
 * them up and hand each reply over to the consumer's loop.
 */
final class DirectReplyTo {
    /** The pseudo-queue a reply consumer consumes from, and the reply-to a request names. */
    static final String QUEUE = "amq.rabbitmq.reply-to";
    /** How every reply address starts. */
    static final String ADDRESS_PREFIX = QUEUE + ".";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** A channel's reply consumer: the tag of its basic.consume and the address replies reach it at. */
    record ReplyConsumer(AmqpChannel channel, String tag, String address) {
    }

    private final Map<String, ReplyConsumer> byAddress = new ConcurrentHashMap<>();

    /** A new reply consumer of {@code channel} with a fresh address. */
    ReplyConsumer register(AmqpChannel channel, String tag) {
        while (true) {
            byte[] key = new byte[16];
            RANDOM.nextBytes(key);
            ReplyConsumer consumer = new ReplyConsumer(channel, tag, ADDRESS_PREFIX + ENCODER.encodeToString(key));
            if (byAddress.putIfAbsent(consumer.address(), consumer) == null) {
                return consumer;
            }
        }
    }

    /** The consumer is cancelled or its channel closes: its address leads nowhere from now on. */
    void unregister(ReplyConsumer consumer) {
        byAddress.remove(consumer.address(), consumer);
    }

    /** The live reply consumer at {@code address}, or null. */
    ReplyConsumer find(String address) {
        return byAddress.get(address);
    }

    /**
     * A message published to the default exchange: each distinct reply address among its
     * routing keys (its routing key, CC and BCC) that has a live consumer gets it, delivered on
     * that consumer's loop. It does not count as routed: as in RabbitMQ 3.10, a mandatory
     * message only addressed to replies comes back with basic.return even when delivered.
     */
    void route(Message message) {
        List<String> keys = SenderSelected.routingKeys(message.routingKey(), message.view().headers());
        if (keys.size() == 1) {
            deliver(keys.get(0), message);
            return;
        }
        for (String key : new LinkedHashSet<>(keys)) {
            deliver(key, message);
        }
    }

    private void deliver(String key, Message message) {
        if (!key.startsWith(ADDRESS_PREFIX)) {
            return;
        }
        ReplyConsumer consumer = byAddress.get(key);
        if (consumer != null) {
            consumer.channel().connection().runOnLoop(() -> consumer.channel().deliverReply(consumer, message));
        }
    }
}
