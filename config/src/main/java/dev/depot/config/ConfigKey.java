package dev.depot.config;

import dev.depot.storage.keyspace.EvictionPolicy;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting Depot has, one constant per {@link DepotConfig} component. The key is both the
 * config-file key and the flag name without its dashes, so the command line, the file, the
 * error messages and the help text all come from this one list.
 */
public enum ConfigKey {
    BIND("bind", "ADDR",
            "Address every listener binds to: an IP address such as 0.0.0.0, or a host name.",
            "use an IP address such as 127.0.0.1 or 0.0.0.0, or a host name",
            DepotConfig::bind),
    MEMCACHED_PORT("memcached-port", "PORT",
            "Port for memcached text-protocol clients; 0 turns the listener off.",
            ConfigValidator.PORT_HINT,
            c -> Integer.toString(c.memcachedPort())),
    REDIS_PORT("redis-port", "PORT",
            "Port for Redis (RESP) clients; 0 turns the listener off.",
            ConfigValidator.PORT_HINT,
            c -> Integer.toString(c.redisPort())),
    AMQP_PORT("amqp-port", "PORT",
            "Port for AMQP 0-9-1 clients; 0 turns the listener off.",
            ConfigValidator.PORT_HINT,
            c -> Integer.toString(c.amqpPort())),
    DATA_DIR("data-dir", "DIR",
            "Directory for the append-only log. A relative path is relative to the working directory.",
            "use a directory path such as ./data or /var/lib/depot",
            c -> c.dataDir().toString()),
    MAXMEMORY("maxmemory", "SIZE",
            "Memory the keyspace may use before it evicts, e.g. 512mb or 2g.",
            ByteSize.HINT,
            c -> ByteSize.format(c.maxMemory())),
    MAXMEMORY_POLICY("maxmemory-policy", "POLICY",
            "What goes when maxmemory is reached, as in Redis: allkeys-lru (an LRU cache), allkeys-lfu,"
                    + " allkeys-random, volatile-lru/-lfu/-random/-ttl (keys with a TTL only), or noeviction"
                    + " (writes fail instead).",
            "use one of " + EvictionPolicy.configNames(),
            c -> c.maxmemoryPolicy().configName()),
    MAX_CONNECTIONS("max-connections", "N",
            "Open client connections allowed across all listeners.",
            "use 1 or more (at most " + Integer.MAX_VALUE + ")",
            c -> Integer.toString(c.maxConnections())),
    MAX_ITEM_SIZE("max-item-size", "SIZE",
            "Largest value a client may store: 1k to 1g, like memcached's -I, and at most maxmemory.",
            "use a size from 1k to 1g such as 1mb (the limits of memcached's -I)",
            c -> ByteSize.format(c.maxItemSize())),
    THREADS("threads", "N",
            "Network worker threads; the default is one per CPU.",
            "use 1-" + ConfigValidator.MAX_THREADS,
            c -> Integer.toString(c.threads()));

    private final String key;
    private final String paramLabel;
    private final String description;
    private final String hint;
    private final Function<DepotConfig, String> formatter;

    ConfigKey(String key, String paramLabel, String description, String hint,
              Function<DepotConfig, String> formatter) {
        this.key = key;
        this.paramLabel = paramLabel;
        this.description = description;
        this.hint = hint;
        this.formatter = formatter;
    }

    /** The config-file key, e.g. {@code memcached-port}. */
    public String key() {
        return key;
    }

    /** The command-line flag, e.g. {@code --memcached-port}. */
    public String flag() {
        return "--" + key;
    }

    /** What the value looks like in help text: {@code PORT}, {@code SIZE}, {@code N}... */
    public String paramLabel() {
        return paramLabel;
    }

    /** One sentence for help text and docs. */
    public String description() {
        return description;
    }

    /** What is allowed, phrased as advice ("use 1-1024"); ends every error message about this key. */
    public String hint() {
        return hint;
    }

    /** This key's value in {@code config}, written the way the file and the flag accept it. */
    public String format(DepotConfig config) {
        return formatter.apply(config);
    }

    /** The constant for a file key or flag name ({@code memcached-port}), if there is one. */
    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** All keys, comma-separated, for "known keys" messages. */
    public static String knownKeys() {
        return Arrays.stream(values()).map(ConfigKey::key).collect(Collectors.joining(", "));
    }

    /** {@code key=value} for every key, for the startup log line. */
    public static String describe(DepotConfig config) {
        return Arrays.stream(values())
                .map(k -> k.key + "=" + k.format(config))
                .collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return key;
    }
}
