package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.Equivalence;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.ResourceName;
import dev.depot.storage.broker.deadletter.DeadLetterRoute;
import dev.depot.storage.broker.exchange.Exchange;
import dev.depot.storage.broker.exchange.ExchangeSettings;
import dev.depot.storage.broker.exchange.ExchangeType;
import dev.depot.storage.broker.exchange.Target;
import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.queue.DeadLetterSink;
import dev.depot.storage.broker.queue.MessageQueue;
import dev.depot.storage.broker.queue.QueueArguments;
import dev.depot.storage.broker.queue.QueueServices;
import dev.depot.storage.broker.queue.QueueSettings;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A virtual host as AMQP methods see it: declare, delete, bind and publish, refused with
 * RabbitMQ's reply codes and texts, plus the exclusive, auto-delete and x-expires lifecycles.
 *
 * <p>Threading: publishing takes no host lock ({@link PublishPath}). Topology changes take the
 * {@link Topology} lock, and may take a queue's lock inside it, never the other way round;
 * consumers are told of a deletion after the topology lock is released.
 *
 * <p>The {@code connection} parameters are the server's identity for the calling connection
 * (compared with equals): an exclusive queue belongs to one and refuses the others with 405.
 */
public final class VirtualHost {
    /**
     * What RabbitMQ declares in every virtual host: durable, and amq.rabbitmq.trace internal
     * (RabbitMQ's firehose publishes there when tracing is on; here nothing does, but clients
     * can bind to it and declare it passively, as against RabbitMQ).
     */
    private static final Map<String, ExchangeSettings> PREDECLARED = Map.of(
            "amq.direct", ExchangeSettings.of(ExchangeType.DIRECT, true),
            "amq.fanout", ExchangeSettings.of(ExchangeType.FANOUT, true),
            "amq.topic", ExchangeSettings.of(ExchangeType.TOPIC, true),
            "amq.headers", ExchangeSettings.of(ExchangeType.HEADERS, true),
            "amq.match", ExchangeSettings.of(ExchangeType.HEADERS, true),
            "amq.rabbitmq.trace", new ExchangeSettings(ExchangeType.TOPIC, true, false, true, Map.of()));
    private static final String RESERVED_PREFIX = "amq.";

    private final String name;
    private final InstantSource clock;
    private final Topology topology;
    private final PublishPath publishPath;
    private final QueueServices queueServices;

    /** Builds a host's dead-lettering on the host's publishing path. */
    @FunctionalInterface
    interface DeadLetteringFactory {
        DeadLetterSink create(DeadLetterRoute route);
    }

