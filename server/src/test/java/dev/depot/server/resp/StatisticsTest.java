package dev.depot.server.resp;

import dev.depot.server.resp.meta.CommandCatalog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INFO commandstats and errorstats bookkeeping. */
class StatisticsTest {
    private static final CommandSpec GET = spec("get", 0);
    private static final CommandSpec CLIENT = spec("client", 1);

    private static CommandSpec spec(String name, int id) {
        return new CommandSpec(name, call -> { }, CommandCatalog.standard().find(name).orElseThrow(), id);
    }

    @Test
    void containerCommandsAreCountedPerSubcommand() {
        CommandStatistics stats = new CommandStatistics();
        stats.of(CLIENT, args("CLIENT", "LIST")).executed(10, false);
        stats.of(CLIENT, args("client", "list")).executed(30, true);
        stats.of(GET, args("GET", "k")).rejected();
        List<CommandStats> used = stats.used();
        assertEquals(List.of("client|list", "get"), used.stream().map(CommandStats::name).toList());
        assertEquals("calls=2,usec=40,usec_per_call=20.00,rejected_calls=0,failed_calls=1", used.get(0).describe());
        assertEquals("calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0", used.get(1).describe());
        assertEquals(2, stats.totalCalls());
        stats.reset();
        assertTrue(stats.used().isEmpty());
        assertEquals(0, stats.totalCalls());
    }

    @Test
    void inventedSubcommandsCannotGrowTheTableForever() {
        CommandStatistics stats = new CommandStatistics();
        for (int i = 0; i < 1000; i++) {
            stats.of(CLIENT, args("CLIENT", "made-up-" + i)).executed(1, true);
        }
        assertTrue(stats.used().size() <= 257, "bounded: " + stats.used().size());
        assertEquals(1000, stats.totalCalls(), "every call still counts");
    }

    @Test
    void errorsAreCountedByTheirFirstWord() {
        ErrorStats errors = new ErrorStats();
        errors.count(bytes("ERR syntax error"));
        errors.count(bytes("WRONGTYPE Operation against a key holding the wrong kind of value"));
        errors.count(bytes("ERR unknown command"));
        assertEquals(Map.of("ERR", 2L, "WRONGTYPE", 1L), errors.byKind());
        assertEquals(3, errors.total());
        errors.reset();
        assertTrue(errors.byKind().isEmpty());
    }

    @Test
    void atMost128KindsOfErrorAreTracked() {
        ErrorStats errors = new ErrorStats();
        for (int i = 0; i < 200; i++) {
            errors.count(bytes("E" + i + " invented"));
        }
        assertEquals(128, errors.byKind().size());
        assertEquals(200, errors.total());
        assertFalse(errors.byKind().containsKey("E199"));
    }

    @Test
    void infoSectionsAsked() {
        assertFalse(InfoSection.requested(List.of()).contains(InfoSection.COMMANDSTATS));
        assertEquals(InfoSection.requested(List.of()), InfoSection.requested(List.of("DEFAULT")));
        assertTrue(InfoSection.requested(List.of("all")).contains(InfoSection.COMMANDSTATS));
        assertEquals(12, InfoSection.requested(List.of("everything")).size());
        assertEquals(List.of(InfoSection.SERVER, InfoSection.KEYSPACE),
                new ArrayList<>(InfoSection.requested(List.of("keyspace", "Server", "nope"))));
        assertTrue(InfoSection.requested(List.of("nope")).isEmpty());
        assertEquals("CPU", InfoSection.CPU.title());
        assertEquals("Commandstats", InfoSection.COMMANDSTATS.title());
    }

    @Test
    void ratesAverageTheRecentSamples() {
        long[] counter = {0};
        InstantaneousRates rates = new InstantaneousRates(Map.of(InstantaneousRates.Metric.COMMANDS, () -> counter[0]));
        long t = System.nanoTime();
        for (int i = 1; i <= 16; i++) {
            counter[0] += 100; // 100 commands every 100 ms: 1000 a second
            rates.sample(t + i * 100_000_000L);
        }
        assertEquals(1000, Math.round(rates.perSecond(InstantaneousRates.Metric.COMMANDS)));
        counter[0] = 0; // CONFIG RESETSTAT
        rates.sample(t + 17 * 100_000_000L);
        assertTrue(rates.perSecond(InstantaneousRates.Metric.COMMANDS) < 1000);
    }

    private static List<byte[]> args(String... words) {
        List<byte[]> out = new ArrayList<>();
        for (String w : words) {
            out.add(bytes(w));
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
