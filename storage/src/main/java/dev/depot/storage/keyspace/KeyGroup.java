package dev.depot.storage.keyspace;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link KeysOp}: locks the shards of all its keys, positions a slot on each key, and
 * unlocks. The locks are taken in one global order, database index first and shard index
 * second, the order {@link Databases#exclusive} (EXEC) and {@link Databases#swap} (SWAPDB) use
 * too: two operations that share shards always queue on the first shard they share, so opposing
 * key orders cannot deadlock, and nothing beyond the keys' own shards is locked.
 */
final class KeyGroup {
    /** One key of the group: its keyspace, that keyspace's place in the lock order (its database index), the key. */
    record Member(Keyspace keyspace, int rank, byte[] key) {
    }

    /** A key compared by content within one keyspace, to find repeated keys in large groups. */
    private record SameKey(Keyspace keyspace, ByteBuffer key) {
    }

    /** Up to this many keys, repeated keys are found by comparing each with the ones before it. */
    private static final int LINEAR_SEARCH = 16;

    private final List<Member> members;
    private final int[] hashes;
    private final Shard[] shards;
    /** For each key, the position of its first occurrence in the group (itself unless named twice). */
    private final int[] first;
    /** The distinct shards to lock, in lock order. */
    private final Shard[] locks;

    private KeyGroup(List<Member> members) {
        this.members = members;
        int n = members.size();
        hashes = new int[n];
        shards = new Shard[n];
        first = new int[n];
        // (rank, shard index) in the high half, the key's position in the low: sorted, they give the lock order
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            Member m = members.get(i);
            hashes[i] = Keyspace.hash(m.key());
            int index = Keyspace.shardIndex(hashes[i]);
            shards[i] = m.keyspace().shard(index);
            order[i] = (long) (m.rank() << 8 | index) << 32 | i;
        }
        findRepeatedKeys();
        Arrays.sort(order);
        Shard[] distinct = new Shard[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || order[i] >>> 32 != order[i - 1] >>> 32) {
                distinct[count++] = shards[(int) order[i]];
            }
        }
        locks = Arrays.copyOf(distinct, count);
    }

    private void findRepeatedKeys() {
        int n = members.size();
        if (n <= LINEAR_SEARCH) {
            for (int i = 0; i < n; i++) {
                first[i] = i;
                for (int j = 0; j < i; j++) {
                    if (hashes[j] == hashes[i] && first[j] == j && sameKey(members.get(j), members.get(i))) {
                        first[i] = j;
                        break;
                    }
                }
            }
            return;
        }
        Map<SameKey, Integer> seen = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Member m = members.get(i);
            Integer earlier = seen.putIfAbsent(new SameKey(m.keyspace(), ByteBuffer.wrap(m.key())), i);
            first[i] = earlier == null ? i : earlier;
        }
    }

    private static boolean sameKey(Member a, Member b) {
        return a.keyspace() == b.keyspace() && Arrays.equals(a.key(), b.key());
    }

    static <R> R execute(List<Member> members, KeysOp<R> op) {
        return new KeyGroup(members).run(op);
    }

    private <R> R run(KeysOp<R> op) {
        int n = members.size();
        Slot[] slots = new Slot[n];
        Entry[] written = new Entry[n];
        long now = n == 0 ? 0 : members.get(0).keyspace().nowMillis();
        for (Shard shard : locks) {
            shard.lock.lock();
        }
        try {
            for (int i = 0; i < n; i++) {
                if (first[i] != i) {
                    slots[i] = slots[first[i]];
                } else {
                    slots[i] = new Slot(shards[i]);
                    slots[i].position(members.get(i).key(), hashes[i], now);
                }
            }
            try {
                return op.apply(Arrays.asList(slots));
            } finally {
                for (int i = 0; i < n; i++) {
                    if (first[i] == i) {
                        written[i] = slots[i].release();
                    }
                }
            }
        } finally {
            for (int i = locks.length - 1; i >= 0; i--) {
                locks[i].lock.unlock();
            }
            // as after a single-key write: back under the memory limit once the locks are free
            for (int i = 0; i < n; i++) {
                if (written[i] != null) {
                    Member m = members.get(i);
                    m.keyspace().evictIfOver(shards[i], m.key(), hashes[i], written[i], now);
                }
            }
            for (Member m : members) {
                m.keyspace().deliverChanges();
            }
        }
    }
}
