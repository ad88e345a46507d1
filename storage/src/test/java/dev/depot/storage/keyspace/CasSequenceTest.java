package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CAS values: never 0, never twice, increasing within a thread, also across its blocks. */
class CasSequenceTest {
    @Test
    void oneThreadGetsIncreasingValuesAcrossBlocks() {
        CasSequence sequence = new CasSequence();
        long previous = 0;
        for (int i = 0; i < CasSequence.BLOCK * 3 + 5; i++) {
            long value = sequence.next();
            assertTrue(value > previous, "value " + value + " after " + previous);
            previous = value;
        }
    }

    @Test
    void threadsNeverShareAValue() throws InterruptedException {
        CasSequence sequence = new CasSequence();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        int threads = 4;
        int each = CasSequence.BLOCK * 5 + 17;
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                Set<Long> mine = new HashSet<>();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    mine.add(sequence.next());
                }
                seen.addAll(mine);
            });
            workers[t].start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(threads * each, seen.size());
        assertTrue(seen.stream().allMatch(v -> v > 0));
    }

    @Test
    void twoSequencesAreIndependent() {
        CasSequence a = new CasSequence();
        CasSequence b = new CasSequence();
        assertEquals(1, a.next());
        assertEquals(1, b.next());
        assertEquals(2, a.next());
    }
}
