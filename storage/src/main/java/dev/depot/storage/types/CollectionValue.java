package dev.depot.storage.types;

import dev.depot.storage.keyspace.SizedValue;

/** A Redis collection (hash, list, set, sorted set): deleted as soon as it becomes empty. */
public interface CollectionValue extends SizedValue {
    boolean isEmpty();
}
