package dev.depot.server.resp;

import dev.depot.server.resp.meta.Argument;
import dev.depot.server.resp.meta.CommandDocs;
import dev.depot.server.resp.meta.CommandMeta;

import java.util.List;

/**
 * One command's documentation as COMMAND DOCS gives it, in Redis 7.0's shape: a map of the
 * fields the command has (a flat array in RESP2), its arguments as maps, and for a container
 * the subcommands Depot serves. redis-cli builds its typing hints and HELP from this.
 */
final class CommandDocsReply {
    private CommandDocsReply() {
    }

    static void write(RespReply reply, CommandMeta command) {
        CommandDocs docs = command.docs();
        List<CommandMeta> served = command.servedSubcommands();
        reply.map(present(docs.summary()) + present(docs.since()) + present(docs.group()) + present(docs.complexity()) + (docs.docFlags().isEmpty() ? 0 : 1)
                + present(docs.deprecatedSince()) + present(docs.replacedBy())
                + (docs.arguments().isEmpty() ? 0 : 1) + (command.isContainer() ? 1 : 0));
        optional(reply, "summary", docs.summary());
        optional(reply, "since", docs.since());
        optional(reply, "group", docs.group());
        optional(reply, "complexity", docs.complexity());
        if (!docs.docFlags().isEmpty()) {
            reply.bulk("doc_flags");
            simpleSet(reply, docs.docFlags());
        }
        optional(reply, "deprecated_since", docs.deprecatedSince());
        optional(reply, "replaced_by", docs.replacedBy());
        if (!docs.arguments().isEmpty()) {
            reply.bulk("arguments");
            arguments(reply, docs.arguments());
        }
        if (command.isContainer()) {
            reply.bulk("subcommands");
            reply.map(served.size());
            for (CommandMeta sub : served) {
                reply.bulk(sub.name());
                write(reply, sub);
            }
        }
    }

    private static void arguments(RespReply reply, List<Argument> args) {
        reply.array(args.size());
        for (Argument arg : args) {
            boolean keyed = arg.keySpecIndex() != Argument.NO_KEY_SPEC;
            reply.map(2 + (keyed ? 1 : 0) + present(arg.token()) + present(arg.since())
                    + present(arg.deprecatedSince()) + (arg.flags().isEmpty() ? 0 : 1)
                    + (arg.arguments().isEmpty() ? 0 : 1));
            optional(reply, "name", arg.name());
            optional(reply, "type", arg.type());
            if (keyed) {
                reply.bulk("key_spec_index");
                reply.integer(arg.keySpecIndex());
            }
            optional(reply, "token", arg.token());
            optional(reply, "since", arg.since());
            optional(reply, "deprecated_since", arg.deprecatedSince());
            if (!arg.flags().isEmpty()) {
                reply.bulk("flags");
                simpleSet(reply, arg.flags());
            }
            if (!arg.arguments().isEmpty()) {
                reply.bulk("arguments");
                arguments(reply, arg.arguments());
            }
        }
    }

    private static int present(String text) {
        return text == null ? 0 : 1;
    }

    private static void optional(RespReply reply, String field, String text) {
        if (text != null) {
            reply.bulk(field);
            reply.bulk(text);
        }
    }

    private static void simpleSet(RespReply reply, List<String> words) {
        reply.set(words.size());
        words.forEach(reply::simple);
    }
}
