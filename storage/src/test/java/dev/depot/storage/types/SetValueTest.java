package dev.depot.storage.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The set behind SADD/SPOP: membership, swap-removal and its size account. */
class SetValueTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void randomOperationsMatchAReferenceSet() {
        Random random = new Random(7);
        SetValue set = new SetValue();
        Set<String> model = new HashSet<>();
        long empty = set.heapSize();
        for (int step = 0; step < 20000; step++) {
            String m = Integer.toString(random.nextInt(500));
            if (random.nextBoolean()) {
                assertEquals(model.add(m), set.add(b(m)));
            } else {
                assertEquals(model.remove(m), set.remove(b(m)));
            }
            assertEquals(model.size(), set.size());
            if (!model.isEmpty()) {
                assertTrue(model.contains(new String(set.random(), StandardCharsets.ISO_8859_1)));
            }
        }
        for (String m : model) {
            assertTrue(set.contains(b(m)));
        }
        for (String m : new HashSet<>(model)) {
            set.remove(b(m));
        }
        assertEquals(empty, set.heapSize());
    }
}
