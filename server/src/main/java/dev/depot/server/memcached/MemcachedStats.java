package dev.depot.server.memcached;

import java.util.concurrent.atomic.LongAdder;

/** The protocol-level counters memcached's {@code stats} reports; shared by all connections. */
final class MemcachedStats {
    final LongAdder cmdGet = new LongAdder();
    final LongAdder cmdSet = new LongAdder();
    final LongAdder cmdFlush = new LongAdder();
    final LongAdder cmdTouch = new LongAdder();
    final LongAdder cmdMeta = new LongAdder();
    final LongAdder getHits = new LongAdder();
    final LongAdder getMisses = new LongAdder();
    final LongAdder deleteHits = new LongAdder();
    final LongAdder deleteMisses = new LongAdder();
    final LongAdder incrHits = new LongAdder();
    final LongAdder incrMisses = new LongAdder();
    final LongAdder decrHits = new LongAdder();
    final LongAdder decrMisses = new LongAdder();
    final LongAdder casHits = new LongAdder();
    final LongAdder casMisses = new LongAdder();
    final LongAdder casBadval = new LongAdder();
    final LongAdder touchHits = new LongAdder();
    final LongAdder touchMisses = new LongAdder();
    final LongAdder storeTooLarge = new LongAdder();
    final LongAdder bytesRead = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();

    /** memcached's {@code stats reset}: every counter back to zero. */
    void reset() {
        for (LongAdder a : new LongAdder[] {cmdGet, cmdSet, cmdFlush, cmdTouch, cmdMeta, getHits, getMisses,
                deleteHits, deleteMisses, incrHits, incrMisses, decrHits, decrMisses, casHits,
                casMisses, casBadval, touchHits, touchMisses, storeTooLarge, bytesRead, bytesWritten}) {
            a.reset();
        }
    }
}
