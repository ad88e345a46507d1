package dev.depot.server.memcached;

/** The result of a storage command, with its classic and meta spellings. */
enum StoreOutcome {
    STORED("STORED", "HD"),
    NOT_STORED("NOT_STORED", "NS"),
    EXISTS("EXISTS", "EX"),
    NOT_FOUND("NOT_FOUND", "NF"),
    /** Memory is full and the eviction policy may free nothing (memcached -M's answer). */
    OUT_OF_MEMORY("SERVER_ERROR out of memory storing object", "SERVER_ERROR out of memory storing object");

    final String classic;
    final String meta;

    StoreOutcome(String classic, String meta) {
        this.classic = classic;
        this.meta = meta;
    }

    /** An error line goes alone: memcached echoes no flags (O, k, c) after it, even in quiet mode. */
    boolean isError() {
        return this == OUT_OF_MEMORY;
    }
}
