package dev.depot.storage.types;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Redis sorted set: members ordered by score, then by their bytes. A map finds a member's
 * score in O(1); a {@link ScoreOrder} keeps the order, so ranks, the member at a rank, the
 * bounds of a score or lexicographic range and the removal of a run of ranks cost O(log n)
 * (plus the members handed out or removed).
 */
public final class SortedSetValue implements CollectionValue {
    private static final long BASE = 160;
    /**
     * Map node, key wrapper, table slot and score holder, and the member's slots in the order's
     * runs (a score and a reference, in runs three quarters full on average), besides the
     * member's own array.
     */
    private static final long PER_MEMBER = 104;

    /** A member with its score, in the set's order. */
    public record Scored(byte[] member, double score) {
    }

    /**
     * A cut in the set's order: true for every member before it, false for every member after
     * it (a score or lexicographic bound).
     */
    @FunctionalInterface
    public interface Cut {
        boolean before(double score, byte[] member);
    }

    /** A member's score, changed in place when the member moves, beside the member array the order holds. */
    private static final class Score {
        final byte[] member;
        double value;

        Score(byte[] member, double value) {
            this.member = member;
            this.value = value;
        }
    }

    private final Map<Bytes, Score> scores = new HashMap<>();
    private final ScoreOrder order = new ScoreOrder();
    private long heapSize = BASE;

    @Override
    public long heapSize() {
        return heapSize;
    }

    public int size() {
        return scores.size();
    }

    @Override
    public boolean isEmpty() {
        return scores.isEmpty();
    }

    @Override
    public SortedSetValue copy() {
        SortedSetValue copy = new SortedSetValue();
        for (Scored scored : ascending()) {
            copy.put(scored.member(), scored.score()); // members are never changed in place: shared
        }
        return copy;
    }

    /** The member's score, or null. */
    public Double score(byte[] member) {
        Score score = scores.get(new Bytes(member));
        return score == null ? null : score.value;
    }

    /** Sets a member's score (an equal score, -0 for 0 included, changes nothing); true when the member is new. */
    public boolean put(byte[] member, double score) {
        Bytes key = new Bytes(member);
        Score current = scores.get(key);
        if (current == null) {
            scores.put(key, new Score(member, score));
            order.insert(member, score);
            heapSize += charge(member);
            return true;
        }
        if (current.value != score) {
            order.delete(current.member, current.value);
            order.insert(current.member, score);
            current.value = score;
        }
        return false;
    }

    /** True when the member was there. */
    public boolean remove(byte[] member) {
        Score score = scores.remove(new Bytes(member));
        if (score == null) {
            return false;
        }
        order.delete(score.member, score.value);
        heapSize -= charge(member);
        return true;
    }

    /** The 0-based rank of a member in ascending order, or -1. */
    public long rank(byte[] member) {
        Score score = scores.get(new Bytes(member));
        return score == null ? -1 : order.rank(member, score.value);
    }

    /** The member at a 0-based ascending rank; null outside the set. */
    public Scored at(long rank) {
        return order.at(rank);
    }

    /** A member chosen uniformly at random; null when the set is empty. */
    public Scored random() {
        return isEmpty() ? null : at(ThreadLocalRandom.current().nextInt(size()));
    }

    /** How many members (in ascending order) lie before the cut: the rank where it falls. */
    public long rankOf(Cut cut) {
        return order.count(cut::before);
    }

    /** Removes and returns the lowest (or highest) member; null when the set is empty. */
    public Scored popFirst(boolean lowest) {
        Scored first = order.at(lowest ? 0 : size() - 1L);
        if (first == null) {
            return null;
        }
        remove(first.member());
        return first;
    }

    /** Removes the members of 0-based ascending ranks {@code from..to} (clipped to the set); how many went. */
    public long removeRanks(long from, long to) {
        return order.deleteRanks(from, to, member -> {
            scores.remove(new Bytes(member));
            heapSize -= charge(member);
        });
    }

    /**
     * Members from the one at 0-based ascending rank {@code rank} on, towards higher ranks or
     * lower ones; nothing when the rank is outside the set. The set must not change meanwhile.
     */
    public Iterator<Scored> fromRank(long rank, boolean descending) {
        return order.walk(rank, descending);
    }

    /** Every member in ascending order; the set must not change during the walk. */
    public Iterable<Scored> ascending() {
        return () -> fromRank(0, false);
    }

    private static long charge(byte[] member) {
        return PER_MEMBER + ((16L + member.length + 7) & ~7L);
    }
}
