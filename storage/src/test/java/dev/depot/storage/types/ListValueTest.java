package dev.depot.storage.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The ring buffer behind Redis lists, checked against a reference model. */
class ListValueTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void randomOperationsMatchAReferenceList() {
        Random random = new Random(42);
        ListValue list = new ListValue();
        List<String> model = new ArrayList<>();
        for (int step = 0; step < 20000; step++) {
            String v = Integer.toString(random.nextInt(1000));
            switch (random.nextInt(8)) {
                case 0 -> { list.addFirst(b(v)); model.add(0, v); }
                case 1 -> { list.addLast(b(v)); model.add(v); }
                case 2 -> { if (!model.isEmpty()) assertEquals(model.remove(0), s(list.removeFirst())); }
                case 3 -> { if (!model.isEmpty()) assertEquals(model.remove(model.size() - 1), s(list.removeLast())); }
                case 4 -> {
                    int at = random.nextInt(model.size() + 1);
                    list.insert(at, b(v));
                    model.add(at, v);
                }
                case 5 -> {
                    if (!model.isEmpty()) {
                        int at = random.nextInt(model.size());
                        assertEquals(model.remove(at), s(list.remove(at)));
                    }
                }
                case 6 -> {
                    if (!model.isEmpty()) {
                        int at = random.nextInt(model.size());
                        list.set(at, b(v));
                        model.set(at, v);
                    }
                }
                default -> {
                    if (model.size() > 10 && random.nextInt(20) == 0) {
                        int from = random.nextInt(model.size() / 2);
                        int to = from + random.nextInt(model.size() - from);
                        list.trim(from, to);
                        List<String> kept = new ArrayList<>(model.subList(from, to + 1));
                        model.clear();
                        model.addAll(kept);
                    }
                }
            }
            assertEquals(model.size(), list.size());
        }
        for (int i = 0; i < model.size(); i++) {
            assertEquals(model.get(i), s(list.get(i)));
        }
    }

    @Test
    void sizeFollowsTheElements() {
        ListValue list = new ListValue();
        long empty = list.heapSize();
        for (int i = 0; i < 5; i++) {
            list.addLast(new byte[100]);
        }
        assertEquals(empty + 5 * 120, list.heapSize(), "five 100-byte arrays, ring not grown yet");
        while (!list.isEmpty()) {
            list.removeFirst();
        }
        assertEquals(empty, list.heapSize());
    }
}
