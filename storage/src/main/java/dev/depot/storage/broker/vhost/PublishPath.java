package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.ResourceName;
import dev.depot.storage.broker.deadletter.DeadLetterRoute;
import dev.depot.storage.broker.exchange.Exchange;
import dev.depot.storage.broker.exchange.RouteWalk;
import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.message.SenderSelected;
import dev.depot.storage.broker.queue.MessageQueue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * From an exchange to queues: the default exchange by queue name, any other through the
 * exchange graph, with the message's routing key and its CC and BCC keys
 * ({@link SenderSelected}). Publishers' messages and dead letters take it alike, except that
 * dead letters may go through internal exchanges and a missing one just drops them.
 *
 * <p>Threading: takes no lock of its own; each queue locks itself as it takes the message.
 */
final class PublishPath implements DeadLetterRoute {
    private final String vhost;
    private final Topology topology;

    PublishPath(String vhost, Topology topology) {
        this.vhost = vhost;
        this.topology = topology;
    }

    PublishResult publish(String exchange, Message message, Backpressure backpressure) {
        List<String> keys = SenderSelected.routingKeys(message.routingKey(), message.view().headers());
        if (exchange.isEmpty()) {
            if (keys.size() == 1) {
                MessageQueue queue = topology.queue(message.routingKey());
                if (queue == null) {
                    return PublishResult.UNROUTABLE;
                }
                return into(queue, message, backpressure) ? PublishResult.ROUTED : PublishResult.REJECTED;
            }
            return new RoutedMessage(message, namedBy(keys)).deliver(backpressure);
        }
        Exchange source = publishable(exchange);
        RouteWalk walk = RouteWalk.walk(source, keys, message.view().headers(), topology);
        if (walk.size() == 0) {
            return PublishResult.UNROUTABLE;
        }
        boolean rejected = false;
        for (int i = 0; i < walk.size(); i++) {
            rejected |= !into(walk.queue(i), message, backpressure);
        }
        return rejected ? PublishResult.REJECTED : PublishResult.ROUTED;
    }

    /** One queue takes the message; the publisher hears if that queue is backlogged. */
    static boolean into(MessageQueue queue, Message message, Backpressure backpressure) {
        boolean accepted = queue.publish(message);
        if (queue.backlogged()) {
            backpressure.backlogged(queue);
        }
        return accepted;
    }

    /** Routes without delivering (a transaction's publish): the same checks and queues as {@link #publish}. */
    RoutedMessage route(String exchange, Message message) {
        List<String> keys = SenderSelected.routingKeys(message.routingKey(), message.view().headers());
        if (exchange.isEmpty()) {
            return new RoutedMessage(message, namedBy(keys));
        }
        RouteWalk walk = RouteWalk.walk(publishable(exchange), keys, message.view().headers(), topology);
        List<MessageQueue> queues = new ArrayList<>(walk.size());
        for (int i = 0; i < walk.size(); i++) {
            queues.add(walk.queue(i));
        }
        return new RoutedMessage(message, queues);
    }

    /** The default exchange's queues for {@code keys}: each existing queue named by a key, once. */
    private List<MessageQueue> namedBy(List<String> keys) {
        List<MessageQueue> queues = new ArrayList<>(keys.size());
        for (String key : keys) {
            MessageQueue queue = topology.queue(key);
            if (queue != null && !queues.contains(queue)) {
                queues.add(queue);
            }
        }
        return queues;
    }

    /** The exchange a client may publish to: 404 when missing, 403 when internal. Not for "". */
    Exchange publishable(String exchange) {
        Exchange source = topology.exchange(exchange);
        if (source == null) {
            throw BrokerException.notFound(ResourceName.exchange(vhost, exchange));
        }
        if (source.settings().internal()) {
            throw new BrokerException(ReplyCode.ACCESS_REFUSED, "cannot publish to internal " + source.name());
        }
        return source;
    }

    @Override
    public void publish(String exchange, Message message, Predicate<MessageQueue> accept) {
        List<String> keys = SenderSelected.routingKeys(message.routingKey(), message.view().headers());
        if (exchange.isEmpty()) {
            for (MessageQueue queue : namedBy(keys)) {
                if (accept.test(queue)) {
                    queue.publish(message);
                }
            }
            return;
        }
        Exchange source = topology.exchange(exchange);
        if (source == null) {
            return;
        }
        RouteWalk walk = RouteWalk.walk(source, keys, message.view().headers(), topology);
        for (int i = 0; i < walk.size(); i++) {
            if (accept.test(walk.queue(i))) {
                walk.queue(i).publish(message);
            }
        }
    }
}
