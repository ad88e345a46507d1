package dev.depot.server.resp;

import dev.depot.storage.keyspace.Slot;
import dev.depot.storage.types.Bytes;
import dev.depot.storage.types.SetValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The set commands. The multi-key ones (SMOVE, SINTER/SUNION/SDIFF and their STORE forms,
 * SINTERCARD) lock all their keys together, so each is one instant for every other client.
 */
final class SetCommands {
    private SetCommands() {
    }

    private enum Algebra { INTER, UNION, DIFF }

    static void register(CommandTable table) {
        table.add("sadd", -3, call -> call.reply().integer(write(call, call.arg(1), true, "sadd", n -> n > 0, set -> {
            long added = 0;
            for (int i = 2; i < call.argc(); i++) {
                added += set.add(call.arg(i)) ? 1 : 0;
            }
            return added;
        })));
        table.add("srem", -3, call -> call.reply().integer(orZero(write(call, call.arg(1), false, "srem", n -> n > 0, set -> {
            long removed = 0;
            for (int i = 2; i < call.argc(); i++) {
                removed += set.remove(call.arg(i)) ? 1 : 0;
            }
            return removed;
        }))));
        table.add("smembers", 2, call -> replySet(call, members(call, call.arg(1))));
        table.add("sismember", 3, call -> call.reply().integer(
                Boolean.TRUE.equals(read(call, call.arg(1), set -> set.contains(call.arg(2)))) ? 1 : 0));
        table.add("smismember", -3, SetCommands::multiContains);
        table.add("scard", 2, call -> call.reply().integer(orZero(read(call, call.arg(1), set -> (long) set.size()))));
        table.add("spop", -2, SetCommands::pop);
        table.add("srandmember", -2, SetCommands::randomMembers);
        table.add("smove", 4, SetCommands::move);
        table.add("sinter", -2, call -> replySet(call, combine(call, 1, call.argc(), Algebra.INTER)));
        table.add("sunion", -2, call -> replySet(call, combine(call, 1, call.argc(), Algebra.UNION)));
        table.add("sdiff", -2, call -> replySet(call, combine(call, 1, call.argc(), Algebra.DIFF)));
        table.add("sinterstore", -3, call -> store(call, Algebra.INTER));
        table.add("sunionstore", -3, call -> store(call, Algebra.UNION));
        table.add("sdiffstore", -3, call -> store(call, Algebra.DIFF));
        table.add("sintercard", -3, SetCommands::interCard);
        table.add("sscan", -3, SetCommands::scan);
    }

    private static <R> R read(Call call, byte[] key, Function<SetValue, R> reader) {
        return CollectionKeys.read(call, key, SetValue.class, reader);
    }

    /** A copy of the members of the set at {@code key}; empty when there is none. */
    private static List<byte[]> members(Call call, byte[] key) {
        List<byte[]> found = read(call, key, set -> {
            List<byte[]> copy = new ArrayList<>(set.size());
            set.members().forEach(m -> copy.add(m.value()));
            return copy;
        });
        return found == null ? List.of() : found;
    }

    /**
     * Changes the collection at {@code key} (created when {@code create}); null when absent and
     * not created. Publishes {@code event} when {@code changed} says the result is a change.
     */
    private static <R> R write(Call call, byte[] key, boolean create, String event, Predicate<R> changed,
                               Function<SetValue, R> writer) {
        return CollectionKeys.writeAndNotify(call, key, SetValue.class, create ? SetValue::new : null, writer,
                KeyspaceEventClass.SET, event, changed);
    }

    private static void multiContains(Call call) {
        List<Boolean> found = read(call, call.arg(1), set -> {
            List<Boolean> out = new ArrayList<>();
            for (int i = 2; i < call.argc(); i++) {
                out.add(set.contains(call.arg(i)));
            }
            return out;
        });
        call.reply().array(call.argc() - 2);
        for (int i = 2; i < call.argc(); i++) {
            call.reply().integer(found != null && found.get(i - 2) ? 1 : 0);
        }
    }

