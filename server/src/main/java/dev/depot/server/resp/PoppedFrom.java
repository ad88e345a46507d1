package dev.depot.server.resp;

import java.util.List;
import java.util.function.Function;

/**
 * What LMPOP, BLMPOP, ZMPOP, BZMPOP and the BZPOP forms took: the first of their keys that gave
 * something, and what it gave.
 *
 * @param key   the key popped from
 * @param items the elements (lists) or scored members (sorted sets), at least one
 */
record PoppedFrom<T>(byte[] key, List<T> items) {

    /**
     * Pops from the first of {@code keys} that has something, in order; null when none had.
     * {@code pop} answers null for a missing key and throws WRONGTYPE for another type. A parked
     * client trying again ({@code retry}) skips a key that has since changed type, as Redis does;
     * the first attempt lets the error through.
     */
    static <T> PoppedFrom<T> first(List<byte[]> keys, boolean retry, Function<byte[], List<T>> pop) {
        for (byte[] key : keys) {
            List<T> items;
            try {
                items = pop.apply(key);
            } catch (RespException wrongType) {
                if (!retry) {
                    throw wrongType;
                }
                continue;
            }
            if (items != null) {
                return new PoppedFrom<>(key, items);
            }
        }
        return null;
    }
}
