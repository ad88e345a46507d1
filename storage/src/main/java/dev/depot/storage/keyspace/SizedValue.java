package dev.depot.storage.keyspace;

/** A non-string value (hash, list, set...) that knows what it costs on the heap. */
public interface SizedValue {
    long heapSize();
}
