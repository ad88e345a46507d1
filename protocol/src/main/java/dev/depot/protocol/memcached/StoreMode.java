package dev.depot.protocol.memcached;

/** How a storage command treats an existing (or missing) item. */
public enum StoreMode {
    SET, ADD, REPLACE, APPEND, PREPEND, CAS,
    /** meta ms append with N: creates the item when missing. */
    APPEND_VIVIFY,
    /** meta ms prepend with N: creates the item when missing. */
    PREPEND_VIVIFY
}
