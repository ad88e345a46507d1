package dev.depot.storage.keyspace;

/**
 * What an entry costs on a 64-bit JVM with compressed oops, so that the memory limit tracks the
 * real heap: object header 12 bytes, fields, 8-byte alignment, plus the hash-table slot.
 */
final class EntrySize {
    /** Header plus the fields of {@link Entry}, rounded up to 8. */
    static final int ENTRY_OBJECT = 48;
    /** One reference in the bucket array, whose load stays between 0.5 and 1. */
    static final int TABLE_SLOT = 6;
    /** An {@link Entry.ObjectPayload} record: header and two references. */
    static final int OBJECT_PAYLOAD = 24;

    private EntrySize() {
    }

    static long of(Object payload) {
        if (payload instanceof byte[] data) {
            return ENTRY_OBJECT + TABLE_SLOT + array(data.length);
        }
        Entry.ObjectPayload object = (Entry.ObjectPayload) payload;
        long value = object.value() instanceof SizedValue sized ? sized.heapSize() : 0;
        return ENTRY_OBJECT + TABLE_SLOT + OBJECT_PAYLOAD + array(object.key().length) + value;
    }

    static long array(int length) {
        return (16L + length + 7) & ~7L;
    }
}
