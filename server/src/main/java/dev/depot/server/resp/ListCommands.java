package dev.depot.server.resp;

import dev.depot.storage.keyspace.Slot;
import dev.depot.storage.types.ListValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/** The list commands, blocking pops included. A list that loses its last element is deleted. */
final class ListCommands {
    private ListCommands() {
    }

    static void register(CommandTable table) {
        table.add("lpush", -3, call -> push(call, true, true));
        table.add("rpush", -3, call -> push(call, false, true));
        table.add("lpushx", -3, call -> push(call, true, false));
        table.add("rpushx", -3, call -> push(call, false, false));
        table.add("lpop", -2, call -> pop(call, true));
        table.add("rpop", -2, call -> pop(call, false));
        table.add("llen", 2, call -> call.reply().integer(orZero(read(call, call.arg(1), ListValue::size))));
        table.add("lrange", 4, ListCommands::range);
        table.add("lindex", 3, ListCommands::index);
        table.add("lset", 4, ListCommands::set);
        table.add("linsert", 5, ListCommands::insert);
        table.add("lrem", 4, ListCommands::remove);
        table.add("ltrim", 4, ListCommands::trim);
        table.add("lpos", -3, ListCommands::position);
        table.add("lmove", 5, call -> move(call, side(call, 3), side(call, 4)));
        table.add("rpoplpush", 3, call -> move(call, false, true));
        table.add("blpop", -3, call -> blockingPop(call, true));
        table.add("brpop", -3, call -> blockingPop(call, false));
        table.add("blmove", 6, call -> blockingMove(call, side(call, 3), side(call, 4), 5));
        table.add("brpoplpush", 4, call -> blockingMove(call, false, true, 3));
        table.add("lmpop", -4, call -> replyMultiPop(call, multiPop(call, MultiPopArgs.parse(call, 1, "LEFT", "RIGHT"), false)));
        table.add("blmpop", -5, ListCommands::blockingMultiPop);
    }

    private static <R> R read(Call call, byte[] key, Function<ListValue, R> reader) {
        return CollectionKeys.read(call, key, ListValue.class, reader);
    }

    /**
     * Changes the list at {@code key} (created when {@code create}; null when absent and not
     * created), with the keyspace events of the change: {@code event} when
     * {@code changed} says it changed the list, then del if that emptied it.
     */
    private static <R> R writeAndNotify(Call call, byte[] key, boolean create, String event,
                                        java.util.function.Predicate<R> changed, Function<ListValue, R> writer) {
        return CollectionKeys.writeAndNotify(call, key, ListValue.class, create ? ListValue::new : null, writer,
                KeyspaceEventClass.LIST, event, changed);
    }

    private static String popEvent(boolean left) {
        return left ? "lpop" : "rpop";
    }

    private static void push(Call call, boolean left, boolean create) {
        Integer length = writeAndNotify(call, call.arg(1), create, left ? "lpush" : "rpush", n -> true, list -> {
            for (int i = 2; i < call.argc(); i++) {
                if (left) {
                    list.addFirst(call.arg(i));
                } else {
                    list.addLast(call.arg(i));
                }
            }
            return list.size();
        });
        if (length != null) {
            call.service().blocking().signal(call.session().db, BlockingPops.Source.LIST, call.arg(1));
        }
        call.reply().integer(orZero(length));
    }

    private static void pop(Call call, boolean left) {
        if (call.argc() > 3) {
            throw new RespException("ERR wrong number of arguments for '" + (left ? "lpop" : "rpop") + "' command");
        }
        if (call.argc() == 3) {
            long count = call.nonNegativeArg(2, "ERR value is out of range, must be positive");
            List<byte[]> popped = writeAndNotify(call, call.arg(1), false, popEvent(left), out -> !out.isEmpty(), list -> {
                List<byte[]> out = new ArrayList<>();
                for (long i = 0; i < count && !list.isEmpty(); i++) {
                    out.add(left ? list.removeFirst() : list.removeLast());
                }
                return out; // a count of 0 changes nothing (WATCH, notifications)
            });
            if (popped == null) {
                call.reply().nullArray();
                return;
            }
            call.reply().array(popped.size());
            popped.forEach(call.reply()::bulk);
            return;
        }
        byte[] value = writeAndNotify(call, call.arg(1), false, popEvent(left), v -> true,
                list -> left ? list.removeFirst() : list.removeLast());
        bulkOrNull(call, value);
    }

