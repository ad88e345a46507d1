package dev.depot.server.resp;

import dev.depot.server.resp.meta.CommandMeta;
import dev.depot.server.resp.meta.KeyFinder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * COMMAND and its subcommands: COUNT, LIST, INFO, DOCS, GETKEYS, GETKEYSANDFLAGS and HELP. They
 * describe only what Depot implements (a command of Redis's that Depot lacks is unknown here
 * too), from the command metadata.
 */
final class CommandIntrospection {
    private static final List<String> HELP = List.of(
            "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "(no subcommand)",
            "    Describe every command Depot implements.",
            "COUNT",
            "    Count the commands Depot implements.",
            "LIST [FILTERBY (MODULE <module-name>|ACLCAT <category>|PATTERN <pattern>)]",
            "    Name the commands and subcommands Depot implements, all of them or those of",
            "    a module (Depot has none), of an ACL category or matching a glob pattern.",
            "INFO [<command-name> ...]",
            "    Describe the given commands (all of them when none is given): arity, flags,",
            "    key positions, ACL categories, tips, key specs, subcommands.",
            "DOCS [<command-name> ...]",
            "    Document the given commands (all of them when none is given): summary,",
            "    version, group, complexity and argument syntax.",
            "GETKEYS <full-command>",
            "    Find the key names in a full command line.",
            "GETKEYSANDFLAGS <full-command>",
            "    Find the key names in a full command line, with how the command uses each.",
            "HELP",
            "    Print this help.");

    private CommandIntrospection() {
    }

    static void register(CommandTable table) {
        table.add("command", -1, CommandIntrospection::command);
    }

    private static void command(Call call) {
        CommandTable table = call.service().commands();
        if (call.argc() == 1) {
            infoOfAll(call.reply(), table);
            return;
        }
        CommandMeta sub = Subcommands.resolve(call, table.find(call.arg(0)).meta());
        switch (sub.name()) {
            case "command|count" -> call.reply().integer(table.all().size());
            case "command|list" -> list(call, table);
            case "command|info" -> info(call, table);
            case "command|docs" -> docs(call, table);
            case "command|getkeys" -> getKeys(call, table, false);
            case "command|getkeysandflags" -> getKeys(call, table, true);
            case "command|help" -> {
                call.reply().array(HELP.size());
                HELP.forEach(call.reply()::simple);
            }
            default -> throw new IllegalStateException("served but not handled: " + sub.name());
        }
    }

    private static void infoOfAll(RespReply reply, CommandTable table) {
        reply.array(table.all().size());
        table.all().forEach(spec -> CommandInfoReply.write(reply, spec.meta()));
    }

    /** COMMAND INFO [name ...]: nil for a name Depot does not implement. */
    private static void info(Call call, CommandTable table) {
        if (call.argc() == 2) {
            infoOfAll(call.reply(), table);
            return;
        }
        call.reply().array(call.argc() - 2);
        for (int i = 2; i < call.argc(); i++) {
            Optional<CommandMeta> meta = table.describe(call.text(i));
            if (meta.isPresent()) {
                CommandInfoReply.write(call.reply(), meta.get());
            } else {
                call.reply().nullBulk();
            }
        }
    }

    /** COMMAND DOCS [name ...]: a map by name; names Depot does not implement are left out. */
    private static void docs(Call call, CommandTable table) {
        List<CommandMeta> wanted = new ArrayList<>();
        if (call.argc() == 2) {
            table.all().forEach(spec -> wanted.add(spec.meta()));
        } else {
            for (int i = 2; i < call.argc(); i++) {
                table.describe(call.text(i)).ifPresent(wanted::add);
            }
        }
        call.reply().map(wanted.size());
        for (CommandMeta meta : wanted) {
            call.reply().bulk(meta.name());
            CommandDocsReply.write(call.reply(), meta);
        }
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN glob]. */
    private static void list(Call call, CommandTable table) {
        Predicate<CommandMeta> filter;
        if (call.argc() == 2) {
            filter = meta -> true;
        } else if (call.argc() == 5 && call.is(2, "FILTERBY") && call.is(3, "MODULE")) {
            filter = meta -> false; // Depot loads no modules
        } else if (call.argc() == 5 && call.is(2, "FILTERBY") && call.is(3, "ACLCAT")) {
            String category = call.text(4);
            filter = meta -> meta.info().inCategory(category);
        } else if (call.argc() == 5 && call.is(2, "FILTERBY") && call.is(3, "PATTERN")) {
            // Redis matches names ignoring case; they are lower case, so a lower-cased pattern does
            byte[] pattern = call.text(4).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
            filter = meta -> Glob.matches(pattern, meta.name().getBytes(StandardCharsets.ISO_8859_1));
        } else {
            throw RespException.syntax();
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec spec : table.all()) {
            if (filter.test(spec.meta())) {
                names.add(spec.name());
            }
            spec.meta().servedSubcommands().stream().filter(filter).forEach(sub -> names.add(sub.name()));
        }
        call.reply().array(names.size());
        names.forEach(call.reply()::bulk);
    }

    /** COMMAND GETKEYS / GETKEYSANDFLAGS command arg ...: the keys as the command would take them. */
    private static void getKeys(Call call, CommandTable table, boolean withFlags) {
        List<byte[]> target = call.args().subList(2, call.argc());
        CommandMeta meta = target(table, target)
                .orElseThrow(() -> new RespException("ERR Invalid command specified"));
        if (!meta.info().hasKeys()) {
            throw new RespException("ERR The command has no key arguments");
        }
        if (!meta.acceptsArgCount(target.size())) {
            throw new RespException("ERR Invalid number of arguments specified for command");
        }
        List<KeyFinder.FoundKey> keys = KeyFinder.find(meta, target).orElse(List.of());
        if (keys.isEmpty() && !meta.info().keysOptional()) {
            throw new RespException("ERR Invalid arguments specified for command");
        }
        RespReply reply = call.reply();
        reply.array(keys.size());
        for (KeyFinder.FoundKey key : keys) {
            if (withFlags) {
                reply.array(2);
                reply.bulk(target.get(key.position()));
                CommandInfoReply.flags(reply, key.flags());
            } else {
                reply.bulk(target.get(key.position()));
            }
        }
    }

    /** The implemented command a full command line calls: a container's served subcommand when it is one. */
    private static Optional<CommandMeta> target(CommandTable table, List<byte[]> target) {
        CommandSpec spec = table.find(target.get(0));
        if (spec == null) {
            return Optional.empty();
        }
        return spec.meta().isContainer()
                ? spec.meta().servedSubcommand(new String(target.get(1), StandardCharsets.ISO_8859_1))
                : Optional.of(spec.meta());
    }
}
