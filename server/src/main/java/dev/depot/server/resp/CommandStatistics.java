package dev.depot.server.resp;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CommandStats} of every command, found per call. Container commands (CLIENT,
 * CONFIG...) are counted per subcommand as Redis 7 does ({@code cmdstat_client|list}); a client
 * sending made-up subcommands could grow that table without end, so past a bound new names
 * count towards the container itself.
 */
final class CommandStatistics {
    /** Commands whose first argument names a subcommand, as Redis 7 splits them. */
    private static final Set<String> CONTAINERS = Set.of("client", "config", "command", "object", "memory",
            "slowlog", "latency", "pubsub");
    private static final int MAX_SUBCOMMANDS = 256;

    /** Room for this many command ids in {@link #byId}; a table this large is not in sight. */
    private static final int MAX_COMMAND_IDS = 1024;

    private final Map<String, CommandStats> byName = new ConcurrentHashMap<>();
    /**
     * The stats of each command that is not a container, by {@link CommandSpec#id()}: every call
     * finds them with one array read. Filled on first use; two event loops filling one slot at
     * once store the same object (from {@link #byName}), so the race is harmless.
     */
    private final CommandStats[] byId = new CommandStats[MAX_COMMAND_IDS];

    /** The stats a call of {@code spec} with {@code args} counts towards. */
    CommandStats of(CommandSpec spec, List<byte[]> args) {
        int id = spec.id();
        CommandStats known = id < MAX_COMMAND_IDS ? byId[id] : null;
        if (known != null) {
            return known;
        }
        if (CONTAINERS.contains(spec.name())) {
            return args.size() > 1 ? subcommand(spec, args) : named(spec.name());
        }
        CommandStats stats = named(spec.name());
        if (id < MAX_COMMAND_IDS) {
            byId[id] = stats;
        }
        return stats;
    }

    private CommandStats subcommand(CommandSpec spec, List<byte[]> args) {
        String full = spec.name() + "|" + new String(args.get(1), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        CommandStats sub = byName.get(full);
        if (sub != null || byName.size() >= MAX_SUBCOMMANDS) {
            return sub != null ? sub : named(spec.name());
        }
        return named(full);
    }

    private CommandStats named(String name) {
        CommandStats stats = byName.get(name);
        return stats != null ? stats : byName.computeIfAbsent(name, CommandStats::new);
    }

    /** Commands called or refused since the last reset, by name. */
    List<CommandStats> used() {
        return byName.values().stream().filter(CommandStats::used)
                .sorted(Comparator.comparing(CommandStats::name)).toList();
    }

    /** INFO's total_commands_processed. */
    long totalCalls() {
        long total = 0;
        for (CommandStats stats : byName.values()) {
            total += stats.calls();
        }
        return total;
    }

    /** CONFIG RESETSTAT. */
    void reset() {
        byName.values().forEach(CommandStats::reset);
    }
}
