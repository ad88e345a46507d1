package dev.depot.server.memcached;

import dev.depot.protocol.memcached.CNumbers;
import dev.depot.protocol.memcached.StoreMode;
import dev.depot.storage.keyspace.Keyspace;
import dev.depot.storage.keyspace.MemoryFullException;
import dev.depot.storage.keyspace.Slot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * memcached's item semantics on top of the shared keyspace: the store modes, CAS, incr/decr
 * with memcached's in-place padding, touch. Used by the classic and the meta commands alike.
 */
final class ItemStore {
    private final Keyspace keyspace;
    private final MemcachedStats stats;
    private final Exptime exptime;
    private final int maxItemSize;

    ItemStore(Keyspace keyspace, MemcachedStats stats, Exptime exptime, int maxItemSize) {
        this.keyspace = keyspace;
        this.stats = stats;
        this.exptime = exptime;
        this.maxItemSize = maxItemSize;
    }

    Keyspace keyspace() {
        return keyspace;
    }

    MemcachedStats stats() {
        return stats;
    }

    long expiresAt(int rawExptime) {
        return exptime.toExpiresAt(rawExptime, keyspace.nowMillis());
    }

    long expiresAt(int rawExptime, long nowMillis) {
        return exptime.toExpiresAt(rawExptime, nowMillis);
    }

    /** The request of a storage command; {@code casOut[0]} receives the stored item's CAS. */
    record StoreRequest(StoreMode mode, byte[] key, byte[] data, int flags, int rawExptime, long cas,
                        boolean allowStale, boolean binaryKey) {
    }

    StoreOutcome store(StoreRequest r, long[] casOut) {
        stats.cmdSet.increment();
        try {
            keyspace.admitWrite();
        } catch (MemoryFullException e) {
            casOut[0] = 0;
            if (r.mode() == StoreMode.SET) {
                drop(r.key()); // as memcached does: no stale value outlives a set that failed
            }
            return StoreOutcome.OUT_OF_MEMORY;
        }
        return keyspace.execute(r.key(), slot -> {
            StoreOutcome outcome = apply(slot, r);
            if (outcome == StoreOutcome.STORED) {
                casOut[0] = slot.cas();
                if (r.binaryKey()) {
                    slot.setBinaryKey(true);
                }
            } else {
                casOut[0] = 0;
            }
            return outcome;
        });
    }

    private StoreOutcome apply(Slot slot, StoreRequest r) {
        long now = slot.nowMillis();
        byte[] old = slot.bytes();
        boolean exists = slot.exists();
        if (!exists) {
            return switch (r.mode()) {
                case SET, ADD -> {
                    slot.put(r.data(), r.flags(), expiresAt(r.rawExptime(), now));
                    yield StoreOutcome.STORED;
                }
                case CAS -> {
                    stats.casMisses.increment();
                    yield StoreOutcome.NOT_FOUND;
                }
                case REPLACE, APPEND, PREPEND -> StoreOutcome.NOT_STORED;
            };
        }
        long oldCas = slot.cas();
        CasCheck check = r.cas() == 0 ? CasCheck.NONE
                : r.cas() == oldCas ? CasCheck.MATCH
                : r.allowStale() && Long.compareUnsigned(r.cas(), oldCas) < 0 ? CasCheck.STALE
                : CasCheck.BADVAL;
        switch (r.mode()) {
            case ADD -> {
                slot.markFetched();
                return StoreOutcome.NOT_STORED;
            }
            case SET, REPLACE -> {
                slot.put(r.data(), r.flags(), expiresAt(r.rawExptime(), now));
                return StoreOutcome.STORED;
            }
            case CAS -> {
                if (check == CasCheck.MATCH) {
                    stats.casHits.increment();
                    slot.put(r.data(), r.flags(), expiresAt(r.rawExptime(), now));
                    return StoreOutcome.STORED;
                }
                if (check == CasCheck.STALE) {
                    // memcached keeps the TTL and the win-token marker and flags the value stale
                    stats.casHits.increment();
                    long keepExpiry = slot.expiresAt();
                    boolean tokenSent = slot.winTokenSent();
                    slot.put(r.data(), r.flags(), keepExpiry);
                    slot.setStale(true);
                    slot.setWinTokenSent(tokenSent);
                    return StoreOutcome.STORED;
                }
                stats.casBadval.increment();
                return StoreOutcome.EXISTS;
            }
            default -> {
                // append and prepend keep the item's flags and expiry
                if (check != CasCheck.NONE && check != CasCheck.MATCH) {
                    return StoreOutcome.EXISTS;
                }
                if (old == null
                        || ItemSizes.itemSize(r.key().length, slot.flags(), old.length + r.data().length) > maxItemSize) {
                    return StoreOutcome.NOT_STORED;
                }
                boolean append = r.mode() == StoreMode.APPEND;
                byte[] joined = append ? concat(old, r.data()) : concat(r.data(), old);
                slot.put(joined, slot.flags(), slot.expiresAt());
                return StoreOutcome.STORED;
            }
        }
    }

