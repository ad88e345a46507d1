package dev.depot.storage.broker.exchange;

import dev.depot.storage.broker.queue.MessageQueue;
import dev.depot.storage.broker.routing.RouteSink;

import java.util.List;
import java.util.Map;

/**
 * One message's way through the exchange graph: from the exchange it was published to along
 * exchange-to-exchange bindings, and to an exchange's alternate exchange when none of its own
 * bindings matched (a binding to an exchange that routes nowhere still counts as a match, as in
 * RabbitMQ). Each exchange is visited once, so bindings may form loops, and each queue is
 * reported once however many paths lead to it. A message with several routing keys (CC, BCC)
 * is routed with all of them at every exchange it reaches.
 */
public final class RouteWalk implements RouteSink<Target> {
    /** Exchanges reached, in order; the walk routes through each in turn. */
    private final DistinctList<Exchange> exchanges = new DistinctList<>();
    private final DistinctList<MessageQueue> queues = new DistinctList<>();
    private boolean matched;

    private RouteWalk() {
    }

    /** The distinct queues a message published to {@code start} with {@code routingKeys} reaches. */
    public static RouteWalk walk(Exchange start, List<String> routingKeys, Map<String, Object> headers,
                                 ExchangeLookup lookup) {
        RouteWalk walk = new RouteWalk();
        walk.exchanges.add(start);
        for (int visited = 0; visited < walk.exchanges.size(); visited++) {
            Exchange exchange = walk.exchanges.get(visited);
            walk.matched = false;
            for (int k = 0; k < routingKeys.size(); k++) {
                exchange.route(routingKeys.get(k), headers, walk);
            }
            String alternate = exchange.settings().alternateExchange();
            if (!walk.matched && alternate != null) {
                Exchange next = lookup.exchange(alternate);
                if (next != null) {
                    walk.exchanges.add(next);
                }
            }
        }
        return walk;
    }

    public int size() {
        return queues.size();
    }

    public MessageQueue queue(int i) {
        return queues.get(i);
    }

    @Override
    public void add(Target target) {
        matched = true;
        if (target instanceof Target.ToQueue toQueue) {
            queues.add(toQueue.queue());
        } else {
            exchanges.add((Exchange) target);
        }
    }
}
