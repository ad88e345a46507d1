package dev.depot.storage.types;

import dev.depot.storage.keyspace.SizedValue;

/** A Redis collection (hash, list, set, sorted set): deleted as soon as it becomes empty. */
public interface CollectionValue extends SizedValue {
    boolean isEmpty();

    /**
     * An independent copy (Redis COPY): a change to either no longer shows in the other. The
     * members' byte arrays are shared, as nothing modifies them in place.
     */
    CollectionValue copy();
}
