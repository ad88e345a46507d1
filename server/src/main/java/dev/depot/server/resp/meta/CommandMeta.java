package dev.depot.server.resp.meta;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What Redis 7 knows about one command or subcommand: its COMMAND INFO facts, its COMMAND DOCS
 * and, for a container such as CLIENT, its subcommands.
 *
 * @param name                   lower case; a subcommand is named {@code container|sub}
 * @param subcommands            every subcommand Redis has, in name order
 * @param implementedSubcommands the names of those Depot serves (its containers dispatch them
 *                               themselves, so the metadata says which)
 */
public record CommandMeta(String name, CommandInfo info, CommandDocs docs, List<CommandMeta> subcommands,
                          Set<String> implementedSubcommands) {

    public CommandMeta {
        subcommands = List.copyOf(subcommands);
        implementedSubcommands = Set.copyOf(implementedSubcommands);
    }

    public boolean isContainer() {
        return !subcommands.isEmpty();
    }

    /** The subcommands Depot serves, in name order. */
    public List<CommandMeta> servedSubcommands() {
        return subcommands.stream().filter(s -> implementedSubcommands.contains(s.name())).toList();
    }

    /** A served subcommand by its own name ({@code "id"} for {@code client|id}), in any letter case. */
    public Optional<CommandMeta> servedSubcommand(String sub) {
        String full = name + "|" + sub.toLowerCase(Locale.ROOT);
        return implementedSubcommands.contains(full)
                ? subcommands.stream().filter(s -> s.name().equals(full)).findFirst()
                : Optional.empty();
    }

    public boolean acceptsArgCount(int count) {
        int arity = info.arity();
        return arity >= 0 ? count == arity : count >= -arity;
    }
}
