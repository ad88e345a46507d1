package dev.depot.server.it;

import dev.depot.config.DepotConfig;
import dev.depot.server.DepotServer;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

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

    private static final int START_ATTEMPTS = 10;

    final DepotServer server;
    final DepotConfig config;
    final int port;
    private final Path dataDir;

    private TestDaemon(DepotServer server, DepotConfig config, int port, Path dataDir) {
        this.server = server;
        this.config = config;
        this.port = port;
        this.dataDir = dataDir;
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
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("depot-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            DepotConfig config = customize.apply(DepotConfig.defaults()).withPorts(port, 0, 0).withDataDir(dataDir);
            try {
                DepotServer server = DepotServer.start(config);
                int bound = server.addresses().get(0).getPort();
                if (bound != port) {
                    server.close();
                    throw new AssertionError("daemon asked for port " + port + " but bound " + bound);
                }
                return new TestDaemon(server, config, port, dataDir);
            } catch (IOException e) {
                if (!isBindFailure(e)) {
                    deleteRecursively(dataDir);
                    throw new UncheckedIOException("the daemon did not start", e);
                }
                last = e; // the port was taken in between: try another one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deleteRecursively(dataDir);
                throw new IllegalStateException("interrupted while starting the daemon", e);
            }
        }
        deleteRecursively(dataDir);
        throw new UncheckedIOException("could not start the daemon on a free port in " + START_ATTEMPTS
                + " attempts", last);
    }

    private static boolean isBindFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp dir
                }
            });
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }

    /** {@code config} with {@code threads} Netty worker threads (DepotConfig has no wither for it). */
    static DepotConfig withThreads(DepotConfig c, int threads) {
        return new DepotConfig(c.bind(), c.memcachedPort(), c.redisPort(), c.amqpPort(), c.dataDir(), c.maxMemory(),
                c.maxConnections(), c.maxItemSize(), threads);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        server.close();
        deleteRecursively(dataDir);
    }
}
