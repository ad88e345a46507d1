package dev.depot.server.resp;

import dev.depot.storage.keyspace.Slot;
import dev.depot.storage.types.CollectionValue;

/**
 * A key's value taken out of its slot, with what travels with it (expiry; memcached flags for
 * strings), to be stored under another name or in another database: RENAME and MOVE hand the
 * value over, COPY duplicates it first.
 */
record StoredValue(byte[] string, CollectionValue collection, int flags, long expiresAt) {

    /** The value at {@code slot}, which must exist. */
    static StoredValue of(Slot slot) {
        if (slot.isString()) {
            return new StoredValue(slot.bytes(), null, slot.flags(), slot.expiresAt());
        }
        return new StoredValue(null, (CollectionValue) slot.object(), 0, slot.expiresAt());
    }

    /** An independent duplicate (COPY): a later change to either does not show in the other. */
    StoredValue copy() {
        return collection == null ? this : new StoredValue(null, collection.copy(), flags, expiresAt);
    }

    /**
     * Stores this value at {@code target}, replacing whatever it held: as in Redis, the old key
     * is deleted and the name created anew (a "new" key event even where a key was).
     */
    void storeAt(Slot target) {
        if (target.exists()) {
            target.delete();
        }
        if (string != null) {
            target.put(string, flags, expiresAt);
        } else {
            target.putObject(collection, expiresAt);
        }
    }

    /** Which blocked clients this value can serve (BLPOP and BLMOVE wait for a list, BZPOPMIN for a sorted set); null for none. */
    BlockingPops.Source servesBlocked() {
        return BlockingPops.Source.of(collection);
    }
}
