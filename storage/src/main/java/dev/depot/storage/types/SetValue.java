package dev.depot.storage.types;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Redis set: members in an array for O(1) random picks (SPOP, SRANDMEMBER) plus a map from
 * member to its position for O(1) lookups; removal swaps the last member into the hole.
 */
public final class SetValue implements CollectionValue {
    private static final long BASE = 128;
    /** Map node, wrapper, table and array slots per member, besides the member's own array. */
    private static final long PER_MEMBER = 72;

    private final List<Bytes> members = new ArrayList<>();
    private final Map<Bytes, Integer> positions = new HashMap<>();
    private long heapSize = BASE;

    @Override
    public long heapSize() {
        return heapSize;
    }

    public int size() {
        return members.size();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    public boolean contains(byte[] member) {
        return positions.containsKey(new Bytes(member));
    }

    /** True when the member is new. */
    public boolean add(byte[] member) {
        Bytes key = new Bytes(member);
        if (positions.putIfAbsent(key, members.size()) != null) {
            return false;
        }
        members.add(key);
        heapSize += PER_MEMBER + array(member.length);
        return true;
    }

    /** True when the member was there. */
    public boolean remove(byte[] member) {
        Integer at = positions.remove(new Bytes(member));
        if (at == null) {
            return false;
        }
        Bytes last = members.remove(members.size() - 1);
        if (at < members.size()) {
            members.set(at, last);
            positions.put(last, at);
        }
        heapSize -= PER_MEMBER + array(member.length);
        return true;
    }

    @Override
    public SetValue copy() {
        SetValue copy = new SetValue();
        copy.members.addAll(members);
        copy.positions.putAll(positions);
        copy.heapSize = heapSize;
        return copy;
    }

    /** A member chosen uniformly at random; the set must not be empty. */
    public byte[] random() {
        return members.get(ThreadLocalRandom.current().nextInt(members.size())).value();
    }

    /** The members, in no particular order; do not modify. */
    public List<Bytes> members() {
        return members;
    }

    private static long array(int length) {
        return (16L + length + 7) & ~7L;
    }
}
