package dev.depot.server.resp.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The command generator table: the commands of each data type (and the generic ones), with the
 * keys that type's commands mostly use. To cover a new command, add a {@link CommandGen} to its
 * family's list.
 */
enum Family {
    KEYS(12, List.of(), KeyGens::all),
    STRINGS(15, List.of("s1", "s2", "s3"), StringGens::all),
    BITS(7, List.of("s1", "s2", "s3"), BitGens::all),
    HASHES(13, List.of("h1", "h2"), HashGens::all),
    LISTS(14, List.of("l1", "l2", "l3"), ListGens::all),
    SETS(13, List.of("t1", "t2", "t3"), SetGens::all),
    SORTED_SETS(14, List.of("z1", "z2", "z3"), SortedSetGens::all),
    SERVER(5, List.of(), ServerGens::all);

    /** Every family's own keys, each once. */
    private static final List<String> ANY_KEYS = collectKeys();

    /** How often the family is drawn, relative to the others. */
    private final int weight;
    private final List<String> keys;
    private final Supplier<List<CommandGen>> commands;

    Family(int weight, List<String> keys, Supplier<List<CommandGen>> commands) {
        this.weight = weight;
        this.keys = keys;
        this.commands = commands;
    }

    int weight() {
        return weight;
    }

    /** The keys this family's commands mostly use; empty: any family's keys. */
    List<String> keys() {
        return keys;
    }

    List<CommandGen> commands() {
        return commands.get();
    }

    static List<String> anyKeys() {
        return ANY_KEYS;
    }

    private static List<String> collectKeys() {
        List<String> all = new ArrayList<>();
        for (Family f : values()) {
            for (String k : f.keys) {
                if (!all.contains(k)) {
                    all.add(k);
                }
            }
        }
        return List.copyOf(all);
    }
}
