package dev.depot.server.resp;

import java.util.Locale;

/** Redis's maxmemory-policy values, by the names CONFIG uses. */
public enum MaxmemoryPolicy {
    VOLATILE_LRU, VOLATILE_LFU, VOLATILE_RANDOM, VOLATILE_TTL, ALLKEYS_LRU, ALLKEYS_LFU, ALLKEYS_RANDOM, NOEVICTION;

    /** The name as CONFIG writes it: {@code allkeys-lru}. */
    public String redisName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether keys' access frequency rather than their idle time is tracked (OBJECT FREQ vs IDLETIME). */
    public boolean lfu() {
        return this == VOLATILE_LFU || this == ALLKEYS_LFU;
    }

    /** Redis shares the integer objects 0-9999 unless the policy needs per-key LRU or LFU data. */
    boolean sharesSmallIntegers() {
        return this != VOLATILE_LRU && this != ALLKEYS_LRU && !lfu();
    }
}
