package dev.depot.storage.types;


import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A Redis sorted set: members ordered by score, then by their bytes; a map gives each member's
 * score in O(1), a tree keeps the order. Ranks are found by walking the tree (O(n)); an
 * order-statistics structure can replace it without changing this API.
 */
public final class SortedSetValue implements CollectionValue {
    private static final long BASE = 160;
    /** Tree node, map node, wrappers and the boxed score per member, besides the member's array. */
    private static final long PER_MEMBER = 120;

    /** A member with its score, in the set's order. */
    public record Scored(byte[] member, double score) implements Comparable<Scored> {
        @Override
        public int compareTo(Scored other) {
            int byScore = Double.compare(score, other.score);
            if (score == other.score) {
                byScore = 0; // -0.0 and 0.0 are one score
            }
            return byScore != 0 ? byScore : Arrays.compareUnsigned(member, other.member);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Scored s && compareTo(s) == 0;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(member);
        }
    }

    private final TreeSet<Scored> order = new TreeSet<>();
    private final Map<Bytes, Double> scores = new HashMap<>();
    private long heapSize = BASE;

    @Override
    public long heapSize() {
        return heapSize;
    }

    public int size() {
        return scores.size();
    }

    public boolean isEmpty() {
        return scores.isEmpty();
    }

    @Override
    public SortedSetValue copy() {
        SortedSetValue copy = new SortedSetValue();
        copy.order.addAll(order);
        copy.scores.putAll(scores);
        copy.heapSize = heapSize;
        return copy;
    }

    /** The member's score, or null. */
    public Double score(byte[] member) {
        return scores.get(new Bytes(member));
    }

    /** Sets a member's score; true when the member is new. */
    public boolean put(byte[] member, double score) {
        Bytes key = new Bytes(member);
        Double old = scores.put(key, score);
        if (old != null) {
            order.remove(new Scored(member, old));
        } else {
            heapSize += PER_MEMBER + ((16L + member.length + 7) & ~7L);
        }
        order.add(new Scored(member, score));
        return old == null;
    }

    /** True when the member was there. */
    public boolean remove(byte[] member) {
        Double old = scores.remove(new Bytes(member));
        if (old == null) {
            return false;
        }
        order.remove(new Scored(member, old));
        heapSize -= PER_MEMBER + ((16L + member.length + 7) & ~7L);
        return true;
    }

    /** Members in ascending order; do not modify. */
    public NavigableSet<Scored> ascending() {
        return order;
    }

    /** The 0-based rank of a member in ascending order, or -1. */
    public long rank(byte[] member) {
        Double score = score(member);
        if (score == null) {
            return -1;
        }
        return order.headSet(new Scored(member, score), false).size();
    }

    /** Removes and returns the lowest (or highest) member; the set must not be empty. */
    public Scored popFirst(boolean lowest) {
        Scored first = lowest ? order.first() : order.last();
        remove(first.member());
        return first;
    }

    /** An iterator from the given rank, ascending or descending. */
    public Iterator<Scored> fromRank(long rank, boolean descending) {
        Iterator<Scored> it = descending ? order.descendingIterator() : order.iterator();
        for (long i = 0; i < rank && it.hasNext(); i++) {
            it.next();
        }
        return it;
    }
}
