package dev.depot.server.it.resp;

import dev.depot.config.DepotConfig;
import dev.depot.server.it.InProcessDaemon;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Depot daemon in this JVM with its memcached and RESP listeners on free ports (AMQP off) and
 * a fresh temporary data directory; the ports are found by binding port 0 and closing it, and a
 * start that loses the race for a port is retried with others.
 *
 * <p>Every expected reply in this package was taken from a real Redis 7.0. To check the
 * expectations themselves, run the package against one with
 * {@code -Ddepot.resp.reference=127.0.0.1:PORT}: no daemon is started, the RESP clients go to
 * that server, and the tests that need Depot's memcached side or Depot-only behaviour are skipped.
 */
final class RespDaemon implements AutoCloseable {
    /** host:port of a real Redis to run the RESP tests against instead of Depot. */
    static final String REFERENCE_PROPERTY = "depot.resp.reference";
    static final int TIMEOUT_MILLIS = 5_000;

    /** The daemon, or null when the RESP side is a reference Redis. */
    private final InProcessDaemon.Started started;
    private final InetSocketAddress memcached;
    private final InetSocketAddress resp;

    private RespDaemon(InProcessDaemon.Started started, InetSocketAddress memcached, InetSocketAddress resp) {
        this.started = started;
        this.memcached = memcached;
        this.resp = resp;
    }

    static RespDaemon start() {
        String reference = System.getProperty(REFERENCE_PROPERTY, "");
        if (!reference.isBlank()) {
            int colon = reference.lastIndexOf(':');
            return new RespDaemon(null, null,
                    new InetSocketAddress(reference.substring(0, colon), Integer.parseInt(reference.substring(colon + 1))));
        }
        return startDepot(UnaryOperator.identity());
    }

    /** A Depot daemon (never the reference Redis) whose configuration {@code customize} adjusts. */
    static RespDaemon startDepot(UnaryOperator<DepotConfig> customize) {
        InProcessDaemon.Started started = InProcessDaemon.start("depot-resp-it-", dataDir -> {
            int memcachedPort = InProcessDaemon.freePort();
            int respPort = InProcessDaemon.freePort();
            return customize.apply(DepotConfig.defaults()).withPorts(memcachedPort, respPort, 0).withDataDir(dataDir);
        });
        if (started.server().addresses().size() != 2) {
            InProcessDaemon.stop(started);
            throw new AssertionError("expected a memcached and a RESP listener, got " + started.server().addresses());
        }
        return new RespDaemon(started, started.server().addresses().get(0), started.server().addresses().get(1));
    }

    /** Whether the RESP side is a real Redis (see {@link #REFERENCE_PROPERTY}) rather than Depot. */
    boolean isReference() {
        return started == null;
    }

    /** Skips the calling test when running against a real Redis: it checks Depot-only behaviour. */
    void assumeDepot() {
        assumeTrue(!isReference(), "Depot-only test, skipped against the reference Redis");
    }

    InetSocketAddress respAddress() {
        return resp;
    }

    InetSocketAddress memcachedAddress() {
        assumeDepot();
        return memcached;
    }

    /** A raw RESP connection. */
    RespConnection connect() {
        return RespConnection.connect(resp);
    }

    /** A raw memcached text-protocol connection to the same keyspace. */
    RespConnection memcached() {
        return RespConnection.connect(memcachedAddress());
    }

    Jedis jedis() {
        return new Jedis(new HostAndPort(resp.getHostString(), resp.getPort()),
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(TIMEOUT_MILLIS)
                        .socketTimeoutMillis(TIMEOUT_MILLIS).build());
    }

    /** FLUSHALL over a connection of its own, so that each test starts from empty databases. */
    void flushAll() {
        try (RespConnection c = connect()) {
            c.expect("+OK\r\n", "FLUSHALL");
        }
    }

    @Override
    public void close() {
        if (started != null) {
            InProcessDaemon.stop(started);
        }
    }
}
