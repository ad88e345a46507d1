package dev.depot.server.resp.meta;

import java.util.List;

/**
 * One argument in a command's syntax, as COMMAND DOCS describes it (redis-cli builds its
 * typing hints from these). Optional texts are null when absent.
 *
 * @param type           {@code string}, {@code integer}, {@code double}, {@code key},
 *                       {@code pattern}, {@code unix-time}, {@code pure-token}, {@code oneof}
 *                       or {@code block} (the last two group {@link #arguments})
 * @param keySpecIndex   for a key, the index of its key spec; {@link #NO_KEY_SPEC} otherwise
 * @param token          the literal word that introduces it, or null
 * @param flags          {@code optional}, {@code multiple}, {@code multiple_token}
 */
public record Argument(String name, String type, int keySpecIndex, String token, String since,
                       String deprecatedSince, List<String> flags, List<Argument> arguments) {
    public static final int NO_KEY_SPEC = -1;

    public Argument {
        flags = List.copyOf(flags);
        arguments = List.copyOf(arguments);
    }
}
