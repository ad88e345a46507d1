package dev.depot.server.resp;

import dev.depot.protocol.resp.LongDouble;
import dev.depot.storage.types.Bytes;
import dev.depot.storage.types.HashValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/** The hash commands. A hash that loses its last field is deleted, as in Redis. */
final class HashCommands {
    private HashCommands() {
    }

    static void register(CommandTable table) {
        table.add("hset", -4, call -> call.reply().integer(set(call, "hset")));
        table.add("hmset", -4, call -> {
            set(call, "hmset");
            call.reply().ok();
        });
        table.add("hsetnx", 4, HashCommands::setIfAbsent);
        table.add("hget", 3, call -> bulkOrNull(call, read(call, hash -> hash.get(call.arg(2)))));
        table.add("hmget", -3, HashCommands::multiGet);
        table.add("hgetall", 2, HashCommands::getAll);
        table.add("hkeys", 2, call -> list(call, true));
        table.add("hvals", 2, call -> list(call, false));
        table.add("hlen", 2, call -> call.reply().integer(orZero(read(call, HashValue::size))));
        table.add("hexists", 3, call -> call.reply().integer(orZero(read(call, hash -> hash.get(call.arg(2)) != null ? 1 : 0))));
        table.add("hstrlen", 3, call -> {
            byte[] value = read(call, hash -> hash.get(call.arg(2)));
            call.reply().integer(value == null ? 0 : value.length);
        });
        table.add("hdel", -3, HashCommands::delete);
        table.add("hincrby", 4, HashCommands::incrBy);
        table.add("hincrbyfloat", 4, HashCommands::incrByFloat);
        table.add("hscan", -3, HashCommands::scan);
        table.add("hrandfield", -2, HashCommands::randomFields);
    }

