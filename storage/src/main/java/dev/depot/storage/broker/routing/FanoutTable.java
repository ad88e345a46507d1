package dev.depot.storage.broker.routing;

import java.util.Map;

/** Fanout exchanges: every binding matches, whatever the key. */
public final class FanoutTable<T> implements RoutingTable<T> {
    private volatile Object[] targets = Targets.NONE;

    @Override
    public void add(String bindingKey, Map<String, Object> arguments, T target) {
        targets = Targets.with(targets, target);
    }

    @Override
    public void remove(String bindingKey, Map<String, Object> arguments, T target) {
        targets = Targets.without(targets, target);
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, RouteSink<T> sink) {
        Targets.emit(targets, sink);
    }
}
