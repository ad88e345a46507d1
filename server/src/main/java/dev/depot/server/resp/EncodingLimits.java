package dev.depot.server.resp;

/**
 * The sizes up to which Redis keeps a collection in its compact encoding (hash-max-listpack-entries
 * and the like), as CONFIG sets them. Depot stores every collection the same way; OBJECT ENCODING
 * uses these to name the encoding Redis would use for the value as it is now.
 */
final class EncodingLimits {
    volatile long hashMaxListpackEntries = 512;
    volatile long hashMaxListpackValue = 64;
    volatile long setMaxIntsetEntries = 512;
    volatile long setMaxListpackEntries = 128;
    volatile long setMaxListpackValue = 64;
    volatile long zsetMaxListpackEntries = 128;
    volatile long zsetMaxListpackValue = 64;
    /** Positive: entries per listpack; -1 to -5: 4, 8, 16, 32 or 64 KB per listpack. */
    volatile long listMaxListpackSize = -2;
}
