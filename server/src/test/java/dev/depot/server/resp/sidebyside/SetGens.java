package dev.depot.server.resp.sidebyside;

import static dev.depot.server.resp.sidebyside.CommandGen.of;

import java.util.ArrayList;
import java.util.List;

/** The set commands; SPOP and SRANDMEMBER pick at random, so they are judged by shape. */
final class SetGens {
    private static final List<CommandGen> ALL = List.of(
            of("sadd", d -> withMembers(d, 1, 4)).weight(5),
            of("srem", d -> withMembers(d, 1, 3)).weight(2),
            of("smembers", d -> List.of(d.key())).compared(Match.Rule.UNORDERED).weight(2),
            of("sismember", d -> List.of(d.key(), d.member())),
            of("smismember", d -> withMembers(d, 1, 3)),
            of("scard", d -> List.of(d.key())),
            of("spop", d -> d.chance(0.5) ? List.of(d.key()) : List.of(d.key(), d.count()))
                    .handled(new Handling.RandomPop(1)),
            of("srandmember", d -> d.chance(0.3) ? List.of(d.key()) : List.of(d.key(), d.integer(-5, 5)))
                    .compared(Match.Rule.SHAPE),
            of("smove", d -> List.of(d.key(), d.key(), d.member())),
            of("sinter", d -> d.some(1, 3, d::key)).compared(Match.Rule.UNORDERED),
            of("sunion", d -> d.some(1, 3, d::key)).compared(Match.Rule.UNORDERED),
            of("sdiff", d -> d.some(1, 3, d::key)).compared(Match.Rule.UNORDERED),
            of("sinterstore", d -> d.some(2, 4, d::key)),
            of("sunionstore", d -> d.some(2, 4, d::key)),
            of("sdiffstore", d -> d.some(2, 4, d::key)),
            of("sintercard", SetGens::interCard),
            of("sscan", HashGens::collectionScan).handled(new Handling.ScanAll(2, false)));

    private SetGens() {
    }

    static List<CommandGen> all() {
        return ALL;
    }

    private static List<String> withMembers(Draw d, int min, int max) {
        List<String> args = new ArrayList<>(List.of(d.key()));
        args.addAll(d.some(min, max, d::member));
        return args;
    }

    /** numkeys key [key ...] [LIMIT n]; the count sometimes wrong. */
    private static List<String> interCard(Draw d) {
        int keys = d.between(1, 3);
        List<String> args = new ArrayList<>();
        args.add(d.chance(0.9) ? Integer.toString(keys) : d.oneOf("0", "-1", "5", "abc"));
        args.addAll(d.some(keys, keys, d::key));
        if (d.chance(0.3)) {
            args.add(d.word("LIMIT"));
            args.add(d.count());
        }
        return args;
    }
}
