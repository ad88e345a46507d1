package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.Equivalence;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.ResourceKind;
import dev.depot.storage.broker.ResourceName;
import dev.depot.storage.broker.deadletter.DeadLetterRoute;
import dev.depot.storage.broker.exchange.Exchange;
import dev.depot.storage.broker.exchange.ExchangeLookup;
import dev.depot.storage.broker.exchange.ExchangeSettings;
import dev.depot.storage.broker.exchange.ExchangeType;
import dev.depot.storage.broker.exchange.RouteWalk;
import dev.depot.storage.broker.exchange.Target;
import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.queue.DeadLetterSink;
import dev.depot.storage.broker.queue.MessageQueue;
import dev.depot.storage.broker.queue.QueueArguments;
import dev.depot.storage.broker.queue.QueueServices;
import dev.depot.storage.broker.queue.QueueSettings;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A virtual host: its exchanges, queues and bindings, and the publishing path.
 *
 * <p>Threading: publishing never locks the host. It reads the exchange and queue maps
 * (concurrent) and the exchanges' routing tables (safe for concurrent readers), then hands the
 * message to each queue, which takes its own lock. Topology changes (declare, delete, bind,
 * unbind, auto- and exclusive deletion) take the host's topology lock, and may take a queue's
 * lock inside it, never the other way round. Consumers learn of deletions after the topology
 * lock is released.
 *
 * <p>The {@code connection} parameters are the server's identity for the calling connection
 * (compared with equals): exclusive queues belong to one and refuse the others with 405.
 */
public final class VirtualHost implements ExchangeLookup {
    private static final Map<String, ExchangeType> PREDECLARED = Map.of(
            "amq.direct", ExchangeType.DIRECT,
            "amq.fanout", ExchangeType.FANOUT,
            "amq.topic", ExchangeType.TOPIC,
            "amq.headers", ExchangeType.HEADERS,
            "amq.match", ExchangeType.HEADERS);
    private static final String RESERVED_PREFIX = "amq.";

    private final String name;
    private final InstantSource clock;
    private final BrokerJournal journal;
    private final QueueServices queueServices;
    private final ConcurrentHashMap<String, Exchange> exchanges = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, MessageQueue> queues = new ConcurrentHashMap<>();
    private final ReentrantLock topology = new ReentrantLock();
    /** Guarded by topology. */
    private final Bindings bindings = new Bindings();
    /** Exclusive queues by owning connection; guarded by topology. */
    private final Map<Object, Set<MessageQueue>> exclusiveQueues = new HashMap<>();

    VirtualHost(String name, InstantSource clock, BrokerJournal journal, DeadLetteringFactory deadLettering) {
        this.name = name;
        this.clock = clock;
        this.journal = journal;
        this.queueServices = new QueueServices(clock, journal, deadLettering.create(new DeadLetterPath()),
                this::lastConsumerGone);
        PREDECLARED.forEach((exchange, type) -> exchanges.put(exchange,
                new Exchange(ResourceName.exchange(name, exchange), ExchangeSettings.of(type, true))));
    }

    /** Builds the dead-lettering of a host from the host's publishing path. */
    @FunctionalInterface
    interface DeadLetteringFactory {
        DeadLetterSink create(DeadLetterRoute route);
    }

    public String name() {
        return name;
    }

    // ---- exchanges ----

    /**
     * exchange.declare (not passive): creates the exchange, or checks that the existing one was
     * declared the same way (406). 403 for the default exchange and for new names in amq.*.
     * The type comes parsed: {@link ExchangeType#parse} refuses unknown types with 503.
     */
    public void declareExchange(String exchange, ExchangeSettings settings) {
        refuseDefault(exchange);
        ResourceName resource = ResourceName.exchange(name, exchange);
        topology.lock();
        try {
            Exchange existing = exchanges.get(exchange);
            if (existing != null) {
                existing.settings().assertEquivalent(resource, settings);
                return;
            }
            if (exchange.startsWith(RESERVED_PREFIX)) {
                throw BrokerException.reservedName(resource);
            }
            settings.validate(resource);
            Exchange created = new Exchange(resource, settings);
            exchanges.put(exchange, created);
            if (settings.durable()) {
                journal.exchangeDeclared(created);
            }
        } finally {
            topology.unlock();
        }
    }

    /** exchange.declare passive: 404 when there is no such exchange, 403 for the default one. */
    public Exchange checkExchange(String exchange) {
        refuseDefault(exchange);
        return existingExchange(exchange);
    }

