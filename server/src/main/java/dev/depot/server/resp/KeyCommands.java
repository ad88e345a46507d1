package dev.depot.server.resp;

import dev.depot.storage.keyspace.Slot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The generic key commands: existence, type, expiry, KEYS, SCAN and whole-database ones; those
 * that carry values between names or databases (RENAME, MOVE, COPY, SWAPDB) are in
 * {@link KeyTransferCommands}.
 */
final class KeyCommands {
    private KeyCommands() {
    }

    static void register(CommandTable table, RespService service) {
        table.add("del", -2, KeyCommands::delete);
        table.add("unlink", -2, KeyCommands::delete);
        table.add("exists", -2, KeyCommands::exists);
        table.add("touch", -2, KeyCommands::exists);
        table.add("type", 2, KeyCommands::type);
        table.add("expire", -3, call -> expire(call, "EX", "expire"));
        table.add("pexpire", -3, call -> expire(call, "PX", "pexpire"));
        table.add("expireat", -3, call -> expire(call, "EXAT", "expireat"));
        table.add("pexpireat", -3, call -> expire(call, "PXAT", "pexpireat"));
        table.add("ttl", 2, call -> ttl(call, 1000));
        table.add("pttl", 2, call -> ttl(call, 1));
        table.add("expiretime", 2, call -> expireTime(call, 1000));
        table.add("pexpiretime", 2, call -> expireTime(call, 1));
        table.add("persist", 2, KeyCommands::persist);
        table.add("keys", 2, KeyCommands::keys);
        table.add("dbsize", 1, call -> call.reply().integer(call.db().stats().currItems()));
        table.add("flushdb", -1, call -> {
            flushMode(call);
            call.db().clear();
            call.reply().ok();
        });
        table.add("flushall", -1, call -> {
            flushMode(call);
            service.databases().clearAll();
            call.reply().ok();
        });
        table.add("randomkey", 1, call -> {
            byte[] key = call.db().randomKey();
            if (key == null) {
                call.reply().nullBulk();
            } else {
                call.reply().bulk(key);
            }
        });
        table.add("scan", -2, KeyCommands::scan);
        KeyTransferCommands.register(table);
    }

    /** FLUSHDB/FLUSHALL [ASYNC|SYNC]: both flush at once here. */
    private static void flushMode(Call call) {
        if (call.argc() > 2 || call.argc() == 2 && !call.is(1, "ASYNC") && !call.is(1, "SYNC")) {
            throw RespException.syntax();
        }
    }

    private static void delete(Call call) {
        long deleted = 0;
        for (int i = 1; i < call.argc(); i++) {
            boolean hit = call.db().execute(call.arg(i), slot -> {
                if (!slot.exists()) {
                    return false;
                }
                slot.delete();
                return true;
            });
            if (hit) {
                deleted++;
                call.keyspaceEvent(KeyspaceEventClass.GENERIC, "del", call.arg(i));
            }
        }
        call.reply().integer(deleted);
    }

    private static void exists(Call call) {
        long found = 0;
        for (int i = 1; i < call.argc(); i++) {
            found += call.db().execute(call.arg(i), KeyCommands::lookUp) ? 1 : 0;
        }
        call.reply().integer(found);
    }

    private static void type(Call call) {
        call.reply().simple(call.db().execute(call.arg(1), slot -> lookUp(slot) ? typeOf(slot) : "none"));
    }

    /** Whether the key exists, as a read look-up: a missing key is a key miss (Redis's keymiss event). */
    private static boolean lookUp(Slot slot) {
        if (!slot.exists()) {
            slot.reportMiss();
            return false;
        }
        return true;
    }

