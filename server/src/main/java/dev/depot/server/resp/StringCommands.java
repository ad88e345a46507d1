package dev.depot.server.resp;

import dev.depot.protocol.resp.LongDouble;
import dev.depot.storage.keyspace.Slot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The string commands: GET and SET with their options, counters, MGET/MSET, APPEND, ranges and
 * LCS. MGET, MSET and MSETNX lock all their keys together: each is one instant for every client.
 */
final class StringCommands {
    private StringCommands() {
    }

    static void register(CommandTable table) {
        table.add("get", 2, StringCommands::get);
        table.add("set", -3, StringCommands::set);
        table.add("setnx", 3, call -> call.reply().integer(
                storeAndNotify(call, call.arg(1), call.arg(2), Condition.NX, 0, false) ? 1 : 0));
        table.add("setex", 4, call -> setWithExpiry(call, 1000, "setex"));
        table.add("psetex", 4, call -> setWithExpiry(call, 1, "psetex"));
        table.add("getset", 3, StringCommands::getSet);
        table.add("getdel", 2, StringCommands::getDel);
        table.add("mget", -2, StringCommands::mget);
        table.add("mset", -3, StringCommands::mset);
        table.add("msetnx", -3, StringCommands::msetnx);
        table.add("incr", 2, call -> incrBy(call, 1));
        table.add("decr", 2, call -> incrBy(call, -1));
        table.add("incrby", 3, call -> incrBy(call, call.longArg(2)));
        table.add("decrby", 3, call -> {
            long delta = call.longArg(2);
            if (delta == Long.MIN_VALUE) {
                throw new RespException("ERR decrement would overflow");
            }
            incrBy(call, -delta);
        });
        table.add("incrbyfloat", 3, StringCommands::incrByFloat);
        table.add("append", 3, StringCommands::append);
        table.add("strlen", 2, call -> {
            byte[] value = read(call, call.arg(1));
            call.reply().integer(value == null ? 0 : value.length);
        });
        table.add("getrange", 4, StringCommands::getRange);
        table.add("getex", -2, StringCommands::getEx);
        table.add("substr", 4, StringCommands::getRange);
        table.add("lcs", -3, LcsCommand::execute);
    }

    /** The string at a slot of a multi-key operation; null when missing (a key miss); WRONGTYPE for other types. */
    static byte[] read(Slot slot) {
        if (!slot.exists()) {
            slot.reportMiss();
            return null;
        }
        if (!slot.isString()) {
            throw RespException.wrongType();
        }
        slot.markFetched();
        return slot.bytes();
    }

    /** The string at {@code key}; null when missing; WRONGTYPE for other types. */
    static byte[] read(Call call, byte[] key) {
        return call.db().execute(key, StringCommands::read);
    }

    private static void get(Call call) {
        // the array is shared, never copied: it is not modified once stored
        byte[] backing = call.db().execute(call.arg(1), slot -> {
            if (!slot.exists()) {
                slot.reportMiss();
                return null;
            }
            if (!slot.isString()) {
                throw RespException.wrongType();
            }
            slot.markFetched();
            return slot.stringBacking();
        });
        if (backing == null) {
            call.reply().nullBulk();
        } else {
            int offset = Slot.valueOffset(backing);
            call.reply().bulk(backing, offset, backing.length - offset);
        }
    }

    enum Condition { ALWAYS, NX, XX }

    /** Stores a string (flags 0); returns false when the condition kept it from being stored. */
    static boolean store(Call call, byte[] key, byte[] value, Condition condition, long expiresAt, boolean keepTtl) {
        return call.db().execute(key, slot -> {
            if (condition == Condition.NX && slot.exists() || condition == Condition.XX && !slot.exists()) {
                return false;
            }
            slot.put(value, 0, keepTtl && slot.exists() ? slot.expiresAt() : expiresAt);
            return true;
        });
    }

    /** {@link #store}, then Redis's events for it: set, and expire when an expiry was given. */
    private static boolean storeAndNotify(Call call, byte[] key, byte[] value, Condition condition, long expiresAt,
                                          boolean keepTtl) {
        boolean stored = store(call, key, value, condition, expiresAt, keepTtl);
        if (stored) {
            notifySet(call, key, expiresAt);
        }
        return stored;
    }