    /** exchange.delete: nothing when absent; 403 for the default and predeclared ones; 406 if-unused and bound. */
    public void deleteExchange(String exchange, boolean ifUnused) {
        refuseDefault(exchange);
        ResourceName resource = ResourceName.exchange(name, exchange);
        if (PREDECLARED.containsKey(exchange)) {
            throw new BrokerException(ReplyCode.ACCESS_REFUSED, "deletion of system " + resource + " not allowed");
        }
        topology.lock();
        try {
            Exchange existing = exchanges.get(exchange);
            if (existing == null) {
                return;
            }
            if (ifUnused && bindings.hasSource(resource)) {
                throw BrokerException.inUse(resource);
            }
            removeExchange(existing);
        } finally {
            topology.unlock();
        }
    }

    @Override
    public Exchange exchange(String exchange) {
        return exchanges.get(exchange);
    }

    public Collection<Exchange> exchanges() {
        return Collections.unmodifiableCollection(exchanges.values());
    }

    // ---- queues ----

    /**
     * queue.declare (not passive): creates the queue, or checks the existing one (405 when
     * exclusive to another connection or exclusivity differs, 406 when durable, auto-delete or
     * an argument differs) and counts as a use of it. 403 for names in amq.*; 406 for invalid
     * arguments. An exclusive queue is never durable.
     */
    public DeclareOk declareQueue(QueueDeclaration declaration, Object connection) {
        String queue = declaration.name();
        if (!queue.isEmpty() && queue.startsWith(RESERVED_PREFIX)) {
            throw BrokerException.reservedName(ResourceName.queue(name, queue));
        }
        boolean durable = declaration.durable() && !declaration.exclusive();
        Object owner = declaration.exclusive() ? connection : null;
        MessageQueue target;
        topology.lock();
        try {
            if (queue.isEmpty()) {
                do {
                    queue = QueueNames.generate();
                } while (queues.containsKey(queue));
            }
            ResourceName resource = ResourceName.queue(name, queue);
            target = queues.get(queue);
            if (target != null) {
                QueueSettings current = target.settings();
                if (!Objects.equals(current.owner(), owner)) {
                    throw BrokerException.locked(resource);
                }
                Equivalence.assertSameField(resource, "durable", current.durable(), durable);
                Equivalence.assertSameField(resource, "auto_delete", current.autoDelete(), declaration.autoDelete());
                current.arguments().assertEquivalent(resource, declaration.arguments());
                target.touch();
            } else {
                QueueArguments arguments = QueueArguments.parse(resource, declaration.arguments());
                QueueSettings settings = new QueueSettings(resource, durable, owner, declaration.autoDelete(), arguments);
                target = new MessageQueue(settings, queueServices);
                queues.put(queue, target);
                if (owner != null) {
                    exclusiveQueues.computeIfAbsent(owner, k -> new LinkedHashSet<>()).add(target);
                }
                if (durable) {
                    journal.queueDeclared(settings);
                }
            }
        } finally {
            topology.unlock();
        }
        return new DeclareOk(queue, target.messageCount(), target.consumerCount());
    }

    /** queue.declare passive: 404 when absent, 405 when exclusive to another connection; a use of the queue. */
    public DeclareOk checkQueue(String queue, Object connection) {
        MessageQueue target = queue(queue, connection);
        target.touch();
        return new DeclareOk(queue, target.messageCount(), target.consumerCount());
    }

    /**
     * The queue to consume from or get from: 404 when absent, 405 when exclusive to another
     * connection.
     */
    public MessageQueue queue(String queue, Object connection) {
        MessageQueue target = queues.get(queue);
        if (target == null) {
            throw BrokerException.notFound(ResourceName.queue(name, queue));
        }
        requireAccess(target, connection);
        return target;
    }

    public Collection<MessageQueue> queues() {
        return Collections.unmodifiableCollection(queues.values());
    }

    /**
     * queue.delete: the ready messages it held, 0 when it did not exist. 405 when exclusive to
     * another connection; 406 if-unused with consumers, if-empty with messages. Its consumers
     * are cancelled (told after the deletion).
     */
    public int deleteQueue(String queue, boolean ifUnused, boolean ifEmpty, Object connection) {
        MessageQueue target;
        int dropped;
        topology.lock();
        try {
            target = queues.get(queue);
            if (target == null) {
                return 0;
            }
            requireAccess(target, connection);
            dropped = target.delete(ifUnused, ifEmpty);
            unregister(target);
        } finally {
            topology.unlock();
        }
        target.flush();
        return dropped;
    }

    /** queue.purge: the ready messages dropped. 404 when absent, 405 when exclusive to another connection. */
    public int purgeQueue(String queue, Object connection) {
        return queue(queue, connection).purge();
    }

    /** The connection closed: its exclusive queues are deleted. */
    public void connectionClosed(Object connection) {
        List<MessageQueue> deleted = new ArrayList<>();
        topology.lock();
        try {
            Set<MessageQueue> owned = exclusiveQueues.remove(connection);
            if (owned != null) {
                for (MessageQueue queue : owned) {
                    queue.deleteForOwner();
                    unregister(queue);
                    deleted.add(queue);
                }
            }
        } finally {
            topology.unlock();
        }
        deleted.forEach(MessageQueue::flush);
    }

