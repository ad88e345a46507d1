package dev.depot.server.resp;

import dev.depot.server.resp.meta.CommandMeta;

import java.nio.charset.StandardCharsets;
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
        return new RespException(unknownMessage(call.args().get(0), call.args().get(1)));
    }

    /**
     * Redis's error for a subcommand its container does not have: the name as given, a C
     * string cut at {@value #QUOTED} characters, and the container in capitals.
     */
    static String unknownMessage(byte[] container, byte[] sub) {
        String quoted = cString(sub);
        return "ERR unknown subcommand '" + (quoted.length() > QUOTED ? quoted.substring(0, QUOTED) : quoted)
                + "'. Try " + cString(container).toUpperCase(Locale.ROOT) + " HELP.";
    }

    /** Redis quotes with %s: the text ends at a NUL byte. Latin-1 keeps every byte as one char. */
    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
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
