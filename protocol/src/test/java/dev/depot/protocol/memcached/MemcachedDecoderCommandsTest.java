package dev.depot.protocol.memcached;

import dev.depot.protocol.memcached.MemcachedCommand.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.depot.protocol.memcached.DecoderHarness.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Retrieval and the other classic commands: get gets gat gats delete incr decr touch flush_all
 * version verbosity stats cache_memlimit shutdown quit, and unknown words. Expected replies are
 * those of memcached 1.6.18.
 */
class MemcachedDecoderCommandsTest {

    private static final String USAGE_DELETE = "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]";
    private static final String BAD_EXPTIME = "CLIENT_ERROR invalid exptime argument";
    private static final String BAD_DELTA = "CLIENT_ERROR invalid numeric delta argument";

    /** The decoded commands of a line, or an empty list when the decoder stayed silent. */
    private static List<MemcachedCommand> line(String line) {
        return decode(line + "\r\n");
    }

    private static void assertSilent(String line) {
        List<MemcachedCommand> out = line(line);
        assertEquals(List.of(), out, () -> printable(line) + " should produce nothing, got " + describe(out));
    }

    // ---- get gets gat gats ------------------------------------------------------------------

    @Test
    void getWithOneAndManyKeys() {
        assertGet(decodeOne("get a\r\n"), false, false, 0, "a");
        assertGet(decodeOne("get a b c\r\n"), false, false, 0, "a", "b", "c");
        assertGet(decodeOne("get a a\r\n"), false, false, 0, "a", "a");
    }

    @Test
    void getsAskForCas() {
        assertGet(decodeOne("gets a b\r\n"), true, false, 0, "a", "b");
    }

    @Test
    void gatAndGatsTakeTheExptimeFirst() {
        assertGet(decodeOne("gat 100 a b\r\n"), false, true, 100, "a", "b");
        assertGet(decodeOne("gats -1 a\r\n"), true, true, -1, "a");
        assertGet(decodeOne("gat 4294967297 a\r\n"), false, true, 1, "a");
    }

