package dev.depot.storage.keyspace;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What happens when a write finds the memory limit reached (Redis's {@code maxmemory-policy}):
 * which keys may go ({@code allkeys-*} any, {@code volatile-*} only those with an expiry) and in
 * what order. The orders are approximate, as in Redis: each eviction compares a few sampled
 * keys (plus the best ones left from earlier samples) and removes the most evictable. With
 * {@link #NOEVICTION}, or a {@code volatile-*} policy and no key with an expiry, nothing can go
 * and writes are refused ({@link MemoryFullException}) until memory is freed.
 *
 * <p>The constants are in the order Redis lists them in its error messages.
 */
public enum EvictionPolicy {
    VOLATILE_LRU("volatile-lru", true, Order.LEAST_RECENTLY_USED),
    VOLATILE_LFU("volatile-lfu", true, Order.LEAST_FREQUENTLY_USED),
    VOLATILE_RANDOM("volatile-random", true, Order.RANDOM),
    VOLATILE_TTL("volatile-ttl", true, Order.SOONEST_EXPIRY),
    ALLKEYS_LRU("allkeys-lru", false, Order.LEAST_RECENTLY_USED),
    ALLKEYS_LFU("allkeys-lfu", false, Order.LEAST_FREQUENTLY_USED),
    ALLKEYS_RANDOM("allkeys-random", false, Order.RANDOM),
    NOEVICTION("noeviction", false, Order.NONE);

    /** Which key goes first among the candidates. */
    enum Order {
        LEAST_RECENTLY_USED, LEAST_FREQUENTLY_USED, RANDOM, SOONEST_EXPIRY, NONE
    }

    private final String configName;
    private final boolean volatileOnly;
    private final Order order;

    EvictionPolicy(String configName, boolean volatileOnly, Order order) {
        this.configName = configName;
        this.volatileOnly = volatileOnly;
        this.order = order;
    }

    /** The name Redis and the config file use: {@code allkeys-lru}. */
    public String configName() {
        return configName;
    }

    /** The policy named {@code name} (any letter case, as Redis's CONFIG SET accepts it). */
    public static Optional<EvictionPolicy> byConfigName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.configName.equals(lower)).findFirst();
    }

    /** Every name, comma-separated in Redis's order, for "must be one of" messages. */
    public static String configNames() {
        return Arrays.stream(values()).map(EvictionPolicy::configName).collect(Collectors.joining(", "));
    }

    /** False for {@link #NOEVICTION}: a full budget refuses writes instead. */
    public boolean evicts() {
        return order != Order.NONE;
    }

    /** Only keys with an expiry may be evicted ({@code volatile-*}). */
    /** Whether it ranks keys by how often they are used (the LFU policies: OBJECT FREQ's data). */
    public boolean tracksFrequency() {
        return order == Order.LEAST_FREQUENTLY_USED;
    }

    /** Whether it ranks keys by how long ago they were used (the LRU policies). */
    public boolean tracksRecency() {
        return order == Order.LEAST_RECENTLY_USED;
    }

    public boolean volatileOnly() {
        return volatileOnly;
    }

    Order order() {
        return order;
    }

    /** Whether this policy may ever take {@code entry}. */
    boolean mayEvict(Entry entry) {
        return evicts() && (!volatileOnly || entry.expiresAt != 0);
    }

    /**
     * How evictable {@code entry} is: higher goes first. An expired entry above all (removing it
     * loses nothing); then idle milliseconds for LRU, 255 minus the decayed access counter for
     * LFU, and for TTL the sooner the expiry the higher. {@code sinceStart}: milliseconds since
     * the entry's keyspace started.
     */
    long rank(Entry entry, long nowMillis, long sinceStart) {
        if (entry.expiredAt(nowMillis)) {
            return Long.MAX_VALUE;
        }
        return switch (order) {
            case LEAST_RECENTLY_USED -> entry.idleMillis(sinceStart);
            case LEAST_FREQUENTLY_USED -> LfuCounter.MAX - entry.frequency(sinceStart);
            case SOONEST_EXPIRY -> Long.MAX_VALUE - entry.expiresAt;
            case RANDOM, NONE -> 0;
        };
    }

    @Override
    public String toString() {
        return configName;
    }
}