    /**
     * HRANDFIELD key [count [WITHVALUES]]: one field, or up to count distinct fields, or with a
     * negative count exactly -count fields that may repeat. The fields are copied under the lock
     * and drawn after it is released.
     */
    private static void randomFields(Call call) {
        if (call.argc() == 2) {
            byte[] field = read(call, hash -> {
                Iterator<Bytes> names = hash.entries().keySet().iterator();
                for (int skip = ThreadLocalRandom.current().nextInt(hash.size()); skip > 0; skip--) {
                    names.next();
                }
                return names.next().value();
            });
            bulkOrNull(call, field);
            return;
        }
        Long count = RespNumbers.parseLong(call.arg(2));
        if (count == null) {
            throw RespException.notAnInteger();
        }
        if (count == Long.MIN_VALUE) {
            throw new RespException("ERR value is out of range, value must between " + -Long.MAX_VALUE
                    + " and " + Long.MAX_VALUE);
        }
        if (call.argc() > 4 || call.argc() == 4 && !call.is(3, "WITHVALUES")) {
            throw RespException.syntax();
        }
        boolean withValues = call.argc() == 4;
        if (withValues && Math.abs(count) > Long.MAX_VALUE / 2) {
            throw new RespException("ERR value is out of range"); // Redis's bound: the reply has 2 * count items
        }
        // the map's own entries would show later HSETs: copies, taken under the lock
        List<Map.Entry<Bytes, byte[]>> fields = read(call, hash -> hash.entries().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList());
        if (fields == null || count == 0) {
            call.reply().array(0);
            return;
        }
        boolean pairs = withValues && call.session().protocol == 3;
        RespReply reply = call.reply();
        if (count < 0) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            reply.array(withValues && !pairs ? -count * 2 : -count);
            for (long i = 0; i < -count; i++) {
                replyField(reply, fields.get(random.nextInt(fields.size())), withValues, pairs);
            }
            return;
        }
        List<Map.Entry<Bytes, byte[]>> chosen = count >= fields.size() ? fields : sample(fields, (int) (long) count);
        reply.array(withValues && !pairs ? chosen.size() * 2L : chosen.size());
        for (Map.Entry<Bytes, byte[]> field : chosen) {
            replyField(reply, field, withValues, pairs);
        }
    }

    /** {@code n} distinct entries at random (a partial Fisher-Yates shuffle of a copy). */
    private static <T> List<T> sample(List<T> all, int n) {
        List<T> pool = new ArrayList<>(all);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            Collections.swap(pool, i, i + random.nextInt(pool.size() - i));
        }
        return pool.subList(0, n);
    }

    /** A field, with its value when asked: as a [field, value] pair in RESP3, flat in RESP2. */
    private static void replyField(RespReply reply, Map.Entry<Bytes, byte[]> field, boolean withValues, boolean pairs) {
        if (pairs) {
            reply.array(2);
        }
        reply.bulk(field.getKey().value());
        if (withValues) {
            reply.bulk(field.getValue());
        }
    }

    /**
     * HSCAN key cursor [MATCH pattern] [COUNT n]: the whole hash in one step (cursor 0 back), which
     * Redis's guarantees allow and its small encodings do as well.
     */
    private static void scan(Call call) {
        ScanArgs.checkCursor(call, 2);
        List<byte[]> flat = read(call, hash -> {
            ScanArgs scan = ScanArgs.parse(call, 2, false); // like Redis: only once the key holds a hash
            List<byte[]> pairs = new ArrayList<>();
            for (Map.Entry<Bytes, byte[]> e : hash.entries().entrySet()) {
                if (scan.matches(e.getKey().value())) {
                    pairs.add(e.getKey().value());
                    pairs.add(e.getValue());
                }
            }
            return pairs;
        });
        call.reply().array(2);
        call.reply().bulk("0");
        if (flat == null) {
            call.reply().array(0);
            return;
        }
        call.reply().array(flat.size());
        for (byte[] item : flat) {
            call.reply().bulk(item);
        }
    }

    /** Runs {@code reader} on the hash at key 1; null when there is none; WRONGTYPE for other types. */
    private static <R> R read(Call call, Function<HashValue, R> reader) {
        return CollectionKeys.read(call, call.arg(1), HashValue.class, reader);
    }

    /**
     * Runs {@code writer} on the hash at key 1, creating it when missing; then publishes
     * {@code event} if {@code changed} says the result is a change.
     */
    private static <R> R write(Call call, String event, Predicate<R> changed, Function<HashValue, R> writer) {
        return CollectionKeys.writeAndNotify(call, call.arg(1), HashValue.class, HashValue::new, writer,
                KeyspaceEventClass.HASH, event, changed);
    }

    private static long set(Call call, String name) {
        if (call.argc() % 2 != 0) {
            throw new RespException("ERR wrong number of arguments for '" + name + "' command");
        }
        return write(call, "hset", added -> true, hash -> {
            long added = 0;
            for (int i = 2; i < call.argc(); i += 2) {
                added += hash.put(call.arg(i), call.arg(i + 1)) ? 1 : 0;
            }
            return added;
        });
    }

    private static void setIfAbsent(Call call) {
        boolean added = write(call, "hset", stored -> stored, hash -> hash.get(call.arg(2)) == null && hash.put(call.arg(2), call.arg(3)));
        call.reply().integer(added ? 1 : 0);
    }

    private static void multiGet(Call call) {
        List<byte[]> values = read(call, hash -> {
            List<byte[]> found = new ArrayList<>();
            for (int i = 2; i < call.argc(); i++) {
                found.add(hash.get(call.arg(i)));
            }
            return found;
        });
        call.reply().array(call.argc() - 2);
        for (int i = 2; i < call.argc(); i++) {
            bulkOrNull(call, values == null ? null : values.get(i - 2));
        }
    }

    private static void getAll(Call call) {
        List<byte[]> flat = read(call, hash -> {
            List<byte[]> pairs = new ArrayList<>(hash.size() * 2);
            for (Map.Entry<Bytes, byte[]> e : hash.entries().entrySet()) {
                pairs.add(e.getKey().value());
                pairs.add(e.getValue());
            }
            return pairs;
        });
        if (flat == null) {
            call.reply().map(0);
            return;
        }
        call.reply().map(flat.size() / 2);
        for (byte[] item : flat) {
            call.reply().bulk(item);
        }
    }

    private static void list(Call call, boolean names) {
        List<byte[]> items = read(call, hash -> {
            List<byte[]> out = new ArrayList<>(hash.size());
            for (Map.Entry<Bytes, byte[]> e : hash.entries().entrySet()) {
                out.add(names ? e.getKey().value() : e.getValue());
            }
            return out;
        });
        if (items == null) {
            call.reply().array(0);
            return;
        }
        call.reply().array(items.size());
        for (byte[] item : items) {
            call.reply().bulk(item);
        }
    }

    private static void delete(Call call) {
        Long removed = CollectionKeys.writeAndNotify(call, call.arg(1), HashValue.class, null, hash -> {
            long count = 0;
            for (int i = 2; i < call.argc(); i++) {
                count += hash.remove(call.arg(i)) ? 1 : 0;
            }
            return count;
        }, KeyspaceEventClass.HASH, "hdel", count -> count > 0);
        call.reply().integer(removed == null ? 0 : removed);
    }

    private static void incrBy(Call call) {
        long delta = call.longArg(3);
        long result = write(call, "hincrby", next -> true, hash -> {
            byte[] old = hash.get(call.arg(2));
            long current = 0;
            if (old != null) {
                Long parsed = RespNumbers.parseLong(old);
                if (parsed == null) {
                    throw new RespException("ERR hash value is not an integer");
                }
                current = parsed;
            }
            long next;
            try {
                next = Math.addExact(current, delta);
            } catch (ArithmeticException e) {
                throw new RespException("ERR increment or decrement would overflow");
            }
            hash.put(call.arg(2), Long.toString(next).getBytes(StandardCharsets.US_ASCII));
            return next;
        });
        call.reply().integer(result);
    }

    private static void incrByFloat(Call call) {
        LongDouble delta = LongDouble.parse(call.arg(3));
        if (delta == null) {
            throw new RespException(RespException.NOT_A_FLOAT);
        }
        if (!delta.isFinite()) {
            throw new RespException("ERR value is NaN or Infinity"); // before the key is even looked at
        }
        byte[] result = write(call, "hincrbyfloat", text -> true, hash -> {
            byte[] old = hash.get(call.arg(2));
            LongDouble current = LongDouble.ZERO;
            if (old != null) {
                current = LongDouble.parse(old);
                if (current == null) {
                    throw new RespException("ERR hash value is not a float");
                }
            }
            LongDouble next = current.plus(delta);
            if (!next.isFinite()) {
                throw new RespException("ERR increment would produce NaN or Infinity");
            }
            byte[] text = next.toHumanBytes();
            hash.put(call.arg(2), text);
            return text;
        });
        call.reply().bulk(result);
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
