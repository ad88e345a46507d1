package dev.depot.storage.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** COPY's deep copies: same content and size, then changes to either never show in the other. */
class CollectionCopyTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void hashCopyIsIndependent() {
        HashValue original = new HashValue();
        original.put(b("f1"), b("v1"));
        original.put(b("f2"), b("v2"));
        HashValue copy = original.copy();
        assertEquals(original.heapSize(), copy.heapSize());
        copy.put(b("f1"), b("changed"));
        copy.put(b("f3"), b("v3"));
        original.remove(b("f2"));
        assertEquals("v1", s(original.get(b("f1"))));
        assertNull(original.get(b("f3")));
        assertEquals("changed", s(copy.get(b("f1"))));
        assertEquals("v2", s(copy.get(b("f2"))));
        assertEquals(List.of("f1", "f2", "f3"), copy.entries().keySet().stream().map(Bytes::toString).toList());
    }

    @Test
    void listCopyIsIndependentAndKeepsOrderAcrossTheRingsWrap() {
        ListValue original = new ListValue();
        for (int i = 0; i < 6; i++) {
            original.addLast(b("r" + i));
        }
        original.addFirst(b("l0")); // the ring's head wraps around
        original.addFirst(b("l1"));
        ListValue copy = original.copy();
        assertEquals(original.heapSize(), copy.heapSize());
        assertEquals(original.toString(), copy.toString());
        copy.removeFirst();
        copy.addLast(b("more"));
        original.set(2, b("x"));
        assertEquals("[l1, l0, x, r1, r2, r3, r4, r5]", original.toString());
        assertEquals("[l0, r0, r1, r2, r3, r4, r5, more]", copy.toString());
    }

    @Test
    void setCopyIsIndependent() {
        SetValue original = new SetValue();
        for (String m : List.of("a", "b", "c")) {
            original.add(b(m));
        }
        SetValue copy = original.copy();
        assertEquals(original.heapSize(), copy.heapSize());
        copy.remove(b("a"));
        copy.add(b("d"));
        original.remove(b("c"));
        assertTrue(original.contains(b("a")) && original.contains(b("b")) && !original.contains(b("c")));
        assertFalse(original.contains(b("d")));
        assertTrue(copy.contains(b("b")) && copy.contains(b("c")) && copy.contains(b("d")) && !copy.contains(b("a")));
        List<String> members = new ArrayList<>();
        copy.members().forEach(m -> members.add(m.toString()));
        assertEquals(3, members.size());
        for (int i = 0; i < 50; i++) {
            assertTrue(members.contains(s(copy.random())), "random picks come from the copy's own members");
        }
    }

    @Test
    void sortedSetCopyIsIndependent() {
        SortedSetValue original = new SortedSetValue();
        original.put(b("a"), 1);
        original.put(b("b"), 2);
        SortedSetValue copy = original.copy();
        assertEquals(original.heapSize(), copy.heapSize());
        copy.put(b("a"), 5);
        copy.put(b("c"), 3);
        original.remove(b("b"));
        assertEquals(1.0, original.score(b("a")));
        assertNull(original.score(b("c")));
        assertEquals(1, original.size());
        assertEquals(List.of("b", "c", "a"), java.util.stream.StreamSupport.stream(copy.ascending().spliterator(), false).map(x -> s(x.member())).toList());
        assertEquals(0, copy.rank(b("b")));
    }
}