    private static void pop(Call call) {
        if (call.argc() > 3) {
            throw RespException.syntax();
        }
        if (call.argc() == 2) {
            byte[] member = write(call, call.arg(1), false, "spop", chosen -> true, set -> {
                byte[] chosen = set.random();
                set.remove(chosen);
                return chosen;
            });
            bulkOrNull(call, member);
            return;
        }
        long count = call.nonNegativeArg(2, "ERR value is out of range, must be positive");
        List<byte[]> popped = write(call, call.arg(1), false, "spop", out -> !out.isEmpty(), set -> {
            List<byte[]> out = new ArrayList<>();
            for (long i = 0; i < count && !set.isEmpty(); i++) {
                byte[] chosen = set.random();
                set.remove(chosen);
                out.add(chosen);
            }
            return out; // a count of 0 changes nothing (WATCH, notifications)
        });
        replySet(call, popped == null ? List.of() : popped);
    }

    private static void randomMembers(Call call) {
        if (call.argc() > 3) {
            throw RespException.syntax();
        }
        if (call.argc() == 2) {
            bulkOrNull(call, read(call, call.arg(1), SetValue::random));
            return;
        }
        long count = call.longArg(2);
        if (count == Long.MIN_VALUE) { // Redis takes -LONG_MAX..LONG_MAX, so that -count exists
            throw new RespException("ERR value is out of range, value must between -9223372036854775807 and "
                    + "9223372036854775807");
        }
        List<byte[]> chosen = read(call, call.arg(1), set -> {
            List<byte[]> out = new ArrayList<>();
            if (count < 0) {
                for (long i = 0; i < -count; i++) {
                    out.add(set.random());
                }
            } else if (count >= set.size()) {
                set.members().forEach(m -> out.add(m.value()));
            } else {
                Set<Bytes> distinct = new LinkedHashSet<>();
                while (distinct.size() < count) {
                    distinct.add(new Bytes(set.random()));
                }
                distinct.forEach(m -> out.add(m.value()));
            }
            return out;
        });
        List<byte[]> items = chosen == null ? List.of() : chosen;
        call.reply().array(items.size());
        items.forEach(call.reply()::bulk);
    }

    /** SMOVE source destination member: a missing source answers 0 before any type is checked, as in Redis. */
    private static void move(Call call) {
        byte[] member = call.arg(3);
        Moved moved = call.db().executeAll(List.of(call.arg(1), call.arg(2)), slots -> {
            Slot source = slots.get(0);
            Slot destination = slots.get(1);
            SetValue from = CollectionKeys.existing(source, SetValue.class);
            if (from == null) {
                return Moved.NOTHING;
            }
            CollectionKeys.existing(destination, SetValue.class); // WRONGTYPE before anything moves
            if (!from.contains(member)) {
                return Moved.NOTHING;
            }
            if (source == destination) {
                return new Moved(true, false, false);
            }
            CollectionKeys.change(source, SetValue.class, null, set -> set.remove(member));
            // a destination that already holds the member is left alone: a WATCH on it holds, as in Redis
            boolean added = CollectionKeys.change(destination, SetValue.class, SetValue::new, set -> set.add(member),
                    result -> result);
            return new Moved(true, !source.exists(), added);
        });
        if (moved.removed() && !Arrays.equals(call.arg(1), call.arg(2))) { // onto itself: nothing changed
            CollectionKeys.notifyChange(call, KeyspaceEventClass.SET, "srem", call.arg(1), moved.sourceDeleted());
            if (moved.added()) {
                call.keyspaceEvent(KeyspaceEventClass.SET, "sadd", call.arg(2));
            }
        }
        call.reply().integer(moved.removed() ? 1 : 0);
    }

    /** What SMOVE did: took the member from the source (which it may have emptied), added it to the destination. */
    private record Moved(boolean removed, boolean sourceDeleted, boolean added) {
        static final Moved NOTHING = new Moved(false, false, false);
    }