    VirtualHost(String name, InstantSource clock, BrokerJournal journal, DeadLetteringFactory deadLettering) {
        this.name = name;
        this.clock = clock;
        this.topology = new Topology(journal);
        this.publishPath = new PublishPath(name, topology);
        this.queueServices = new QueueServices(clock, journal, deadLettering.create(publishPath),
                this::lastConsumerGone);
        PREDECLARED.forEach((exchange, settings) -> topology.predeclare(
                new Exchange(ResourceName.exchange(name, exchange), settings)));
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
            Exchange existing = topology.exchange(exchange);
            if (existing != null) {
                existing.settings().assertEquivalent(resource, settings);
                return;
            }
            if (exchange.startsWith(RESERVED_PREFIX)) {
                throw BrokerException.reservedName(resource);
            }
            settings.validate(resource);
            topology.add(new Exchange(resource, settings));
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
            Exchange existing = topology.exchange(exchange);
            if (existing == null) {
                return;
            }
            if (ifUnused && topology.hasBindingsFrom(existing)) {
                throw BrokerException.inUse(resource);
            }
            topology.remove(existing);
        } finally {
            topology.unlock();
        }
    }

    /** Every exchange, for listings. */
    public Collection<Exchange> exchanges() {
        return topology.exchanges();
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
        if (queue.startsWith(RESERVED_PREFIX)) {
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
                } while (topology.queue(queue) != null);
            }
            ResourceName resource = ResourceName.queue(name, queue);
            target = topology.queue(queue);
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
                target = new MessageQueue(new QueueSettings(resource, durable, owner, declaration.autoDelete(), arguments),
                        queueServices);
                topology.add(target);
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

    /** The queue to consume from or get from: 404 when absent, 405 when exclusive to another connection. */
    public MessageQueue queue(String queue, Object connection) {
        MessageQueue target = topology.queue(queue);
        if (target == null) {
            throw BrokerException.notFound(ResourceName.queue(name, queue));
        }
        requireAccess(target, connection);
        return target;
    }

    /** Every queue, for listings. */
    public Collection<MessageQueue> queues() {
        return topology.queues();
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
            target = topology.queue(queue);
            if (target == null) {
                return 0;
            }
            requireAccess(target, connection);
            dropped = target.delete(ifUnused, ifEmpty);
            topology.remove(target);
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
            for (MessageQueue queue : topology.takeOwnedBy(connection)) {
                queue.deleteForOwner();
                topology.remove(queue);
                deleted.add(queue);
            }
        } finally {
            topology.unlock();
        }
        deleted.forEach(MessageQueue::flush);
    }

    // ---- bindings ----

    /**
     * queue.bind: 403 on the default exchange, 404 for a missing exchange (checked first) or
     * queue, 405 when exclusive to another connection, 406 for bad headers arguments.
     */
    public void bindQueue(String queue, String exchange, String key, Map<String, Object> arguments, Object connection) {
        refuseDefault(exchange);
        topology.lock();
        try {
            Exchange source = existingExchange(exchange);
            MessageQueue destination = queue(queue, connection);
            source.checkBinding(arguments);
            topology.bind(source, destination.name(), new Target.ToQueue(destination), key, arguments,
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
            Exchange source = topology.exchange(exchange);
            MessageQueue destination = topology.queue(queue);
            if (source != null && destination != null) {
                topology.unbind(source, new Binding(source.name(), destination.name(), key, arguments),
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
            topology.bind(from, to.name(), to, key, arguments, to.settings().durable());
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
            Exchange from = topology.exchange(source);
            Exchange to = topology.exchange(destination);
            if (from != null && to != null) {
                topology.unbind(from, new Binding(from.name(), to.name(), key, arguments), to);
            }
        } finally {
            topology.unlock();
        }
    }

    /** Every binding, for listings. */
    public List<Binding> bindings() {
        topology.lock();
        try {
            return topology.bindings();
        } finally {
            topology.unlock();
        }
    }

    // ---- publishing and time ----

    /**
     * basic.publish: routes {@code message} from {@code exchange} ("" is the default exchange)
     * to its queues. 404 for a missing exchange, 403 for an internal one. Never locks the host.
     */
    public PublishResult publish(String exchange, Message message) {
        return publishPath.publish(exchange, message, Backpressure.NONE);
    }

    /**
     * As {@link #publish(String, Message)}, telling {@code backpressure} of each queue it went to
     * that is backlogged, so that the publisher may pause (publisher flow control).
     */
    public PublishResult publish(String exchange, Message message, Backpressure backpressure) {
        return publishPath.publish(exchange, message, backpressure);
    }

    /**
     * basic.publish in a transaction: routed now (404, 403 as for {@link #publish}), delivered
     * by {@link RoutedMessage#deliver} at tx.commit, as RabbitMQ does.
     */
    public RoutedMessage route(String exchange, Message message) {
        return publishPath.route(exchange, message);
    }

    /**
     * What basic.publish checks first, before it looks at the message: 404 for a missing
     * exchange, 403 for an internal one ("" is always fine). RabbitMQ does so at publish time,
     * also in a transaction, whose messages are routed only at commit here.
     */
    public void checkPublishable(String exchange) {
        if (!exchange.isEmpty()) {
            publishPath.publishable(exchange);
        }
    }

    /**
     * Expires messages at the queues' heads (dropped or dead-lettered), deletes queues unused
     * past their x-expires, and lets the publishers of stalled backlogged queues go
     * ({@link MessageQueue#checkStalled}). The server runs it periodically (every 100 ms or so); a
     * queue with nothing due costs a volatile read.
     */
    public void sweep() {
        long now = clock.millis();
        for (MessageQueue queue : topology.queues()) {
            queue.expireMessages(now);
            queue.checkStalled();
            if (queue.unusedTooLong(now)) {
                deleteIf(queue, q -> q.deleteIfExpired(now));
            }
        }
    }

    // ---- internals ----

    private void lastConsumerGone(MessageQueue queue) {
        deleteIf(queue, MessageQueue::deleteIfAbandoned);
    }

    /** Deletes the queue if it is still this host's and {@code deletes} (run under the topology lock) says so. */
    private void deleteIf(MessageQueue queue, Predicate<MessageQueue> deletes) {
        topology.lock();
        try {
            if (topology.queue(queue.name().name()) != queue || !deletes.test(queue)) {
                return;
            }
            topology.remove(queue);
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
        Exchange found = topology.exchange(exchange);
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
}