    private static void range(Call call) {
        long start = call.longArg(2);
        long stop = call.longArg(3);
        List<byte[]> items = read(call, call.arg(1), list -> {
            int size = list.size();
            long from = start < 0 ? Math.max(0, size + start) : start;
            long to = stop < 0 ? size + stop : Math.min(stop, size - 1L);
            List<byte[]> out = new ArrayList<>();
            for (long i = from; i <= to; i++) {
                out.add(list.get((int) i));
            }
            return out;
        });
        if (items == null) {
            call.reply().array(0);
            return;
        }
        call.reply().array(items.size());
        items.forEach(call.reply()::bulk);
    }

    private static void index(Call call) {
        byte[] value = read(call, call.arg(1), list -> {
            long index = call.longArg(2); // read once the key is known to hold a list, as Redis does
            long i = index < 0 ? list.size() + index : index;
            return i < 0 || i >= list.size() ? null : list.get((int) i);
        });
        bulkOrNull(call, value);
    }

    private static void set(Call call) {
        Boolean done = writeAndNotify(call, call.arg(1), false, "lset", d -> true, list -> {
            long index = call.longArg(2); // read once the key is known to hold a list, as Redis does
            long i = index < 0 ? list.size() + index : index;
            if (i < 0 || i >= list.size()) {
                throw new RespException("ERR index out of range");
            }
            list.set((int) i, call.arg(3));
            return true;
        });
        if (done == null) {
            throw new RespException("ERR no such key");
        }
        call.reply().ok();
    }

    private static void insert(Call call) {
        boolean before;
        if (call.is(2, "BEFORE")) {
            before = true;
        } else if (call.is(2, "AFTER")) {
            before = false;
        } else {
            throw RespException.syntax();
        }
        Integer result = writeAndNotify(call, call.arg(1), false, "linsert", size -> size > 0, list -> {
            for (int i = 0; i < list.size(); i++) {
                if (Arrays.equals(list.get(i), call.arg(3))) {
                    list.insert(before ? i : i + 1, call.arg(4));
                    return list.size();
                }
            }
            return -1;
        });
        call.reply().integer(result == null ? 0 : result);
    }

    private static void remove(Call call) {
        long count = call.longArg(2);
        byte[] value = call.arg(3);
        Long removed = writeAndNotify(call, call.arg(1), false, "lrem", n -> n > 0, list -> {
            long n = 0;
            if (count >= 0) {
                for (int i = 0; i < list.size() && (count == 0 || n < count); ) {
                    if (Arrays.equals(list.get(i), value)) {
                        list.remove(i);
                        n++;
                    } else {
                        i++;
                    }
                }
            } else {
                // Redis negates a negative count, and LONG_MIN stays negative: it never runs out
                long limit = count == Long.MIN_VALUE ? Long.MAX_VALUE : -count;
                for (int i = list.size() - 1; i >= 0 && n < limit; i--) {
                    if (Arrays.equals(list.get(i), value)) {
                        list.remove(i);
                        n++;
                    }
                }
            }
            return n;
        });
        call.reply().integer(removed == null ? 0 : removed);
    }

    private static void trim(Call call) {
        long start = call.longArg(2);
        long stop = call.longArg(3);
        writeAndNotify(call, call.arg(1), false, "ltrim", done -> true, list -> {
            int size = list.size();
            long from = start < 0 ? Math.max(0, size + start) : start;
            long to = stop < 0 ? size + stop : Math.min(stop, size - 1L);
            if (from > to || from >= size) {
                list.trim(0, -1);
            } else {
                list.trim((int) from, (int) to);
            }
            return Boolean.TRUE;
        });
        call.reply().ok();
    }

