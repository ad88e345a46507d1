package dev.depot.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.storage.keyspace.EvictionPolicy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the raw value given for a key (a file entry, or a flag's text) into the typed value
 * {@link DepotConfig} holds, or the key's default when nothing was given. Syntax is checked
 * here, ranges by {@link ConfigValidator}.
 */
final class ValueReader {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?\\d+");

    private final Map<ConfigKey, JsonNode> given;

    ValueReader(Map<ConfigKey, JsonNode> given) {
        this.given = given;
    }

    String bind(String fallback) {
        JsonNode node = given.get(ConfigKey.BIND);
        return node == null ? fallback : ConfigValidator.bind(text(ConfigKey.BIND, node, "an address"));
    }

    int port(ConfigKey key, int fallback) {
        JsonNode node = given.get(key);
        return node == null ? fallback : ConfigValidator.port(key, wholeNumber(key, node, "a valid port"));
    }

    Path dataDir(Path fallback) {
        JsonNode node = given.get(ConfigKey.DATA_DIR);
        if (node == null) {
            return fallback;
        }
        String path = text(ConfigKey.DATA_DIR, node, "a directory path");
        try {
            if (!path.isBlank()) {
                return Path.of(path);
            }
        } catch (InvalidPathException e) {
            // fall through to the common message
        }
        throw ConfigValidator.fail(ConfigKey.DATA_DIR, "'" + path + "' is not a directory path");
    }

    long maxMemory(long fallback) {
        JsonNode node = given.get(ConfigKey.MAXMEMORY);
        return node == null ? fallback : ConfigValidator.maxMemory(size(ConfigKey.MAXMEMORY, node));
    }

    EvictionPolicy maxmemoryPolicy(EvictionPolicy fallback) {
        JsonNode node = given.get(ConfigKey.MAXMEMORY_POLICY);
        return node == null ? fallback
                : ConfigValidator.maxmemoryPolicy(text(ConfigKey.MAXMEMORY_POLICY, node, "a policy name").strip());
    }

    int maxItemSize(int fallback) {
        JsonNode node = given.get(ConfigKey.MAX_ITEM_SIZE);
        return node == null ? fallback : ConfigValidator.maxItemSize(size(ConfigKey.MAX_ITEM_SIZE, node));
    }

    int maxConnections(int fallback) {
        JsonNode node = given.get(ConfigKey.MAX_CONNECTIONS);
        return node == null ? fallback
                : ConfigValidator.maxConnections(wholeNumber(ConfigKey.MAX_CONNECTIONS, node, "a whole number"));
    }

    int threads(int fallback) {
        JsonNode node = given.get(ConfigKey.THREADS);
        return node == null ? fallback
                : ConfigValidator.threads(wholeNumber(ConfigKey.THREADS, node, "a whole number"));
    }

    /** A YAML number ({@code requirepass: 1234}) is a password too: its text is taken as written. */
    String requirePass(String fallback) {
        JsonNode node = given.get(ConfigKey.REQUIREPASS);
        return node == null ? fallback
                : ConfigValidator.requirePass(text(ConfigKey.REQUIREPASS, node, "a password"));
    }

    /** Numbers are accepted as YAML/JSON numbers or as text (flags are always text). */
    static long wholeNumber(ConfigKey key, JsonNode node, String noun) {
        requireValue(key, node);
        if (node.isNumber() && node.canConvertToExactIntegral()) {
            if (!node.canConvertToLong()) {
                throw ConfigValidator.fail(key, node.asText() + " is too large");
            }
            return node.longValue();
        }
        String text = node.asText().strip();
        if (node.isTextual() && WHOLE_NUMBER.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw ConfigValidator.fail(key, text + " is too large");
            }
        }
        throw ConfigValidator.fail(key, shown(node) + " is not " + noun);
    }

    /** A size is a number of bytes, or text such as {@code 64mb} (see {@link ByteSize}). */
    static long size(ConfigKey key, JsonNode node) {
        requireValue(key, node);
        if (node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong() && node.longValue() >= 0) {
            return node.longValue();
        }
        if (!node.isTextual()) {
            throw ConfigValidator.fail(key, shown(node) + " is not a size");
        }
        try {
            return ByteSize.parse(node.asText());
        } catch (IllegalArgumentException e) {
            // ByteSize's message already says what a size looks like; the key is all it lacks.
            throw new ConfigException(key.key() + ": " + e.getMessage());
        }
    }

    private static String text(ConfigKey key, JsonNode node, String noun) {
        requireValue(key, node);
        if (!node.isValueNode()) {
            throw ConfigValidator.fail(key, shown(node) + " is not " + noun);
        }
        return node.asText();
    }

    static void requireValue(ConfigKey key, JsonNode node) {
        if (node.isNull()) {
            throw ConfigValidator.fail(key, "no value given");
        }
    }

    /** How a bad value is quoted back: text in quotes, numbers as they are, structures by kind. */
    static String shown(JsonNode node) {
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        return node.isValueNode() ? node.asText() : kindOf(node);
    }

    static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            default -> "an empty value";
        };
    }
}
