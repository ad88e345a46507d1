package dev.depot.storage.broker.routing;

import java.util.Map;

/**
 * One exchange's bindings, organised for its type's matching rule. Readers never lock: any
 * number of publishing threads may {@link #route} while one writer changes the table (the
 * virtual host serialises writers). A route that races a change sees the binding or not,
 * never a broken table.
 *
 * <p>A binding is a (binding key, arguments, target) triple; the same target may be bound
 * several times (different keys or arguments) and is then reported once per matching binding.
 *
 * @param <T> what bindings lead to (queues and exchanges, for the broker)
 */
public interface RoutingTable<T> {
    /** Refuses binding arguments this type cannot use (406), before anything is recorded. */
    default void check(Map<String, Object> arguments) {
    }

    void add(String bindingKey, Map<String, Object> arguments, T target);

    /** Removes one binding equal to the given triple; the caller knows it exists. */
    void remove(String bindingKey, Map<String, Object> arguments, T target);

    /** Reports every target whose binding matches the message's routing key and headers. */
    void route(String routingKey, Map<String, Object> headers, RouteSink<T> sink);
}