    /** LPOS key element [RANK rank] [COUNT num] [MAXLEN len]. */
    private static void position(Call call) {
        long rank = 1;
        long count = -1;
        long maxLength = 0;
        for (int i = 3; i < call.argc(); i += 2) {
            String option = call.text(i).toUpperCase(Locale.ROOT);
            if (i + 1 >= call.argc() || !List.of("RANK", "COUNT", "MAXLEN").contains(option)) {
                throw RespException.syntax(); // the option's name is checked before its value
            }
            switch (option) {
                case "RANK" -> {
                    long value = call.longArg(i + 1);
                    if (value == 0) {
                        throw new RespException("ERR RANK can't be zero: use 1 to start from the first match, "
                                + "2 from the second ... or use negative to start from the end of the list");
                    }
                    // Redis 7.0 negates a negative rank, and LONG_MIN stays negative: every match
                    // then qualifies, as with -1
                    rank = value == Long.MIN_VALUE ? -1 : value;
                }
                case "COUNT" -> count = call.nonNegativeArg(i + 1, "ERR COUNT can't be negative");
                default -> maxLength = call.nonNegativeArg(i + 1, "ERR MAXLEN can't be negative");
            }
        }
        long wantedRank = rank;
        long limit = count;
        long scanLimit = maxLength;
        List<Long> found = read(call, call.arg(1), list -> {
            List<Long> positions = new ArrayList<>();
            int size = list.size();
            long skip = Math.abs(wantedRank) - 1;
            long wanted = limit < 0 ? 1 : limit == 0 ? Long.MAX_VALUE : limit;
            for (int step = 0; step < size && (scanLimit == 0 || step < scanLimit) && positions.size() < wanted; step++) {
                int i = wantedRank > 0 ? step : size - 1 - step;
                if (Arrays.equals(list.get(i), call.arg(2))) {
                    if (skip > 0) {
                        skip--;
                    } else {
                        positions.add((long) i);
                    }
                }
            }
            return positions;
        });
        if (count < 0) {
            if (found == null || found.isEmpty()) {
                call.reply().nullBulk();
            } else {
                call.reply().integer(found.get(0));
            }
            return;
        }
        List<Long> positions = found == null ? List.of() : found;
        call.reply().array(positions.size());
        positions.forEach(call.reply()::integer);
    }

    private static boolean side(Call call, int i) {
        if (call.is(i, "LEFT")) {
            return true;
        }
        if (call.is(i, "RIGHT")) {
            return false;
        }
        throw RespException.syntax();
    }

    /** LMOVE/RPOPLPUSH: pops from one end of the source, pushes at one end of the destination, at one instant. */
    private static void move(Call call, boolean fromLeft, boolean toLeft) {
        byte[] destination = call.arg(2);
        Moved moved = call.db().executeAll(List.of(call.arg(1), destination),
                slots -> moveOne(slots.get(0), slots.get(1), fromLeft, toLeft));
        if (moved == null) {
            call.reply().nullBulk();
            return;
        }
        moved.notify(call, call.arg(1), destination, fromLeft, toLeft);
        call.service().blocking().signal(call.session().db, BlockingPops.Source.LIST, destination);
        call.reply().bulk(moved.value());
    }

    /**
     * The move step of LMOVE and BLMOVE, on the slots of both keys (one slot when they are the
     * same key: the list rotates). Null when the source has no list; WRONGTYPE for a source of
     * another type, or for a destination of another type (then nothing moves).
     */
    private static Moved moveOne(Slot source, Slot destination, boolean fromLeft, boolean toLeft) {
        if (CollectionKeys.existing(source, ListValue.class) == null) {
            return null;
        }
        CollectionKeys.existing(destination, ListValue.class);
        if (source == destination) {
            // a rotation in one step: the list never empties in between, so it keeps its expiry
            byte[] rotated = CollectionKeys.change(source, ListValue.class, null, list -> {
                byte[] moved = fromLeft ? list.removeFirst() : list.removeLast();
                if (toLeft) {
                    list.addFirst(moved);
                } else {
                    list.addLast(moved);
                }
                return moved;
            });
            return new Moved(rotated, false);
        }
        byte[] value = CollectionKeys.change(source, ListValue.class, null,
                list -> fromLeft ? list.removeFirst() : list.removeLast());
        CollectionKeys.change(destination, ListValue.class, ListValue::new, list -> {
            if (toLeft) {
                list.addFirst(value);
            } else {
                list.addLast(value);
            }
            return null;
        });
        return new Moved(value, !source.exists());
    }

    /** An element LMOVE moved, and whether its source list went with it. */
    private record Moved(byte[] value, boolean sourceDeleted) {
        /** Redis's order: the push on the destination, then the pop on the source (and its del). */
        void notify(Call call, byte[] source, byte[] destination, boolean fromLeft, boolean toLeft) {
            call.keyspaceEvent(KeyspaceEventClass.LIST, toLeft ? "lpush" : "rpush", destination);
            CollectionKeys.notifyChange(call, KeyspaceEventClass.LIST, popEvent(fromLeft), source, sourceDeleted);
        }
    }

    /** BLPOP/BRPOP key [key ...] timeout: the first non-empty list in order, or wait for one. */
    private static void blockingPop(Call call, boolean left) {
        long timeout = BlockingTimeout.millis(call, call.argc() - 1);
        List<byte[]> keys = call.args().subList(1, call.argc() - 1);
        java.util.function.BooleanSupplier attempt = () -> {
            for (byte[] key : keys) {
                byte[] value = writeAndNotify(call, key, false, popEvent(left), v -> true,
                        list -> left ? list.removeFirst() : list.removeLast());
                if (value != null) {
                    call.reply().array(2);
                    call.reply().bulk(key);
                    call.reply().bulk(value);
                    return true;
                }
            }
            return false;
        };
        if (!attempt.getAsBoolean()) {
            waitOrGiveUp(call, keys, timeout, attempt);
        }
    }

