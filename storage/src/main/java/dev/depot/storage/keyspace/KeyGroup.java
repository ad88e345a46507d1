package dev.depot.storage.keyspace;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
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

    /** A shard to lock, with its place in the global order. */
    private record Lock(Shard shard, int rank, int index) {
    }

    /** A key compared by content within one keyspace, to give equal keys one slot. */
    private record SameKey(Keyspace keyspace, ByteBuffer key) {
    }

    private static final Comparator<Lock> LOCK_ORDER =
            Comparator.comparingInt(Lock::rank).thenComparingInt(Lock::index);

    private final List<Member> members;
    private final int[] hashes;
    private final Shard[] shards;
    /** For each key, the position of its first occurrence in the group (itself unless named twice). */
    private final int[] first;
    private final List<Lock> locks = new ArrayList<>();

    private KeyGroup(List<Member> members) {
        this.members = members;
        int n = members.size();
        hashes = new int[n];
        shards = new Shard[n];
        first = new int[n];
        Map<SameKey, Integer> seen = new HashMap<>();
        Map<Shard, Boolean> lockedShards = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            Member m = members.get(i);
            hashes[i] = Keyspace.hash(m.key());
            int index = Keyspace.shardIndex(hashes[i]);
            shards[i] = m.keyspace().shard(index);
            Integer earlier = seen.putIfAbsent(new SameKey(m.keyspace(), ByteBuffer.wrap(m.key())), i);
            first[i] = earlier == null ? i : earlier;
            if (lockedShards.put(shards[i], Boolean.TRUE) == null) {
                locks.add(new Lock(shards[i], m.rank(), index));
            }
        }
        locks.sort(LOCK_ORDER);
    }

    static <R> R execute(List<Member> members, KeysOp<R> op) {
        return new KeyGroup(members).run(op);
    }

    private <R> R run(KeysOp<R> op) {
        int n = members.size();
        Slot[] slots = new Slot[n];
        Entry[] written = new Entry[n];
        long now = n == 0 ? 0 : members.get(0).keyspace().nowMillis();
        for (Lock l : locks) {
            l.shard().lock.lock();
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
                return op.apply(List.of(slots));
            } finally {
                for (int i = 0; i < n; i++) {
                    if (first[i] == i) {
                        written[i] = slots[i].release();
                    }
                }
            }
        } finally {
            for (int i = locks.size() - 1; i >= 0; i--) {
                locks.get(i).shard().lock.unlock();
            }
            // as after a single-key write: back under the memory limit once the locks are free
            for (int i = 0; i < n; i++) {
                if (written[i] != null) {
                    Member m = members.get(i);
                    m.keyspace().evictIfOver(shards[i], m.key(), hashes[i], written[i], now);
                }
            }
        }
    }
}
