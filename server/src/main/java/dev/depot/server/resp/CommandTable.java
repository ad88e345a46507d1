package dev.depot.server.resp;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Every command Depot answers over RESP, found by name (case-insensitive). */
final class CommandTable {
    private final Map<String, CommandSpec> byName = new HashMap<>();

    /** The full table: connection, key, string, hash, list, set and sorted-set commands. */
    static CommandTable standard(RespService service) {
        CommandTable table = new CommandTable();
        ConnectionCommands.register(table, service);
        KeyCommands.register(table, service);
        StringCommands.register(table);
        BitCommands.register(table);
        HashCommands.register(table);
        ListCommands.register(table);
        SetCommands.register(table);
        SortedSetCommands.register(table);
        PubSubCommands.register(table, service);
        // the transaction commands act on the connection: RespHandler handles them via Transactions
        Command connectionLevel = call -> {
            throw new IllegalStateException("handled by the connection");
        };
        table.add("multi", 1, connectionLevel);
        table.add("exec", 1, connectionLevel);
        table.add("discard", 1, connectionLevel);
        table.add("watch", -2, connectionLevel);
        // UNWATCH is an ordinary command: inside MULTI it is queued, as in Redis
        table.add("unwatch", 1, call -> {
            Transactions.unwatchAll(call.session(), service.databases());
            call.reply().ok();
        });
        table.add("quit", -1, connectionLevel);
        return table;
    }

    void add(String name, int arity, Command body) {
        byName.put(name, new CommandSpec(name, arity, body));
    }

    /** The command named by {@code name} in any letter case, or null. */
    CommandSpec find(byte[] name) {
        CommandSpec spec = byName.get(new String(name, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
        return spec;
    }

    Collection<CommandSpec> all() {
        return byName.values();
    }
}
