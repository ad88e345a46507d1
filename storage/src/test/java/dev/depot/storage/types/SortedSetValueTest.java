package dev.depot.storage.types;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Order by score then bytes, ranks, cuts, range removal, pops and the size account of a sorted set. */
class SortedSetValueTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static List<String> order(SortedSetValue z) {
        List<String> out = new ArrayList<>();
        z.ascending().forEach(m -> out.add(s(m.member())));
        return out;
    }

    private static SortedSetValue numbered(int n) {
        SortedSetValue z = new SortedSetValue();
        for (int i = 0; i < n; i++) {
            z.put(b("m" + i), i);
        }
        return z;
    }

    @Test
    void orderedByScoreThenByUnsignedBytes() {
        SortedSetValue z = new SortedSetValue();
        assertTrue(z.put(b("b"), 1));
        assertTrue(z.put(b("a"), 1));
        assertTrue(z.put(b("c"), 0.5));
        assertTrue(z.put(new byte[]{(byte) 0xff}, 1));
        assertTrue(z.put(b("ab"), 1));
        assertEquals(List.of("c", "a", "ab", "b", "\u00ff"), order(z));
        assertFalse(z.put(b("c"), 2), "an existing member only moves");
        assertEquals(List.of("a", "ab", "b", "\u00ff", "c"), order(z));
        assertEquals(4, z.rank(b("c")));
        assertEquals(-1, z.rank(b("zz")));
        assertEquals(2.0, z.score(b("c")));
        assertNull(z.score(b("zz")));
    }

    @Test
    void negativeZeroIsTheSameScoreAsZero() {
        SortedSetValue z = new SortedSetValue();
        z.put(b("b"), 0.0);
        z.put(b("a"), -0.0);
        assertEquals(List.of("a", "b"), order(z), "equal scores order by member");
        z.put(b("b"), -0.0);
        assertEquals(0, Double.doubleToRawLongBits(z.score(b("b"))), "an equal score leaves the stored one");
    }

    @Test
    void rescoringInPlaceAndByMoving() {
        SortedSetValue z = numbered(5);
        z.put(b("m2"), 2.5); // still between m1 and m3
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), order(z));
        z.put(b("m2"), 10);
        assertEquals(List.of("m0", "m1", "m3", "m4", "m2"), order(z));
        z.put(b("m2"), -1);
        assertEquals(List.of("m2", "m0", "m1", "m3", "m4"), order(z));
        assertEquals(0, z.rank(b("m2")));
        assertEquals(4, z.rank(b("m4")));
    }

    @Test
    void membersAtRanksAndIterationFromARank() {
        SortedSetValue z = numbered(10);
        assertEquals("m7", s(z.at(7).member()));
        assertNull(z.at(10));
        assertNull(z.at(-1));
        Iterator<SortedSetValue.Scored> down = z.fromRank(7, true);
        assertEquals(7.0, down.next().score());
        assertEquals(6.0, down.next().score());
        Iterator<SortedSetValue.Scored> up = z.fromRank(8, false);
        assertEquals(8.0, up.next().score());
        assertEquals(9.0, up.next().score());
        assertFalse(up.hasNext());
        assertFalse(z.fromRank(10, false).hasNext());
        assertFalse(z.fromRank(10, true).hasNext());
        assertFalse(z.fromRank(-1, false).hasNext());
    }

    @Test
    void cutsGiveTheRanksOfARange() {
        SortedSetValue z = numbered(10);
        assertEquals(3, z.rankOf((score, member) -> score < 3));
        assertEquals(4, z.rankOf((score, member) -> score <= 3));
        assertEquals(0, z.rankOf((score, member) -> false));
        assertEquals(10, z.rankOf((score, member) -> true));
        SortedSetValue lex = new SortedSetValue();
        for (String m : List.of("a", "b", "c", "d")) {
            lex.put(b(m), 0);
        }
        assertEquals(2, lex.rankOf((score, member) -> Arrays.compareUnsigned(member, b("c")) < 0));
    }

    @Test
    void popsFromEitherEnd() {
        SortedSetValue z = numbered(10);
        assertEquals(0.0, z.popFirst(true).score());
        assertEquals(9.0, z.popFirst(false).score());
        assertEquals(8, z.size());
        assertNull(new SortedSetValue().popFirst(true));
    }

    @Test
    void removingARunOfRanks() {
        SortedSetValue z = numbered(10);
        assertEquals(3, z.removeRanks(2, 4));
        assertEquals(List.of("m0", "m1", "m5", "m6", "m7", "m8", "m9"), order(z));
        assertNull(z.score(b("m3")));
        assertEquals(2, z.removeRanks(5, 100), "clipped at the end");
        assertEquals(0, z.removeRanks(3, 2));
        assertEquals(5, z.removeRanks(-5, 4));
        assertTrue(z.isEmpty());
    }

    @Test
    void randomMembersComeFromTheSet() {
        SortedSetValue z = numbered(3);
        for (int i = 0; i < 20; i++) {
            assertNotNull(z.score(z.random().member()));
        }
        assertNull(new SortedSetValue().random());
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
        z.put(b("x"), 1);
        z.put(b("y"), 2);
        z.removeRanks(0, 1);
        assertEquals(empty, z.heapSize());
    }

    /** Random operations against a plain sorted list: ranks, order and both directions stay right. */
    @Test
    void agreesWithASortedListUnderRandomChanges() {
        Random random = new Random(42);
        SortedSetValue z = new SortedSetValue();
        Map<String, Double> model = new HashMap<>();
        Comparator<Map.Entry<String, Double>> byScoreThenMember =
                Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue)
                        .thenComparing(e -> b(e.getKey()), Arrays::compareUnsigned);
        for (int step = 0; step < 20_000; step++) {
            String member = "k" + random.nextInt(300);
            int op = random.nextInt(10);
            if (op < 6) {
                double score = random.nextInt(50);
                assertEquals(!model.containsKey(member), z.put(b(member), score));
                model.put(member, score);
            } else if (op < 9) {
                assertEquals(model.remove(member) != null, z.remove(b(member)));
            } else if (!model.isEmpty()) {
                int from = random.nextInt(model.size());
                int to = from + random.nextInt(4);
                List<Map.Entry<String, Double>> sorted = new ArrayList<>(model.entrySet());
                sorted.sort(byScoreThenMember);
                for (int i = from; i <= Math.min(to, sorted.size() - 1); i++) {
                    model.remove(sorted.get(i).getKey());
                }
                z.removeRanks(from, to);
            }
            if (step % 500 == 0 || step == 19_999) {
                List<Map.Entry<String, Double>> sorted = new ArrayList<>(model.entrySet());
                sorted.sort(byScoreThenMember);
                List<String> expected = sorted.stream().map(Map.Entry::getKey).toList();
                assertEquals(expected, order(z));
                assertEquals(expected.size(), z.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(i, z.rank(b(expected.get(i))));
                    assertEquals(expected.get(i), s(z.at(i).member()));
                }
                List<String> descending = new ArrayList<>();
                z.fromRank(z.size() - 1L, true).forEachRemaining(m -> descending.add(s(m.member())));
                Collections.reverse(descending);
                assertEquals(expected, descending);
                double cut = random.nextInt(50);
                assertEquals(sorted.stream().filter(e -> e.getValue() < cut).count(),
                        z.rankOf((score, m) -> score < cut));
            }
        }
    }

    /**
     * The same against a model over thousands of members, so the order spans many runs: bulk
     * growth splits them, removals and range removals merge and drop them, and ranks, cuts and
     * walks from every kind of place stay right throughout.
     */
    @Test
    void agreesWithAModelAcrossManyRuns() {
        Random random = new Random(7);
        SortedSetValue z = new SortedSetValue();
        java.util.TreeMap<String, Double> byMember = new java.util.TreeMap<>();
        Comparator<Map.Entry<String, Double>> byScoreThenMember =
                Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue)
                        .thenComparing(e -> b(e.getKey()), Arrays::compareUnsigned);
        for (int phase = 0; phase < 6; phase++) {
            boolean growing = phase % 2 == 0;
            for (int step = 0; step < 4_000; step++) {
                String member = "m" + random.nextInt(6_000);
                int op = random.nextInt(100);
                if (op < (growing ? 85 : 30)) {
                    double score = random.nextInt(400) - 200;
                    assertEquals(!byMember.containsKey(member), z.put(b(member), score));
                    byMember.put(member, score);
                } else if (op < 97) {
                    assertEquals(byMember.remove(member) != null, z.remove(b(member)));
                } else if (!byMember.isEmpty()) {
                    List<Map.Entry<String, Double>> sorted = new ArrayList<>(byMember.entrySet());
                    sorted.sort(byScoreThenMember);
                    int from = random.nextInt(sorted.size());
                    int to = from + random.nextInt(300);
                    for (int i = from; i <= Math.min(to, sorted.size() - 1); i++) {
                        byMember.remove(sorted.get(i).getKey());
                    }
                    assertEquals(Math.min(to, sorted.size() - 1) - from + 1, z.removeRanks(from, to));
                }
            }
            List<Map.Entry<String, Double>> sorted = new ArrayList<>(byMember.entrySet());
            sorted.sort(byScoreThenMember);
            List<String> expected = sorted.stream().map(Map.Entry::getKey).toList();
            assertEquals(expected, order(z), "phase " + phase);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(i, z.rank(b(expected.get(i))));
                assertEquals(sorted.get(i).getValue(), z.score(b(expected.get(i))));
            }
            for (int probe = 0; probe < 50 && !expected.isEmpty(); probe++) {
                int start = random.nextInt(expected.size());
                List<String> down = new ArrayList<>();
                z.fromRank(start, true).forEachRemaining(m -> down.add(s(m.member())));
                List<String> expectedDown = new ArrayList<>(expected.subList(0, start + 1));
                Collections.reverse(expectedDown);
                assertEquals(expectedDown, down);
                double cut = random.nextInt(400) - 200;
                assertEquals(sorted.stream().filter(e -> e.getValue() < cut).count(), z.rankOf((score, m) -> score < cut));
            }
        }
        while (!z.isEmpty()) {
            assertNotNull(z.popFirst(random.nextBoolean()));
        }
        assertEquals(0, z.size());
        assertNull(z.at(0));
        assertFalse(z.fromRank(0, false).hasNext());
    }
}
