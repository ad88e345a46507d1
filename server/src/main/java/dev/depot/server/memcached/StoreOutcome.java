package dev.depot.server.memcached;

/** The result of a storage command, with its classic and meta spellings. */
enum StoreOutcome {
    STORED("STORED", "HD"),
    NOT_STORED("NOT_STORED", "NS"),
    EXISTS("EXISTS", "EX"),
    NOT_FOUND("NOT_FOUND", "NF");

    final String classic;
    final String meta;

    StoreOutcome(String classic, String meta) {
        this.classic = classic;
        this.meta = meta;
    }
}
