package dev.depot.server.resp;

import java.util.Locale;

/** What container commands (CLIENT, CONFIG, OBJECT...) share: subcommand arity, unknown names, HELP. */
final class Subcommands {
    private Subcommands() {
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
        return new RespException("ERR unknown subcommand '" + call.text(1) + "'. Try "
                + call.text(0).toUpperCase(Locale.ROOT) + " HELP.");
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
