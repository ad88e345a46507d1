package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.ResourceKind;
import dev.depot.storage.broker.ResourceName;
import dev.depot.storage.broker.exchange.Exchange;
import dev.depot.storage.broker.exchange.ExchangeLookup;
import dev.depot.storage.broker.exchange.Target;
import dev.depot.storage.broker.queue.MessageQueue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A virtual host's exchanges, queues and bindings, and the bookkeeping of their removal:
 * deleting a queue or an exchange takes its bindings with it, and an auto-delete exchange goes
 * with its last binding, which may take further auto-delete exchanges along. Every change is
 * journaled when its ends are durable.
 *
 * <p>Threading: the maps are concurrent and read without locking (the publishing path); every
 * method that changes something requires {@link #lock()} to be held.
 */
final class Topology implements ExchangeLookup {
    private final ConcurrentHashMap<String, Exchange> exchanges = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, MessageQueue> queues = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Bindings bindings = new Bindings();
    private final Map<Object, Set<MessageQueue>> exclusiveQueues = new HashMap<>();
    private final DefinitionStore journal;

    Topology(DefinitionStore journal) {
        this.journal = journal;
    }

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    // ---- reads, lock-free ----

    @Override
    public Exchange exchange(String name) {
        return exchanges.get(name);
    }

    MessageQueue queue(String name) {
        return queues.get(name);
    }

    Collection<Exchange> exchanges() {
        return Collections.unmodifiableCollection(exchanges.values());
    }

    Collection<MessageQueue> queues() {
        return Collections.unmodifiableCollection(queues.values());
    }

    // ---- changes, lock held ----

    boolean hasBindingsFrom(Exchange exchange) {
        return bindings.hasSource(exchange.name());
    }

    List<Binding> bindings() {
        List<Binding> all = new ArrayList<>();
        for (Exchange exchange : exchanges.values()) {
            all.addAll(bindings.fromSource(exchange.name()));
        }
        return all;
    }

    /** The predeclared exchanges, before anyone else can see the host. */
    void predeclare(Exchange exchange) {
        exchanges.put(exchange.name().name(), exchange);
    }

    void add(Exchange exchange) {
        exchanges.put(exchange.name().name(), exchange);
        if (exchange.settings().durable()) {
            journal.exchangeDeclared(exchange);
        }
    }

    void add(MessageQueue queue) {
        queues.put(queue.name().name(), queue);
        Object owner = queue.settings().owner();
        if (owner != null) {
            exclusiveQueues.computeIfAbsent(owner, k -> new LinkedHashSet<>()).add(queue);
        }
        if (queue.settings().durable()) {
            journal.queueDeclared(queue.settings());
        }
    }

    /** The exclusive queues of a connection, forgotten as their owner's. */
    Set<MessageQueue> takeOwnedBy(Object connection) {
        Set<MessageQueue> owned = exclusiveQueues.remove(connection);
        return owned == null ? Set.of() : owned;
    }

    void bind(Exchange source, ResourceName destination, Target target, String key, Map<String, Object> arguments,
              boolean destinationDurable) {
        Binding binding = new Binding(source.name(), destination, key, arguments);
        if (bindings.add(binding)) {
            source.bind(key, binding.arguments(), target);
            if (source.settings().durable() && destinationDurable) {
                journal.bindingAdded(binding);
            }
        }
    }

    /** Nothing when there is no such binding. */
    void unbind(Exchange source, Binding binding, Target target) {
        if (!bindings.remove(binding)) {
            return;
        }
        source.unbind(binding.key(), binding.arguments(), target);
        if (source.settings().durable() && isDurable(binding.destination())) {
            journal.bindingRemoved(binding);
        }
        autoDeleteIfUnbound(source);
    }

    /** Removes the exchange and every binding from or to it. */
    void remove(Exchange exchange) {
        exchanges.remove(exchange.name().name(), exchange);
        for (Binding binding : bindings.fromSource(exchange.name())) {
            bindings.remove(binding);
        }
        List<Exchange> sources = detachFromSources(exchange.name(), exchange);
        if (exchange.settings().durable()) {
            journal.exchangeDeleted(exchange.name());
        }
        sources.forEach(this::autoDeleteIfUnbound);
    }

    /** Forgets a deleted queue, its bindings and its owner. */
    void remove(MessageQueue queue) {
        queues.remove(queue.name().name(), queue);
        List<Exchange> sources = detachFromSources(queue.name(), new Target.ToQueue(queue));
        Object owner = queue.settings().owner();
        if (owner != null) {
            Set<MessageQueue> owned = exclusiveQueues.get(owner);
            if (owned != null && owned.remove(queue) && owned.isEmpty()) {
                exclusiveQueues.remove(owner);
            }
        }
        if (queue.settings().durable()) {
            journal.queueDeleted(queue.name());
        }
        sources.forEach(this::autoDeleteIfUnbound);
    }

    /** Removes every binding leading to {@code destination}; returns the exchanges they came from. */
    private List<Exchange> detachFromSources(ResourceName destination, Target target) {
        List<Exchange> sources = new ArrayList<>();
        for (Binding binding : bindings.toDestination(destination)) {
            Exchange source = exchanges.get(binding.source().name());
            bindings.remove(binding);
            source.unbind(binding.key(), binding.arguments(), target);
            sources.add(source);
        }
        return sources;
    }

    private void autoDeleteIfUnbound(Exchange exchange) {
        if (exchange.settings().autoDelete() && !bindings.hasSource(exchange.name())
                && exchanges.get(exchange.name().name()) == exchange) {
            remove(exchange);
        }
    }

    private boolean isDurable(ResourceName destination) {
        if (destination.kind() == ResourceKind.QUEUE) {
            MessageQueue queue = queues.get(destination.name());
            return queue != null && queue.settings().durable();
        }
        Exchange exchange = exchanges.get(destination.name());
        return exchange != null && exchange.settings().durable();
    }
}
