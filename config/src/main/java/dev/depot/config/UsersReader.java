package dev.depot.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.config.access.AccessControl;
import dev.depot.config.access.AmqpUser;
import dev.depot.config.access.Credential;
import dev.depot.config.access.PasswordHash;
import dev.depot.config.access.PlainPassword;
import dev.depot.config.access.Permissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the structured AMQP keys, {@code amqp-vhosts} and {@code amqp-users}, from the config
 * file. Every message says where the problem is (which user, which vhost, which field) and how to
 * fix it; names, ranges and cross-references are checked by {@link AmqpValidator}.
 */
final class UsersReader {

    private static final String PASSWORD_HASH = "password-hash";
    private static final String PASSWORD = "password";
    private static final String TAGS = "tags";
    private static final String LOOPBACK_ONLY = "loopback-only";
    private static final String PERMISSIONS = "permissions";
    private static final List<String> USER_FIELDS = List.of(PASSWORD_HASH, PASSWORD, TAGS, LOOPBACK_ONLY, PERMISSIONS);
    private static final List<String> PERMISSION_FIELDS = List.of("configure", "write", "read");

    private UsersReader() {
    }

    /** The listed vhosts, with the default one added in front unless it is listed. */
    static List<String> vhosts(JsonNode node) {
        ValueReader.requireValue(ConfigKey.AMQP_VHOSTS, node);
        if (!node.isArray()) {
            throw ConfigValidator.fail(ConfigKey.AMQP_VHOSTS, ValueReader.shown(node) + " is not a list of names");
        }
        List<String> vhosts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (!entry.isTextual()) {
                throw ConfigValidator.fail(ConfigKey.AMQP_VHOSTS, "entry " + (i + 1) + " is "
                        + ValueReader.kindOf(entry) + ", not a name");
            }
            vhosts.add(entry.asText());
        }
        if (!vhosts.contains(AccessControl.DEFAULT_VHOST)) {
            vhosts.add(0, AccessControl.DEFAULT_VHOST);
        }
        return vhosts;
    }

    /** The users, in file order; none (an empty mapping) leaves {@code defaults}, the guest user. */
    static List<AmqpUser> users(JsonNode node, List<AmqpUser> defaults) {
        ValueReader.requireValue(ConfigKey.AMQP_USERS, node);
        if (!node.isObject()) {
            throw ConfigValidator.fail(ConfigKey.AMQP_USERS, ValueReader.shown(node)
                    + " is not a mapping of user names to their settings");
        }
        if (node.isEmpty()) {
            return defaults;
        }
        List<AmqpUser> users = new ArrayList<>();
        node.properties().forEach(e -> users.add(user(e.getKey(), e.getValue())));
        return users;
    }

    private static AmqpUser user(String name, JsonNode node) {
        if (name.isEmpty()) {
            throw fail("a user name is empty", "give every user a name");
        }
        String where = "user '" + name + "'";
        if (!node.isObject()) {
            throw fail(where + " is " + ValueReader.kindOf(node) + ", not a mapping",
                    "give it a password-hash (or password) and, if needed, tags, loopback-only and permissions");
        }
        checkFields(where, node, USER_FIELDS);
        Map<String, Permissions> permissions = new LinkedHashMap<>();
        JsonNode perVhost = node.get(PERMISSIONS);
        if (perVhost != null) {
            if (!perVhost.isObject()) {
                throw fail(where + ": permissions is " + ValueReader.kindOf(perVhost) + ", not a mapping",
                        "map each vhost name to its configure, write and read patterns");
            }
            perVhost.properties().forEach(e -> permissions.put(e.getKey(), permissions(where, e.getKey(), e.getValue())));
        }
        // RabbitMQ's loopback_users default names guest: a configured guest stays local unless told otherwise.
        boolean loopbackDefault = name.equals(AmqpUser.GUEST);
        return new AmqpUser(name, credential(where, node), tags(where, node.get(TAGS)),
                loopbackOnly(where, node.get(LOOPBACK_ONLY), loopbackDefault), permissions);
    }

    private static Credential credential(String where, JsonNode user) {
        JsonNode hash = user.get(PASSWORD_HASH);
        JsonNode plain = user.get(PASSWORD);
        if (hash != null && plain != null) {
            throw fail(where + " has both password-hash and password", "keep only password-hash");
        }
        if (hash != null) {
            try {
                return PasswordHash.parse(text(where, PASSWORD_HASH, hash));
            } catch (IllegalArgumentException e) {
                throw fail(where + ": password-hash is not a RabbitMQ password hash: " + e.getMessage(),
                        "copy the output of depot hash-password or rabbitmqctl hash_password, or a password_hash"
                                + " from RabbitMQ's exported definitions, exactly");
            }
        }
        if (plain != null) {
            try {
                return new PlainPassword(text(where, PASSWORD, plain));
            } catch (IllegalArgumentException e) {
                throw fail(where + ": " + e.getMessage(), "give a password-hash from depot hash-password");
            }
        }
        throw fail(where + " has no password-hash or password",
                "add password-hash: with the output of depot hash-password");
    }

    /** A list of names, or (as in RabbitMQ's older definitions files) one comma-separated text. */
    private static List<String> tags(String where, JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            return Arrays.stream(node.asText().split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        }
        if (!node.isArray()) {
            throw fail(where + ": tags is " + shownField(node), "write them as a list such as [administrator, monitoring]");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : node) {
            if (!tag.isTextual()) {
                throw fail(where + ": tag " + shownField(tag) + " is not a name",
                        "write tags as a list of names such as [administrator, monitoring]");
            }
            tags.add(tag.asText());
        }
        return tags;
    }

    private static boolean loopbackOnly(String where, JsonNode node, boolean fallback) {
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw fail(where + ": loopback-only is " + shownField(node), "write true or false");
        }
        return node.booleanValue();
    }

    private static Permissions permissions(String user, String vhost, JsonNode node) {
        String where = user + ", vhost '" + vhost + "'";
        if (!node.isObject()) {
            throw fail(where + ": permissions are " + ValueReader.kindOf(node) + ", not a mapping",
                    "give configure, write and read patterns, such as {configure: '.*', write: '.*', read: '.*'}");
        }
        checkFields(where, node, PERMISSION_FIELDS);
        String[] patterns = new String[PERMISSION_FIELDS.size()];
        for (int i = 0; i < patterns.length; i++) {
            String field = PERMISSION_FIELDS.get(i);
            JsonNode pattern = node.get(field);
            if (pattern == null) {
                throw fail(where + ": " + field + " is missing",
                        "give all three of configure, write and read ('' grants nothing)");
            }
            patterns[i] = text(where, field, pattern);
        }
        try {
            return new Permissions(patterns[0], patterns[1], patterns[2]);
        } catch (IllegalArgumentException e) {
            throw fail(where + ": " + e.getMessage(), "correct it, or write '' to grant nothing");
        }
    }

    private static void checkFields(String where, JsonNode node, List<String> known) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw fail(where + " has an unknown field '" + field + "'",
                        KeySuggestions.closest(field, known).map(k -> "did you mean '" + k + "'? ").orElse("")
                                + "Known fields: " + String.join(", ", known));
            }
        });
    }

    private static String text(String where, String field, JsonNode node) {
        if (!node.isTextual()) {
            throw fail(where + ": " + field + " is " + shownField(node), "write it as text, in quotes");
        }
        return node.asText();
    }

    /** A bad field value, quoted back: text and numbers as written, anything else by its kind. */
    private static String shownField(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? ValueReader.shown(node) : ValueReader.kindOf(node);
    }

    /** {@code amqp-users: <where and what>; <fix>}, the shape of every message here. */
    private static ConfigException fail(String problem, String fix) {
        return new ConfigException(ConfigKey.AMQP_USERS + ": " + problem + "; " + fix);
    }
}
