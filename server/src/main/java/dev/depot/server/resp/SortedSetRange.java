package dev.depot.server.resp;

import dev.depot.storage.types.SortedSetValue;

/** Which members of a sorted set a command selects: by rank, by score or lexicographically. */
sealed interface SortedSetRange permits SortedSetRange.ByRank, ScoreRange, LexRange {

    /**
     * The selected members of {@code z} as ascending ranks; {@code reverse} counts rank
     * arguments from the highest member (ZREVRANGE), and changes nothing for score or
     * lexicographic ranges, whose bounds are the same members either way.
     */
    Span span(SortedSetValue z, boolean reverse);

    /** Ascending ranks {@code from} (inclusive) to {@code to} (exclusive). */
    record Span(long from, long to) {
        static final Span EMPTY = new Span(0, 0);

        long size() {
            return Math.max(0, to - from);
        }

        /** The members between two cuts of the order (empty when the second comes first). */
        static Span between(SortedSetValue z, SortedSetValue.Cut start, SortedSetValue.Cut end) {
            long from = z.rankOf(start);
            return new Span(from, Math.max(from, z.rankOf(end)));
        }
    }

    /** Ranks as ZRANGE takes them: 0-based, negative ones counted from the end, both inclusive. */
    record ByRank(long start, long stop) implements SortedSetRange {
        @Override
        public Span span(SortedSetValue z, boolean reverse) {
            long size = z.size();
            long first = start < 0 ? Math.max(0, size + start) : start;
            long last = Math.min(stop < 0 ? size + stop : stop, size - 1);
            if (first > last) {
                return Span.EMPTY;
            }
            return reverse ? new Span(size - 1 - last, size - first) : new Span(first, last + 1);
        }
    }
}