    /** EXPIRE key amount [NX|XX|GT|LT]: 1 when the expiry was set, 0 otherwise. */
    private static void expire(Call call, String unit, String command) {
        boolean nx = false, xx = false, gt = false, lt = false;
        for (int i = 3; i < call.argc(); i++) {
            switch (call.text(i).toUpperCase(Locale.ROOT)) {
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "GT" -> gt = true;
                case "LT" -> lt = true;
                default -> throw new RespException("ERR Unsupported option " + call.quoted(i));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new RespException("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            throw new RespException("ERR GT and LT options at the same time are not compatible");
        }
        String condition = nx ? "NX" : xx && gt ? "XXGT" : xx && lt ? "XXLT" : xx ? "XX" : gt ? "GT" : lt ? "LT" : "";
        long amount = call.longArg(2); // read after the options, as Redis does
        long now = call.db().nowMillis();
        long at;
        try {
            at = switch (unit) {
                case "EX" -> Math.addExact(now, Math.multiplyExact(amount, 1000L));
                case "PX" -> Math.addExact(now, amount);
                case "EXAT" -> Math.multiplyExact(amount, 1000L);
                default -> amount;
            };
        } catch (ArithmeticException e) {
            throw Expiry.invalid(command);
        }
        boolean set = call.db().execute(call.arg(1), slot -> {
            if (!slot.exists()) {
                return false;
            }
            long current = slot.expiresAt();
            boolean allowed = switch (condition) {
                case "NX" -> current == 0;
                case "XX" -> current != 0;
                case "GT", "XXGT" -> current != 0 && at > current;
                case "LT" -> current == 0 || at < current;
                case "XXLT" -> current != 0 && at < current;
                default -> true;
            };
            if (!allowed) {
                return false;
            }
            if (at <= now) {
                slot.delete(); // an expiry in the past deletes the key, as Redis does
            } else {
                slot.setExpiresAt(at);
                slot.touchVersion();
            }
            return true;
        });
        if (set) {
            call.keyspaceEvent(KeyspaceEventClass.GENERIC, at <= now ? "del" : "expire", call.arg(1));
        }
        call.reply().integer(set ? 1 : 0);
    }

    /**
     * SCAN cursor [MATCH pattern] [COUNT n] [TYPE type]: the whole database in one step (cursor
     * 0 back), which keeps Redis's guarantee that every key present throughout is returned.
     */
    private static void scan(Call call) {
        ScanArgs scan = ScanArgs.parse(call, 1, true);
        List<byte[]> matching = new ArrayList<>();
        for (byte[] key : call.db().keys()) {
            if (scan.matches(key) && (scan.type() == null || scan.type().equals(typeOf(call, key)))) {
                matching.add(key);
            }
        }
        call.reply().array(2);
        call.reply().bulk("0");
        call.reply().array(matching.size());
        matching.forEach(call.reply()::bulk);
    }

    /** The Redis type name of the value at {@code key}, "none" when absent. */
    private static String typeOf(Call call, byte[] key) {
        return call.db().execute(key, KeyCommands::typeOf);
    }

    private static String typeOf(Slot slot) {
        return !slot.exists() ? "none"
                : slot.isString() ? "string"
                : slot.object() instanceof dev.depot.storage.types.HashValue ? "hash"
                : slot.object() instanceof dev.depot.storage.types.ListValue ? "list"
                : slot.object() instanceof dev.depot.storage.types.SetValue ? "set"
                : slot.object() instanceof dev.depot.storage.types.SortedSetValue ? "zset"
                : "none";
    }

    /** TTL/PTTL: -2 for a missing key, -1 for no expiry, else what is left (TTL rounds). */
    private static void ttl(Call call, long unitMillis) {
        long left = call.db().execute(call.arg(1), slot -> {
            if (!lookUp(slot)) {
                return -2L;
            }
            if (slot.expiresAt() == 0) {
                return -1L;
            }
            long millis = Math.max(0, slot.expiresAt() - slot.nowMillis());
            return unitMillis == 1 ? millis : (millis + 500) / 1000;
        });
        call.reply().integer(left);
    }

    private static void expireTime(Call call, long unitMillis) {
        long at = call.db().execute(call.arg(1), slot -> !lookUp(slot) ? -2L
                : slot.expiresAt() == 0 ? -1L : roundedDiv(slot.expiresAt(), unitMillis));
        call.reply().integer(at);
    }

    /** {@code value / unit} rounded half up, for a positive value, without overflowing near Long.MAX_VALUE. */
    private static long roundedDiv(long value, long unit) {
        return value / unit + (value % unit >= (unit + 1) / 2 ? 1 : 0);
    }

    private static void persist(Call call) {
        boolean removed = call.db().execute(call.arg(1), slot -> {
            if (!slot.exists() || slot.expiresAt() == 0) {
                return false;
            }
            slot.setExpiresAt(0);
            slot.touchVersion();
            return true;
        });
        if (removed) {
            call.keyspaceEvent(KeyspaceEventClass.GENERIC, "persist", call.arg(1));
        }
        call.reply().integer(removed ? 1 : 0);
    }

    private static void keys(Call call) {
        byte[] pattern = call.arg(1);
        List<byte[]> matching = new ArrayList<>();
        for (byte[] key : call.db().keys()) {
            if (Glob.matchesAll(pattern) || Glob.matches(pattern, key)) {
                matching.add(key);
            }
        }
        call.reply().array(matching.size());
        for (byte[] key : matching) {
            call.reply().bulk(key);
        }
    }
}
