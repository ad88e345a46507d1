package dev.depot.server.amqp;

import dev.depot.protocol.amqp.method.BasicMethod;
import dev.depot.storage.broker.queue.Settlement;
import dev.depot.storage.broker.vhost.RoutedMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * What a transactional channel (tx.select) holds back until tx.commit: publishes (routed when
 * published, as in RabbitMQ) and settlements, in order.
 */
final class Transaction {
    record Publish(BasicMethod.Publish method, RoutedMessage message) {
    }

    record Settle(List<DeliveryTags.HandedOut> deliveries, Settlement how) {
    }

    private final List<Publish> publishes = new ArrayList<>();
    private final List<Settle> settlements = new ArrayList<>();

    void publish(BasicMethod.Publish method, RoutedMessage message) {
        publishes.add(new Publish(method, message));
    }

    void settle(List<DeliveryTags.HandedOut> deliveries, Settlement how) {
        settlements.add(new Settle(deliveries, how));
    }

    List<Publish> publishes() {
        return publishes;
    }

    List<Settle> settlements() {
        return settlements;
    }
}
