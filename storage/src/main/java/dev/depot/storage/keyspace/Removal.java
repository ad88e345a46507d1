package dev.depot.storage.keyspace;

/** Why an entry left the keyspace; each reason has its own counter. */
enum Removal {
    /** A client deleted or overwrote it. */
    DELETED,
    /** Its time ran out (found lazily, by the sweep, or at the LRU tail). */
    EXPIRED,
    /** The memory limit pushed it out. */
    EVICTED
}
