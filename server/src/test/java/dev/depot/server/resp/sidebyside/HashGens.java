package dev.depot.server.resp.sidebyside;

import static dev.depot.server.resp.sidebyside.CommandGen.of;

import java.util.ArrayList;
import java.util.List;

/** The hash commands. */
final class HashGens {
    private static final List<CommandGen> ALL = List.of(
            of("hset", d -> fieldsAndValues(d)).weight(4),
            of("hmset", d -> fieldsAndValues(d)),
            of("hsetnx", d -> List.of(d.key(), d.member(), d.value())),
            of("hget", d -> List.of(d.key(), d.member())).weight(2),
            of("hmget", d -> withFields(d, 1, 3)),
            of("hgetall", d -> List.of(d.key())).compared(Match.Rule.UNORDERED_PAIRS).weight(2),
            of("hkeys", d -> List.of(d.key())).compared(Match.Rule.UNORDERED),
            of("hvals", d -> List.of(d.key())).compared(Match.Rule.UNORDERED),
            of("hlen", d -> List.of(d.key())),
            of("hexists", d -> List.of(d.key(), d.member())),
            of("hstrlen", d -> List.of(d.key(), d.member())),
            of("hdel", d -> withFields(d, 1, 3)).weight(2),
            of("hincrby", d -> List.of(d.key(), d.member(), d.integer(-10, 10))).weight(2),
            of("hincrbyfloat", d -> List.of(d.key(), d.member(), d.score())).weight(2),
            of("hscan", HashGens::collectionScan).handled(new Handling.ScanAll(2, true)));

    private HashGens() {
    }

    static List<CommandGen> all() {
        return ALL;
    }

    /** key field value [field value ...], once in a while a value short. */
    private static List<String> fieldsAndValues(Draw d) {
        List<String> args = new ArrayList<>(List.of(d.key()));
        int n = d.between(1, 3);
        for (int i = 0; i < n; i++) {
            args.add(d.member());
            args.add(d.value());
        }
        if (d.chance(0.05)) {
            args.remove(args.size() - 1);
        }
        return args;
    }

    private static List<String> withFields(Draw d, int min, int max) {
        List<String> args = new ArrayList<>(List.of(d.key()));
        args.addAll(d.some(min, max, d::member));
        return args;
    }

    /** HSCAN and SSCAN: key cursor [MATCH pattern] [COUNT n]; sometimes a bad cursor or SCAN's TYPE, which HSCAN refuses. */
    static List<String> collectionScan(Draw d) {
        List<String> args = new ArrayList<>(List.of(d.key(), KeyGens.cursor(d)));
        List<List<String>> options = new ArrayList<>();
        if (d.chance(0.4)) {
            options.add(List.of(d.word("MATCH"), d.chance(0.5) ? d.pattern() : d.oneOf("a*", "?", "[ab]", "*")));
        }
        if (d.chance(0.3)) {
            options.add(List.of(d.word("COUNT"), d.chance(0.8) ? d.oneOf("1", "2", "100") : d.count()));
        }
        if (d.chance(0.03)) {
            options.add(List.of("TYPE", "string"));
        }
        args.addAll(d.shuffled(options));
        return args;
    }
}