    private enum CasCheck { NONE, MATCH, STALE, BADVAL }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** Removes the key, as a failed oversized set does in memcached. */
    void drop(byte[] key) {
        keyspace.execute(key, slot -> {
            if (slot.exists()) {
                slot.delete();
            }
            return null;
        });
    }

    boolean delete(byte[] key) {
        boolean hit = keyspace.execute(key, slot -> {
            if (!slot.exists()) {
                return false;
            }
            slot.delete();
            return true;
        });
        (hit ? stats.deleteHits : stats.deleteMisses).increment();
        return hit;
    }

    boolean touch(byte[] key, int rawExptime) {
        stats.cmdTouch.increment();
        boolean hit = keyspace.execute(key, slot -> {
            if (!slot.isString()) {
                return false;
            }
            slot.setExpiresAt(expiresAt(rawExptime, slot.nowMillis()));
            slot.markFetched();
            return true;
        });
        (hit ? stats.touchHits : stats.touchMisses).increment();
        return hit;
    }

    /** The outcome of incr/decr: the new value, or why there is none. */
    sealed interface Delta {
        record Done(long value, byte[] text, long cas, long expiresAt) implements Delta {
        }

        record Missing() implements Delta {
        }

        record NonNumeric() implements Delta {
        }

        record CasMismatch() implements Delta {
        }
    }

    static final Delta MISSING = new Delta.Missing();
    static final Delta NON_NUMERIC = new Delta.NonNumeric();
    static final Delta CAS_MISMATCH = new Delta.CasMismatch();

    /**
     * memcached's add_delta: incr wraps at 2^64, decr stops at 0; a shorter result is padded with
     * spaces in place (same length, new CAS), a longer one replaces the item keeping its flags
     * and expiry. {@code compareCas} 0 means no CAS check.
     */
    Delta arithmetic(byte[] key, boolean incr, long delta, long compareCas) {
        Delta result = keyspace.execute(key, slot -> {
            if (!slot.exists()) {
                return MISSING;
            }
            byte[] old = slot.bytes();
            long[] parsed = new long[1];
            if (old == null || old.length == 0 || !CNumbers.parseUnsigned(old, 0, old.length, parsed)) {
                return NON_NUMERIC;
            }
            if (compareCas != 0 && slot.cas() != compareCas) {
                return CAS_MISMATCH;
            }
            long value = parsed[0];
            if (incr) {
                value += delta;
            } else {
                value = Long.compareUnsigned(delta, value) > 0 ? 0 : value - delta;
            }
            byte[] digits = Long.toUnsignedString(value).getBytes(StandardCharsets.US_ASCII);
            byte[] stored = digits;
            if (digits.length < old.length) {
                stored = Arrays.copyOf(digits, old.length);
                Arrays.fill(stored, digits.length, old.length, (byte) ' ');
            }
            slot.put(stored, slot.flags(), slot.expiresAt());
            return new Delta.Done(value, digits, slot.cas(), slot.expiresAt());
        });
        boolean hit = result instanceof Delta.Done;
        if (result != NON_NUMERIC && result != CAS_MISMATCH) {
            (incr ? (hit ? stats.incrHits : stats.incrMisses) : (hit ? stats.decrHits : stats.decrMisses)).increment();
        }
        return result;
    }
}
