package dev.depot.server.resp;

import dev.depot.protocol.resp.RespDoubles;

/** A score interval as ZRANGEBYSCORE and ZCOUNT take it: "(1" is exclusive, "-inf"/"+inf" open. */
record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {

    static ScoreRange parse(byte[] min, byte[] max) {
        return new ScoreRange(value(min), exclusive(min), value(max), exclusive(max));
    }

    boolean contains(double score) {
        return (minExclusive ? score > min : score >= min) && (maxExclusive ? score < max : score <= max);
    }

    boolean aboveMax(double score) {
        return maxExclusive ? score >= max : score > max;
    }

    boolean belowMin(double score) {
        return minExclusive ? score <= min : score < min;
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
