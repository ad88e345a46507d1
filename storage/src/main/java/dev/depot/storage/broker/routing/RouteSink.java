package dev.depot.storage.broker.routing;

/** Receives the targets a routing table matched, possibly the same one more than once. */
@FunctionalInterface
public interface RouteSink<T> {
    void add(T target);
}
