package dev.depot.server.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** CONFIG's value types, with the readings and reasons of Redis 7.0 (checked against redis-server 7.0.15). */
class ConfigTypeTest {

    @ParameterizedTest
    @CsvSource({"100, 100", "1k, 1000", "1kb, 1024", "1K, 1000", "1KB, 1024", "2m, 2000000", "100mb, 104857600",
            "1g, 1000000000", "5GB, 5368709120", "7b, 7", "0, 0"})
    void memoryValuesUseRedisUnits(String text, long bytes) {
        assertEquals(bytes, ConfigType.memory(0, Long.MAX_VALUE).parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5gb", "1tb", "", " 1", "99999999999999999999", "9999999999gb"})
    void notMemoryValues(String text) {
        ConfigRejected e = assertThrows(ConfigRejected.class, () -> ConfigType.memory(0, Long.MAX_VALUE).parse(text));
        assertEquals("argument must be a memory value", e.getMessage());
    }

    @Test
    void memoryBelowTheMinimumNamesTheRange() {
        ConfigRejected e = assertThrows(ConfigRejected.class,
                () -> ConfigType.memory(1048576, Long.MAX_VALUE).parse("100"));
        assertEquals("argument must be between 1048576 and 9223372036854775807 inclusive", e.getMessage());
    }

    @Test
    void integers() {
        ConfigType<Long> type = ConfigType.integer(-1, Long.MAX_VALUE);
        assertEquals(-1L, type.parse("-1"));
        assertEquals("argument must be between -1 and 9223372036854775807 inclusive",
                assertThrows(ConfigRejected.class, () -> type.parse("-5")).getMessage());
        assertEquals("argument couldn't be parsed into an integer",
                assertThrows(ConfigRejected.class, () -> type.parse("1.5")).getMessage());
        assertEquals("argument couldn't be parsed into an integer",
                assertThrows(ConfigRejected.class, () -> type.parse("abc")).getMessage());
    }

    @Test
    void yesNo() {
        assertEquals(true, ConfigType.yesNo().parse("YES"));
        assertEquals(false, ConfigType.yesNo().parse("no"));
        assertEquals("yes", ConfigType.yesNo().format(true));
        assertEquals("argument must be 'yes' or 'no'",
                assertThrows(ConfigRejected.class, () -> ConfigType.yesNo().parse("maybe")).getMessage());
    }

    @Test
    void oneOfListsTheChoicesInOrder() {
        ConfigType<dev.depot.storage.keyspace.EvictionPolicy> type = ConfigType.oneOf(
                dev.depot.storage.keyspace.EvictionPolicy.class, dev.depot.storage.keyspace.EvictionPolicy::configName);
        assertEquals(dev.depot.storage.keyspace.EvictionPolicy.ALLKEYS_LRU, type.parse("ALLKEYS-LRU"));
        assertEquals("allkeys-lru", type.format(dev.depot.storage.keyspace.EvictionPolicy.ALLKEYS_LRU));
        assertEquals("argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random,"
                        + " volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction",
                assertThrows(ConfigRejected.class, () -> type.parse("foo")).getMessage());
    }

    /** save: pairs separated by single spaces, seconds at least 1, numbers written back plainly. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"3600 1 300 100|3600 1 300 100", "1 0|1 0", "+10 1|10 1", "010 1|10 1",
            "''|''", "3600 1 300 100 60 10000|3600 1 300 100 60 10000"})
    void saveSchedules(String text, String stored) {
        assertEquals(stored, new SaveSchedule().parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 1", "3600  1", "10 -1", " 10 1", "10 1 ", "10 1x", "100", "  ", "100 a"})
    void invalidSaveSchedules(String text) {
        assertEquals("Invalid save parameters",
                assertThrows(ConfigRejected.class, () -> new SaveSchedule().parse(text)).getMessage());
    }

    /**
     * notify-keyspace-events comes back in Redis's order, with A for all of g$lshzxetd; beside A,
     * n (new keys) is kept in the value but not shown, as in Redis.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"KEA|AKE|AKE", "nmdtexzhsl$gKE|AnKEm|AKEm", "Am|Am|Am", "An|An|A", "E|E|E",
            "AA|A|A", "gx$lshzetd|A|A", "dtexzhsl$|$lshzxetd|$lshzxetd", "mEKx|xKEm|xKEm", "nK|nK|nK", "''|''|''"})
    void keyspaceEventClasses(String text, String stored, String shown) {
        KeyspaceEventClasses type = new KeyspaceEventClasses();
        assertEquals(stored, type.parse(text));
        assertEquals(shown, type.format(type.parse(text)));
    }

    @Test
    void unknownKeyspaceEventClass() {
        assertEquals("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.",
                assertThrows(ConfigRejected.class, () -> new KeyspaceEventClasses().parse("KQ")).getMessage());
    }
}
