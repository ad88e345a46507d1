package dev.depot.server.resp;

import dev.depot.storage.types.ListValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/** The list commands (the blocking pops come later). A list that loses its last element is deleted. */
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
    }

    private static <R> R read(Call call, byte[] key, Function<ListValue, R> reader) {
        return CollectionKeys.read(call, key, ListValue.class, reader);
    }

    /** Changes the collection at {@code key} (created when {@code create}); null when absent and not created. */
    private static <R> R write(Call call, byte[] key, boolean create, Function<ListValue, R> writer) {
        return write(call, key, create, writer, result -> true);
    }

    /** {@link #write}, the key changed (for WATCH) only when {@code changed} holds for the result. */
    private static <R> R write(Call call, byte[] key, boolean create, Function<ListValue, R> writer,
                               Predicate<R> changed) {
        return CollectionKeys.write(call, key, ListValue.class, create ? ListValue::new : null, writer, changed);
    }

    private static void push(Call call, boolean left, boolean create) {
        Integer length = write(call, call.arg(1), create, list -> {
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
            call.service().blocking().signal(call.session().db, call.arg(1));
        }
        call.reply().integer(orZero(length));
    }

    private static void pop(Call call, boolean left) {
        if (call.argc() > 3) {
            throw new RespException("ERR wrong number of arguments for '" + (left ? "lpop" : "rpop") + "' command");
        }
        if (call.argc() == 3) {
            long count = call.nonNegativeArg(2, "ERR value is out of range, must be positive");
            List<byte[]> popped = write(call, call.arg(1), false, list -> {
                List<byte[]> out = new ArrayList<>();
                for (long i = 0; i < count && !list.isEmpty(); i++) {
                    out.add(left ? list.removeFirst() : list.removeLast());
                }
                return out;
            }, out -> !out.isEmpty()); // a count of 0 changes nothing (WATCH)
            if (popped == null) {
                call.reply().nullArray();
                return;
            }
            call.reply().array(popped.size());
            popped.forEach(call.reply()::bulk);
            return;
        }
        byte[] value = write(call, call.arg(1), false, list -> left ? list.removeFirst() : list.removeLast());
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
        Boolean done = write(call, call.arg(1), false, list -> {
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
        Integer result = write(call, call.arg(1), false, list -> {
            for (int i = 0; i < list.size(); i++) {
                if (Arrays.equals(list.get(i), call.arg(3))) {
                    list.insert(before ? i : i + 1, call.arg(4));
                    return list.size();
                }
            }
            return -1;
        }, size -> size > 0);
        call.reply().integer(result == null ? 0 : result);
    }

    private static void remove(Call call) {
        long count = call.longArg(2);
        byte[] value = call.arg(3);
        Long removed = write(call, call.arg(1), false, list -> {
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
        }, n -> n > 0);
        call.reply().integer(removed == null ? 0 : removed);
    }

    private static void trim(Call call) {
        long start = call.longArg(2);
        long stop = call.longArg(3);
        write(call, call.arg(1), false, list -> {
            int size = list.size();
            long from = start < 0 ? Math.max(0, size + start) : start;
            long to = stop < 0 ? size + stop : Math.min(stop, size - 1L);
            if (from > to || from >= size) {
                list.trim(0, -1);
            } else {
                list.trim((int) from, (int) to);
            }
            return null;
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

    /**
     * LMOVE: pops from one end of the source, pushes at one end of the destination. As in Redis,
     * a missing source answers nil whatever the destination holds; the destination's type is
     * checked before anything moves.
     */
    private static void move(Call call, boolean fromLeft, boolean toLeft) {
        if (!moveNow(call, call.arg(1), call.arg(2), fromLeft, toLeft)) {
            call.reply().nullBulk();
        }
    }

    /** Moves one element and replies with it; false, with nothing replied, when the source is missing. */
    private static boolean moveNow(Call call, byte[] source, byte[] destination, boolean fromLeft, boolean toLeft) {
        if (read(call, source, ListValue::size) == null) {
            return false;
        }
        if (Arrays.equals(source, destination)) {
            return rotate(call, source, fromLeft, toLeft);
        }
        read(call, destination, list -> list); // WRONGTYPE before anything moves
        byte[] value = write(call, source, false, list -> fromLeft ? list.removeFirst() : list.removeLast());
        if (value == null) {
            return false;
        }
        pushTo(call, destination, value, toLeft);
        call.reply().bulk(value);
        return true;
    }

    /**
     * LMOVE onto the same list, in one step: the list is never empty in between, so a
     * one-element list keeps its expiry, as in Redis.
     */
    private static boolean rotate(Call call, byte[] key, boolean fromLeft, boolean toLeft) {
        byte[] value = write(call, key, false, list -> {
            byte[] moved = fromLeft ? list.removeFirst() : list.removeLast();
            if (toLeft) {
                list.addFirst(moved);
            } else {
                list.addLast(moved);
            }
            return moved;
        });
        if (value == null) {
            return false;
        }
        call.service().blocking().signal(call.session().db, key);
        call.reply().bulk(value);
        return true;
    }

    private static void pushTo(Call call, byte[] destination, byte[] value, boolean toLeft) {
        write(call, destination, true, list -> {
            if (toLeft) {
                list.addFirst(value);
            } else {
                list.addLast(value);
            }
            return null;
        });
        call.service().blocking().signal(call.session().db, destination);
    }

    /**
     * The timeout argument of the blocking commands: seconds, fractions allowed, 0 for ever.
     * Redis reads a long double and converts ceil(seconds * 1000) to a long long, so infinity
     * and anything beyond that range (turned into LLONG_MIN) is "negative", while a small
     * negative fraction rounds up to 0. A text only a long double can hold (1e400) counts as
     * out of range here.
     */
    private static long timeoutMillis(Call call, int i) {
        if (dev.depot.protocol.resp.LongDouble.parse(call.arg(i)) == null) {
            throw new RespException("ERR timeout is not a float or out of range");
        }
        double millis = Math.ceil(dev.depot.protocol.resp.RespDoubles.parse(call.arg(i)) * 1000);
        if (Double.isNaN(millis) || millis < 0 || millis >= 0x1p63) {
            throw new RespException("ERR timeout is negative");
        }
        return (long) millis;
    }

    /** BLPOP/BRPOP key [key ...] timeout: the first non-empty list in order, or wait for one. */
    private static void blockingPop(Call call, boolean left) {
        long timeout = timeoutMillis(call, call.argc() - 1);
        List<byte[]> keys = call.args().subList(1, call.argc() - 1);
        java.util.function.BooleanSupplier attempt = () -> {
            for (byte[] key : keys) {
                byte[] value = write(call, key, false, list -> left ? list.removeFirst() : list.removeLast());
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
     * BLMOVE / BRPOPLPUSH: LMOVE that waits for the source to get an element. The source's type
     * is checked first; the destination's when an element is there to move (a wrong one then
     * answers WRONGTYPE, also after a wait).
     */
    private static void blockingMove(Call call, boolean fromLeft, boolean toLeft, int timeoutArg) {
        long timeout = timeoutMillis(call, timeoutArg);
        byte[] source = call.arg(1);
        byte[] destination = call.arg(2);
        read(call, source, list -> list); // WRONGTYPE on the source first
        java.util.function.BooleanSupplier attempt = () -> {
            try {
                return moveNow(call, source, destination, fromLeft, toLeft);
            } catch (RespException e) {
                call.reply().error(e.getMessage()); // may run on a wake-up, outside the command's own error handling
                return true;
            }
        };
        if (!attempt.getAsBoolean()) {
            if (call.session().inExec) {
                call.reply().nullBulk();
            } else {
                // a timed-out wait answers a null array, for the moves too, as in Redis
                call.parking().park(List.of(source), timeout, attempt, () -> call.reply().nullArray());
            }
        }
    }

    private static void waitOrGiveUp(Call call, List<byte[]> keys, long timeout, java.util.function.BooleanSupplier attempt) {
        if (call.session().inExec) {
            call.reply().nullArray(); // inside EXEC nothing may wait: an empty list answers at once
            return;
        }
        call.parking().park(keys, timeout, attempt, () -> call.reply().nullArray());
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
