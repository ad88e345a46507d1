package dev.depot.server;

import dev.depot.config.ByteSize;
import dev.depot.config.ConfigException;

/**
 * Refuses a memory limit the JVM heap cannot hold: a cache that fills up would otherwise die of
 * OutOfMemoryError instead of evicting. Items are accounted at their real heap cost, but the
 * collector needs room beside them (a young generation and some free space to work in).
 */
final class HeapCheck {
    /** Heap the daemon needs besides the items: young generation, buffers, classes. */
    static final long BASELINE = 96L << 20;
    /** Headroom the collector needs on top of the live items. */
    static final double GC_HEADROOM = 1.25;

    private HeapCheck() {
    }

    /** The largest maxmemory a heap of {@code maxHeap} bytes can hold (for CONFIG SET maxmemory too). */
    static long largestMaxMemory(long maxHeap) {
        return Math.max(0, (long) ((maxHeap - BASELINE) / GC_HEADROOM));
    }

    static void requireRoomFor(long maxMemory, long maxHeap) {
        long needed = (long) (maxMemory * GC_HEADROOM) + BASELINE;
        if (needed > maxHeap) {
            throw new ConfigException("maxmemory: " + ByteSize.format(maxMemory) + " does not fit in the JVM heap ("
                    + ByteSize.format(maxHeap) + " at most); lower --maxmemory to at most "
                    + ByteSize.format((largestMaxMemory(maxHeap) >> 20) << 20)
                    + ", or give the JVM a heap of at least " + ByteSize.format(needed)
                    + " with JAVA_OPTS=-Xmx" + (needed >> 20) + "m");
        }
    }
}