    /**
     * BLMOVE / BRPOPLPUSH: LMOVE that waits while the source has no list (whatever the
     * destination holds meanwhile); a timeout answers a null array, as Redis does.
     */
    private static void blockingMove(Call call, boolean fromLeft, boolean toLeft, int timeoutArg) {
        long timeout = BlockingTimeout.millis(call, timeoutArg);
        byte[] source = call.arg(1);
        List<byte[]> keys = List.of(source, call.arg(2));
        Moved moved = call.db().executeAll(keys, slots -> moveOne(slots.get(0), slots.get(1), fromLeft, toLeft));
        if (moved != null) {
            moved.notify(call, source, call.arg(2), fromLeft, toLeft);
            call.service().blocking().signal(call.session().db, BlockingPops.Source.LIST, call.arg(2));
            call.reply().bulk(moved.value());
        } else if (call.session().inExec) {
            call.reply().nullBulk();
        } else {
            call.parking().park(BlockingPops.Source.LIST, List.of(source), timeout,
                    () -> retryMove(call, keys, fromLeft, toLeft), () -> call.reply().nullArray());
        }
    }

    /**
     * A parked BLMOVE tries again. As in Redis, a source that holds something other than a list
     * keeps it waiting, and a destination of another type ends the wait with WRONGTYPE, the
     * element staying where it was. Runs on the connection's event loop: nothing is thrown.
     */
    private static boolean retryMove(Call call, List<byte[]> keys, boolean fromLeft, boolean toLeft) {
        Moved moved;
        try {
            moved = call.db().executeAll(keys, slots -> slots.get(0).object() instanceof ListValue
                    ? moveOne(slots.get(0), slots.get(1), fromLeft, toLeft) : null);
        } catch (RespException e) {
            call.reply().error(e.getMessage());
            return true;
        }
        if (moved == null) {
            return false;
        }
        moved.notify(call, keys.get(0), keys.get(1), fromLeft, toLeft);
        call.service().blocking().signal(call.session().db, BlockingPops.Source.LIST, keys.get(1));
        call.reply().bulk(moved.value());
        return true;
    }

    private static void waitOrGiveUp(Call call, List<byte[]> keys, long timeout, java.util.function.BooleanSupplier attempt) {
        if (call.session().inExec) {
            call.reply().nullArray(); // inside EXEC nothing may wait: an empty list answers at once
            return;
        }
        call.parking().park(BlockingPops.Source.LIST, keys, timeout, attempt, () -> call.reply().nullArray());
    }

    /**
     * Pops up to COUNT elements from the first of the keys that exists; null when none does. A
     * key of another type is WRONGTYPE, except on a parked client's retry: the key changed type
     * after the client parked, and Redis 7.0 then keeps waiting for a list.
     */
    private static PoppedFrom<byte[]> multiPop(Call call, MultiPopArgs args, boolean retry) {
        return PoppedFrom.first(args.keys(), retry, key -> writeAndNotify(call, key, false, popEvent(args.fromFirst()),
                out -> !out.isEmpty(), list -> {
                    List<byte[]> out = new ArrayList<>();
                    for (long i = 0; i < args.count() && !list.isEmpty(); i++) {
                        out.add(args.fromFirst() ? list.removeFirst() : list.removeLast());
                    }
                    return out;
                }));
    }

    /** [key, [element ...]], or a null array when every list was empty. */
    private static void replyMultiPop(Call call, PoppedFrom<byte[]> popped) {
        if (popped == null) {
            call.reply().nullArray();
            return;
        }
        call.reply().array(2);
        call.reply().bulk(popped.key());
        call.reply().array(popped.items().size());
        popped.items().forEach(call.reply()::bulk);
    }

    /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: LMPOP that waits. */
    private static void blockingMultiPop(Call call) {
        MultiPopArgs args = MultiPopArgs.parse(call, 2, "LEFT", "RIGHT");
        long timeout = BlockingTimeout.millis(call, 1);
        PoppedFrom<byte[]> now = multiPop(call, args, false);
        if (now != null) {
            replyMultiPop(call, now);
            return;
        }
        waitOrGiveUp(call, args.keys(), timeout, () -> {
            PoppedFrom<byte[]> popped = multiPop(call, args, true);
            if (popped != null) {
                replyMultiPop(call, popped);
            }
            return popped != null;
        });
    }

    private static long orZero(Integer value) {
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
