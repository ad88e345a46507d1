package dev.depot.config;

import dev.depot.storage.keyspace.EvictionPolicy;
import java.util.List;

/**
 * The rules a configuration must satisfy, each failing with a message that names the key and
 * says what is allowed. The per-key checks are also used by {@link ConfigLoader} while it reads
 * values, so a flag and a file entry get exactly the same message.
 */
public final class ConfigValidator {

    static final String PORT_HINT = "use 1-65535, or 0 to turn the listener off";
    static final String PASSWORD_HINT = "use printable characters (spaces are fine), or an empty value for no password";
    static final int MAX_THREADS = 1024;
    /** memcached's -I bounds: items smaller than 1k or larger than 1g are refused there too. */
    static final long MIN_ITEM_SIZE = 1024;
    static final long MAX_ITEM_SIZE = 1024L * 1024 * 1024;

    private static final List<ConfigKey> LISTENERS =
            List.of(ConfigKey.MEMCACHED_PORT, ConfigKey.REDIS_PORT, ConfigKey.AMQP_PORT);

    private ConfigValidator() {
    }

    /**
     * Checks every rule, including those that involve two keys.
     *
     * @return {@code config}, for chaining
     * @throws ConfigException naming the first key that breaks a rule
     */
    public static DepotConfig validate(DepotConfig config) {
        bind(config.bind());
        port(ConfigKey.MEMCACHED_PORT, config.memcachedPort());
        port(ConfigKey.REDIS_PORT, config.redisPort());
        port(ConfigKey.AMQP_PORT, config.amqpPort());
        maxMemory(config.maxMemory());
        if (config.maxmemoryPolicy() == null) {
            throw fail(ConfigKey.MAXMEMORY_POLICY, "no policy given");
        }
        maxConnections(config.maxConnections());
        maxItemSize(config.maxItemSize());
        threads(config.threads());
        requirePass(config.requirePass());
        AmqpValidator.validate(config.amqp(), config.maxMemory());
        checkListeners(config);
        if (config.maxItemSize() > config.maxMemory()) {
            throw new ConfigException("max-item-size (" + ByteSize.format(config.maxItemSize())
                    + ") is larger than maxmemory (" + ByteSize.format(config.maxMemory())
                    + "), so such an item could never be stored; lower max-item-size or raise maxmemory");
        }
        return config;
    }

    static String bind(String address) {
        if (address.isBlank() || address.strip().chars().anyMatch(Character::isWhitespace)) {
            throw fail(ConfigKey.BIND, "'" + address + "' is not an address");
        }
        return address.strip();
    }

    static int port(ConfigKey key, long port) {
        if (port < 0 || port > 65535) {
            throw fail(key, port + " is not a valid port");
        }
        return (int) port;
    }

    static long maxMemory(long bytes) {
        if (bytes <= 0) {
            // Redis reads "maxmemory 0" as "no limit"; say why Depot does not, rather than just "too small".
            throw fail(ConfigKey.MAXMEMORY, bytes + " is not allowed: Depot always needs a memory limit"
                    + " (unlike Redis, where 0 means unlimited)");
        }
        return bytes;
    }

    /** Policy names are matched in any letter case, as Redis matches them. */
    static EvictionPolicy maxmemoryPolicy(String name) {
        return EvictionPolicy.byConfigName(name)
                .orElseThrow(() -> fail(ConfigKey.MAXMEMORY_POLICY, "'" + name + "' is not a policy"));
    }

    static int maxConnections(long n) {
        return (int) inRange(ConfigKey.MAX_CONNECTIONS, n, 1, Integer.MAX_VALUE, Long.toString(n));
    }

    static int maxItemSize(long bytes) {
        String shown = bytes < 0 ? Long.toString(bytes) : ByteSize.format(bytes);
        return (int) inRange(ConfigKey.MAX_ITEM_SIZE, bytes, MIN_ITEM_SIZE, MAX_ITEM_SIZE, shown);
    }

    static int threads(long n) {
        return (int) inRange(ConfigKey.THREADS, n, 1, MAX_THREADS, Long.toString(n));
    }

    /**
     * Control characters are refused: a password with a line break could not be typed to
     * redis-cli, nor written back by CONFIG REWRITE as one line.
     */
    static String requirePass(String password) {
        if (password.chars().anyMatch(Character::isISOControl)) {
            throw fail(ConfigKey.REQUIREPASS, "the password contains a control character");
        }
        return password;
    }

    private static void checkListeners(DepotConfig config) {
        int[] ports = {config.memcachedPort(), config.redisPort(), config.amqpPort()};
        if (ports[0] == 0 && ports[1] == 0 && ports[2] == 0) {
            throw new ConfigException("memcached-port, redis-port and amqp-port are all 0, so Depot would"
                    + " serve nothing; give at least one of them a port");
        }
        for (int i = 0; i < ports.length; i++) {
            for (int j = i + 1; j < ports.length; j++) {
                if (ports[i] != 0 && ports[i] == ports[j]) {
                    throw new ConfigException(LISTENERS.get(i) + " and " + LISTENERS.get(j) + " are both "
                            + ports[i] + "; give each enabled listener its own port, or 0 to turn one off");
                }
            }
        }
    }

    static long inRange(ConfigKey key, long value, long min, long max, String shown) {
        if (value < min || value > max) {
            throw fail(key, shown + " is out of range");
        }
        return value;
    }

    /** {@code key: problem; hint} - the shape of every single-key message. */
    static ConfigException fail(ConfigKey key, String problem) {
        return new ConfigException(key.key() + ": " + problem + "; " + key.hint());
    }
}
