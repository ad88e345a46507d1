package dev.depot.server;

import dev.depot.config.DepotConfig;
import dev.depot.server.amqp.AmqpListener;
import dev.depot.server.memcached.MemcachedListener;
import dev.depot.server.memcached.MemcachedService;
import dev.depot.server.net.ConnectionLimiter;
import dev.depot.server.resp.RespEnvironment;
import dev.depot.server.resp.RespListener;
import dev.depot.server.resp.RespService;
import dev.depot.server.net.Transport;
import dev.depot.storage.keyspace.Databases;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** The running daemon: the shared keyspace, its housekeeping, and every enabled listener. */
public final class DepotServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DepotServer.class);
    private static final long EXPIRY_PERIOD_MILLIS = 100;
    /** How long AMQP clients get to answer connection.close on shutdown. */
    private static final long AMQP_CLOSE_MILLIS = 2_000;

    private final Transport transport;
    private final ScheduledExecutorService housekeeping;
    private final ChannelGroup listeners = new DefaultChannelGroup("listeners", GlobalEventExecutor.INSTANCE);
    private final ChannelGroup clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private final Databases databases;
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private boolean closed;
    /** The AMQP listener, told first on shutdown; null when it is off. */
    private volatile AmqpListener amqp;

    private DepotServer(DepotConfig config) {
        this.transport = Transport.create(config.threads());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "depot-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        this.databases = new Databases(config.maxMemory(), InstantSource.system());
        databases.evictionPolicy(config.maxmemoryPolicy());
    }

    /** Binds every enabled listener and returns once all of them accept connections. */
    public static DepotServer start(DepotConfig config) throws IOException, InterruptedException {
        return start(config, Optional.empty());
    }

    /**
     * Like {@link #start(DepotConfig)}, for a configuration read from {@code configFile} (which
     * INFO shows and CONFIG REWRITE writes to).
     */
    public static DepotServer start(DepotConfig config, Optional<Path> configFile)
            throws IOException, InterruptedException {
        HeapCheck.requireRoomFor(config.maxMemory(), Runtime.getRuntime().maxMemory());
        prepareDataDir(config.dataDir());
        DepotServer server = new DepotServer(config);
        try {
            server.startListeners(config, configFile);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The data directory must exist and be writable before anything is accepted. */
    private static void prepareDataDir(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create data-dir " + dir.toAbsolutePath() + ": " + e
                    + " (choose another --data-dir, or fix its permissions)", e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("data-dir " + dir.toAbsolutePath() + " is not writable by this user"
                    + " (choose another --data-dir, or fix its permissions)");
        }
    }

    private void startListeners(DepotConfig config, Optional<Path> configFile) throws IOException, InterruptedException {
        if (transport.name().equals("nio")) {
            LOG.warn("native epoll transport unavailable ({}); using NIO, which is slower",
                    Transport.epollUnavailabilityCause().toString());
        }
        long started = System.currentTimeMillis();
        housekeeping.scheduleWithFixedDelay(databases::expireSome, EXPIRY_PERIOD_MILLIS, EXPIRY_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        ConnectionLimiter connections = ConnectionLimiter.create(config.maxConnections(),
                MemcachedListener.TOO_MANY_CONNECTIONS);
        if (config.memcachedPort() != 0) {
            // memcached's items are the strings of database 0
            MemcachedService service = new MemcachedService(config, databases.get(0), connections, housekeeping,
                    started);
            bind("memcached", "memcached-port", config.bind(), config.memcachedPort(),
                    new MemcachedListener(service, connections, config.maxItemSize()));
        }
        if (config.redisPort() != 0) {
            RespEnvironment environment = new RespEnvironment(started, configFile,
                    connections.sharingWith(RespListener.TOO_MANY_CONNECTIONS),
                    HeapCheck.largestMaxMemory(Runtime.getRuntime().maxMemory()), housekeeping, transport.name(),
                    this::shutdownSoon);
            bind("RESP", "redis-port", config.bind(), config.redisPort(),
                    new RespListener(new RespService(config, databases, environment)));
        }
        if (config.amqpPort() != 0) {
            amqp = AmqpListener.create(config, connections.sharingWith(AmqpListener.TOO_MANY_CONNECTIONS), housekeeping);
            bind("AMQP", "amqp-port", config.bind(), config.amqpPort(), amqp, amqp::listenerOptions);
        }
    }

    private void bind(String protocol, String key, String host, int port, ChannelInitializer<SocketChannel> pipeline)
            throws IOException, InterruptedException {
        bind(protocol, key, host, port, pipeline, (bootstrap, transportName) -> { });
    }

    /** @param options sets the protocol's own options of the listening socket, given the transport's name */
    private void bind(String protocol, String key, String host, int port, ChannelInitializer<SocketChannel> pipeline,
                      BiConsumer<ServerBootstrap, String> options) throws IOException, InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.boss(), transport.workers())
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        ch.pipeline().addLast(pipeline);
                    }
                });
        options.accept(bootstrap, transport.name());
        var future = bootstrap.bind(host, port).await();
        if (!future.isSuccess()) {
            throw new IOException("cannot listen for " + protocol + " on " + host + ":" + port + ": "
                    + future.cause().getMessage() + " (choose another --" + key + ", or 0 to turn the listener off)",
                    future.cause());
        }
        Channel channel = future.channel();
        listeners.add(channel);
        InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        addresses.add(address);
        LOG.info("{} listening on {}:{} ({})", protocol, host, address.getPort(), transport.name());
    }

    /** The addresses the listeners are bound to, in the order memcached, RESP, AMQP. */
    public List<InetSocketAddress> addresses() {
        return List.copyOf(addresses);
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /**
     * Stops the daemon as SIGTERM does, logging why and how long it took. Blocks until done, so
     * it must not run on an event loop: see {@link #shutdownSoon}.
     */
    public void shutdown(String reason) {
        LOG.info("shutting down on {}: closing listeners and flushing data", reason);
        long stoppingAt = System.nanoTime();
        close();
        LOG.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
    }

    /** {@link #shutdown} on a thread of its own, for requests that arrive on an event loop (SHUTDOWN). */
    private void shutdownSoon(String reason) {
        Thread thread = new Thread(() -> shutdown(reason), "depot-shutdown");
        thread.start();
    }

    /** Graceful stop: stop accepting, let replies in flight go out, close clients, stop threads. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            listeners.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            if (amqp != null) {
                amqp.shutdown(AMQP_CLOSE_MILLIS);
            }
            clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            housekeeping.shutdownNow();
            transport.close();
        } finally {
            terminated.countDown();
        }
    }
}