    private static void notifySet(Call call, byte[] key, long expiresAt) {
        call.keyspaceEvent(KeyspaceEventClass.STRING, "set", key);
        if (expiresAt != 0) {
            call.keyspaceEvent(KeyspaceEventClass.GENERIC, "expire", key);
        }
    }

    /** SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL]. */
    private static void set(Call call) {
        Condition condition = Condition.ALWAYS;
        boolean get = false;
        boolean keepTtl = false;
        String expiryUnit = null;
        int expiryArg = -1;
        for (int i = 3; i < call.argc(); i++) {
            String option = call.text(i).toUpperCase(java.util.Locale.ROOT);
            switch (option) {
                case "NX", "XX" -> {
                    Condition wanted = option.equals("NX") ? Condition.NX : Condition.XX;
                    if (condition != Condition.ALWAYS && condition != wanted) {
                        throw RespException.syntax();
                    }
                    condition = wanted;
                }
                case "GET" -> get = true;
                case "KEEPTTL" -> {
                    if (expiryUnit != null) {
                        throw RespException.syntax();
                    }
                    keepTtl = true;
                }
                case "EX", "PX", "EXAT", "PXAT" -> {
                    if (i + 1 >= call.argc() || keepTtl || expiryUnit != null && !expiryUnit.equals(option)) {
                        throw RespException.syntax();
                    }
                    expiryUnit = option;
                    expiryArg = ++i;
                }
                default -> throw RespException.syntax();
            }
        }
        // like Redis, the expiry value is read only once every option is known to be valid
        long expiresAt = expiryUnit == null ? 0
                : Expiry.absolute(expiryUnit, call.longArg(expiryArg), call.db().nowMillis(), "set");
        byte[] key = call.arg(1);
        byte[] value = call.arg(2);
        if (!get) {
            boolean stored = storeAndNotify(call, key, value, condition, expiresAt, keepTtl);
            if (stored) {
                call.reply().ok();
            } else {
                call.reply().nullBulk();
            }
            return;
        }
        Condition finalCondition = condition;
        long finalExpiresAt = expiresAt;
        boolean finalKeepTtl = keepTtl;
        boolean[] stored = {false};
        byte[] old = call.db().execute(key, slot -> {
            if (slot.exists() && !slot.isString()) {
                throw RespException.wrongType();
            }
            if (!slot.exists()) {
                slot.reportMiss(); // GET's look-up comes first, a read
            }
            byte[] previous = slot.bytes();
            if (!(finalCondition == Condition.NX && slot.exists() || finalCondition == Condition.XX && !slot.exists())) {
                slot.put(value, 0, finalKeepTtl && slot.exists() ? slot.expiresAt() : finalExpiresAt);
                stored[0] = true;
            }
            return previous;
        });
        if (stored[0]) {
            notifySet(call, key, expiresAt);
        }
        if (old == null) {
            call.reply().nullBulk();
        } else {
            call.reply().bulk(old);
        }
    }

    private static void setWithExpiry(Call call, long unitMillis, String command) {
        long expiresAt = Expiry.absolute(unitMillis == 1 ? "PX" : "EX", call.longArg(2), call.db().nowMillis(), command);
        storeAndNotify(call, call.arg(1), call.arg(3), Condition.ALWAYS, expiresAt, false);
        call.reply().ok();
    }

