package dev.depot.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * {@link ValueReader} for the AMQP keys: each given key replaces its value in the defaults.
 * Scalars are read here; the vhost list and the users, which only a file can give, by
 * {@link UsersReader}.
 */
final class AmqpReader {

    /** A watermark with a decimal point is a fraction; anything else is a size. */
    private static final Pattern DECIMAL = Pattern.compile("\\d*\\.\\d+");

    private final Map<ConfigKey, JsonNode> given;

    AmqpReader(Map<ConfigKey, JsonNode> given) {
        this.given = given;
    }

    AmqpSettings read(AmqpSettings defaults) {
        JsonNode users = given.get(ConfigKey.AMQP_USERS);
        return new AmqpSettings(
                read(ConfigKey.AMQP_FRAME_MAX, defaults.frameMax(),
                        node -> AmqpValidator.frameMax(ValueReader.size(ConfigKey.AMQP_FRAME_MAX, node))),
                read(ConfigKey.AMQP_CHANNEL_MAX, defaults.channelMax(), node -> AmqpValidator.channelMax(
                        ValueReader.wholeNumber(ConfigKey.AMQP_CHANNEL_MAX, node, "a whole number"))),
                read(ConfigKey.AMQP_HEARTBEAT, defaults.heartbeatSeconds(), node -> AmqpValidator.heartbeat(
                        ValueReader.wholeNumber(ConfigKey.AMQP_HEARTBEAT, node, "a number of seconds"))),
                read(ConfigKey.AMQP_MAX_MESSAGE_SIZE, defaults.maxMessageSize(),
                        node -> AmqpValidator.maxMessageSize(ValueReader.size(ConfigKey.AMQP_MAX_MESSAGE_SIZE, node))),
                watermark(defaults.memoryHighWatermark()),
                vhosts(defaults.vhosts()),
                users == null ? defaults.users() : UsersReader.users(users, defaults.users()));
    }

    private int read(ConfigKey key, int fallback, ToIntFunction<JsonNode> parse) {
        JsonNode node = given.get(key);
        return node == null ? fallback : parse.applyAsInt(node);
    }

    private MemoryWatermark watermark(MemoryWatermark fallback) {
        ConfigKey key = ConfigKey.AMQP_MEMORY_HIGH_WATERMARK;
        JsonNode node = given.get(key);
        if (node == null) {
            return fallback;
        }
        ValueReader.requireValue(key, node);
        String text = node.asText().strip();
        if (node.isFloatingPointNumber() || node.isTextual() && DECIMAL.matcher(text).matches()) {
            return AmqpValidator.watermark(new MemoryWatermark.Fraction(Double.parseDouble(text)));
        }
        if (node.isNumber()) {
            return AmqpValidator.watermark(new MemoryWatermark.Size(ValueReader.size(key, node)));
        }
        if (!node.isTextual()) {
            throw ConfigValidator.fail(key, ValueReader.shown(node) + " is not a fraction or a size");
        }
        try {
            return AmqpValidator.watermark(new MemoryWatermark.Size(ByteSize.parse(text)));
        } catch (IllegalArgumentException e) {
            throw ConfigValidator.fail(key, ValueReader.shown(node) + " is not a fraction or a size");
        }
    }

    private List<String> vhosts(List<String> fallback) {
        JsonNode node = given.get(ConfigKey.AMQP_VHOSTS);
        return node == null ? fallback : UsersReader.vhosts(node);
    }
}
