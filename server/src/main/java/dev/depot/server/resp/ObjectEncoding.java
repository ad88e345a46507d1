package dev.depot.server.resp;

import dev.depot.storage.types.Bytes;
import dev.depot.storage.types.HashValue;
import dev.depot.storage.types.ListValue;
import dev.depot.storage.types.SetValue;
import dev.depot.storage.types.SortedSetValue;

import java.util.Map;

/**
 * The encoding Redis 7.2 would use for a value as it is now, for OBJECT ENCODING: Depot stores
 * each type one way, but clients and tests read the name to tell small values from large ones.
 * Redis only converts upwards (a hash that grew to a hashtable stays one when it shrinks); this
 * answer depends on the size alone.
 */
final class ObjectEncoding {
    /** Redis's embstr holds strings up to this long in the object itself. */
    private static final int EMBSTR_MAX = 44;
    /** The longest text of a 64-bit integer, -9223372036854775808. */
    private static final int LONG_DIGITS = 20;
    /** A listpack's header and end marker. */
    private static final int LISTPACK_OVERHEAD = 7;

    private ObjectEncoding() {
    }

    /** A string's encoding: int, embstr or raw. */
    static String ofString(byte[] value) {
        if (isInteger(value)) {
            return "int";
        }
        return value.length <= EMBSTR_MAX ? "embstr" : "raw";
    }

    /** A collection's encoding; null for a type this does not know. */
    static String ofCollection(Object value, EncodingLimits limits) {
        if (value instanceof ListValue list) {
            return listFits(list, limits.listMaxListpackSize) ? "listpack" : "quicklist";
        }
        if (value instanceof HashValue hash) {
            return compact(hash, limits) ? "listpack" : "hashtable";
        }
        if (value instanceof SetValue set) {
            return set(set, limits);
        }
        if (value instanceof SortedSetValue zset) {
            return compact(zset, limits) ? "listpack" : "skiplist";
        }
        return null;
    }

    static boolean isInteger(byte[] value) {
        return value.length <= LONG_DIGITS && RespNumbers.parseLong(value) != null;
    }

    /**
     * list-max-listpack-size: a positive value counts entries, -1 to -5 limit the listpack to
     * 4, 8, 16, 32 or 64 KB. An entry takes its bytes plus a small header and back-length.
     */
    private static boolean listFits(ListValue list, long size) {
        if (size >= 0) {
            return list.size() <= size;
        }
        long limit = 4096L << Math.min(4, -size - 1);
        long bytes = LISTPACK_OVERHEAD;
        for (int i = 0; i < list.size() && bytes <= limit; i++) {
            bytes += entryBytes(list.get(i).length);
        }
        return bytes <= limit;
    }

    private static long entryBytes(int length) {
        if (length < 64) {
            return length + 2;
        }
        return length < 4096 ? length + 4 : length + 10;
    }

    private static boolean compact(HashValue hash, EncodingLimits limits) {
        if (hash.size() > limits.hashMaxListpackEntries) {
            return false;
        }
        long longest = limits.hashMaxListpackValue;
        for (Map.Entry<Bytes, byte[]> e : hash.entries().entrySet()) {
            if (e.getKey().value().length > longest || e.getValue().length > longest) {
                return false;
            }
        }
        return true;
    }

    private static String set(SetValue set, EncodingLimits limits) {
        boolean integers = true;
        boolean shortMembers = true;
        for (Bytes member : set.members()) {
            integers &= isInteger(member.value());
            shortMembers &= member.value().length <= limits.setMaxListpackValue;
        }
        if (integers && set.size() <= limits.setMaxIntsetEntries) {
            return "intset";
        }
        return shortMembers && set.size() <= limits.setMaxListpackEntries ? "listpack" : "hashtable";
    }

    private static boolean compact(SortedSetValue zset, EncodingLimits limits) {
        if (zset.size() > limits.zsetMaxListpackEntries) {
            return false;
        }
        for (SortedSetValue.Scored member : zset.ascending()) {
            if (member.member().length > limits.zsetMaxListpackValue) {
                return false;
            }
        }
        return true;
    }
}
