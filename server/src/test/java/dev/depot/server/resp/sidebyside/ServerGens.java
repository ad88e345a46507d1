package dev.depot.server.resp.sidebyside;

import static dev.depot.server.resp.sidebyside.CommandGen.of;

import java.util.ArrayList;
import java.util.List;

/**
 * Connection and server commands. Those that describe the server or the connection (TIME, CLIENT
 * ID, CLIENT INFO and LIST, HELLO, CONFIG GET, INFO) are judged by shape: Depot is another server,
 * but its replies must have Redis's types (in RESP3, INFO and CLIENT INFO/LIST are verbatim
 * strings). QUIT (it closes the connection), the subscribe commands (covered by their own tests),
 * and COMMAND, whose replies describe only what Depot implements, are left out.
 */
final class ServerGens {
    private static final List<CommandGen> ALL = List.of(
            of("select", d -> List.of(d.db())).weight(6),
            of("ping", d -> d.chance(0.5) ? List.of() : List.of(d.value())),
            of("echo", d -> List.of(d.value())),
            of("dbsize", d -> List.of()).weight(2),
            of("time", d -> List.of()).compared(Match.Rule.SHAPE),
            of("client", d -> List.of(d.word("ID"))).compared(Match.Rule.SHAPE),
            of("client", ServerGens::client),
            of("client", d -> d.oneOf(List.of(d.word("INFO")), List.of(d.word("LIST")),
                    List.of(d.word("LIST"), d.word("TYPE"), d.oneOf("normal", "pubsub"))))
                    .compared(Match.Rule.SHAPE),
            of("info", d -> d.chance(0.2) ? List.of()
                    : List.of(d.oneOf("server", "clients", "memory", "keyspace", "stats", "cluster", "nosuch")))
                    .compared(Match.Rule.SHAPE),
            of("hello", ServerGens::hello).compared(Match.Rule.SHAPE),
            of("reset", d -> List.of()).outsideMulti(),
            of("config", d -> List.of(d.word("GET"), d.oneOf("maxmemory", "save", "appendonly", "databases")))
                    .compared(Match.Rule.SHAPE),
            // a subcommand unknown or with the wrong number of arguments: refused before it is queued
            of("config", d -> d.oneOf(List.of(d.word("GET")), List.of(d.word("SET"), "maxmemory"),
                    List.of(d.word("FOO"), "x"))),
            of("object", d -> d.oneOf(List.of(d.word("ENCODING")), List.of(d.word("HELP"), "x"), List.of(d.word("FOO")),
                    List.of(d.word("ENCODING"), d.key(), "x"))),
            of("flushdb", d -> flushMode(d)),
            of("flushall", d -> flushMode(d)),
            of("publish", d -> List.of(d.oneOf("news", "x"), d.value())),
            of("pubsub", d -> d.oneOf(List.of(d.word("CHANNELS")), List.of(d.word("NUMSUB"), "news"),
                    List.of(d.word("NUMPAT")), List.of(d.word("NUMPAT"), "x"))),
            of("unwatch", d -> List.of()),
            // not a command at all: Redis's error quotes the first arguments, cut at 128 characters
            of("nosuchcommand", d -> d.some(0, 3, () -> d.chance(0.2) ? d.value().repeat(2) : d.value())),
            of("exec", d -> List.of()).outsideMulti(),
            of("discard", d -> List.of()).outsideMulti());

    private ServerGens() {
    }

    static List<CommandGen> all() {
        return ALL;
    }

    /** CLIENT SETNAME (valid and invalid names), GETNAME or an unknown subcommand. */
    private static List<String> client(Draw d) {
        return switch (d.between(1, 4)) {
            case 1 -> List.of(d.word("SETNAME"), d.oneOf("conn-a", "", "two words", "caf\u00e9"));
            case 2 -> List.of(d.word("GETNAME"));
            case 3 -> List.of(d.word("GETNAME"), "extra");
            default -> List.of(d.oneOf("FOO", "KILL-ALL"));
        };
    }

    /** HELLO [2|3 [SETNAME name] [AUTH user pass]], sometimes an unsupported version. */
    private static List<String> hello(Draw d) {
        List<String> args = new ArrayList<>();
        if (d.chance(0.1)) {
            return args;
        }
        args.add(d.chance(0.9) ? d.oneOf("2", "3") : d.oneOf("4", "1", "abc"));
        if (d.chance(0.2)) {
            args.add(d.word("SETNAME"));
            args.add(d.oneOf("conn-b", "bad name"));
        }
        if (d.chance(0.1)) {
            args.addAll(List.of(d.word("AUTH"), d.oneOf("default", "nobody"), "secret"));
        }
        return args;
    }

    private static List<String> flushMode(Draw d) {
        return d.chance(0.7) ? List.of() : List.of(d.word(d.chance(0.9) ? d.oneOf("SYNC", "ASYNC") : "LATER"));
    }
}
