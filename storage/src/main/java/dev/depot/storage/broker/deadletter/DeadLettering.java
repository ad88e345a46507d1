package dev.depot.storage.broker.deadletter;

import dev.depot.storage.broker.message.Expiration;
import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.message.MessageProperties;
import dev.depot.storage.broker.message.PropertiesRewriter;
import dev.depot.storage.broker.queue.DeadLetterSink;
import dev.depot.storage.broker.queue.DeathReason;
import dev.depot.storage.broker.queue.MessageQueue;
import dev.depot.storage.broker.queue.QueueArguments;

import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Republishes what a queue lets go to its dead-letter exchange: a copy with a new id, the
 * x-death history updated, the expiration removed (kept in x-death), routed with the queue's
 * x-dead-letter-routing-key or else the message's own key, never back into a cycle of
 * automatic deaths. At most once: no confirms, a missing exchange drops it.
 */
public final class DeadLettering implements DeadLetterSink {
    private final InstantSource clock;
    private final PropertiesRewriter rewriter;
    private final LongSupplier messageIds;
    private final DeadLetterRoute route;

    public DeadLettering(InstantSource clock, PropertiesRewriter rewriter, LongSupplier messageIds,
                         DeadLetterRoute route) {
        this.clock = clock;
        this.rewriter = rewriter;
        this.messageIds = messageIds;
        this.route = route;
    }

    @Override
    public void deadLetter(MessageQueue from, Message message, DeathReason reason) {
        QueueArguments arguments = from.settings().arguments();
        String exchange = arguments.deadLetterExchange().orElse(null);
        if (exchange == null) {
            return;
        }
        MessageProperties view = message.view();
        Expiration expiration = view.expiration();
        Death death = new Death(from.name().name(), reason, message.exchange(), List.of(message.routingKey()),
                clock.instant().truncatedTo(ChronoUnit.SECONDS), expiration == null ? null : expiration.text());
        Map<String, Object> headers = DeathHistory.record(view.headers(), death);
        Message copy = message.republished(messageIds.getAsLong(), exchange,
                arguments.deadLetterRoutingKey().orElse(message.routingKey()),
                rewriter.deadLettered(message.properties(), headers), view.withHeaders(headers, null));
        route.publish(exchange, copy, queue -> !DeathHistory.closesCycle(queue.name().name(), reason, headers));
    }
}
