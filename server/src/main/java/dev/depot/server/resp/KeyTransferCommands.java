package dev.depot.server.resp;

import dev.depot.storage.keyspace.Databases;
import dev.depot.storage.keyspace.Slot;

import java.util.Arrays;
import java.util.List;

/**
 * The commands that carry whole values from one name or database to another: RENAME, RENAMENX,
 * MOVE, COPY and SWAPDB. Each runs with the shards of both keys locked (both databases whole for
 * SWAPDB), so no client ever sees a value under both names or under neither. A list arriving
 * under a name that blocked clients wait on wakes them, as Redis's dbAdd does.
 */
final class KeyTransferCommands {
    private KeyTransferCommands() {
    }

    static void register(CommandTable table) {
        table.add("rename", 3, call -> rename(call, false));
        table.add("renamenx", 3, call -> rename(call, true));
        table.add("move", 3, KeyTransferCommands::move);
        table.add("copy", -3, KeyTransferCommands::copy);
        table.add("swapdb", 3, KeyTransferCommands::swapDb);
    }

    /** RENAME/RENAMENX: the value and its expiry take the new name, replacing what was there (unless NX). */
    private static void rename(Call call, boolean onlyIfAbsent) {
        byte[] to = call.arg(2);
        StoredValue moved = call.db().executeAll(List.of(call.arg(1), to), slots -> {
            Slot source = slots.get(0);
            Slot target = slots.get(1);
            if (!source.exists()) {
                throw new RespException("ERR no such key");
            }
            if (source == target || onlyIfAbsent && target.exists()) {
                return null;
            }
            StoredValue value = StoredValue.of(source);
            value.storeAt(target);
            source.delete();
            return value;
        });
        arrived(call, call.session().db, to, moved);
        if (moved != null) {
            call.keyspaceEvent(KeyspaceEventClass.GENERIC, "rename_from", call.arg(1));
            call.keyspaceEvent(KeyspaceEventClass.GENERIC, "rename_to", to);
        }
        if (onlyIfAbsent) {
            call.reply().integer(moved != null ? 1 : 0);
        } else {
            call.reply().ok();
        }
    }

    /** MOVE key db: to another database, only where the name is free there. */
    private static void move(Call call) {
        long index = call.longArg(2);
        if (index != (int) index) { // Redis reads MOVE's database as an int
            throw new RespException("ERR value is out of range, value must between -2147483648 and 2147483647");
        }
        int target = databaseIndex(call, index);
        int current = call.session().db;
        if (target == current) {
            throw new RespException("ERR source and destination objects are the same");
        }
        byte[] key = call.arg(1);
        StoredValue moved = call.service().databases().executeAll(
                List.of(new Databases.Key(current, key), new Databases.Key(target, key)), slots -> {
                    Slot source = slots.get(0);
                    if (!source.exists() || slots.get(1).exists()) {
                        return null;
                    }
                    StoredValue value = StoredValue.of(source);
                    value.storeAt(slots.get(1));
                    source.delete();
                    return value;
                });
        arrived(call, target, key, moved);
        if (moved != null) {
            call.keyspaceEvent(KeyspaceEventClass.GENERIC, "move_from", key);
            call.service().keyspaceEvents().notify(target, KeyspaceEventClass.GENERIC, "move_to", key);
        }
        call.reply().integer(moved != null ? 1 : 0);
    }

    /** COPY source destination [DB index] [REPLACE]: a deep copy, expiry included. */
    private static void copy(Call call) {
        int current = call.session().db;
        int target = current;
        boolean replace = false;
        for (int i = 3; i < call.argc(); i++) {
            if (call.is(i, "REPLACE")) {
                replace = true;
            } else if (call.is(i, "DB") && i + 1 < call.argc()) {
                target = databaseIndex(call, call.longArg(++i));
            } else {
                throw RespException.syntax();
            }
        }
        byte[] from = call.arg(1);
        byte[] to = call.arg(2);
        if (target == current && Arrays.equals(from, to)) {
            throw new RespException("ERR source and destination objects are the same");
        }
        boolean overwrite = replace;
        StoredValue copied = call.service().databases().executeAll(
                List.of(new Databases.Key(current, from), new Databases.Key(target, to)), slots -> {
                    Slot source = slots.get(0);
                    if (!source.exists()) {
                        source.reportMiss(); // COPY reads its source
                        return null;
                    }
                    if (!overwrite && slots.get(1).exists()) {
                        return null;
                    }
                    StoredValue value = StoredValue.of(source).copy();
                    value.storeAt(slots.get(1));
                    return value;
                });
        arrived(call, target, to, copied);
        if (copied != null) {
            call.service().keyspaceEvents().notify(target, KeyspaceEventClass.GENERIC, "copy_to", to);
        }
        call.reply().integer(copied != null ? 1 : 0);
    }

    /**
     * SWAPDB index1 index2: the two databases exchange contents at one instant for every client
     * of both protocols (memcached works on database 0: a swap of 0 swaps its items too).
     * Clients blocked on a key of either database whose new content is a list are woken.
     */
    private static void swapDb(Call call) {
        int first = intArg(call, 1, "ERR invalid first DB index");
        int second = intArg(call, 2, "ERR invalid second DB index");
        Databases databases = call.service().databases();
        if (first < 0 || first >= databases.count() || second < 0 || second >= databases.count()) {
            throw new RespException("ERR DB index is out of range");
        }
        databases.swap(first, second);
        for (int db : new int[] {first, second}) {
            for (byte[] key : call.service().blocking().keysWaitingIn(db)) {
                BlockingPops.Source source = databases.get(db).execute(key, slot -> BlockingPops.Source.of(slot.object()));
                if (source != null) {
                    call.service().blocking().signal(db, source, key);
                }
            }
        }
        call.reply().ok();
    }

    private static int intArg(Call call, int i, String error) {
        Long value = RespNumbers.parseLong(call.arg(i));
        if (value == null || value != value.intValue()) {
            throw new RespException(error);
        }
        return value.intValue();
    }

    private static int databaseIndex(Call call, long index) {
        if (index < 0 || index >= call.service().databases().count()) {
            throw new RespException("ERR DB index is out of range");
        }
        return (int) index;
    }

    /** A value was stored under {@code key}: a list or sorted set there may serve clients blocked on it. */
    private static void arrived(Call call, int db, byte[] key, StoredValue value) {
        BlockingPops.Source source = value == null ? null : value.servesBlocked();
        if (source != null) {
            call.service().blocking().signal(db, source, key);
        }
    }
}