    /** The algebra of the sets at arguments {@code from} (inclusive) to {@code to}, read at one instant. */
    private static Collection<byte[]> combine(Call call, int from, int to, Algebra algebra) {
        return call.db().executeAll(call.args().subList(from, to), slots -> combine(slots, algebra));
    }

    /** The algebra of the sets at {@code slots}, in order; WRONGTYPE when any holds another type. */
    private static Collection<byte[]> combine(List<Slot> slots, Algebra algebra) {
        List<SetValue> sets = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            sets.add(CollectionKeys.readable(slot, SetValue.class)); // every key is checked, as in Redis
        }
        Set<Bytes> result = new LinkedHashSet<>();
        if (sets.get(0) != null) {
            result.addAll(sets.get(0).members());
        }
        for (SetValue other : sets.subList(1, sets.size())) {
            List<Bytes> members = other == null ? List.of() : other.members();
            switch (algebra) {
                case INTER -> result.retainAll(new HashSet<>(members));
                case UNION -> result.addAll(members);
                case DIFF -> members.forEach(result::remove);
            }
        }
        List<byte[]> out = new ArrayList<>(result.size());
        result.forEach(m -> out.add(m.value()));
        return out;
    }

    /** SINTERSTORE/SUNIONSTORE/SDIFFSTORE destination key [key ...]: sources read and destination written at one instant. */
    private static void store(Call call, Algebra algebra) {
        boolean[] existed = {false};
        int stored = call.db().executeAll(call.args().subList(1, call.argc()), slots -> {
            Collection<byte[]> result = combine(slots.subList(1, slots.size()), algebra);
            SetValue set = new SetValue();
            result.forEach(set::add);
            existed[0] = CollectionKeys.store(slots.get(0), set);
            return result.size();
        });
        CollectionKeys.notifyStore(call, KeyspaceEventClass.SET, call.text(0).toLowerCase(java.util.Locale.ROOT),
                call.arg(1), stored > 0, existed[0]);
        call.reply().integer(stored);
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit]. */
    private static void interCard(Call call) {
        long keys = call.nonNegativeArg(1, "ERR numkeys should be greater than 0");
        if (keys == 0) {
            throw new RespException("ERR numkeys should be greater than 0");
        }
        if (keys > call.argc() - 2) {
            throw new RespException("ERR Number of keys can't be greater than number of args");
        }
        long limit = 0;
        for (int i = 2 + (int) keys; i < call.argc(); i += 2) { // LIMIT may come more than once: the last wins
            if (!call.is(i, "LIMIT") || i + 1 >= call.argc()) {
                throw RespException.syntax();
            }
            limit = call.nonNegativeArg(i + 1, "ERR LIMIT can't be negative");
        }
        long size = combine(call, 2, 2 + (int) keys, Algebra.INTER).size();
        call.reply().integer(limit > 0 ? Math.min(size, limit) : size);
    }

    private static void scan(Call call) {
        ScanArgs.checkCursor(call, 2);
        List<byte[]> members = members(call, call.arg(1));
        // like Redis: the options are read only once the key is known to hold a set
        ScanArgs scan = members.isEmpty() ? null : ScanArgs.parse(call, 2, false);
        List<byte[]> matching = new ArrayList<>();
        for (byte[] m : members) {
            if (scan.matches(m)) {
                matching.add(m);
            }
        }
        call.reply().array(2);
        call.reply().bulk("0");
        call.reply().array(matching.size());
        matching.forEach(call.reply()::bulk);
    }

    private static void replySet(Call call, Collection<byte[]> members) {
        call.reply().set(members.size());
        members.forEach(call.reply()::bulk);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static void bulkOrNull(Call call, byte[] value) {
        if (value == null) {
            call.reply().nullBulk();
        } else {
            call.reply().bulk(value);
        }
    }
}
