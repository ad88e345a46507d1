package dev.depot.config;

import dev.depot.storage.keyspace.EvictionPolicy;
import java.nio.file.Path;

/**
 * The daemon's whole configuration, validated. Every field has a command-line flag and a
 * config-file key of the same kebab-case name (field {@code memcachedPort} is
 * {@code --memcached-port} and {@code memcached-port:}).
 *
 * <p>The daemon gets its instance from {@link ConfigLoader#load(java.nio.file.Path, java.util.Map)}
 * (flag &gt; file &gt; default, validated); {@link ConfigKey} lists the keys and
 * {@link ConfigValidator#validate(DepotConfig)} checks one built by hand.
 *
 * @param bind            address every listener binds to
 * @param memcachedPort   memcached text protocol port; 0 turns the listener off
 * @param redisPort       RESP port; 0 turns the listener off
 * @param amqpPort        AMQP 0-9-1 port; 0 turns the listener off
 * @param dataDir         where the append-only log lives
 * @param maxMemory       bytes the keyspace may hold before it evicts
 * @param maxmemoryPolicy what goes when maxMemory is reached (or that writes fail instead)
 * @param maxConnections  open client connections allowed across all listeners
 * @param maxItemSize     largest value a client may store, in bytes
 * @param threads         Netty worker (event loop) threads
 * @param requirePass     the password Redis clients must give with AUTH; empty for none
 * @param amqp            the AMQP listener's settings: tuning, vhosts, users and permissions
 */
public record DepotConfig(
        String bind,
        int memcachedPort,
        int redisPort,
        int amqpPort,
        Path dataDir,
        long maxMemory,
        EvictionPolicy maxmemoryPolicy,
        int maxConnections,
        int maxItemSize,
        int threads,
        String requirePass,
        AmqpSettings amqp) {

    /** The configuration Depot runs with when given no flags and no file. */
    public static DepotConfig defaults() {
        return new DepotConfig("127.0.0.1", 11211, 6379, 5672, Path.of("data"), 64L * 1024 * 1024,
                EvictionPolicy.ALLKEYS_LRU, 1024, 1024 * 1024, Runtime.getRuntime().availableProcessors(), "",
                AmqpSettings.defaults());
    }

    public DepotConfig withPorts(int memcached, int redis, int amqp) {
        return new DepotConfig(bind, memcached, redis, amqp, dataDir, maxMemory, maxmemoryPolicy, maxConnections,
                maxItemSize, threads, requirePass, this.amqp);
    }

    public DepotConfig withMaxMemory(long bytes) {
        return new DepotConfig(bind, memcachedPort, redisPort, amqpPort, dataDir, bytes, maxmemoryPolicy,
                maxConnections, maxItemSize, threads, requirePass, amqp);
    }

    public DepotConfig withMaxmemoryPolicy(EvictionPolicy policy) {
        return new DepotConfig(bind, memcachedPort, redisPort, amqpPort, dataDir, maxMemory, policy, maxConnections,
                maxItemSize, threads, requirePass, amqp);
    }

    public DepotConfig withMaxItemSize(int bytes) {
        return new DepotConfig(bind, memcachedPort, redisPort, amqpPort, dataDir, maxMemory, maxmemoryPolicy,
                maxConnections, bytes, threads, requirePass, amqp);
    }

    public DepotConfig withDataDir(Path dir) {
        return new DepotConfig(bind, memcachedPort, redisPort, amqpPort, dir, maxMemory, maxmemoryPolicy,
                maxConnections, maxItemSize, threads, requirePass, amqp);
    }

    public DepotConfig withMaxConnections(int n) {
        return new DepotConfig(bind, memcachedPort, redisPort, amqpPort, dataDir, maxMemory, maxmemoryPolicy, n,
                maxItemSize, threads, requirePass, amqp);
    }

    public DepotConfig withThreads(int n) {
        return new DepotConfig(bind, memcachedPort, redisPort, amqpPort, dataDir, maxMemory, maxmemoryPolicy,
                maxConnections, maxItemSize, n, requirePass, amqp);
    }

    public DepotConfig withRequirePass(String password) {
        return new DepotConfig(bind, memcachedPort, redisPort, amqpPort, dataDir, maxMemory, maxmemoryPolicy,
                maxConnections, maxItemSize, threads, password, amqp);
    }

    public DepotConfig withAmqp(AmqpSettings settings) {
        return new DepotConfig(bind, memcachedPort, redisPort, amqpPort, dataDir, maxMemory, maxmemoryPolicy,
                maxConnections, maxItemSize, threads, requirePass, settings);
    }
}
