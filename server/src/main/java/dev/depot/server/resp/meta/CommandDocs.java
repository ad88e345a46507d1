package dev.depot.server.resp.meta;

import java.util.List;

/**
 * The facts COMMAND DOCS reports. Optional texts are null when Redis has none for the command.
 *
 * @param summary         Depot's own one-line description (null: none written yet)
 * @param since           the Redis version that introduced the command
 * @param group           Redis's documentation group: {@code string}, {@code sorted-set}, ...
 * @param complexity      the big-O formula, or null
 * @param docFlags        {@code deprecated}, {@code syscmd}
 * @param deprecatedSince the Redis version that deprecated it, or null
 * @param replacedBy      what to use instead, or null
 */
public record CommandDocs(String summary, String since, String group, String complexity, List<String> docFlags,
                          String deprecatedSince, String replacedBy, List<Argument> arguments) {
    public CommandDocs {
        docFlags = List.copyOf(docFlags);
        arguments = List.copyOf(arguments);
    }
}
