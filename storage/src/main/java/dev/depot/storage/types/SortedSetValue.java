package dev.depot.storage.types;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Redis sorted set: members ordered by score, then by their bytes. A map finds a member's
 * node in O(1); the nodes form a {@link RankedSkipList}, so ranks, the member at a rank, the
 * bounds of a score or lexicographic range and the removal of a run of ranks cost O(log n)
 * (plus the members handed out or removed).
 */
public final class SortedSetValue implements CollectionValue {
    private static final long BASE = 160;
    /**
     * Map node, key wrapper and table slot, the skip-list node with its link arrays (a node has
     * 1.33 levels on average), besides the member's own array.
     */
    private static final long PER_MEMBER = 128;

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

    private final Map<Bytes, RankedSkipList.Node> nodes = new HashMap<>();
    private final RankedSkipList order = new RankedSkipList();
    private long heapSize = BASE;

    @Override
    public long heapSize() {
        return heapSize;
    }

    public int size() {
        return nodes.size();
    }

    @Override
    public boolean isEmpty() {
        return nodes.isEmpty();
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
        RankedSkipList.Node node = nodes.get(new Bytes(member));
        return node == null ? null : node.score;
    }

    /** Sets a member's score (an equal score, -0 for 0 included, changes nothing); true when the member is new. */
    public boolean put(byte[] member, double score) {
        Bytes key = new Bytes(member);
        RankedSkipList.Node node = nodes.get(key);
        if (node == null) {
            nodes.put(key, order.insert(member, score));
            heapSize += charge(member);
            return true;
        }
        if (node.score != score) {
            order.rescore(node, score);
        }
        return false;
    }

    /** True when the member was there. */
    public boolean remove(byte[] member) {
        RankedSkipList.Node node = nodes.remove(new Bytes(member));
        if (node == null) {
            return false;
        }
        order.delete(node);
        heapSize -= charge(node.member);
        return true;
    }

    /** The 0-based rank of a member in ascending order, or -1. */
    public long rank(byte[] member) {
        RankedSkipList.Node node = nodes.get(new Bytes(member));
        return node == null ? -1 : order.rank(node);
    }

    /** The member at a 0-based ascending rank; null outside the set. */
    public Scored at(long rank) {
        return scored(order.at(rank));
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
        RankedSkipList.Node first = lowest ? order.first() : order.last();
        if (first == null) {
            return null;
        }
        remove(first.member);
        return scored(first);
    }

    /** Removes the members of 0-based ascending ranks {@code from..to} (clipped to the set); how many went. */
    public long removeRanks(long from, long to) {
        return order.deleteRanks(from, to, node -> {
            nodes.remove(new Bytes(node.member));
            heapSize -= charge(node.member);
        });
    }

    /**
     * Members from the one at 0-based ascending rank {@code rank} on, towards higher ranks or
     * lower ones; nothing when the rank is outside the set. The set must not change meanwhile.
     */
    public Iterator<Scored> fromRank(long rank, boolean descending) {
        RankedSkipList.Node start = order.at(rank);
        Iterator<RankedSkipList.Node> walk = RankedSkipList.walk(start, descending);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return walk.hasNext();
            }

            @Override
            public Scored next() {
                return scored(walk.next());
            }
        };
    }

    /** Every member in ascending order; the set must not change during the walk. */
    public Iterable<Scored> ascending() {
        return () -> fromRank(0, false);
    }

    private static Scored scored(RankedSkipList.Node node) {
        return node == null ? null : new Scored(node.member, node.score);
    }

    private static long charge(byte[] member) {
        return PER_MEMBER + ((16L + member.length + 7) & ~7L);
    }
}
