package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.ResourceName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every binding of a virtual host, indexed by both ends (what deleting a queue or an exchange
 * must undo, whether an exchange is in use). Guarded by the virtual host's topology lock; the
 * routing tables hold the copy publishers read.
 */
final class Bindings {
    private final Set<Binding> all = new HashSet<>();
    private final Map<ResourceName, List<Binding>> bySource = new HashMap<>();
    private final Map<ResourceName, List<Binding>> byDestination = new HashMap<>();

    /** False when it exists already. */
    boolean add(Binding binding) {
        if (!all.add(binding)) {
            return false;
        }
        bySource.computeIfAbsent(binding.source(), k -> new ArrayList<>()).add(binding);
        byDestination.computeIfAbsent(binding.destination(), k -> new ArrayList<>()).add(binding);
        return true;
    }

    /** False when there was no such binding. */
    boolean remove(Binding binding) {
        if (!all.remove(binding)) {
            return false;
        }
        detach(bySource, binding.source(), binding);
        detach(byDestination, binding.destination(), binding);
        return true;
    }

    boolean hasSource(ResourceName exchange) {
        return bySource.containsKey(exchange);
    }

    List<Binding> fromSource(ResourceName exchange) {
        return List.copyOf(bySource.getOrDefault(exchange, List.of()));
    }

    List<Binding> toDestination(ResourceName destination) {
        return List.copyOf(byDestination.getOrDefault(destination, List.of()));
    }

    private static void detach(Map<ResourceName, List<Binding>> index, ResourceName key, Binding binding) {
        List<Binding> list = index.get(key);
        list.remove(binding);
        if (list.isEmpty()) {
            index.remove(key);
        }
    }
}
