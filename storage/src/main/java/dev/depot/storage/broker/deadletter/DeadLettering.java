package dev.depot.storage.broker.deadletter;

import dev.depot.storage.broker.message.Expiration;
import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.message.MessageProperties;
import dev.depot.storage.broker.message.PropertiesRewriter;
import dev.depot.storage.broker.message.SenderSelected;
import dev.depot.storage.broker.queue.DeadLetterSink;
import dev.depot.storage.broker.queue.DeathReason;
import dev.depot.storage.broker.queue.MessageQueue;
import dev.depot.storage.broker.queue.QueueArguments;

import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Republishes what a queue lets go to its dead-letter exchange: a copy with a new id, the
 * x-death history updated, the expiration removed (kept in x-death), routed with the queue's
 * x-dead-letter-routing-key (the CC header dropped) or else the message's own key and CC keys,
 * never back into a cycle of automatic deaths. At most once: no confirms, a missing exchange
 * drops it.
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
        Map<String, Object> kept = SenderSelected.without(view.headers(), SenderSelected.BCC);
        Death death = new Death(from.name().name(), reason, message.exchange(),
                SenderSelected.routingKeys(message.routingKey(), kept),
                clock.instant().truncatedTo(ChronoUnit.SECONDS), expiration == null ? null : expiration.text());
        String newKey = arguments.deadLetterRoutingKey().orElse(null);
        Map<String, Object> headers = DeathHistory.record(
                newKey == null ? kept : SenderSelected.without(kept, SenderSelected.CC), death);
        Message copy = message.republished(messageIds.getAsLong(), exchange,
                newKey == null ? message.routingKey() : newKey,
                rewriter.deadLettered(message.properties(), headers), view.withHeaders(headers, null));
        route.publish(exchange, copy, queue -> !DeathHistory.closesCycle(queue.name().name(), reason, headers));
    }
}
