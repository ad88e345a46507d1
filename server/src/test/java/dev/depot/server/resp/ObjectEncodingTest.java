package dev.depot.server.resp;

import dev.depot.storage.types.HashValue;
import dev.depot.storage.types.ListValue;
import dev.depot.storage.types.SetValue;
import dev.depot.storage.types.SortedSetValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OBJECT ENCODING's names for values of each type and size, as Redis 7.2 chooses them by default. */
class ObjectEncodingTest {
    private final EncodingLimits limits = new EncodingLimits();

    /** Strings as redis-server 7.0.15 encodes them (the string rules did not change in 7.2). */
    @ParameterizedTest
    @CsvSource({"123, int", "-5, int", "10000, int", "9223372036854775807, int", "12345678901234567890, embstr",
            "0123, embstr", "hello, embstr", "1.5, embstr"})
    void strings(String value, String encoding) {
        assertEquals(encoding, ObjectEncoding.ofString(bytes(value)));
    }

    @Test
    void longStringsAreRaw() {
        assertEquals("embstr", ObjectEncoding.ofString(bytes("x".repeat(44))));
        assertEquals("raw", ObjectEncoding.ofString(bytes("x".repeat(45))));
    }

    @Test
    void hashes() {
        HashValue hash = new HashValue();
        hash.put(bytes("f"), bytes("v"));
        assertEquals("listpack", ObjectEncoding.ofCollection(hash, limits));
        hash.put(bytes("long"), bytes("v".repeat(65)));
        assertEquals("hashtable", ObjectEncoding.ofCollection(hash, limits));
        HashValue many = new HashValue();
        for (int i = 0; i <= 512; i++) {
            many.put(bytes("f" + i), bytes("v"));
        }
        assertEquals("hashtable", ObjectEncoding.ofCollection(many, limits));
        limits.hashMaxListpackEntries = 1000;
        assertEquals("listpack", ObjectEncoding.ofCollection(many, limits), "CONFIG SET limits apply");
    }

    @Test
    void sets() {
        SetValue set = new SetValue();
        set.add(bytes("1"));
        set.add(bytes("2"));
        assertEquals("intset", ObjectEncoding.ofCollection(set, limits));
        set.add(bytes("a"));
        assertEquals("listpack", ObjectEncoding.ofCollection(set, limits));
        set.add(bytes("x".repeat(65)));
        assertEquals("hashtable", ObjectEncoding.ofCollection(set, limits));
        SetValue ints = new SetValue();
        for (int i = 0; i < 513; i++) {
            ints.add(bytes(Integer.toString(i)));
        }
        assertEquals("hashtable", ObjectEncoding.ofCollection(ints, limits), "past set-max-intset-entries");
    }

    @Test
    void sortedSets() {
        SortedSetValue zset = new SortedSetValue();
        zset.put(bytes("a"), 1);
        assertEquals("listpack", ObjectEncoding.ofCollection(zset, limits));
        for (int i = 0; i < 128; i++) {
            zset.put(bytes("m" + i), i);
        }
        assertEquals("skiplist", ObjectEncoding.ofCollection(zset, limits));
    }

    @Test
    void listsUpToEightKilobytesAreListpacks() {
        ListValue list = new ListValue();
        list.addLast(bytes("a"));
        assertEquals("listpack", ObjectEncoding.ofCollection(list, limits));
        for (int i = 0; i < 100; i++) {
            list.addLast(bytes("x".repeat(100)));
        }
        assertEquals("quicklist", ObjectEncoding.ofCollection(list, limits));
        limits.listMaxListpackSize = 1000;
        assertEquals("listpack", ObjectEncoding.ofCollection(list, limits), "a positive size counts entries");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