    /**
     * GETEX key [EX s|PX ms|EXAT s|PXAT ms|PERSIST]. As in Redis, the options' syntax is checked
     * first (the same unit may repeat, the last one wins), then the key (nil, WRONGTYPE), and
     * only then the time itself.
     */
    private static void getEx(Call call) {
        String unit = null;
        int timeArg = -1;
        boolean persist = false;
        for (int i = 2; i < call.argc(); i++) {
            String option = call.text(i).toUpperCase(java.util.Locale.ROOT);
            if (java.util.List.of("EX", "PX", "EXAT", "PXAT").contains(option) && !persist
                    && (unit == null || unit.equals(option)) && i + 1 < call.argc()) {
                unit = option;
                timeArg = ++i;
            } else if (option.equals("PERSIST") && unit == null) {
                persist = true;
            } else {
                throw RespException.syntax();
            }
        }
        String finalUnit = unit;
        int finalTimeArg = timeArg;
        boolean finalPersist = persist;
        String[] event = {null}; // the keyspace event of the expiry change, if any
        byte[] value = call.db().execute(call.arg(1), slot -> {
            if (!slot.exists()) {
                slot.reportMiss();
                return null;
            }
            if (!slot.isString()) {
                throw RespException.wrongType();
            }
            byte[] current = slot.bytes();
            if (finalUnit != null) {
                long at = Expiry.absolute(finalUnit, call.longArg(finalTimeArg), slot.nowMillis(), "getex");
                if (at <= slot.nowMillis()) {
                    slot.delete(); // an EXAT/PXAT already past deletes the key at once, as in Redis
                    event[0] = "del";
                } else {
                    slot.setExpiresAt(at);
                    slot.touchVersion();
                    event[0] = "expire";
                }
            } else if (finalPersist && slot.expiresAt() != 0) { // no expiry to remove: nothing changes (WATCH)
                slot.setExpiresAt(0);
                slot.touchVersion();
                event[0] = "persist";
            }
            return current;
        });
        if (event[0] != null) {
            call.keyspaceEvent(KeyspaceEventClass.GENERIC, event[0], call.arg(1));
        }
        bulkOrNull(call, value);
    }

    private static void getSet(Call call) {
        byte[] value = call.arg(2);
        byte[] old = call.db().execute(call.arg(1), slot -> {
            if (slot.exists() && !slot.isString()) {
                throw RespException.wrongType();
            }
            if (!slot.exists()) {
                slot.reportMiss(); // GETSET reads first, as GET does
            }
            byte[] previous = slot.bytes();
            slot.put(value, 0, 0);
            return previous;
        });
        call.keyspaceEvent(KeyspaceEventClass.STRING, "set", call.arg(1));
        bulkOrNull(call, old);
    }

    private static void getDel(Call call) {
        byte[] old = call.db().execute(call.arg(1), slot -> {
            if (!slot.exists()) {
                slot.reportMiss();
                return null;
            }
            if (!slot.isString()) {
                throw RespException.wrongType();
            }
            byte[] previous = slot.bytes();
            slot.delete();
            return previous;
        });
        if (old != null) {
            call.keyspaceEvent(KeyspaceEventClass.GENERIC, "del", call.arg(1));
        }
        bulkOrNull(call, old);
    }

    private static void mget(Call call) {
        List<byte[]> keys = call.args().subList(1, call.argc());
        List<byte[]> values = call.db().executeAll(keys, slots -> {
            List<byte[]> found = new ArrayList<>(slots.size());
            for (Slot slot : slots) {
                if (slot.isString()) {
                    slot.markFetched();
                    found.add(slot.bytes());
                } else {
                    if (!slot.exists()) {
                        slot.reportMiss();
                    }
                    found.add(null);
                }
            }
            return found;
        });
        call.reply().array(values.size());
        values.forEach(value -> bulkOrNull(call, value));
    }

    /** The keys of MSET/MSETNX key value [key value ...]. */
    private static List<byte[]> pairKeys(Call call, String command) {
        if (call.argc() % 2 == 0) {
            throw new RespException("ERR wrong number of arguments for '" + command + "' command");
        }
        List<byte[]> keys = new ArrayList<>(call.argc() / 2);
        for (int i = 1; i < call.argc(); i += 2) {
            keys.add(call.arg(i));
        }
        return keys;
    }

    /** Stores every pair through the slots of {@link #pairKeys}; a key named twice keeps its last value. */
    private static void putPairs(Call call, List<Slot> slots) {
        for (int k = 0; k < slots.size(); k++) {
            slots.get(k).put(call.arg(2 + 2 * k), 0, 0);
        }
    }

    /** Redis's events for MSET and a successful MSETNX: set on each key, in argument order. */
    private static void notifyPairs(Call call) {
        for (int i = 1; i < call.argc(); i += 2) {
            call.keyspaceEvent(KeyspaceEventClass.STRING, "set", call.arg(i));
        }
    }

