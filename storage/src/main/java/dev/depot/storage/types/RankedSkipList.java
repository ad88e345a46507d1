package dev.depot.storage.types;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The order of a sorted set: members by score, then by their bytes (unsigned), in a skip list
 * whose links also count how many members they jump over. Walking down from the top level and
 * adding up those counts finds a member's rank, the member at a rank, or where a range starts,
 * in O(log n); each node links back to its predecessor for descending walks.
 *
 * <p>Not thread-safe: the shard lock of the key guards it.
 */
final class RankedSkipList {
    /** Enough levels for any size a Java collection reaches with a quarter promoted per level. */
    private static final int MAX_LEVEL = 32;

    /** One member. Level 0 links every node; a node on level i also links forward on 1..i. */
    static final class Node {
        final byte[] member;
        double score;
        final Node[] next;
        /**
         * For levels 1 and up ({@code span[i - 1]} for level i): how many ranks {@code next[i]}
         * is ahead, or, where {@code next[i]} is null, how many nodes follow this one. Level 0
         * always jumps one rank, so it has no entry.
         */
        final int[] span;
        Node previous;

        Node(byte[] member, double score, int levels) {
            this.member = member;
            this.score = score;
            this.next = new Node[levels];
            this.span = levels > 1 ? new int[levels - 1] : null;
        }

        int span(int level) {
            return level == 0 ? 1 : span[level - 1];
        }

        void setSpan(int level, int value) {
            if (level > 0) {
                span[level - 1] = value;
            }
        }
    }

    /** Which members a walk passes: a test that holds for a prefix of the order, then never again. */
    @FunctionalInterface
    interface Prefix {
        boolean covers(double score, byte[] member);
    }

    private final Node head = new Node(null, 0, MAX_LEVEL);
    private Node tail;
    private int levels = 1;
    private int size;

    int size() {
        return size;
    }

    Node first() {
        return head.next[0];
    }

    Node last() {
        return tail;
    }

    /** Orders a node against (score, member): score first (-0 equals 0), then unsigned bytes. */
    private static int compare(Node node, double score, byte[] member) {
        if (node.score != score) {
            return node.score < score ? -1 : 1;
        }
        return Arrays.compareUnsigned(node.member, member);
    }

    private static int randomLevels() {
        int levels = 1;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (levels < MAX_LEVEL && random.nextInt(4) == 0) {
            levels++;
        }
        return levels;
    }

    /** Adds a member that is not in the list yet. */
    Node insert(byte[] member, double score) {
        Node node = new Node(member, score, randomLevels());
        link(node);
        return node;
    }

    /** Links a node that is in no list, at the place of its score and member, on its levels. */
    private void link(Node node) {
        double score = node.score;
        byte[] member = node.member;
        int nodeLevels = node.next.length;
        Node[] before = new Node[Math.max(levels, nodeLevels)];
        int[] rankOfBefore = new int[before.length];
        Node x = head;
        for (int i = levels - 1; i >= 0; i--) {
            rankOfBefore[i] = i == levels - 1 ? 0 : rankOfBefore[i + 1];
            while (x.next[i] != null && compare(x.next[i], score, member) < 0) {
                rankOfBefore[i] += x.span(i);
                x = x.next[i];
            }
            before[i] = x;
        }
        for (int i = levels; i < nodeLevels; i++) {
            before[i] = head;
            rankOfBefore[i] = 0;
            head.setSpan(i, size); // an unused level's null link passes every node
        }
        levels = Math.max(levels, nodeLevels);
        int rankBefore = rankOfBefore[0]; // how many nodes precede the new one
        for (int i = 0; i < nodeLevels; i++) {
            node.next[i] = before[i].next[i];
            before[i].next[i] = node;
            node.setSpan(i, before[i].span(i) - (rankBefore - rankOfBefore[i]));
            before[i].setSpan(i, rankBefore - rankOfBefore[i] + 1);
        }
        for (int i = nodeLevels; i < levels; i++) {
            before[i].setSpan(i, before[i].span(i) + 1); // links that now jump over one more node
        }
        node.previous = before[0] == head ? null : before[0];
        if (node.next[0] != null) {
            node.next[0].previous = node;
        } else {
            tail = node;
        }
        size++;
    }

