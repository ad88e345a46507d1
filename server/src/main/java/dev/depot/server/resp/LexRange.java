package dev.depot.server.resp;

import dev.depot.storage.types.SortedSetValue;

import java.util.Arrays;

/**
 * A lexicographic interval as ZRANGEBYLEX takes it: "[m" includes m, "(m" excludes it, "-" and
 * "+" are below and above every member. Meant for sets whose members share one score, as in
 * Redis; with mixed scores the members between the two cuts of the order are selected.
 */
record LexRange(Bound min, Bound max) implements SortedSetRange {

    /** One end of the interval. */
    sealed interface Bound permits Infinite, Member {
    }

    /** "-" or "+". */
    enum Infinite implements Bound {
        LOWEST, HIGHEST
    }

    /** "[member" or "(member". */
    record Member(byte[] value, boolean exclusive) implements Bound {
    }

    static LexRange parse(byte[] min, byte[] max) {
        return new LexRange(bound(min), bound(max));
    }

    private static Bound bound(byte[] text) {
        if (text.length == 1 && text[0] == '-') {
            return Infinite.LOWEST;
        }
        if (text.length == 1 && text[0] == '+') {
            return Infinite.HIGHEST;
        }
        if (text.length > 0 && (text[0] == '[' || text[0] == '(')) {
            return new Member(Arrays.copyOfRange(text, 1, text.length), text[0] == '(');
        }
        throw new RespException("ERR min or max not valid string range item");
    }

    @Override
    public Span span(SortedSetValue z, boolean reverse) {
        return Span.between(z, (score, member) -> below(member, min, true), (score, member) -> below(member, max, false));
    }

    /**
     * Whether {@code member} lies below the cut at {@code bound}: strictly below it, or on it when
     * the cut passes after the bound's own member (an exclusive minimum, an inclusive maximum).
     */
    private static boolean below(byte[] member, Bound bound, boolean isMin) {
        if (bound instanceof Member m) {
            int c = Arrays.compareUnsigned(member, m.value());
            return c < 0 || c == 0 && m.exclusive() == isMin;
        }
        return bound == Infinite.HIGHEST;
    }
}
