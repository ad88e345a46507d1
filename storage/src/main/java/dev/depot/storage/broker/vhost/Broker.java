package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.deadletter.DeadLettering;
import dev.depot.storage.broker.message.PropertiesRewriter;

import java.time.InstantSource;
import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The AMQP broker model: the virtual hosts ("/" from the start) and what they share (clock,
 * journal, message ids, the server's property encoder for dead letters). Thread-safe; see
 * {@link VirtualHost} for who locks what.
 */
public final class Broker {
    public static final String DEFAULT_VHOST = "/";

    private final InstantSource clock;
    private final BrokerJournal journal;
    private final PropertiesRewriter rewriter;
    private final AtomicLong messageIds = new AtomicLong();
    private final ConcurrentHashMap<String, VirtualHost> vhosts = new ConcurrentHashMap<>();

    public Broker(InstantSource clock, BrokerJournal journal, PropertiesRewriter rewriter) {
        this.clock = clock;
        this.journal = journal;
        this.rewriter = rewriter;
        addVirtualHost(DEFAULT_VHOST);
    }

    /** The virtual host, created (with its predeclared exchanges) if it did not exist. */
    public VirtualHost addVirtualHost(String name) {
        return vhosts.computeIfAbsent(name, n -> new VirtualHost(n, clock, journal,
                route -> new DeadLettering(clock, rewriter, this::nextMessageId, route)));
    }

    /** The virtual host, or null when there is none (connection.open then fails with 530). */
    public VirtualHost virtualHost(String name) {
        return vhosts.get(name);
    }

    public Collection<VirtualHost> virtualHosts() {
        return Collections.unmodifiableCollection(vhosts.values());
    }

    /** A new message id, unique within this broker. */
    public long nextMessageId() {
        return messageIds.incrementAndGet();
    }

    /** Runs every virtual host's {@link VirtualHost#sweep()}; the server schedules it. */
    public void sweep() {
        for (VirtualHost vhost : vhosts.values()) {
            vhost.sweep();
        }
    }
}
