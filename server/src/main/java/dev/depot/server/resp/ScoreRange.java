package dev.depot.server.resp;

import dev.depot.protocol.resp.RespDoubles;
import dev.depot.storage.types.SortedSetValue;

/** A score interval as ZRANGEBYSCORE and ZCOUNT take it: "(1" is exclusive, "-inf"/"+inf" open. */
record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) implements SortedSetRange {

    static ScoreRange parse(byte[] min, byte[] max) {
        return new ScoreRange(value(min), exclusive(min), value(max), exclusive(max));
    }

    @Override
    public Span span(SortedSetValue z, boolean reverse) {
        return Span.between(z, (score, member) -> minExclusive ? score <= min : score < min,
                (score, member) -> maxExclusive ? score < max : score <= max);
    }

    private static boolean exclusive(byte[] bound) {
        return bound.length > 0 && bound[0] == '(';
    }

    private static double value(byte[] bound) {
        int from = exclusive(bound) ? 1 : 0;
        double value = RespDoubles.parseRangeBound(bound, from, bound.length);
        if (Double.isNaN(value)) {
            throw new RespException("ERR min or max is not a float");
        }
        return value;
    }
}
