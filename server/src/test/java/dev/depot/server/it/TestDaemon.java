package dev.depot.server.it;

import dev.depot.config.DepotConfig;
import dev.depot.server.DepotServer;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A Depot daemon running in this JVM on a free port, memcached listener only. The port is found
 * by binding a ServerSocket to port 0 and closing it; when somebody else grabs it before the
 * daemon binds, the start is retried with another one.
 */
final class TestDaemon implements AutoCloseable {
    static {
        // spymemcached logs INFO lines to stderr by default; route it through SLF4J (root is WARN).
        System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SLF4JLogger");
    }

    final DepotServer server;
    final DepotConfig config;
    final int port;
    private final InProcessDaemon.Started started;

    private TestDaemon(InProcessDaemon.Started started, int port) {
        this.started = started;
        this.server = started.server();
        this.config = started.config();
        this.port = port;
    }

    /** A daemon with the defaults (64 MB, 1 MB items, 1024 connections) on a free port. */
    static TestDaemon start() {
        return start(UnaryOperator.identity());
    }

    /**
     * A daemon whose configuration {@code customize} adjusts; the ports and a fresh temporary
     * data directory are set afterwards.
     */
    static TestDaemon start(UnaryOperator<DepotConfig> customize) {
        InProcessDaemon.Started started = InProcessDaemon.start("depot-it-", dataDir ->
                customize.apply(DepotConfig.defaults()).withPorts(InProcessDaemon.freePort(), 0, 0).withDataDir(dataDir));
        int bound = started.server().addresses().get(0).getPort();
        if (bound != started.config().memcachedPort()) {
            InProcessDaemon.stop(started);
            throw new AssertionError("daemon asked for port " + started.config().memcachedPort() + " but bound " + bound);
        }
        return new TestDaemon(started, bound);
    }

    /** {@code config} with {@code threads} Netty worker threads (DepotConfig has no wither for it). */
    static DepotConfig withThreads(DepotConfig c, int threads) {
        return new DepotConfig(c.bind(), c.memcachedPort(), c.redisPort(), c.amqpPort(), c.dataDir(), c.maxMemory(),
                c.maxmemoryPolicy(), c.maxConnections(), c.maxItemSize(), threads, c.requirePass(), c.amqp());
    }

    static int freePort() {
        return InProcessDaemon.freePort();
    }

    InetSocketAddress address() {
        return server.addresses().get(0);
    }

    RawClient connect() {
        return RawClient.connect(address());
    }

    /** A spymemcached client (text protocol) with a generous operation timeout for slow machines. */
    MemcachedClient spyClient() {
        try {
            return new MemcachedClient(new ConnectionFactoryBuilder()
                    .setProtocol(ConnectionFactoryBuilder.Protocol.TEXT)
                    .setOpTimeout(5_000)
                    .setFailureMode(FailureMode.Retry)
                    .build(), List.of(address()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code stats [sub]} over a connection of its own. */
    Map<String, String> stats(String sub) {
        try (RawClient client = connect()) {
            return client.stats(sub);
        }
    }

    long stat(String name) {
        String value = stats("").get(name);
        if (value == null) {
            throw new AssertionError("stats has no " + name);
        }
        return Long.parseLong(value);
    }

    @Override
    public void close() {
        InProcessDaemon.stop(started);
    }
}
