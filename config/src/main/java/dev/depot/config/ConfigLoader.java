package dev.depot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Builds the {@link DepotConfig} the daemon runs with from three layers: a command-line flag
 * beats the config file, which beats the built-in default ({@link DepotConfig#defaults()}).
 * Only keys that are actually given override; everything else falls through to the next layer.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * Loads, merges and validates.
     *
     * @param configFile a {@code .yaml}, {@code .yml} or {@code .json} file, or {@code null} for none
     * @param flags      values from command-line flags, keyed by config key ({@code "memcached-port"}),
     *                   as the text the user typed; only flags that were given belong here
     * @throws ConfigException if a file cannot be read, a key is unknown, or a value breaks a rule
     */
    public static DepotConfig load(Path configFile, Map<String, String> flags) {
        Map<ConfigKey, JsonNode> given = new EnumMap<>(ConfigKey.class);
        if (configFile != null) {
            ConfigFile.read(configFile).forEach((key, value) -> given.put(known(key, "in " + configFile), value));
        }
        flags.forEach((key, value) ->
                given.put(flag(key), value == null ? NullNode.instance : TextNode.valueOf(value)));
        return build(given);
    }

    /** Defaults overridden by flags only; the same as {@code load(null, flags)}. */
    public static DepotConfig load(Map<String, String> flags) {
        return load(null, flags);
    }

    private static DepotConfig build(Map<ConfigKey, JsonNode> given) {
        DepotConfig defaults = DepotConfig.defaults();
        ValueReader read = new ValueReader(given);
        DepotConfig config = new DepotConfig(
                read.bind(defaults.bind()),
                read.port(ConfigKey.MEMCACHED_PORT, defaults.memcachedPort()),
                read.port(ConfigKey.REDIS_PORT, defaults.redisPort()),
                read.port(ConfigKey.AMQP_PORT, defaults.amqpPort()),
                read.dataDir(defaults.dataDir()),
                read.maxMemory(defaults.maxMemory()),
                read.maxmemoryPolicy(defaults.maxmemoryPolicy()),
                read.maxConnections(defaults.maxConnections()),
                read.maxItemSize(defaults.maxItemSize()),
                // One thread per CPU, but never past the limit: a 2048-CPU host must still start with no flags.
                read.threads(Math.min(defaults.threads(), ConfigValidator.MAX_THREADS)),
                read.requirePass(defaults.requirePass()),
                new AmqpReader(given).read(defaults.amqp()));
        return ConfigValidator.validate(config);
    }

    private static ConfigKey flag(String key) {
        ConfigKey known = known(key, "on the command line");
        if (!known.hasFlag()) {
            throw new ConfigException(known.noFlagMessage());
        }
        return known;
    }

    private static ConfigKey known(String key, String where) {
        return ConfigKey.byKey(key).orElseThrow(() -> new ConfigException("unknown key '" + key + "' " + where
                + KeySuggestions.closest(key).map(k -> "; did you mean '" + k.key() + "'?").orElse(".")
                + " Known keys: " + ConfigKey.knownKeys()));
    }
}
