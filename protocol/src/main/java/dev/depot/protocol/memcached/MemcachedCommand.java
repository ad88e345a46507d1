package dev.depot.protocol.memcached;

import java.util.List;

/**
 * One decoded request of the memcached text protocol (classic and meta). Numbers arrive already
 * converted the way memcached converts them (exptimes truncated to 32 bits, flags to 32 bits),
 * so the server applies semantics, never parsing.
 */
public sealed interface MemcachedCommand {

    /** set, add, replace, append, prepend, cas. {@code exptime} is the raw protocol value. */
    record Store(StoreMode mode, byte[] key, int flags, int exptime, long cas, byte[] data, boolean noreply)
            implements MemcachedCommand {
    }

    /**
     * A storage command whose value exceeds the item size limit; its data was read and discarded
     * before this is emitted. memcached also drops the key's current value ({@code dropExisting})
     * so no stale data stays.
     */
    record StoreTooLarge(byte[] key, boolean dropExisting, boolean noreply) implements MemcachedCommand {
    }

    /** get, gets, gat, gats (and the ancient bget). */
    record Get(List<byte[]> keys, boolean withCas, boolean touch, int exptime) implements MemcachedCommand {
    }

    /**
     * A get-family command with a key over 250 bytes. memcached answers it with a CLIENT_ERROR
     * and also drops every reply it had queued but not yet written.
     */
    record RejectedGet() implements MemcachedCommand {
    }

    record Delete(byte[] key, boolean noreply) implements MemcachedCommand {
    }

    /** incr or decr; {@code delta} is an unsigned 64-bit number. */
    record Arithmetic(byte[] key, boolean incr, long delta, boolean noreply) implements MemcachedCommand {
    }

    record Touch(byte[] key, int exptime, boolean noreply) implements MemcachedCommand {
    }

    /** flush_all, with {@code delay} the raw exptime (0 or less: now). */
    record FlushAll(int delay, boolean noreply) implements MemcachedCommand {
    }

    /** stats with its sub-command words (empty for the general stats). */
    record Stats(List<String> args) implements MemcachedCommand {
    }

    record Version() implements MemcachedCommand {
    }

    record Verbosity(boolean noreply) implements MemcachedCommand {
    }

    /** cache_memlimit, in megabytes. */
    record CacheMemlimit(long megabytes, boolean noreply) implements MemcachedCommand {
    }

    record Shutdown() implements MemcachedCommand {
    }

    record Quit() implements MemcachedCommand {
    }

    /** mg. */
    record MetaGet(byte[] key, MetaFlags flags) implements MemcachedCommand {
    }

    /** ms, after its data block arrived intact. */
    record MetaSet(byte[] key, byte[] data, StoreMode mode, MetaFlags flags) implements MemcachedCommand {
    }

    /** md. */
    record MetaDelete(byte[] key, MetaFlags flags) implements MemcachedCommand {
    }

    /** ma. */
    record MetaArithmetic(byte[] key, boolean incr, MetaFlags flags) implements MemcachedCommand {
    }

    /** me. */
    record MetaDebug(byte[] key, boolean binaryKey) implements MemcachedCommand {
    }

    /** mn. */
    record MetaNoop() implements MemcachedCommand {
    }

    /** A reply the decoder settles by itself: ERROR and the CLIENT_ERROR family. */
    record Reply(String line) implements MemcachedCommand {
    }
}
