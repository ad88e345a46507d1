package dev.depot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every message an operator can get from a bad file or flag, word for word. */
class ConfigErrorsTest {

    private static final String KNOWN = "Known keys: bind, memcached-port, redis-port, amqp-port, data-dir,"
            + " maxmemory, maxmemory-policy, max-connections, max-item-size, threads, requirepass, amqp-frame-max,"
            + " amqp-channel-max, amqp-heartbeat, amqp-max-message-size, amqp-memory-high-watermark, amqp-vhosts,"
            + " amqp-users";
    private static final String POLICY_HINT = "use one of volatile-lru, volatile-lfu, volatile-random, volatile-ttl,"
            + " allkeys-lru, allkeys-lfu, allkeys-random, noeviction";
    private static final String PORT_HINT = "use 1-65535, or 0 to turn the listener off";
    private static final String SIZE_HINT = "use a number of bytes or a size like 64mb or 2g";
    private static final String PASSWORD_HINT = "use printable characters (spaces are fine), or an empty value for no password";
    private static final String ITEM_HINT = "use a size from 1k to 1g such as 1mb (the limits of memcached's -I)";

    @TempDir
    Path dir;

    // --- unknown keys ---

    @Test
    void unknownKeyInFileSuggestsTheClosestKey() throws IOException {
        Path file = write("depot.yaml", "memcache-port: 11211\n");
        assertEquals("unknown key 'memcache-port' in " + file + "; did you mean 'memcached-port'? " + KNOWN,
                fileError(file));
    }

