package dev.depot.storage.broker.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Direct exchanges: the routing key must equal the binding key; one hash lookup per message. */
public final class DirectTable<T> implements RoutingTable<T> {
    private final ConcurrentHashMap<String, Object[]> byKey = new ConcurrentHashMap<>();

    @Override
    public void add(String bindingKey, Map<String, Object> arguments, T target) {
        byKey.put(bindingKey, Targets.with(byKey.getOrDefault(bindingKey, Targets.NONE), target));
    }

    @Override
    public void remove(String bindingKey, Map<String, Object> arguments, T target) {
        Object[] left = Targets.without(byKey.getOrDefault(bindingKey, Targets.NONE), target);
        if (left.length == 0) {
            byKey.remove(bindingKey);
        } else {
            byKey.put(bindingKey, left);
        }
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, RouteSink<T> sink) {
        Object[] targets = byKey.get(routingKey);
        if (targets != null) {
            Targets.emit(targets, sink);
        }
    }
}