    @Test
    void gatWithoutKeysIsAnEmptyGet() {
        // memcached: "gat 10\r\n" -> END
        assertGet(decodeOne("gat 10\r\n"), false, true, 10);
        assertGet(decodeOne("gats 10\r\n"), true, true, 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "get ", "gets", "gets   ", "gat", "gats"})
    void retrievalWithoutArgumentsIsError(String line) {
        assertReplies(line(line), ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gat abc a", "gats x a b", "gat 1.5 a", "gat 9223372036854775808 a"})
    void gatWithABadExptime(String line) {
        assertReplies(line(line), BAD_EXPTIME);
    }

    @Test
    void a251ByteKeyRejectsTheWholeGet() {
        // memcached: "get a <251 bytes>" with "a" stored -> only CLIENT_ERROR bad command line format
        String longKey = repeat('k', 251);
        for (String line : new String[]{"get a " + longKey, "get " + longKey + " a", "gets a " + longKey,
                "gat 1 " + longKey, "gats 1 a " + longKey, "bget " + longKey}) {
            MemcachedCommand c = decodeOne(line + "\r\n");
            assertInstanceOf(RejectedGet.class, c, () -> describe(c));
        }
        assertGet(decodeOne("get a " + repeat('k', 250) + "\r\n"), false, false, 0, "a", repeat('k', 250));
    }

    @Test
    void gatChecksTheExptimeBeforeTheKeys() {
        assertReplies(line("gat x " + repeat('k', 251)), BAD_EXPTIME);
    }

    @Test
    void bgetIsAnOldNameForGet() {
        // memcached 1.6.18: "bget a" -> VALUE a ... END
        assertGet(decodeOne("bget a b\r\n"), false, false, 0, "a", "b");
        assertReplies(line("bget"), ERROR);
    }

    @Test
    void aGetWithAThousandKeysKeepsThemAllInOrder() {
        List<String> keys = new ArrayList<>();
        StringBuilder line = new StringBuilder("get");
        for (int i = 0; i < 1000; i++) {
            keys.add("key:" + i);
            line.append(' ').append("key:").append(i);
        }
        Get g = assertGet(decodeOne(line + "\r\n"), false, false, 0, keys.toArray(new String[0]));
        assertEquals(1000, g.keys().size());
    }

    @Test
    void onlySpacesSeparateTokens() {
        // memcached: a tab is part of the key ("get a\tb" -> END)
        assertGet(decodeOne("get a\tb\r\n"), false, false, 0, "a\tb");
        assertGet(decodeOne("get   a    b   \r\n"), false, false, 0, "a", "b");
    }

    // ---- delete -----------------------------------------------------------------------------

    @Test
    void deleteForms() {
        assertDelete(decodeOne("delete k\r\n"), "k", false);
        assertDelete(decodeOne("delete k 0\r\n"), "k", false);
        assertDelete(decodeOne("delete k noreply\r\n"), "k", true);
        assertDelete(decodeOne("delete k 0 noreply\r\n"), "k", true);
    }

    private static void assertDelete(MemcachedCommand c, String key, boolean noreply) {
        Delete d = assertInstanceOf(Delete.class, c, () -> describe(c));
        assertEquals(key, str(d.key()));
        assertEquals(noreply, d.noreply());
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete k 1", "delete k 0 x", "delete k x", "delete k 00", "delete k noreply 0"})
    void deleteWithAHoldTimeIsAUsageError(String line) {
        assertReplies(line(line), USAGE_DELETE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete k 1 noreply", "delete k x noreply"})
    void deleteUsageErrorUnderNoreplyIsSilent(String line) {
        assertSilent(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete", "delete k 0 noreply x", "delete a b c d"})
    void deleteWithWrongTokenCountIsError(String line) {
        assertReplies(line(line), ERROR);
    }

    @Test
    void deleteWithA251ByteKey() {
        assertReplies(line("delete " + repeat('k', 251)), BAD_FORMAT);
        assertReplies(line("delete " + repeat('k', 251) + " 0"), BAD_FORMAT);
        assertSilent("delete " + repeat('k', 251) + " noreply");
        // the usage check comes first
        assertReplies(line("delete " + repeat('k', 251) + " 1"), USAGE_DELETE);
    }

    // ---- incr decr --------------------------------------------------------------------------

    @Test
    void incrAndDecr() {
        assertArithmetic(decodeOne("incr k 5\r\n"), "k", true, 5, false);
        assertArithmetic(decodeOne("decr k 7 noreply\r\n"), "k", false, 7, true);
        assertArithmetic(decodeOne("incr k 18446744073709551615\r\n"), "k", true, -1L, false);
        assertArithmetic(decodeOne("incr k 0\r\n"), "k", true, 0, false);
        // memcached: "decr a 1 2" -> handled (NOT_FOUND), the 4th token is not noreply
        assertArithmetic(decodeOne("decr k 1 2\r\n"), "k", false, 1, false);
    }

    private static void assertArithmetic(MemcachedCommand c, String key, boolean incr, long delta, boolean noreply) {
        Arithmetic a = assertInstanceOf(Arithmetic.class, c, () -> describe(c));
        assertEquals(key, str(a.key()));
        assertEquals(incr, a.incr());
        assertEquals(delta, a.delta());
        assertEquals(noreply, a.noreply());
    }

    @ParameterizedTest
    @ValueSource(strings = {"incr", "incr k", "decr k", "incr k 1 noreply x", "decr a b c d"})
    void arithmeticWithWrongTokenCountIsError(String line) {
        assertReplies(line(line), ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"incr k abc", "incr k -1", "decr k 18446744073709551616", "incr k 1x", "decr k -"})
    void arithmeticWithABadDelta(String line) {
        assertReplies(line(line), BAD_DELTA);
    }

    @Test
    void arithmeticErrorsUnderNoreplyAreSilent() {
        assertSilent("incr k abc noreply");
        assertSilent("decr " + repeat('k', 251) + " 1 noreply");
    }

    @Test
    void arithmeticWithA251ByteKey() {
        assertReplies(line("incr " + repeat('k', 251) + " 1"), BAD_FORMAT);
        assertReplies(line("decr " + repeat('k', 251) + " x"), BAD_FORMAT);
    }

    // ---- touch ------------------------------------------------------------------------------

    @Test
    void touchForms() {
        Touch t = assertInstanceOf(Touch.class, decodeOne("touch k 10\r\n"));
        assertEquals("k", str(t.key()));
        assertEquals(10, t.exptime());
        assertFalse(t.noreply());
        Touch q = assertInstanceOf(Touch.class, decodeOne("touch k -1 noreply\r\n"));
        assertEquals(-1, q.exptime());
        assertTrue(q.noreply());
        // memcached: "touch e 4294967297" -> TOUCHED with t1
        assertEquals(1, assertInstanceOf(Touch.class, decodeOne("touch k 4294967297\r\n")).exptime());
    }

    @ParameterizedTest
    @ValueSource(strings = {"touch", "touch k", "touch k 1 2 3"})
    void touchWithWrongTokenCountIsError(String line) {
        assertReplies(line(line), ERROR);
    }

    @Test
    void touchWithABadExptimeOrKey() {
        assertReplies(line("touch k abc"), BAD_EXPTIME);
        assertSilent("touch k abc noreply");
        assertReplies(line("touch " + repeat('k', 251) + " 1"), BAD_FORMAT);
        assertReplies(line("touch " + repeat('k', 251) + " abc"), BAD_FORMAT);
    }

    // ---- flush_all --------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "'flush_all', 0, false",
            "'flush_all 0', 0, false",
            "'flush_all 60', 60, false",
            "'flush_all -1', -1, false",
            "'flush_all noreply', 0, true",
            "'flush_all 30 noreply', 30, true",
            "'flush_all 1 2', 1, false"})
    void flushAllForms(String line, int delay, boolean noreply) {
        FlushAll f = assertInstanceOf(FlushAll.class, decodeOne(line + "\r\n"));
        assertEquals(delay, f.delay());
        assertEquals(noreply, f.noreply());
    }

    @Test
    void flushAllErrors() {
        assertReplies(line("flush_all abc"), BAD_EXPTIME);
        assertReplies(line("flush_all 1 2 3"), ERROR);
        assertSilent("flush_all abc noreply");
        // "noreply noreply": the first one is read as the delay, silently refused, nothing flushed
        assertSilent("flush_all noreply noreply");
    }

    // ---- version verbosity stats cache_memlimit shutdown quit -------------------------------

    @Test
    void versionIgnoresArguments() {
        assertInstanceOf(Version.class, decodeOne("version\r\n"));
        assertInstanceOf(Version.class, decodeOne("version x y\r\n"));
    }

    @Test
    void verbosityForms() {
        assertFalse(assertInstanceOf(Verbosity.class, decodeOne("verbosity 1\r\n")).noreply());
        assertTrue(assertInstanceOf(Verbosity.class, decodeOne("verbosity 1 noreply\r\n")).noreply());
        // memcached: "verbosity 1 2" -> OK, "verbosity 1 abc" -> OK
        assertFalse(assertInstanceOf(Verbosity.class, decodeOne("verbosity 1 2\r\n")).noreply());
        assertFalse(assertInstanceOf(Verbosity.class, decodeOne("verbosity 0 abc\r\n")).noreply());
        assertReplies(line("verbosity"), ERROR);
        assertReplies(line("verbosity 1 2 3"), ERROR);
    }

    @Test
    void verbosityNoreplyAloneIsSilent() {
        assertSilent("verbosity noreply");
    }

    @Test
    void verbosityWithABadLevel() {
        assertSilent("verbosity abc noreply");
        // memcached: "verbosity 4294967296" -> OK
        assertFalse(assertInstanceOf(Verbosity.class, decodeOne("verbosity 4294967296\r\n")).noreply());
        assertReplies(line("verbosity abc"), BAD_FORMAT);
        assertReplies(line("verbosity -1"), BAD_FORMAT);
        assertReplies(line("verbosity 18446744073709551616"), BAD_FORMAT);
        assertReplies(line("verbosity abc 1"), BAD_FORMAT);
    }

    @Test
    void statsKeepsItsArguments() {
        assertEquals(List.of(), assertInstanceOf(Stats.class, decodeOne("stats\r\n")).args());
        assertEquals(List.of("items"), assertInstanceOf(Stats.class, decodeOne("stats items\r\n")).args());
        assertEquals(List.of("detail", "on"), assertInstanceOf(Stats.class, decodeOne("stats  detail   on \r\n")).args());
        assertEquals(List.of("cachedump", "1", "10"),
                assertInstanceOf(Stats.class, decodeOne("stats cachedump 1 10\r\n")).args());
    }

    @Test
    void cacheMemlimitForms() {
        CacheMemlimit m = assertInstanceOf(CacheMemlimit.class, decodeOne("cache_memlimit 100\r\n"));
        assertEquals(100, m.megabytes());
        assertFalse(m.noreply());
        CacheMemlimit q = assertInstanceOf(CacheMemlimit.class, decodeOne("cache_memlimit 64 noreply\r\n"));
        assertEquals(64, q.megabytes());
        assertTrue(q.noreply());
        // memcached: "cache_memlimit 100 200" -> OK
        CacheMemlimit extra = assertInstanceOf(CacheMemlimit.class, decodeOne("cache_memlimit 100 200\r\n"));
        assertEquals(100, extra.megabytes());
        assertFalse(extra.noreply());
    }

    @Test
    void cacheMemlimitErrorsAreAPlainError() {
        assertReplies(line("cache_memlimit"), ERROR);
        assertReplies(line("cache_memlimit abc"), ERROR);
        assertReplies(line("cache_memlimit -1"), ERROR);
        assertReplies(line("cache_memlimit 1 2 3"), ERROR);
        assertSilent("cache_memlimit abc noreply");
    }

    @Test
    void cacheMemlimitIsTruncatedTo32BitsLikeMemcached() {
        assertEquals(8, assertInstanceOf(CacheMemlimit.class, decodeOne("cache_memlimit 4294967304\r\n")).megabytes());
    }

    @Test
    void shutdownAndQuit() {
        assertInstanceOf(Shutdown.class, decodeOne("shutdown\r\n"));
        assertInstanceOf(Shutdown.class, decodeOne("shutdown graceful\r\n"));
        assertInstanceOf(Quit.class, decodeOne("quit\r\n"));
        assertInstanceOf(Quit.class, decodeOne("quit now\r\n"));
    }

    @Test
    void quitDiscardsEverythingAfterIt() {
        // memcached closes at once: "quit\r\nversion\r\n" -> nothing
        List<MemcachedCommand> out = decode("version\r\nquit\r\nversion\r\nset k 0 0 1\r\nx\r\n");
        assertEquals(2, out.size(), () -> describe(out));
        assertInstanceOf(Version.class, out.get(0));
        assertInstanceOf(Quit.class, out.get(1));
    }

    // ---- unknown ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"x", "xx", "GET a", "Set k 0 0 1", "gett a", "sets k", "deletes k", "m", "mx a", "mnn",
            "mgg k", "version2", "stat", "flush", "incr2 k 1", "quitt", "shutdown2", "a b c d e f g"})
    void unknownCommandsAreError(String line) {
        assertReplies(line(line), ERROR);
    }
}