    /** Removes a node of this list. */
    void delete(Node node) {
        Node[] before = new Node[levels];
        Node x = head;
        for (int i = levels - 1; i >= 0; i--) {
            while (x.next[i] != null && x.next[i] != node && compare(x.next[i], node.score, node.member) < 0) {
                x = x.next[i];
            }
            before[i] = x;
        }
        unlink(node, before);
    }

    /** Unlinks {@code node}, given the last node before it on every level. */
    private void unlink(Node node, Node[] before) {
        for (int i = 0; i < levels; i++) {
            if (before[i].next[i] == node) {
                before[i].setSpan(i, before[i].span(i) + node.span(i) - 1);
                before[i].next[i] = node.next[i];
            } else {
                before[i].setSpan(i, before[i].span(i) - 1);
            }
        }
        if (node.next[0] != null) {
            node.next[0].previous = node.previous;
        } else {
            tail = node.previous;
        }
        while (levels > 1 && head.next[levels - 1] == null) {
            levels--;
        }
        size--;
    }

    /**
     * Gives a node a new score: in place when its neighbours still surround it (score updates
     * of a leaderboard rarely move a member far), else by unlinking the node and linking it
     * again where it now belongs. The node stays the same object with the same levels (a
     * random height is as good as a new one), so a busy sorted set makes no garbage.
     */
    void rescore(Node node, double score) {
        Node prev = node.previous;
        Node next = node.next[0];
        if ((prev == null || compare(prev, score, node.member) < 0)
                && (next == null || compare(next, score, node.member) > 0)) {
            node.score = score;
            return;
        }
        delete(node);
        java.util.Arrays.fill(node.next, null);
        node.previous = null;
        node.score = score;
        link(node);
    }

    /** The 0-based rank of a node of this list. */
    long rank(Node node) {
        long rank = 0;
        Node x = head;
        for (int i = levels - 1; i >= 0; i--) {
            while (x.next[i] != null && compare(x.next[i], node.score, node.member) <= 0) {
                rank += x.span(i);
                x = x.next[i];
            }
            if (x == node) {
                return rank - 1;
            }
        }
        throw new IllegalStateException("node not in the list");
    }

    /** The node at a 0-based rank; null outside 0..size-1. */
    Node at(long rank) {
        if (rank < 0 || rank >= size) {
            return null;
        }
        long wanted = rank + 1;
        long passed = 0;
        Node x = head;
        for (int i = levels - 1; i >= 0; i--) {
            while (x.next[i] != null && passed + x.span(i) <= wanted) {
                passed += x.span(i);
                x = x.next[i];
            }
            if (passed == wanted) {
                return x;
            }
        }
        throw new IllegalStateException("spans out of step with the size");
    }

    /** How many members the prefix covers. */
    long count(Prefix prefix) {
        long count = 0;
        Node x = head;
        for (int i = levels - 1; i >= 0; i--) {
            while (x.next[i] != null && prefix.covers(x.next[i].score, x.next[i].member)) {
                count += x.span(i);
                x = x.next[i];
            }
        }
        return count;
    }

    /** Removes the nodes of 0-based ranks {@code from..to}, handing each to {@code removed}. */
    long deleteRanks(long from, long to, Consumer<Node> removed) {
        long first = Math.max(0, from);
        long last = Math.min(to, size - 1L);
        if (first > last) {
            return 0;
        }
        Node[] before = new Node[levels];
        long passed = 0;
        Node x = head;
        for (int i = levels - 1; i >= 0; i--) {
            while (x.next[i] != null && passed + x.span(i) <= first) {
                passed += x.span(i);
                x = x.next[i];
            }
            before[i] = x;
        }
        Node node = x.next[0];
        long count = last - first + 1;
        for (long n = 0; n < count; n++) {
            Node following = node.next[0];
            unlink(node, before); // the nodes before the range stay the nodes before its rest
            removed.accept(node);
            node = following;
        }
        return count;
    }

    /** Nodes from {@code start} on, towards higher scores or lower. */
    static Iterator<Node> walk(Node start, boolean descending) {
        return new Iterator<>() {
            private Node at = start;

            @Override
            public boolean hasNext() {
                return at != null;
            }

            @Override
            public Node next() {
                if (at == null) {
                    throw new NoSuchElementException();
                }
                Node current = at;
                at = descending ? current.previous : current.next[0];
                return current;
            }
        };
    }
}
