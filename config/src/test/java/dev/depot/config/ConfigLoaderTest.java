package dev.depot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.depot.storage.keyspace.EvictionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence (flag > file > default) and the two file formats. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void noFileAndNoFlagsGivesTheDefaults() {
        assertEquals(DepotConfig.defaults(), ConfigLoader.load(null, Map.of()));
        assertEquals(DepotConfig.defaults(), ConfigLoader.load(Map.of()));
    }

    @Test
    void readsEveryKeyFromYaml() throws IOException {
        Path file = write("depot.yaml", """
                # every key, in the order the docs list them
                bind: 0.0.0.0
                memcached-port: 11311
                redis-port: 6380
                amqp-port: 0
                data-dir: /var/lib/depot
                maxmemory: 2g
                maxmemory-policy: volatile-ttl
                max-connections: 4096
                max-item-size: 4mb
                threads: 16
                requirepass: s3cret pass
                """);
        assertEquals(new DepotConfig("0.0.0.0", 11311, 6380, 0, Path.of("/var/lib/depot"),
                2L << 30, EvictionPolicy.VOLATILE_TTL, 4096, 4 << 20, 16, "s3cret pass", AmqpSettings.defaults()),
                ConfigLoader.load(file, Map.of()));
    }

    @Test
    void readsEveryKeyFromJson() throws IOException {
        Path file = write("depot.json", """
                {"bind": "::1", "memcached-port": 11311, "redis-port": "6380", "amqp-port": 5673,
                 "data-dir": "data/depot", "maxmemory": 1073741824, "maxmemory-policy": "noeviction",
                 "max-connections": 10, "max-item-size": "512kb", "threads": 2, "requirepass": "pw"}
                """);
        assertEquals(new DepotConfig("::1", 11311, 6380, 5673, Path.of("data/depot"),
                1L << 30, EvictionPolicy.NOEVICTION, 10, 512 << 10, 2, "pw", AmqpSettings.defaults()),
                ConfigLoader.load(file, Map.of()));
    }

    @Test
    void ymlExtensionAndUpperCaseExtensionAreYamlToo() throws IOException {
        assertEquals(7, ConfigLoader.load(write("a.yml", "threads: 7\n"), Map.of()).threads());
        assertEquals(7, ConfigLoader.load(write("b.YAML", "threads: 7\n"), Map.of()).threads());
    }

    @Test
    void fileOverridesOnlyTheKeysItGives() throws IOException {
        Path file = write("depot.yaml", "redis-port: 6380\nmaxmemory: 128mb\n");
        DepotConfig expected = DepotConfig.defaults().withPorts(11211, 6380, 5672).withMaxMemory(128L << 20);
        assertEquals(expected, ConfigLoader.load(file, Map.of()));
    }

    @Test
    void flagBeatsFileBeatsDefault() throws IOException {
        Path file = write("depot.yaml", "redis-port: 6380\nmaxmemory: 128mb\nthreads: 3\n");
        DepotConfig config = ConfigLoader.load(file, Map.of("maxmemory", "256m", "amqp-port", "5673"));
        assertEquals(256L << 20, config.maxMemory(), "flag over file");
        assertEquals(5673, config.amqpPort(), "flag over default");
        assertEquals(6380, config.redisPort(), "file over default");
        assertEquals(3, config.threads(), "file over default");
        assertEquals(DepotConfig.defaults().memcachedPort(), config.memcachedPort(), "default");
        assertEquals(DepotConfig.defaults().bind(), config.bind(), "default");
    }

    @Test
    void everyKeyCanComeFromAFlag() {
        Map<String, String> flags = Map.ofEntries(Map.entry("bind", "10.0.0.1"), Map.entry("memcached-port", "1"),
                Map.entry("redis-port", "2"), Map.entry("amqp-port", "3"), Map.entry("data-dir", "./d"),
                Map.entry("maxmemory", "1g"), Map.entry("maxmemory-policy", "allkeys-lfu"),
                Map.entry("max-connections", "5"), Map.entry("max-item-size", "1k"), Map.entry("threads", "1024"),
                Map.entry("requirepass", "p"));
        assertEquals(new DepotConfig("10.0.0.1", 1, 2, 3, Path.of("./d"), 1L << 30, EvictionPolicy.ALLKEYS_LFU,
                5, 1024, 1024, "p", AmqpSettings.defaults()), ConfigLoader.load(flags));
    }

    @Test
    void aFlagCanRepairABadFileValue() throws IOException {
        Path file = write("depot.yaml", "memcached-port: 70000\n");
        assertEquals(11212, ConfigLoader.load(file, Map.of("memcached-port", "11212")).memcachedPort());
    }

    @Test
    void sizesAcceptNumbersAndText() throws IOException {
        assertEquals(1 << 20, ConfigLoader.load(write("a.yaml", "max-item-size: 1048576\n"), Map.of()).maxItemSize());
        assertEquals(1 << 20, ConfigLoader.load(write("b.yaml", "max-item-size: '1048576'\n"), Map.of()).maxItemSize());
        assertEquals(1 << 20, ConfigLoader.load(write("c.yaml", "max-item-size: 1M\n"), Map.of()).maxItemSize());
        assertEquals(1_000_000_000L, ConfigLoader.load(write("d.json", "{\"maxmemory\": 1e9}"), Map.of()).maxMemory());
    }

    @Test
    void quotedNumbersAndSurroundingSpacesAreAccepted() throws IOException {
        Path file = write("depot.yaml", "memcached-port: ' 11311 '\nbind: ' 0.0.0.0 '\n");
        DepotConfig config = ConfigLoader.load(file, Map.of("threads", " 4"));
        assertEquals(11311, config.memcachedPort());
        assertEquals("0.0.0.0", config.bind());
        assertEquals(4, config.threads());
    }

    @Test
    void emptyFilesAndCommentOnlyFilesChangeNothing() throws IOException {
        assertEquals(DepotConfig.defaults(), ConfigLoader.load(write("empty.yaml", ""), Map.of()));
        assertEquals(DepotConfig.defaults(), ConfigLoader.load(write("comments.yaml", "# nothing yet\n"), Map.of()));
        assertEquals(DepotConfig.defaults(), ConfigLoader.load(write("empty.json", "{}"), Map.of()));
    }

    @Test
    void theEvictionPolicyDefaultsToAnLruCacheAndAcceptsAnyLetterCase() throws IOException {
        assertEquals(EvictionPolicy.ALLKEYS_LRU, DepotConfig.defaults().maxmemoryPolicy());
        assertEquals(EvictionPolicy.VOLATILE_LFU,
                ConfigLoader.load(write("p.yaml", "maxmemory-policy: Volatile-LFU\n"), Map.of()).maxmemoryPolicy());
        assertEquals(EvictionPolicy.NOEVICTION, ConfigLoader.load(Map.of("maxmemory-policy", " noeviction ")).maxmemoryPolicy());
        assertEquals(EvictionPolicy.ALLKEYS_RANDOM,
                DepotConfig.defaults().withMaxmemoryPolicy(EvictionPolicy.ALLKEYS_RANDOM).maxmemoryPolicy());
    }

    @Test
    void relativeDataDirStaysRelativeToTheWorkingDirectory() throws IOException {
        Path file = write("depot.yaml", "data-dir: cache\n");
        assertEquals(Path.of("cache"), ConfigLoader.load(file, Map.of()).dataDir());
    }

    @Test
    void describeListsEveryKeyInFileSyntax() {
        DepotConfig config = new DepotConfig("0.0.0.0", 1, 0, 3, Path.of("d"), 64L << 20,
                EvictionPolicy.VOLATILE_LRU, 5, 1 << 20, 2, "", AmqpSettings.defaults());
        assertEquals("bind=0.0.0.0 memcached-port=1 redis-port=0 amqp-port=3 data-dir=d maxmemory=64mb"
                + " maxmemory-policy=volatile-lru max-connections=5 max-item-size=1mb threads=2 requirepass= amqp-frame-max=128kb amqp-channel-max=2047"
                + " amqp-heartbeat=60 amqp-max-message-size=128mb amqp-memory-high-watermark=0.4 amqp-vhosts=/"
                + " amqp-users=guest", ConfigKey.describe(config));
    }

    @Test
    void describeNeverShowsThePassword() {
        String described = ConfigKey.describe(DepotConfig.defaults().withRequirePass("hunter2"));
        assertTrue(described.contains(" requirepass=(set) "), described);
        assertFalse(described.contains("hunter2"), described);
    }

    @Test
    void aNumericPasswordInYamlIsTakenAsText() throws IOException {
        assertEquals("1234", ConfigLoader.load(write("p.yaml", "requirepass: 1234\n"), Map.of()).requirePass());
        assertEquals("", ConfigLoader.load(write("q.yaml", "requirepass: ''\n"), Map.of()).requirePass());
    }

    @Test
    void formattedValuesLoadBackToTheSameConfig() {
        AmqpSettings amqp = new AmqpSettings(5000, 0, 0, 3000, new MemoryWatermark.Fraction(0.0001),
                AmqpSettings.defaults().vhosts(), AmqpSettings.defaults().users());
        DepotConfig original = new DepotConfig("0.0.0.0", 1, 0, 3, Path.of("d"), (64L << 20) + 1,
                EvictionPolicy.ALLKEYS_RANDOM, 5, 3000, 2, "a b", amqp);
        Map<String, String> flags = new java.util.HashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            if (key.hasFlag()) {
                flags.put(key.key(), key.format(original));
            }
        }
        assertEquals(original, ConfigLoader.load(flags));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
