package dev.depot.storage.broker.exchange;

import dev.depot.storage.broker.ResourceName;
import dev.depot.storage.broker.routing.RouteSink;
import dev.depot.storage.broker.routing.RoutingTable;

import java.util.Map;

/**
 * A declared exchange and its bindings as a source. Routing reads the table without locks;
 * binding changes come from the virtual host, one at a time under its topology lock.
 */
public final class Exchange implements Target {
    private final ResourceName name;
    private final ExchangeSettings settings;
    private final RoutingTable<Target> table;

    public Exchange(ResourceName name, ExchangeSettings settings) {
        this.name = name;
        this.settings = settings;
        this.table = settings.type().newTable();
    }

    public ResourceName name() {
        return name;
    }

    public ExchangeSettings settings() {
        return settings;
    }

    /** Refuses binding arguments this exchange's type cannot use (406), before anything changes. */
    public void checkBinding(Map<String, Object> arguments) {
        table.check(arguments);
    }

    /** Topology lock held. */
    public void bind(String bindingKey, Map<String, Object> arguments, Target target) {
        table.add(bindingKey, arguments, target);
    }

    /** Topology lock held; the binding exists. */
    public void unbind(String bindingKey, Map<String, Object> arguments, Target target) {
        table.remove(bindingKey, arguments, target);
    }

    void route(String routingKey, Map<String, Object> headers, RouteSink<Target> sink) {
        table.route(routingKey, headers, sink);
    }

    @Override
    public String toString() {
        return name.toString();
    }
}
