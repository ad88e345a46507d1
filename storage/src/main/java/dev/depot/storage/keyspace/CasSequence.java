package dev.depot.storage.keyspace;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The CAS values (memcached's "cas unique") and key versions (Redis WATCH) of a set of
 * keyspaces: every write takes one, and no two writes get the same. Values are only ever
 * compared for equality, so each thread takes them from a block of its own and goes back to the
 * shared counter once per block: otherwise every write on every event loop would move one
 * contended cache line. Within a thread values increase; across threads they interleave.
 */
final class CasSequence {
    /** Values a thread takes at a time. */
    static final int BLOCK = 1024;

    private static final class Block {
        long next;
        long end;
    }

    private final AtomicLong blocksTaken = new AtomicLong();
    private final ThreadLocal<Block> blocks = ThreadLocal.withInitial(Block::new);

    long next() {
        Block block = blocks.get();
        if (block.next == block.end) {
            long start = blocksTaken.getAndIncrement() * BLOCK + 1; // 0 means "none" to callers
            block.next = start;
            block.end = start + BLOCK;
        }
        return block.next++;
    }
}
