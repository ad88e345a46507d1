package dev.depot.storage.types;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The order of a sorted set: members by score, then by their bytes (unsigned), kept in runs of
 * up to {@link #RUN_CAPACITY} consecutive members, each run a pair of sorted arrays. A member is
 * found by a binary search over the runs' last scores (one contiguous array), then one inside
 * its run; a Fenwick tree of the run sizes turns a run into the rank of its first member and a
 * rank into its run, in O(log runs).
 *
 * <p>Why runs and not a skip list: finding a place in a skip list follows a pointer per step,
 * each likely a cache miss, and a busy sorted set (ZADD moving members) is bound by exactly
 * that; here the searches read a few contiguous arrays and an insertion moves at most a run's
 * worth of array slots, so a rescore costs a fraction of the skip list's walk.
 *
 * <p>Not thread-safe: the shard lock of the key guards it.
 */
final class ScoreOrder {
    /** Members per run at most; a full run splits in two, a run below a quarter merges with its neighbour when they fit. */
    static final int RUN_CAPACITY = 128;

    /** Which members a walk passes: a test that holds for a prefix of the order, then never again. */
    @FunctionalInterface
    interface Prefix {
        boolean covers(double score, byte[] member);
    }

    private static final class Run {
        final double[] scores = new double[RUN_CAPACITY];
        final byte[][] members = new byte[RUN_CAPACITY][];
        int size;
    }

    private Run[] runs = new Run[4];
    /** The score of each run's last member, so the search over runs reads one array. */
    private double[] lastScores = new double[4];
    private int runCount;
    /** Fenwick tree over run sizes, 1-based: {@code tree[i]} sums the sizes of runs {@code (i - lowbit(i)) .. i-1}. */
    private int[] tree = new int[5];
    private int size;

    int size() {
        return size;
    }

    /** Orders (score, member) pairs: score first (-0 equals 0), then unsigned bytes. */
    private static int compare(double aScore, byte[] aMember, double bScore, byte[] bMember) {
        if (aScore != bScore) {
            return aScore < bScore ? -1 : 1;
        }
        return Arrays.compareUnsigned(aMember, bMember);
    }

    /** The run where (score, member) is or belongs: the first whose last member is not before it, else the last run. */
    private int runFor(double score, byte[] member) {
        int lo = 0;
        int hi = runCount - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Run run = runs[mid];
            double last = lastScores[mid];
            boolean before = last != score ? last < score : Arrays.compareUnsigned(run.members[run.size - 1], member) < 0;
            if (before) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The position of the first member of {@code run} not before (score, member). */
    private static int positionIn(Run run, double score, byte[] member) {
        int lo = 0;
        int hi = run.size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(run.scores[mid], run.members[mid], score, member) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Adds a member that is not in the order yet. */
    void insert(byte[] member, double score) {
        if (runCount == 0) {
            insertRun(0, new Run());
        }
        int r = runFor(score, member);
        Run run = runs[r];
        int p = positionIn(run, score, member);
        if (run.size == RUN_CAPACITY) {
            Run upper = split(r);
            if (p > run.size) {
                p -= run.size;
                run = upper;
                r++;
            }
        }
        System.arraycopy(run.scores, p, run.scores, p + 1, run.size - p);
        System.arraycopy(run.members, p, run.members, p + 1, run.size - p);
        run.scores[p] = score;
        run.members[p] = member;
        run.size++;
        lastScores[r] = run.scores[run.size - 1];
        add(r, 1);
        size++;
    }

    /** Removes a member that is in the order with this score. */
    void delete(byte[] member, double score) {
        int r = runFor(score, member);
        Run run = runs[r];
        int p = positionIn(run, score, member);
        if (p == run.size || run.scores[p] != score || !Arrays.equals(run.members[p], member)) {
            throw new IllegalStateException("member not in the order with that score");
        }
        removeAt(r, p, 1, null);
    }

    /** The 0-based rank of a member that is in the order with this score. */
    long rank(byte[] member, double score) {
        int r = runFor(score, member);
        return before(r) + positionIn(runs[r], score, member);
    }

    /** The member at a 0-based rank; null outside 0..size-1. */
    SortedSetValue.Scored at(long rank) {
        if (rank < 0 || rank >= size) {
            return null;
        }
        int r = runAt(rank);
        Run run = runs[r];
        int p = (int) (rank - before(r));
        return new SortedSetValue.Scored(run.members[p], run.scores[p]);
    }

    /** How many members the prefix covers. */
    long count(Prefix prefix) {
        int lo = 0;
        int hi = runCount;
        while (lo < hi) { // the first run whose last member the prefix does not cover
            int mid = (lo + hi) >>> 1;
            Run run = runs[mid];
            if (prefix.covers(lastScores[mid], run.members[run.size - 1])) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == runCount) {
            return size;
        }
        Run run = runs[lo];
        int p = 0;
        int end = run.size;
        while (p < end) {
            int mid = (p + end) >>> 1;
            if (prefix.covers(run.scores[mid], run.members[mid])) {
                p = mid + 1;
            } else {
                end = mid;
            }
        }
        return before(lo) + p;
    }

    /** Removes the members of 0-based ranks {@code from..to}, handing each to {@code removed}. */
    long deleteRanks(long from, long to, Consumer<byte[]> removed) {
        long first = Math.max(0, from);
        long last = Math.min(to, size - 1L);
        if (first > last) {
            return 0;
        }
        long remaining = last - first + 1;
        while (remaining > 0) {
            int r = runAt(first);
            int p = (int) (first - before(r));
            int n = (int) Math.min(remaining, runs[r].size - p);
            removeAt(r, p, n, removed);
            remaining -= n;
        }
        return last - first + 1;
    }

    /** Members from 0-based rank {@code rank} on, towards higher ranks or lower; nothing outside the order. */
    Iterator<SortedSetValue.Scored> walk(long rank, boolean descending) {
        boolean inside = rank >= 0 && rank < size;
        int startRun = inside ? runAt(rank) : 0;
        int startPosition = inside ? (int) (rank - before(startRun)) : 0;
        return new Iterator<>() {
            private int r = startRun;
            private int p = startPosition;
            private boolean more = inside;

            @Override
            public boolean hasNext() {
                return more;
            }

            @Override
            public SortedSetValue.Scored next() {
                if (!more) {
                    throw new NoSuchElementException();
                }
                Run run = runs[r];
                SortedSetValue.Scored current = new SortedSetValue.Scored(run.members[p], run.scores[p]);
                if (descending) {
                    if (--p < 0) {
                        more = --r >= 0;
                        p = more ? runs[r].size - 1 : 0;
                    }
                } else if (++p == run.size) {
                    p = 0;
                    more = ++r < runCount;
                }
                return current;
            }
        };
    }

    /** Removes {@code n} members of run {@code r} from position {@code p}, merging or dropping the run as it shrinks. */
    private void removeAt(int r, int p, int n, Consumer<byte[]> removed) {
        Run run = runs[r];
        if (removed != null) {
            for (int i = p; i < p + n; i++) {
                removed.accept(run.members[i]);
            }
        }
        System.arraycopy(run.scores, p + n, run.scores, p, run.size - p - n);
        System.arraycopy(run.members, p + n, run.members, p, run.size - p - n);
        Arrays.fill(run.members, run.size - n, run.size, null);
        run.size -= n;
        size -= n;
        if (run.size == 0) {
            removeRun(r);
            return;
        }
        lastScores[r] = run.scores[run.size - 1];
        add(r, -n);
        if (run.size < RUN_CAPACITY / 4) {
            mergeSmall(r);
        }
    }

    /** Joins a small run with a neighbour when both fit in three quarters of a run, so runs stay well filled. */
    private void mergeSmall(int r) {
        int left = r + 1 < runCount && runs[r].size + runs[r + 1].size <= RUN_CAPACITY * 3 / 4 ? r
                : r > 0 && runs[r - 1].size + runs[r].size <= RUN_CAPACITY * 3 / 4 ? r - 1 : -1;
        if (left < 0) {
            return;
        }
        Run into = runs[left];
        Run from = runs[left + 1];
        System.arraycopy(from.scores, 0, into.scores, into.size, from.size);
        System.arraycopy(from.members, 0, into.members, into.size, from.size);
        into.size += from.size;
        lastScores[left] = into.scores[into.size - 1];
        from.size = 0;
        removeRun(left + 1);
    }

    /** Moves the upper half of full run {@code r} into a new run after it; returns the new run. */
    private Run split(int r) {
        Run run = runs[r];
        Run upper = new Run();
        int keep = run.size / 2;
        upper.size = run.size - keep;
        System.arraycopy(run.scores, keep, upper.scores, 0, upper.size);
        System.arraycopy(run.members, keep, upper.members, 0, upper.size);
        Arrays.fill(run.members, keep, run.size, null);
        run.size = keep;
        lastScores[r] = run.scores[keep - 1];
        insertRun(r + 1, upper);
        return upper;
    }

    private void insertRun(int at, Run run) {
        if (runCount == runs.length) {
            runs = Arrays.copyOf(runs, runCount * 2);
            lastScores = Arrays.copyOf(lastScores, runCount * 2);
        }
        System.arraycopy(runs, at, runs, at + 1, runCount - at);
        System.arraycopy(lastScores, at, lastScores, at + 1, runCount - at);
        runs[at] = run;
        lastScores[at] = run.size > 0 ? run.scores[run.size - 1] : 0;
        runCount++;
        rebuildTree();
    }

    private void removeRun(int at) {
        System.arraycopy(runs, at + 1, runs, at, runCount - at - 1);
        System.arraycopy(lastScores, at + 1, lastScores, at, runCount - at - 1);
        runCount--;
        runs[runCount] = null;
        rebuildTree();
    }

    // ---- the Fenwick tree of run sizes ---------------------------------------------------------

    /** Rebuilt in O(runs) whenever runs come or go (a split or a merge: at most once per quarter run of changes). */
    private void rebuildTree() {
        if (tree.length < runCount + 1) {
            tree = new int[runs.length + 1];
        }
        Arrays.fill(tree, 0);
        for (int i = 1; i <= runCount; i++) {
            tree[i] += runs[i - 1].size;
            int parent = i + (i & -i);
            if (parent <= runCount) {
                tree[parent] += tree[i];
            }
        }
    }

    private void add(int run, int delta) {
        for (int i = run + 1; i <= runCount; i += i & -i) {
            tree[i] += delta;
        }
    }

    /** How many members the runs before {@code run} hold: the rank of its first member. */
    private long before(int run) {
        long sum = 0;
        for (int i = run; i > 0; i -= i & -i) {
            sum += tree[i];
        }
        return sum;
    }

    /** The run holding 0-based rank {@code rank} (which is inside the order). */
    private int runAt(long rank) {
        int position = 0;
        long remaining = rank;
        for (int step = Integer.highestOneBit(runCount); step > 0; step >>= 1) {
            int next = position + step;
            if (next <= runCount && tree[next] <= remaining) {
                position = next;
                remaining -= tree[next];
            }
        }
        return position; // 0-based: the runs before it hold at most rank members
    }
}