    private static void mset(Call call) {
        call.db().executeAll(pairKeys(call, "mset"), slots -> {
            putPairs(call, slots);
            return null;
        });
        notifyPairs(call);
        call.reply().ok();
    }

    private static void msetnx(Call call) {
        boolean stored = call.db().executeAll(pairKeys(call, "msetnx"), slots -> {
            if (slots.stream().anyMatch(Slot::exists)) {
                return false;
            }
            putPairs(call, slots);
            return true;
        });
        if (stored) {
            notifyPairs(call);
        }
        call.reply().integer(stored ? 1 : 0);
    }

    private static void incrBy(Call call, long delta) {
        long result = call.db().execute(call.arg(1), slot -> {
            long current = 0;
            if (slot.exists()) {
                if (!slot.isString()) {
                    throw RespException.wrongType();
                }
                Long parsed = RespNumbers.parseLong(slot.bytes());
                if (parsed == null) {
                    throw RespException.notAnInteger();
                }
                current = parsed;
            }
            long next;
            try {
                next = Math.addExact(current, delta);
            } catch (ArithmeticException e) {
                throw new RespException("ERR increment or decrement would overflow");
            }
            slot.put(Long.toString(next).getBytes(StandardCharsets.US_ASCII), 0, slot.exists() ? slot.expiresAt() : 0);
            return next;
        });
        call.keyspaceEvent(KeyspaceEventClass.STRING, "incrby", call.arg(1));
        call.reply().integer(result);
    }

    /** INCRBYFLOAT in Redis's 80-bit long double arithmetic, so results and their text match. */
    private static void incrByFloat(Call call) {
        byte[] result = call.db().execute(call.arg(1), slot -> {
            LongDouble current = LongDouble.ZERO;
            if (slot.exists()) {
                if (!slot.isString()) {
                    throw RespException.wrongType();
                }
                current = LongDouble.parse(slot.bytes());
                if (current == null) {
                    throw new RespException(RespException.NOT_A_FLOAT);
                }
            }
            LongDouble delta = LongDouble.parse(call.arg(2)); // read after the key, as Redis does
            if (delta == null) {
                throw new RespException(RespException.NOT_A_FLOAT);
            }
            LongDouble next = current.plus(delta);
            if (!next.isFinite()) {
                throw new RespException("ERR increment would produce NaN or Infinity");
            }
            byte[] text = next.toHumanBytes();
            slot.put(text, 0, slot.exists() ? slot.expiresAt() : 0);
            return text;
        });
        call.keyspaceEvent(KeyspaceEventClass.STRING, "incrbyfloat", call.arg(1));
        call.reply().bulk(result);
    }

    private static void append(Call call) {
        byte[] suffix = call.arg(2);
        int length = call.db().execute(call.arg(1), slot -> {
            if (slot.exists() && !slot.isString()) {
                throw RespException.wrongType();
            }
            byte[] old = slot.exists() ? slot.bytes() : new byte[0];
            byte[] joined = Arrays.copyOf(old, old.length + suffix.length);
            System.arraycopy(suffix, 0, joined, old.length, suffix.length);
            slot.put(joined, 0, slot.exists() ? slot.expiresAt() : 0);
            return joined.length;
        });
        call.keyspaceEvent(KeyspaceEventClass.STRING, "append", call.arg(1));
        call.reply().integer(length);
    }

    private static void getRange(Call call) {
        long start = call.longArg(2);
        long end = call.longArg(3);
        byte[] value = read(call, call.arg(1));
        if (value == null) {
            call.reply().bulk(new byte[0]);
            return;
        }
        int length = value.length;
        if (start < 0 && end < 0 && start > end) {
            call.reply().bulk(new byte[0]);
            return;
        }
        if (start < 0) {
            start = Math.max(0, length + start);
        }
        if (end < 0) {
            end = Math.max(0, length + end);
        }
        end = Math.min(end, length - 1L);
        if (start > end || length == 0) {
            call.reply().bulk(new byte[0]);
            return;
        }
        call.reply().bulk(value, (int) start, (int) (end - start + 1));
    }

    private static void bulkOrNull(Call call, byte[] value) {
        if (value == null) {
            call.reply().nullBulk();
        } else {
            call.reply().bulk(value);
        }
    }
}
