package dev.depot.config;

import dev.depot.config.access.AmqpUser;
import dev.depot.storage.keyspace.EvictionPolicy;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting Depot has, one constant per {@link DepotConfig} component (per {@link AmqpSettings}
 * component for the AMQP ones). The key is both the config-file key and the flag name without its
 * dashes, so the command line, the file, the error messages and the help text all come from this
 * one list; the few structured keys have no flag ({@link #hasFlag()}).
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
            c -> Integer.toString(c.threads())),
    REQUIREPASS("requirepass", "PASSWORD",
            "Password Redis clients must give (AUTH, HELLO AUTH, redis-cli -a) before any other command;"
                    + " empty lets every client in, as Redis does without requirepass.",
            ConfigValidator.PASSWORD_HINT,
            DepotConfig::requirePass) {
        /** The startup log says whether a password is set, never what it is. */
        @Override
        String logged(DepotConfig config) {
            return config.requirePass().isEmpty() ? "" : "(set)";
        }
    },
    AMQP_FRAME_MAX("amqp-frame-max", "SIZE",
            "Largest AMQP frame, offered to clients in connection.tune (RabbitMQ's frame_max).",
            "use a size from 4kb (AMQP's smallest frame_max) to 512mb, such as 128kb",
            c -> ByteSize.format(c.amqp().frameMax())),
    AMQP_CHANNEL_MAX("amqp-channel-max", "N",
            "Channels a client may open on one AMQP connection (RabbitMQ's channel_max);"
                    + " 0 means AMQP's own limit, 65535.",
            "use 1-65535, or 0 for AMQP's own limit of 65535",
            c -> Integer.toString(c.amqp().channelMax())),
    AMQP_HEARTBEAT("amqp-heartbeat", "SECONDS",
            "Heartbeat interval offered to AMQP clients, in seconds (RabbitMQ's heartbeat); 0 turns"
                    + " heartbeats off.",
            "use 1-65535 seconds, or 0 to turn heartbeats off",
            c -> Integer.toString(c.amqp().heartbeatSeconds())),
    AMQP_MAX_MESSAGE_SIZE("amqp-max-message-size", "SIZE",
            "Largest message body an AMQP client may publish (RabbitMQ's max_message_size).",
            "use a size from 1b to 512mb (RabbitMQ's limit), such as 128mb",
            c -> ByteSize.format(c.amqp().maxMessageSize())),
    AMQP_MEMORY_HIGH_WATERMARK("amqp-memory-high-watermark", "LIMIT",
            "Memory queued AMQP messages may hold before publishers are blocked: a fraction of"
                    + " maxmemory such as 0.4, or a size such as 256mb (RabbitMQ's vm_memory_high_watermark).",
            "use a fraction of maxmemory above 0 and at most 1.0, such as 0.4, or a size from 1mb up to"
                    + " maxmemory, such as 256mb",
            c -> c.amqp().memoryHighWatermark().format()),
    AMQP_VHOSTS("amqp-vhosts",
            "AMQP virtual hosts besides /, which always exists. Config file only: a list of names.",
            "use a list of names, such as [orders, billing] (/ always exists)",
            c -> String.join(",", c.amqp().vhosts())),
    AMQP_USERS("amqp-users",
            "AMQP users with their password hashes, tags and permissions per vhost. Config file only:"
                    + " a mapping per user. With none, guest/guest may log in from this host only.",
            "see 'AMQP users, vhosts and permissions' in docs/configuration.md",
            c -> c.amqp().users().stream().map(AmqpUser::name).collect(Collectors.joining(",")));

    private final String key;
    private final String paramLabel;
    private final String description;
    private final String hint;
    private final Function<DepotConfig, String> formatter;
    private final boolean hasFlag;

    /** A key with a flag and a file form. */
    ConfigKey(String key, String paramLabel, String description, String hint,
              Function<DepotConfig, String> formatter) {
        this(key, paramLabel, description, hint, formatter, true);
    }

    /** A key only the config file can give: its value is a structure that a flag cannot express. */
    ConfigKey(String key, String description, String hint, Function<DepotConfig, String> formatter) {
        this(key, "", description, hint, formatter, false);
    }

    private ConfigKey(String key, String paramLabel, String description, String hint,
                      Function<DepotConfig, String> formatter, boolean hasFlag) {
        this.key = key;
        this.paramLabel = paramLabel;
        this.description = description;
        this.hint = hint;
        this.formatter = formatter;
        this.hasFlag = hasFlag;
    }

    /** The config-file key, e.g. {@code memcached-port}. */
    public String key() {
        return key;
    }

    /** The command-line flag, e.g. {@code --memcached-port}. */
    public String flag() {
        return "--" + key;
    }

    /** Whether the key has a {@link #flag()}; the others can only be given in the config file. */
    public boolean hasFlag() {
        return hasFlag;
    }

    /** The error for a file-only key given as a flag, on the command line or to {@link ConfigLoader}. */
    public String noFlagMessage() {
        return key + " can only be set in a config file, as its value is a structure a flag cannot express; " + hint;
    }

    /** What the value looks like in help text: {@code PORT}, {@code SIZE}, {@code N}...; empty without a flag. */
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

    /**
     * This key's value in {@code config}, written the way the file and the flag accept it; for a
     * file-only key, a one-line summary (the names of the vhosts or users, never a credential).
     */
    public String format(DepotConfig config) {
        return formatter.apply(config);
    }

    /** This key's value as the startup log shows it: {@link #format}, unless the value is a secret. */
    String logged(DepotConfig config) {
        return format(config);
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
                .map(k -> k.key + "=" + k.logged(config))
                .collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return key;
    }
}