    // ---- bindings ----

    /** queue.bind: 403 on the default exchange, 404 for a missing exchange (checked first) or queue, 405 when exclusive to another connection, 406 for bad headers arguments. */
    public void bindQueue(String queue, String exchange, String key, Map<String, Object> arguments, Object connection) {
        refuseDefault(exchange);
        topology.lock();
        try {
            Exchange source = existingExchange(exchange);
            MessageQueue destination = queue(queue, connection);
            source.checkBinding(arguments);
            addBinding(source, destination.name(), new Target.ToQueue(destination), key, arguments,
                    destination.settings().durable());
        } finally {
            topology.unlock();
        }
    }

    /** queue.unbind: 403 on the default exchange; nothing when the binding, exchange or queue does not exist. */
    public void unbindQueue(String queue, String exchange, String key, Map<String, Object> arguments) {
        refuseDefault(exchange);
        topology.lock();
        try {
            Exchange source = exchanges.get(exchange);
            MessageQueue destination = queues.get(queue);
            if (source != null && destination != null) {
                removeBinding(source, new Binding(source.name(), destination.name(), key, arguments),
                        new Target.ToQueue(destination));
            }
        } finally {
            topology.unlock();
        }
    }

    /** exchange.bind: 403 when either end is the default exchange; 404 for a missing source (checked first) or destination. */
    public void bindExchange(String destination, String source, String key, Map<String, Object> arguments) {
        refuseDefault(source);
        refuseDefault(destination);
        topology.lock();
        try {
            Exchange from = existingExchange(source);
            Exchange to = existingExchange(destination);
            from.checkBinding(arguments);
            addBinding(from, to.name(), to, key, arguments, to.settings().durable());
        } finally {
            topology.unlock();
        }
    }

    /** exchange.unbind: 403 when either end is the default exchange; nothing when anything is missing. */
    public void unbindExchange(String destination, String source, String key, Map<String, Object> arguments) {
        refuseDefault(source);
        refuseDefault(destination);
        topology.lock();
        try {
            Exchange from = exchanges.get(source);
            Exchange to = exchanges.get(destination);
            if (from != null && to != null) {
                removeBinding(from, new Binding(from.name(), to.name(), key, arguments), to);
            }
        } finally {
            topology.unlock();
        }
    }

    /** Every binding, for listings. */
    public List<Binding> bindings() {
        topology.lock();
        try {
            List<Binding> all = new ArrayList<>();
            for (Exchange exchange : exchanges.values()) {
                all.addAll(bindings.fromSource(exchange.name()));
            }
            return all;
        } finally {
            topology.unlock();
        }
    }

    // ---- publishing ----

    /**
     * basic.publish: routes {@code message} from {@code exchange} ("" is the default exchange)
     * to its queues. 404 for a missing exchange, 403 for an internal one. Never locks the host.
     */
    public PublishResult publish(String exchange, Message message) {
        if (exchange.isEmpty()) {
            MessageQueue queue = queues.get(message.routingKey());
            if (queue == null) {
                return PublishResult.UNROUTABLE;
            }
            return queue.publish(message) ? PublishResult.ROUTED : PublishResult.REJECTED;
        }
        Exchange source = publishable(exchange);
        RouteWalk walk = RouteWalk.walk(source, message.routingKey(), message.view().headers(), this);
        if (walk.size() == 0) {
            return PublishResult.UNROUTABLE;
        }
        boolean rejected = false;
        for (int i = 0; i < walk.size(); i++) {
            rejected |= !walk.queue(i).publish(message);
        }
        return rejected ? PublishResult.REJECTED : PublishResult.ROUTED;
    }

    /**
     * What basic.publish checks of its exchange before routing, for a transactional channel that
     * routes only at tx.commit: 404 for a missing exchange, 403 for an internal one. The default
     * exchange ("") always passes.
     */
    public void checkPublishable(String exchange) {
        if (!exchange.isEmpty()) {
            publishable(exchange);
        }
    }

    private Exchange publishable(String exchange) {
        Exchange source = existingExchange(exchange);
        if (source.settings().internal()) {
            throw new BrokerException(ReplyCode.ACCESS_REFUSED, "cannot publish to internal " + source.name());
        }
        return source;
    }

    // ---- time ----

    /**
     * Expires messages at the queues' heads (dropped or dead-lettered) and deletes queues
     * unused past their x-expires. The server runs it periodically (every 100 ms or so); a
     * queue with nothing due costs a volatile read.
     */
    public void sweep() {
        long now = clock.millis();
        for (MessageQueue queue : queues.values()) {
            queue.expireMessages(now);
            if (queue.unusedTooLong(now)) {
                deleteIf(queue, q -> q.deleteIfExpired(now));
            }
        }
    }

