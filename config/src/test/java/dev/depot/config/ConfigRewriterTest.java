package dev.depot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONFIG REWRITE's file side: new values in, everything else kept, never a file that fails to load. */
class ConfigRewriterTest {

    @TempDir
    Path dir;

    @Test
    void yamlKeepsCommentsAndOtherLinesAndReplacesTheKeysLine() throws IOException {
        Path file = Files.writeString(dir.resolve("depot.yaml"), """
                # production cache
                redis-port: 6380
                maxmemory: 64mb   # sized for the small box
                threads: 2
                """);
        ConfigRewriter.rewrite(file, Map.of(ConfigKey.MAXMEMORY, "128mb"));
        assertEquals("""
                # production cache
                redis-port: 6380
                maxmemory: 128mb
                threads: 2
                """, Files.readString(file));
        assertEquals(128L << 20, ConfigLoader.load(file, Map.of()).maxMemory());
    }

    @Test
    void yamlGetsMissingKeysAppendedAndPasswordsQuoted() throws IOException {
        Path file = Files.writeString(dir.resolve("depot.yml"), "redis-port: 6380");
        Map<ConfigKey, String> values = new LinkedHashMap<>();
        values.put(ConfigKey.MAX_CONNECTIONS, "20");
        values.put(ConfigKey.REQUIREPASS, "it's: #secret");
        ConfigRewriter.rewrite(file, values);
        assertEquals("redis-port: 6380\nmax-connections: 20\nrequirepass: 'it''s: #secret'\n", Files.readString(file));
        DepotConfig loaded = ConfigLoader.load(file, Map.of());
        assertEquals(20, loaded.maxConnections());
        assertEquals("it's: #secret", loaded.requirePass());
    }

    @Test
    void jsonIsWrittenBackWithTheKeysSet() throws IOException {
        Path file = Files.writeString(dir.resolve("depot.json"), "{\"redis-port\": 6380, \"maxmemory\": \"1g\"}");
        ConfigRewriter.rewrite(file, Map.of(ConfigKey.MAXMEMORY, "2gb", ConfigKey.REQUIREPASS, "pw"));
        DepotConfig loaded = ConfigLoader.load(file, Map.of());
        assertEquals(2L << 30, loaded.maxMemory());
        assertEquals("pw", loaded.requirePass());
        assertEquals(6380, loaded.redisPort());
    }

    @Test
    void aRewriteThatWouldNotLoadLeavesTheFileAlone() throws IOException {
        String flow = "{redis-port: 6380, maxmemory: 1g}\n";
        Path file = Files.writeString(dir.resolve("depot.yaml"), flow);
        assertThrows(ConfigException.class, () -> ConfigRewriter.rewrite(file, Map.of(ConfigKey.MAXMEMORY, "2gb")));
        assertEquals(flow, Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void theFileKeepsItsPermissions() throws IOException {
        Path file = Files.writeString(dir.resolve("depot.yaml"), "maxmemory: 64mb\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        ConfigRewriter.rewrite(file, Map.of(ConfigKey.MAXMEMORY, "65mb"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
