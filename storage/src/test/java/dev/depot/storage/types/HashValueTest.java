package dev.depot.storage.types;

import dev.depot.storage.keyspace.Keyspace;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;

import static org.junit.jupiter.api.Assertions.*;

/** A hash keeps its field order and an exact account of its own size, in place and in a keyspace. */
class HashValueTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void fieldsInInsertionOrder() {
        HashValue hash = new HashValue();
        assertTrue(hash.put(b("b"), b("2")));
        assertTrue(hash.put(b("a"), b("1")));
        assertFalse(hash.put(b("b"), b("22")));
        assertArrayEquals(b("22"), hash.get(b("b")));
        assertEquals("[b, a]", hash.entries().keySet().toString());
        assertTrue(hash.remove(b("b")));
        assertFalse(hash.remove(b("b")));
        assertEquals(1, hash.size());
    }

    @Test
    void sizeGoesBackToTheBaseWhenEmptied() {
        HashValue hash = new HashValue();
        long base = hash.heapSize();
        hash.put(b("field"), b("value"));
        hash.put(b("field"), b("a longer value than before"));
        hash.put(b("other"), b("x"));
        assertTrue(hash.heapSize() > base);
        hash.remove(b("field"));
        hash.remove(b("other"));
        assertEquals(base, hash.heapSize());
    }

    @Test
    void theKeyspaceBooksInPlaceGrowth() {
        Keyspace ks = new Keyspace(1 << 20, InstantSource.fixed(Instant.ofEpochSecond(1_000_000)));
        HashValue hash = new HashValue();
        ks.execute(b("h"), slot -> {
            slot.putObject(hash, 0);
            return null;
        });
        long empty = ks.bytes();
        ks.execute(b("h"), slot -> {
            long before = slot.objectSize();
            hash.put(b("f"), new byte[1000]);
            slot.objectResized(before);
            return null;
        });
        assertTrue(ks.bytes() >= empty + 1000, "growth booked: " + ks.bytes());
        assertEquals(1, ks.stats().totalItems(), "growing is not a new item");
        ks.execute(b("h"), slot -> {
            slot.delete();
            return null;
        });
        assertEquals(0, ks.bytes());
    }
}
