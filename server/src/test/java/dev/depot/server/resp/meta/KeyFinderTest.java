package dev.depot.server.resp.meta;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.depot.server.resp.meta.KeySpecFlag.ACCESS;
import static dev.depot.server.resp.meta.KeySpecFlag.DELETE;
import static dev.depot.server.resp.meta.KeySpecFlag.INSERT;
import static dev.depot.server.resp.meta.KeySpecFlag.OW;
import static dev.depot.server.resp.meta.KeySpecFlag.RO;
import static dev.depot.server.resp.meta.KeySpecFlag.RW;
import static dev.depot.server.resp.meta.KeySpecFlag.UPDATE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Key positions from key specs; every expectation is what redis-server 7.0.15's COMMAND GETKEYS answers. */
class KeyFinderTest {

    /** The keys found in the command line {@code line} (split at spaces), or null for "invalid arguments". */
    private static List<String> keys(String line) {
        List<byte[]> args = args(line);
        CommandMeta meta = CommandCatalog.standard().find(line.split(" ")[0]).orElseThrow();
        if (meta.isContainer()) {
            meta = meta.subcommands().stream().filter(s -> s.name().endsWith("|" + line.split(" ")[1]))
                    .findFirst().orElseThrow();
        }
        Optional<List<KeyFinder.FoundKey>> found = KeyFinder.find(meta, args);
        if (found.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        found.get().forEach(k -> names.add(new String(args.get(k.position()), StandardCharsets.ISO_8859_1)));
        return names;
    }

    private static List<byte[]> args(String line) {
        return Arrays.stream(line.split(" ")).map(s -> s.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }

    private static List<Set<KeySpecFlag>> flags(String line) {
        CommandMeta meta = CommandCatalog.standard().find(line.split(" ")[0]).orElseThrow();
        return KeyFinder.find(meta, args(line)).orElseThrow().stream().map(KeyFinder.FoundKey::flags).toList();
    }

    @Test
    void fixedPositions() {
        assertEquals(List.of("k"), keys("get k"));
        assertEquals(List.of("a", "b"), keys("rename a b"));
        assertEquals(List.of("k"), keys("object encoding k"));
        assertEquals(List.of("d", "a", "b"), keys("bitop and d a b"));
    }

    @Test
    void rangesToTheEndWithASteps() {
        assertEquals(List.of("a", "b", "c"), keys("del a b c"));
        assertEquals(List.of("a", "b"), keys("mset a 1 b 2"));
        assertEquals(List.of("a", "b"), keys("mset a 1 b"), "Redis stops at the last argument, pair or not");
        assertEquals(List.of("a", "b"), keys("blpop a b 0"), "the timeout is not a key");
    }

    @Test
    void countedKeys() {
        assertEquals(List.of("d", "a", "b"), keys("zunionstore d 2 a b"));
        assertEquals(List.of("d", "a"), keys("zunionstore d 1 a weights 2"));
        assertEquals(List.of("a", "b"), keys("lmpop 2 a b left"));
        assertEquals(List.of("a"), keys("zmpop 1 a min count 2"));
        assertEquals(List.of("a", "b"), keys("blmpop 0 2 a b left"));
        assertEquals(List.of("a"), keys("sintercard 1 a"));
    }

    @Test
    void countsThatDoNotFit() {
        assertEquals(null, keys("zunionstore d 3 a b"), "more keys than arguments");
        assertEquals(null, keys("zunionstore d 0 a b"), "no keys at all");
        assertEquals(null, keys("zunionstore d -1 a b"));
        assertEquals(null, keys("zunionstore d x a b"));
        assertEquals(null, keys("lmpop 5 a left"));
        assertEquals(null, keys("eval s 0"), "no keys: the caller answers an empty array (no_mandatory_keys)");
    }

    @Test
    void keysAfterAKeyword() {
        assertEquals(List.of("k", "d", "e"), keys("georadius k 1 2 3 m store d storedist e"));
        assertEquals(List.of("k"), keys("georadius k 1 2 3 m"), "absent keywords: just the source");
        assertEquals(List.of("a", "b"), keys("xread streams a b 1 2"), "keys, then as many ids");
        assertEquals(List.of("a"), keys("xread count 2 streams a 1"));
    }

    @Test
    void specsOnlyTheCommandItselfCouldRead() {
        assertEquals(null, keys("sort k by x get y store d"), "SORT's BY/GET/STORE keys need SORT's own parser");
        assertEquals(null, keys("migrate h p k 0 0 keys a b"), "MIGRATE's spec is incomplete");
    }

    @Test
    void flagsPerSpec() {
        assertEquals(List.of(Set.of(RW, ACCESS, DELETE), Set.of(RW, INSERT)), flags("lmove a b left right"));
        assertEquals(List.of(Set.of(OW, UPDATE), Set.of(RO, ACCESS), Set.of(RO, ACCESS)), flags("zunionstore d 2 a b"));
    }

    @Test
    void setReadsTheOldValueOnlyWithGet() {
        assertEquals(List.of(Set.of(OW, UPDATE)), flags("set a b"));
        assertEquals(List.of(Set.of(OW, UPDATE)), flags("set a get"), "GET as the value is not the option");
        assertEquals(List.of(Set.of(RW, ACCESS, UPDATE)), flags("set a b get"));
        assertEquals(List.of(Set.of(RW, ACCESS, UPDATE)), flags("set a b ex 10 GeT"));
    }
}
