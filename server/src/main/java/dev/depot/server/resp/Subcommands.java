package dev.depot.server.resp;

import dev.depot.server.resp.meta.CommandMeta;

import java.util.Locale;

/**
 * What container commands (COMMAND, CLIENT, CONFIG, OBJECT...) share: finding the subcommand,
 * checking its argument count, refusing unknown names with Redis's errors, and HELP.
 */
final class Subcommands {
    /** Redis quotes at most this many characters of an unknown subcommand. */
    private static final int QUOTED = 128;

    private Subcommands() {
    }

    /** The served subcommand of {@code container} the call names, its argument count checked against the metadata. */
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

    /**
     * Refuses a call whose argument count does not fit {@code arity} (Redis's: N exactly, -N at
     * least), naming it as Redis does: {@code 'client|kill'}.
     */
    static void checkArity(Call call, int arity) {
        int n = call.argc();
        if (arity >= 0 ? n != arity : n < -arity) {
            throw new RespException("ERR wrong number of arguments for '" + call.text(0).toLowerCase(Locale.ROOT) + "|"
                    + call.text(1).toLowerCase(Locale.ROOT) + "' command");
        }
    }

    static RespException unknown(Call call) {
        String sub = call.text(1);
        return new RespException("ERR unknown subcommand '" + (sub.length() > QUOTED ? sub.substring(0, QUOTED) : sub)
                + "'. Try " + call.text(0).toUpperCase(Locale.ROOT) + " HELP.");
    }

    /** HELP's reply: a first line naming the command, then {@code lines}, then HELP itself. */
    static void help(Call call, String... lines) {
        String command = call.text(0).toUpperCase(Locale.ROOT);
        RespReply reply = call.reply();
        reply.array(lines.length + 3);
        reply.simple(command + " <subcommand> [<arg> ...], where the subcommand is one of:");
        for (String line : lines) {
            reply.simple(line);
        }
        reply.simple("HELP");
        reply.simple("    Show this list.");
    }
}