    @ParameterizedTest
    @CsvSource({
            "maxMemory, maxmemory",
            "max_memory, maxmemory",
            "max-memory, maxmemory",
            "MAX_ITEM_SIZE, max-item-size",
            "thread, threads",
            "datadir, data-dir",
            "redis_port, redis-port",
            "amqport, amqp-port",
    })
    void commonMisspellingsGetASuggestion(String written, String meant) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(written, "1")));
        assertEquals("unknown key '" + written + "' on the command line; did you mean '" + meant + "'? " + KNOWN,
                e.getMessage());
    }

    @Test
    void unknownKeyWithNothingCloseListsTheKnownKeys() throws IOException {
        Path file = write("depot.yaml", "log-level: debug\n");
        assertEquals("unknown key 'log-level' in " + file + ". " + KNOWN, fileError(file));
    }

    // --- one key's value ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "memcached-port: 70000 | memcached-port: 70000 is not a valid port; " + PORT_HINT,
            "redis-port: -1        | redis-port: -1 is not a valid port; " + PORT_HINT,
            "amqp-port: amqp       | amqp-port: 'amqp' is not a valid port; " + PORT_HINT,
            "amqp-port: 56.72      | amqp-port: 56.72 is not a valid port; " + PORT_HINT,
            "amqp-port: true       | amqp-port: true is not a valid port; " + PORT_HINT,
            "amqp-port: [1, 2]     | amqp-port: a list is not a valid port; " + PORT_HINT,
            "amqp-port:            | amqp-port: no value given; " + PORT_HINT,
            "amqp-port: 99999999999999999999 | amqp-port: 99999999999999999999 is too large; " + PORT_HINT,
            "maxmemory: lots       | maxmemory: 'lots' is not a size; " + SIZE_HINT,
            "maxmemory: 1.5g       | maxmemory: '1.5g' is not a size; " + SIZE_HINT,
            "maxmemory: -5         | maxmemory: -5 is not a size; " + SIZE_HINT,
            "maxmemory: {a: 1}     | maxmemory: a mapping is not a size; " + SIZE_HINT,
            "maxmemory: 9999999p   | maxmemory: '9999999p' is too large to be a size in bytes",
            "maxmemory: 0          | maxmemory: 0 is not allowed: Depot always needs a memory limit"
                    + " (unlike Redis, where 0 means unlimited); " + SIZE_HINT,
            "maxmemory-policy: lru | maxmemory-policy: 'lru' is not a policy; " + POLICY_HINT,
            "maxmemory-policy: 5   | maxmemory-policy: '5' is not a policy; " + POLICY_HINT,
            "maxmemory-policy: [a] | maxmemory-policy: a list is not a policy name; " + POLICY_HINT,
            "maxmemory-policy:     | maxmemory-policy: no value given; " + POLICY_HINT,
            "max-item-size: 512    | max-item-size: 512b is out of range; " + ITEM_HINT,
            "max-item-size: 1023b  | max-item-size: 1023b is out of range; " + ITEM_HINT,
            "max-item-size: 2g     | max-item-size: 2gb is out of range; " + ITEM_HINT,
            "max-item-size: huge   | max-item-size: 'huge' is not a size; " + SIZE_HINT,
            "threads: 0            | threads: 0 is out of range; use 1-1024",
            "threads: 1025         | threads: 1025 is out of range; use 1-1024",
            "threads: many         | threads: 'many' is not a whole number; use 1-1024",
            "max-connections: 0    | max-connections: 0 is out of range; use 1 or more (at most 2147483647)",
            "max-connections: 2147483648 | max-connections: 2147483648 is out of range; use 1 or more (at most 2147483647)",
            "bind: ''              | bind: '' is not an address; use an IP address such as 127.0.0.1 or 0.0.0.0, or a host name",
            "bind: 'a b'           | bind: 'a b' is not an address; use an IP address such as 127.0.0.1 or 0.0.0.0, or a host name",
            "bind: [a]             | bind: a list is not an address; use an IP address such as 127.0.0.1 or 0.0.0.0, or a host name",
            "data-dir: ''          | data-dir: '' is not a directory path; use a directory path such as ./data or /var/lib/depot",
            "requirepass: [a]      | requirepass: a list is not a password; " + PASSWORD_HINT,
            "requirepass: \"a\\tb\" | requirepass: the password contains a control character; " + PASSWORD_HINT,
            "requirepass:          | requirepass: no value given; " + PASSWORD_HINT,
    })
    void badValueInFile(String yaml, String message) throws IOException {
        assertEquals(message, fileError(write("depot.yaml", yaml + "\n")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "memcached-port | 70000 | memcached-port: 70000 is not a valid port; " + PORT_HINT,
            "memcached-port | 11211x | memcached-port: '11211x' is not a valid port; " + PORT_HINT,
            "maxmemory      | lots  | maxmemory: 'lots' is not a size; " + SIZE_HINT,
            "threads        | ''    | threads: '' is not a whole number; use 1-1024",
            "max-item-size  | 4g    | max-item-size: 4gb is out of range; " + ITEM_HINT,
            "maxmemory-policy | allkeys_lru | maxmemory-policy: 'allkeys_lru' is not a policy; " + POLICY_HINT,
    })
    void badValueInFlagGetsTheSameMessage(String key, String value, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(key, value)));
        assertEquals(message, e.getMessage());
    }

    // --- rules across keys ---

    @Test
    void itemSizeMustFitInMaxmemory() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Map.of("maxmemory", "1m", "max-item-size", "2m")));
        assertEquals("max-item-size (2mb) is larger than maxmemory (1mb), so such an item could never be stored;"
                + " lower max-item-size or raise maxmemory", e.getMessage());
    }

    @Test
    void smallMaxmemoryIsCaughtByTheDefaultItemSize() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("maxmemory", "512k")));
        assertTrue(e.getMessage().startsWith("max-item-size (1mb) is larger than maxmemory (512kb)"), e.getMessage());
    }

    @Test
    void itemSizeEqualToMaxmemoryIsAllowed() {
        assertEquals(1 << 20, ConfigLoader.load(Map.of("maxmemory", "1m", "max-item-size", "1m")).maxItemSize());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "6379  | 6379 | 5672 | memcached-port and redis-port are both 6379",
            "11211 | 5672 | 5672 | redis-port and amqp-port are both 5672",
            "5672  | 6379 | 5672 | memcached-port and amqp-port are both 5672",
    })
    void twoListenersOnOnePort(String memcached, String redis, String amqp, String start) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                Map.of("memcached-port", memcached, "redis-port", redis, "amqp-port", amqp)));
        assertEquals(start + "; give each enabled listener its own port, or 0 to turn one off", e.getMessage());
    }

    @Test
    void listenersThatAreOffMayShareZero() {
        DepotConfig config = ConfigLoader.load(Map.of("redis-port", "0", "amqp-port", "0"));
        assertEquals(0, config.redisPort());
        assertEquals(0, config.amqpPort());
    }

    @Test
    void atLeastOneListenerMustBeOn() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                Map.of("memcached-port", "0", "redis-port", "0", "amqp-port", "0")));
        assertEquals("memcached-port, redis-port and amqp-port are all 0, so Depot would serve nothing;"
                + " give at least one of them a port", e.getMessage());
    }

    @Test
    void validateChecksAConfigBuiltByHand() {
        assertEquals(DepotConfig.defaults(), ConfigValidator.validate(DepotConfig.defaults()));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigValidator.validate(DepotConfig.defaults().withMaxConnections(0)));
        assertEquals("max-connections: 0 is out of range; use 1 or more (at most 2147483647)", e.getMessage());
    }

    // --- the file itself ---

    @Test
    void missingFileNamesThePath() {
        Path file = dir.resolve("nope.yaml");
        assertEquals("config file " + file + " does not exist", fileError(file));
    }

    @Test
    void directoryInsteadOfFile() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("conf.yaml"));
        assertEquals("config file " + sub + " is a directory; give the path of a YAML file", fileError(sub));
    }

    @Test
    void unknownExtension() throws IOException {
        Path file = write("depot.conf", "threads: 2\n");
        assertEquals("config file " + file + " has an unknown format; name it *.yaml, *.yml or *.json",
                fileError(file));
    }

    @Test
    void yamlSyntaxErrorNamesTheFileAndLine() throws IOException {
        Path file = write("depot.yaml", "threads: 2\nbind: [unclosed\n");
        String message = fileError(file);
        assertTrue(message.startsWith("config file " + file + " is not valid YAML: "), message);
        assertTrue(message.matches("(?s).*\\(line \\d+, column \\d+\\)"), message);
        assertTrue(!message.contains("\n"), "one line: " + message);
    }

    @Test
    void jsonSyntaxErrorNamesTheFileAndLine() throws IOException {
        Path file = write("depot.json", "{\n  \"threads\": 2,\n  \"bind\" \"x\"\n}");
        String message = fileError(file);
        assertTrue(message.startsWith("config file " + file + " is not valid JSON: "), message);
        assertTrue(message.endsWith("(line 3, column 10)"), message);
    }

    @Test
    void duplicateKeyIsAnError() throws IOException {
        Path file = write("depot.yaml", "threads: 2\nthreads: 4\n");
        assertEquals("config file " + file + " is not valid YAML: key 'threads' appears more than once"
                + " (line 2, column 8)", fileError(file));
    }

    @Test
    void yamlErrorGivesTheProblemNotJustTheContext() throws IOException {
        Path file = write("depot.yaml", "threads: 2\nbind: [unclosed\n");
        assertTrue(fileError(file).contains("while parsing a flow sequence: expected ',' or ']'"), fileError(file));
    }

    @Test
    void duplicateKeyInJsonIsAnErrorToo() throws IOException {
        Path file = write("depot.json", "{\"threads\": 2, \"threads\": 3}");
        assertEquals("config file " + file + " is not valid JSON: key 'threads' appears more than once"
                + " (line 1, column 25)", fileError(file));
    }

    @Test
    void topLevelMustBeAMapping() throws IOException {
        Path file = write("depot.yaml", "- threads: 2\n");
        assertEquals("config file " + file + " must be a mapping of keys to values, such as"
                + " 'memcached-port: 11211', not a list", fileError(file));
    }

    private String fileError(Path file) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of())).getMessage();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
