package dev.depot.protocol.memcached;

/** How a storage command treats an existing (or missing) item. */
public enum StoreMode {
    SET, ADD, REPLACE, APPEND, PREPEND, CAS
}