    // ---- internals ----

    private void lastConsumerGone(MessageQueue queue) {
        deleteIf(queue, MessageQueue::deleteIfAbandoned);
    }

    private void deleteIf(MessageQueue queue, Predicate<MessageQueue> deletes) {
        topology.lock();
        try {
            if (queues.get(queue.name().name()) != queue || !deletes.test(queue)) {
                return;
            }
            unregister(queue);
        } finally {
            topology.unlock();
        }
        queue.flush();
    }

    private static void refuseDefault(String exchange) {
        if (exchange.isEmpty()) {
            throw BrokerException.defaultExchange();
        }
    }

    private Exchange existingExchange(String exchange) {
        Exchange found = exchanges.get(exchange);
        if (found == null) {
            throw BrokerException.notFound(ResourceName.exchange(name, exchange));
        }
        return found;
    }

    /** Exclusive queues serve only their owner (405 for others). */
    private static void requireAccess(MessageQueue queue, Object connection) {
        Object owner = queue.settings().owner();
        if (owner != null && !owner.equals(connection)) {
            throw BrokerException.locked(queue.name());
        }
    }

    /** Topology lock held. */
    private void addBinding(Exchange source, ResourceName destination, Target target, String key,
                            Map<String, Object> arguments, boolean destinationDurable) {
        Binding binding = new Binding(source.name(), destination, key, arguments);
        if (bindings.add(binding)) {
            source.bind(key, binding.arguments(), target);
            if (source.settings().durable() && destinationDurable) {
                journal.bindingAdded(binding);
            }
        }
    }

    /** Topology lock held; nothing when there is no such binding. */
    private void removeBinding(Exchange source, Binding binding, Target target) {
        if (!bindings.remove(binding)) {
            return;
        }
        source.unbind(binding.key(), binding.arguments(), target);
        if (source.settings().durable() && isDurable(binding.destination())) {
            journal.bindingRemoved(binding);
        }
        autoDeleteIfUnbound(source);
    }

    private boolean isDurable(ResourceName destination) {
        if (destination.kind() == ResourceKind.QUEUE) {
            MessageQueue queue = queues.get(destination.name());
            return queue != null && queue.settings().durable();
        }
        Exchange exchange = exchanges.get(destination.name());
        return exchange != null && exchange.settings().durable();
    }

    /** An auto-delete exchange goes with its last binding (as a source), and that may take others with it. */
    private void autoDeleteIfUnbound(Exchange exchange) {
        if (exchange.settings().autoDelete() && !bindings.hasSource(exchange.name())
                && exchanges.get(exchange.name().name()) == exchange) {
            removeExchange(exchange);
        }
    }

    /** Topology lock held: removes the exchange and every binding from or to it. */
    private void removeExchange(Exchange exchange) {
        exchanges.remove(exchange.name().name(), exchange);
        for (Binding binding : bindings.fromSource(exchange.name())) {
            bindings.remove(binding);
        }
        ArrayDeque<Exchange> sources = new ArrayDeque<>();
        for (Binding binding : bindings.toDestination(exchange.name())) {
            Exchange source = exchanges.get(binding.source().name());
            bindings.remove(binding);
            source.unbind(binding.key(), binding.arguments(), exchange);
            sources.add(source);
        }
        if (exchange.settings().durable()) {
            journal.exchangeDeleted(exchange.name());
        }
        sources.forEach(this::autoDeleteIfUnbound);
    }

    /** Topology lock held: forgets a deleted queue, its bindings and its ownership. */
    private void unregister(MessageQueue queue) {
        queues.remove(queue.name().name(), queue);
        Target target = new Target.ToQueue(queue);
        List<Exchange> sources = new ArrayList<>();
        for (Binding binding : bindings.toDestination(queue.name())) {
            Exchange source = exchanges.get(binding.source().name());
            bindings.remove(binding);
            source.unbind(binding.key(), binding.arguments(), target);
            sources.add(source);
        }
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

    /** Dead letters take the publishing path, internal exchanges and the default exchange included. */
    private final class DeadLetterPath implements DeadLetterRoute {
        @Override
        public void publish(String exchange, Message message, Predicate<MessageQueue> accept) {
            if (exchange.isEmpty()) {
                MessageQueue queue = queues.get(message.routingKey());
                if (queue != null && accept.test(queue)) {
                    queue.publish(message);
                }
                return;
            }
            Exchange source = exchanges.get(exchange);
            if (source == null) {
                return;
            }
            RouteWalk walk = RouteWalk.walk(source, message.routingKey(), message.view().headers(), VirtualHost.this);
            for (int i = 0; i < walk.size(); i++) {
                if (accept.test(walk.queue(i))) {
                    walk.queue(i).publish(message);
                }
            }
        }
    }
}
