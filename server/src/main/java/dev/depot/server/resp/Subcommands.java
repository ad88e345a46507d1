package dev.depot.server.resp;

import dev.depot.server.resp.meta.CommandMeta;

import java.util.Locale;

/**
 * Finds which served subcommand a container command (COMMAND, CLIENT, ...) was called with and
 * checks its argument count against the metadata, refusing with Redis's errors.
 */
final class Subcommands {
    /** Redis quotes at most this many characters of an unknown subcommand. */
    private static final int QUOTED = 128;

    private Subcommands() {
    }

    static CommandMeta resolve(Call call, CommandMeta container) {
        String sub = call.text(1);
        CommandMeta meta = container.servedSubcommand(sub).orElseThrow(() -> new RespException(
                "ERR unknown subcommand '" + (sub.length() > QUOTED ? sub.substring(0, QUOTED) : sub)
                        + "'. Try " + container.name().toUpperCase(Locale.ROOT) + " HELP."));
        if (!meta.acceptsArgCount(call.argc())) {
            throw new RespException("ERR wrong number of arguments for '" + meta.name() + "' command");
        }
        return meta;
    }
}
