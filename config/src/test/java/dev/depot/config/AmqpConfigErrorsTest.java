package dev.depot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.depot.config.access.AmqpUser;
import dev.depot.config.access.Permissions;
import dev.depot.config.access.PlainPassword;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every message a bad AMQP setting can produce, word for word. */
class AmqpConfigErrorsTest {

    private static final String FRAME_HINT = "use a size from 4kb (AMQP's smallest frame_max) to 512mb, such as 128kb";
    private static final String CHANNEL_HINT = "use 1-65535, or 0 for AMQP's own limit of 65535";
    private static final String HEARTBEAT_HINT = "use 1-65535 seconds, or 0 to turn heartbeats off";
    private static final String MESSAGE_HINT = "use a size from 1b to 512mb (RabbitMQ's limit), such as 128mb";
    private static final String WATERMARK_HINT = "use a fraction of maxmemory above 0 and at most 1.0, such as 0.4,"
            + " or a size from 1mb up to maxmemory, such as 256mb";
    private static final String SIZE_HINT = "use a number of bytes or a size like 64mb or 2g";
    private static final String VHOSTS_HINT = "use a list of names, such as [orders, billing] (/ always exists)";
    private static final String USERS_HINT = "see 'AMQP users, vhosts and permissions' in docs/configuration.md";
    private static final String USER_FIELDS = "Known fields: password-hash, password, tags, loopback-only, permissions";
    private static final String HASH_FIX = "copy the output of depot hash-password or rabbitmqctl hash_password, or a"
            + " password_hash from RabbitMQ's exported definitions, exactly";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "amqp-frame-max: 4095           | amqp-frame-max: 4095b is out of range; " + FRAME_HINT,
            "amqp-frame-max: 0              | amqp-frame-max: 0b is out of range; " + FRAME_HINT,
            "amqp-frame-max: 1g             | amqp-frame-max: 1gb is out of range; " + FRAME_HINT,
            "amqp-frame-max: big            | amqp-frame-max: 'big' is not a size; " + SIZE_HINT,
            "amqp-channel-max: 65536        | amqp-channel-max: 65536 is out of range; " + CHANNEL_HINT,
            "amqp-channel-max: -1           | amqp-channel-max: -1 is out of range; " + CHANNEL_HINT,
            "amqp-channel-max: lots         | amqp-channel-max: 'lots' is not a whole number; " + CHANNEL_HINT,
            "amqp-heartbeat: 65536          | amqp-heartbeat: 65536 is out of range; " + HEARTBEAT_HINT,
            "amqp-heartbeat: 1.5            | amqp-heartbeat: 1.5 is not a number of seconds; " + HEARTBEAT_HINT,
            "amqp-heartbeat: 60s            | amqp-heartbeat: '60s' is not a number of seconds; " + HEARTBEAT_HINT,
            "amqp-heartbeat:                | amqp-heartbeat: no value given; " + HEARTBEAT_HINT,
            "amqp-max-message-size: 0       | amqp-max-message-size: 0b is out of range; " + MESSAGE_HINT,
            "amqp-max-message-size: 513mb   | amqp-max-message-size: 513mb is out of range; " + MESSAGE_HINT,
            "amqp-max-message-size: -1      | amqp-max-message-size: -1 is not a size; " + MESSAGE_HINT,
            "amqp-memory-high-watermark: 1.5   | amqp-memory-high-watermark: 1.5 is out of range; " + WATERMARK_HINT,
            "amqp-memory-high-watermark: 0.0   | amqp-memory-high-watermark: 0.0 is out of range; " + WATERMARK_HINT,
            "amqp-memory-high-watermark: 1     | amqp-memory-high-watermark: 1b is out of range; " + WATERMARK_HINT,
            "amqp-memory-high-watermark: 512kb | amqp-memory-high-watermark: 512kb is out of range; " + WATERMARK_HINT,
            "amqp-memory-high-watermark: 40%   | amqp-memory-high-watermark: '40%' is not a fraction or a size; "
                    + WATERMARK_HINT,
            "amqp-memory-high-watermark: [1]   | amqp-memory-high-watermark: a list is not a fraction or a size; "
                    + WATERMARK_HINT,
            "amqp-memory-high-watermark: true  | amqp-memory-high-watermark: true is not a fraction or a size; "
                    + WATERMARK_HINT,
            "amqp-memory-high-watermark: -5    | amqp-memory-high-watermark: -5 is not a size; " + WATERMARK_HINT,
            "amqp-memory-high-watermark:       | amqp-memory-high-watermark: no value given; " + WATERMARK_HINT,
    })
    void badScalarValue(String yaml, String message) throws IOException {
        assertEquals(message, fileError(yaml + "\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "amqp-frame-max         | 2k    | amqp-frame-max: 2kb is out of range; " + FRAME_HINT,
            "amqp-heartbeat         | -5    | amqp-heartbeat: -5 is out of range; " + HEARTBEAT_HINT,
            "amqp-memory-high-watermark | 2.0 | amqp-memory-high-watermark: 2.0 is out of range; " + WATERMARK_HINT,
    })
    void badFlagGetsTheSameMessage(String key, String value, String message) {
        assertEquals(message, assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(key, value))).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "amqp-vhosts | amqp-vhosts can only be set in a config file, as its value is a structure a flag cannot"
                    + " express; " + VHOSTS_HINT,
            "amqp-users  | amqp-users can only be set in a config file, as its value is a structure a flag cannot"
                    + " express; " + USERS_HINT,
    })
    void structuredKeysHaveNoFlag(String key, String message) {
        assertEquals(message, assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(key, "x"))).getMessage());
    }

    @Test
    void watermarkAboveMaxmemory() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Map.of("maxmemory", "64mb", "amqp-memory-high-watermark", "128mb")));
        assertEquals("amqp-memory-high-watermark (128mb) is larger than maxmemory (64mb), so it would never block"
                + " publishers before memory runs out; lower it, write it as a fraction such as 0.4, or raise maxmemory",
                e.getMessage());
    }

    @Test
    void misspeltAmqpKeyGetsASuggestion() throws IOException {
        assertEquals("unknown key 'amqp-heartbeats' in " + dir.resolve("depot.yaml") + "; did you mean 'amqp-heartbeat'?",
                fileError("amqp-heartbeats: 5\n").split(" Known keys")[0]);
        assertEquals("unknown key 'amqp-user' in " + dir.resolve("depot.yaml") + "; did you mean 'amqp-users'?",
                fileError("amqp-user: {}\n").split(" Known keys")[0]);
    }

    // --- amqp-vhosts ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "amqp-vhosts: orders           | amqp-vhosts: 'orders' is not a list of names; " + VHOSTS_HINT,
            "amqp-vhosts: {orders: 1}      | amqp-vhosts: a mapping is not a list of names; " + VHOSTS_HINT,
            "amqp-vhosts:                  | amqp-vhosts: no value given; " + VHOSTS_HINT,
            "amqp-vhosts: [orders, {a: 1}] | amqp-vhosts: entry 2 is a mapping, not a name; " + VHOSTS_HINT,
            "amqp-vhosts: [orders, 7]      | amqp-vhosts: entry 2 is a number, not a name; " + VHOSTS_HINT,
            "amqp-vhosts: [orders, '']     | amqp-vhosts: an empty name is not a vhost; " + VHOSTS_HINT,
            "amqp-vhosts: [orders, orders] | amqp-vhosts: 'orders' is listed twice; " + VHOSTS_HINT,
            "amqp-vhosts: [/, /]           | amqp-vhosts: '/' is listed twice; " + VHOSTS_HINT,
    })
    void badVhosts(String yaml, String message) throws IOException {
        assertEquals(message, fileError(yaml + "\n"));
    }

    // --- amqp-users ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // the section itself
            "amqp-users: alice |"
                    + " amqp-users: 'alice' is not a mapping of user names to their settings; " + USERS_HINT,
            "amqp-users: [alice] |"
                    + " amqp-users: a list is not a mapping of user names to their settings; " + USERS_HINT,
            "amqp-users: |"
                    + " amqp-users: no value given; " + USERS_HINT,
            "amqp-users: {'': {password: x}} |"
                    + " amqp-users: a user name is empty; give every user a name",
            // one user
            "amqp-users: {alice: secret} |"
                    + " amqp-users: user 'alice' is text, not a mapping; give it a password-hash (or password) and,"
                    + " if needed, tags, loopback-only and permissions",
            "amqp-users: {alice: } |"
                    + " amqp-users: user 'alice' is an empty value, not a mapping; give it a password-hash (or password)"
                    + " and, if needed, tags, loopback-only and permissions",
            "amqp-users: {alice: {pasword: x}} |"
                    + " amqp-users: user 'alice' has an unknown field 'pasword'; did you mean 'password'? " + USER_FIELDS,
            "amqp-users: {alice: {password_hash: x}} |"
                    + " amqp-users: user 'alice' has an unknown field 'password_hash'; did you mean 'password-hash'? "
                    + USER_FIELDS,
            "amqp-users: {alice: {password: x, vhost: orders}} |"
                    + " amqp-users: user 'alice' has an unknown field 'vhost'; " + USER_FIELDS,
            "amqp-users: {alice: {tags: [a]}} |"
                    + " amqp-users: user 'alice' has no password-hash or password; add password-hash: with the output"
                    + " of depot hash-password",
            "amqp-users: {alice: {password: x, password-hash: GRR2QtbZ4YWLFrqgE7t8A/RZ0DYlzEGsAR3WJnlSj0h5ujm6}} |"
                    + " amqp-users: user 'alice' has both password-hash and password; keep only password-hash",
            "amqp-users: {alice: {password: ''}} |"
                    + " amqp-users: user 'alice': the password is empty; give a password-hash from depot hash-password",
            "amqp-users: {alice: {password: 1234}} |"
                    + " amqp-users: user 'alice': password is 1234; write it as text, in quotes",
            "amqp-users: {alice: {password: }} |"
                    + " amqp-users: user 'alice': password is an empty value; write it as text, in quotes",
            "amqp-users: {alice: {password-hash: 'c2VjcmV0'}} |"
                    + " amqp-users: user 'alice': password-hash is not a RabbitMQ password hash: it decodes to 6 bytes,"
                    + " where a salt and a SHA-256 or SHA-512 digest make 36 or 68; " + HASH_FIX,
            "amqp-users: {alice: {password-hash: 'secret!'}} |"
                    + " amqp-users: user 'alice': password-hash is not a RabbitMQ password hash: it is not base64; "
                    + HASH_FIX,
            "amqp-users: {alice: {password: x, tags: {a: 1}}} |"
                    + " amqp-users: user 'alice': tags is a mapping; write them as a list such as [administrator,"
                    + " monitoring]",
            "amqp-users: {alice: {password: x, tags: [admin, [x]]}} |"
                    + " amqp-users: user 'alice': tag a list is not a name; write tags as a list of names such as"
                    + " [administrator, monitoring]",
            "amqp-users: {alice: {password: x, loopback-only: maybe}} |"
                    + " amqp-users: user 'alice': loopback-only is 'maybe'; write true or false",
            "amqp-users: {alice: {password: x, loopback-only: 1}} |"
                    + " amqp-users: user 'alice': loopback-only is 1; write true or false",
            // permissions
            "amqp-users: {alice: {password: x, permissions: [/]}} |"
                    + " amqp-users: user 'alice': permissions is a list, not a mapping; map each vhost name to its"
                    + " configure, write and read patterns",
            "amqp-users: {alice: {password: x, permissions: {/: '.*'}}} |"
                    + " amqp-users: user 'alice', vhost '/': permissions are text, not a mapping; give configure, write"
                    + " and read patterns, such as {configure: '.*', write: '.*', read: '.*'}",
            "amqp-users: {alice: {password: x, permissions: {/: {configure: '', write: ''}}}} |"
                    + " amqp-users: user 'alice', vhost '/': read is missing; give all three of configure, write and"
                    + " read ('' grants nothing)",
            "amqp-users: {alice: {password: x, permissions: {/: {configure: '', write: '', read: '', wrte: ''}}}} |"
                    + " amqp-users: user 'alice', vhost '/' has an unknown field 'wrte'; did you mean 'write'? Known"
                    + " fields: configure, write, read",
            "amqp-users: {alice: {password: x, permissions: {/: {configure: '', write: 5, read: ''}}}} |"
                    + " amqp-users: user 'alice', vhost '/': write is 5; write it as text, in quotes",
            "amqp-users: {alice: {password: x, permissions: {/: {configure: '', write: '[z-a]', read: ''}}}} |"
                    + " amqp-users: user 'alice', vhost '/': write pattern '[z-a]' is not a valid regular expression"
                    + " (Illegal character range near index 3); correct it, or write '' to grant nothing",
            "amqp-users: {alice: {password: x, permissions: {/: {configure: '(', write: '', read: ''}}}} |"
                    + " amqp-users: user 'alice', vhost '/': configure pattern '(' is not a valid regular expression"
                    + " (Unclosed group near index 1); correct it, or write '' to grant nothing",
            "amqp-users: {alice: {password: x, permissions: {ordres: {configure: '', write: '', read: ''}}}} |"
                    + " amqp-users: user 'alice' has permissions in vhost 'ordres', which is not in amqp-vhosts; add it"
                    + " there or correct the name (vhosts: /)",
    })
    void badUsers(String yaml, String message) throws IOException {
        assertEquals(message, fileError(yaml + "\n"));
    }

    @Test
    void permissionsVhostErrorListsTheVhostsThereAre() throws IOException {
        assertEquals("amqp-users: user 'bob' has permissions in vhost 'ordres', which is not in amqp-vhosts; add it"
                + " there or correct the name (vhosts: /, orders, billing)", fileError("""
                amqp-vhosts: [orders, billing]
                amqp-users:
                  bob:
                    password: x
                    permissions:
                      orders: {configure: '', write: '', read: ''}
                      ordres: {configure: '', write: '', read: ''}
                """));
    }

    @Test
    void sameUserTwiceInAFileIsADuplicateKey() throws IOException {
        String message = fileError("amqp-users:\n  bob: {password: x}\n  bob: {password: y}\n");
        assertEquals("config file " + dir.resolve("depot.yaml") + " is not valid YAML: key 'bob' appears more than once"
                + " (line 3, column 6)", message);
    }

    @Test
    void validateChecksUsersBuiltByHand() {
        AmqpUser bob = new AmqpUser("bob", new PlainPassword("x"), List.of(), false, Map.of());
        AmqpUser eve = new AmqpUser("eve", new PlainPassword("x"), List.of(), false, Map.of("missing", Permissions.ALL));
        AmqpSettings defaults = AmqpSettings.defaults();
        assertEquals("amqp-users: user 'bob' is defined twice; give each user one entry", validationError(
                new AmqpSettings(4096, 0, 0, 1, defaults.memoryHighWatermark(), List.of("/"), List.of(bob, bob))));
        assertEquals("amqp-users: user 'eve' has permissions in vhost 'missing', which is not in amqp-vhosts; add it"
                + " there or correct the name (vhosts: /)", validationError(
                new AmqpSettings(4096, 0, 0, 1, defaults.memoryHighWatermark(), List.of("/"), List.of(eve))));
        assertEquals("amqp-frame-max: 1gb is out of range; " + FRAME_HINT, validationError(
                new AmqpSettings(1 << 30, 0, 0, 1, defaults.memoryHighWatermark(), List.of("/"), List.of())));
        assertEquals("amqp-memory-high-watermark: NaN is out of range; " + WATERMARK_HINT, validationError(
                new AmqpSettings(4096, 0, 0, 1, new MemoryWatermark.Fraction(Double.NaN), List.of("/"), List.of())));
        assertEquals("amqp-vhosts: an empty name is not a vhost; " + VHOSTS_HINT, validationError(
                new AmqpSettings(4096, 0, 0, 1, defaults.memoryHighWatermark(), List.of("/", ""), List.of())));
    }

    private String validationError(AmqpSettings amqp) {
        return assertThrows(ConfigException.class,
                () -> ConfigValidator.validate(DepotConfig.defaults().withAmqp(amqp))).getMessage();
    }

    private String fileError(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("depot.yaml"), yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of())).getMessage();
    }
}
