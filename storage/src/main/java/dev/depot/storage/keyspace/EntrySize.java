package dev.depot.storage.keyspace;

/**
 * What an entry costs on a 64-bit JVM with compressed oops, so that the memory limit tracks the
 * real heap: object header 12 bytes, fields, 8-byte alignment, plus the hash-table slot.
 */
final class EntrySize {
    /** Header plus the fields of {@link Entry}, rounded up to 8. */
    static final int ENTRY_OBJECT = 64;
    /** One reference in the bucket array at a load factor of at most 0.75, rounded up. */
    static final int TABLE_SLOT = 6;

    private EntrySize() {
    }

    static long of(byte[] key, Object value) {
        return ENTRY_OBJECT + TABLE_SLOT + array(key.length) + valueSize(value);
    }

    static long array(int length) {
        return (16L + length + 7) & ~7L;
    }

    static long valueSize(Object value) {
        if (value instanceof byte[] bytes) {
            return array(bytes.length);
        }
        if (value instanceof SizedValue sized) {
            return sized.heapSize();
        }
        return 0;
    }
}
