package dev.depot.server.it.resp;

import dev.depot.config.DepotConfig;
import dev.depot.server.DepotServer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

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
    private static final int START_ATTEMPTS = 10;

    private final DepotServer server;
    private final Path dataDir;
    private final InetSocketAddress memcached;
    private final InetSocketAddress resp;

    private RespDaemon(DepotServer server, Path dataDir, InetSocketAddress memcached, InetSocketAddress resp) {
        this.server = server;
        this.dataDir = dataDir;
        this.memcached = memcached;
        this.resp = resp;
    }

    static RespDaemon start() {
        String reference = System.getProperty(REFERENCE_PROPERTY, "");
        if (!reference.isBlank()) {
            int colon = reference.lastIndexOf(':');
            return new RespDaemon(null, null, null,
                    new InetSocketAddress(reference.substring(0, colon), Integer.parseInt(reference.substring(colon + 1))));
        }
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("depot-resp-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int memcachedPort = freePort();
            int respPort = freePort();
            if (memcachedPort == respPort) {
                continue;
            }
            DepotConfig config = DepotConfig.defaults().withPorts(memcachedPort, respPort, 0).withDataDir(dataDir);
            try {
                DepotServer server = DepotServer.start(config);
                if (server.addresses().size() != 2) {
                    server.close();
                    throw new AssertionError("expected a memcached and a RESP listener, got " + server.addresses());
                }
                return new RespDaemon(server, dataDir, server.addresses().get(0), server.addresses().get(1));
            } catch (IOException e) {
                if (!isBindFailure(e)) {
                    deleteRecursively(dataDir);
                    throw new UncheckedIOException("the daemon did not start", e);
                }
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deleteRecursively(dataDir);
                throw new IllegalStateException("interrupted while starting the daemon", e);
            }
        }
        deleteRecursively(dataDir);
        throw new UncheckedIOException("could not start the daemon on free ports in " + START_ATTEMPTS + " attempts", last);
    }

    /** Whether the RESP side is a real Redis (see {@link #REFERENCE_PROPERTY}) rather than Depot. */
    boolean isReference() {
        return server == null;
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
        if (server != null) {
            server.close();
            deleteRecursively(dataDir);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        if (dir == null || !Files.exists(dir)) {
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
}
