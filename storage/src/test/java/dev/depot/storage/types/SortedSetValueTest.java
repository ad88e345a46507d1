package dev.depot.storage.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Order by score then bytes, ranks, pops and the size account of a sorted set. */
class SortedSetValueTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> order(SortedSetValue z) {
        List<String> out = new ArrayList<>();
        z.ascending().forEach(s -> out.add(new String(s.member(), StandardCharsets.ISO_8859_1)));
        return out;
    }

    @Test
    void orderedByScoreThenByMember() {
        SortedSetValue z = new SortedSetValue();
        assertTrue(z.put(b("b"), 1));
        assertTrue(z.put(b("a"), 1));
        assertTrue(z.put(b("c"), 0.5));
        assertEquals(List.of("c", "a", "b"), order(z));
        assertFalse(z.put(b("c"), 2), "an existing member only moves");
        assertEquals(List.of("a", "b", "c"), order(z));
        assertEquals(2, z.rank(b("c")));
        assertEquals(-1, z.rank(b("zz")));
        assertEquals(2.0, z.score(b("c")));
    }

    @Test
    void iterateFromARankAndPop() {
        SortedSetValue z = new SortedSetValue();
        for (int i = 0; i < 10; i++) {
            z.put(b("m" + i), i);
        }
        Iterator<SortedSetValue.Scored> down = z.fromRank(2, true);
        assertEquals(7.0, down.next().score());
        assertEquals(0.0, z.popFirst(true).score());
        assertEquals(9.0, z.popFirst(false).score());
        assertEquals(8, z.size());
    }

    @Test
    void sizeReturnsToTheBase() {
        SortedSetValue z = new SortedSetValue();
        long empty = z.heapSize();
        z.put(b("member"), 1);
        z.put(b("member"), 2);
        assertTrue(z.heapSize() > empty);
        z.remove(b("member"));
        assertEquals(empty, z.heapSize());
    }
}
