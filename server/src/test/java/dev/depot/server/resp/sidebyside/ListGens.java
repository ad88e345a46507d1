package dev.depot.server.resp.sidebyside;

import static dev.depot.server.resp.sidebyside.CommandGen.of;

import java.util.ArrayList;
import java.util.List;

/** The list commands; the blocking ones only inside MULTI, where they answer at once. */
final class ListGens {
    private static final Handling IN_MULTI = new Handling.InMultiOnly(Match.Rule.EXACT);

    private static final List<CommandGen> ALL = List.of(
            of("lpush", d -> withElements(d)).weight(3),
            of("rpush", d -> withElements(d)).weight(3),
            of("lpushx", d -> withElements(d)),
            of("rpushx", d -> withElements(d)),
            of("lpop", ListGens::pop).weight(2),
            of("rpop", ListGens::pop).weight(2),
            of("llen", d -> List.of(d.key())),
            of("lrange", d -> List.of(d.key(), d.index(), d.index())).weight(3),
            of("lindex", d -> List.of(d.key(), d.index())),
            of("lset", d -> List.of(d.key(), d.index(), d.member())),
            of("linsert", d -> List.of(d.key(), d.word(d.chance(0.95) ? d.oneOf("BEFORE", "AFTER") : "AROUND"),
                    d.member(), d.member())),
            of("lrem", d -> List.of(d.key(), d.integer(-2, 2), d.member())),
            of("ltrim", d -> List.of(d.key(), d.index(), d.index())),
            of("lpos", ListGens::position).weight(2),
            of("lmove", d -> List.of(d.key(), d.key(), side(d), side(d))).weight(2),
            of("rpoplpush", d -> List.of(d.key(), d.key())),
            of("blpop", d -> blockingPop(d)).handled(IN_MULTI),
            of("brpop", d -> blockingPop(d)).handled(IN_MULTI),
            of("blmove", d -> List.of(d.key(), d.key(), side(d), side(d), timeout(d))).handled(IN_MULTI),
            of("brpoplpush", d -> List.of(d.key(), d.key(), timeout(d))).handled(IN_MULTI));

    private ListGens() {
    }

    static List<CommandGen> all() {
        return ALL;
    }

    private static List<String> withElements(Draw d) {
        List<String> args = new ArrayList<>(List.of(d.key()));
        args.addAll(d.some(1, 4, d::member));
        return args;
    }

    /** key [count]. */
    private static List<String> pop(Draw d) {
        return d.chance(0.5) ? List.of(d.key()) : List.of(d.key(), d.count());
    }

    private static String side(Draw d) {
        return d.chance(0.97) ? d.word(d.oneOf("LEFT", "RIGHT")) : "MIDDLE";
    }

    private static String timeout(Draw d) {
        return d.chance(0.9) ? d.oneOf("0", "0.01", "1") : d.oneOf("-1", "abc", "inf");
    }

    private static List<String> blockingPop(Draw d) {
        List<String> args = new ArrayList<>(d.some(1, 3, d::key));
        args.add(timeout(d));
        return args;
    }

    /** key element [RANK r] [COUNT n] [MAXLEN m], in any order. */
    private static List<String> position(Draw d) {
        List<List<String>> options = new ArrayList<>();
        if (d.chance(0.4)) {
            options.add(List.of(d.word("RANK"), d.integer(-3, 3)));
        }
        if (d.chance(0.4)) {
            options.add(List.of(d.word("COUNT"), d.count()));
        }
        if (d.chance(0.3)) {
            options.add(List.of(d.word("MAXLEN"), d.count()));
        }
        if (d.chance(0.03)) {
            options.add(List.of(d.oneOf("RANK", "LIMIT")));
        }
        List<String> args = new ArrayList<>(List.of(d.key(), d.member()));
        args.addAll(d.shuffled(options));
        return args;
    }
}
