package dev.depot.server.resp.sidebyside;

import static dev.depot.server.resp.sidebyside.CommandGen.of;

import java.util.ArrayList;
import java.util.List;

/**
 * The sorted-set commands Depot has by rank and by score. Left out: ZRANK/ZREVRANK's WITHSCORE,
 * which Redis 7.0 does not have (it came with 7.2).
 */
final class SortedSetGens {
    /** Replies with scores: see {@link Match.Rule#SCORES} on the sign of zero. */
    private static final Match SCORES = Match.Rule.SCORES;

    /** Depot has Redis 7.2's ZRANK/ZREVRANK (arity -3, WITHSCORE); Redis 7.0 takes exactly 3 arguments. */
    private static final KnownDifference RANK_ARITY = new KnownDifference(
            "ZRANK/ZREVRANK with a fourth argument: Redis 7.0 answers an arity error, Depot (7.2's WITHSCORE) "
                    + "a syntax error",
            (redis, depot) -> redis.toString().contains("wrong number of arguments") && depot.isError());

    private static final List<CommandGen> ALL = List.of(
            of("zadd", SortedSetGens::add).compared(SCORES).weight(5),
            of("zincrby", d -> List.of(d.key(), d.score(), d.member())).compared(SCORES).weight(2),
            of("zscore", d -> List.of(d.key(), d.member())).compared(SCORES),
            of("zmscore", d -> withMembers(d)).compared(SCORES),
            of("zcard", d -> List.of(d.key())),
            of("zcount", d -> List.of(d.key(), d.scoreBound(), d.scoreBound())),
            of("zrem", d -> withMembers(d)).weight(2),
            of("zrank", d -> List.of(d.key(), d.member())).known(RANK_ARITY),
            of("zrevrank", d -> List.of(d.key(), d.member())).known(RANK_ARITY),
            of("zrange", SortedSetGens::range).compared(SCORES).weight(3),
            of("zrevrange", d -> withScores(d, List.of(d.key(), d.index(), d.index()))).compared(SCORES),
            of("zrangebyscore", d -> byScore(d)).compared(SCORES).weight(2),
            of("zrevrangebyscore", d -> byScore(d)).compared(SCORES),
            of("zpopmin", d -> d.chance(0.5) ? List.of(d.key()) : List.of(d.key(), d.count())).compared(SCORES),
            of("zpopmax", d -> d.chance(0.5) ? List.of(d.key()) : List.of(d.key(), d.count())).compared(SCORES),
            of("zunionstore", SortedSetGens::combineStore),
            of("zinterstore", SortedSetGens::combineStore));

    private SortedSetGens() {
    }

    static List<CommandGen> all() {
        return ALL;
    }

    private static List<String> withMembers(Draw d) {
        List<String> args = new ArrayList<>(List.of(d.key()));
        args.addAll(d.some(1, 3, d::member));
        return args;
    }

    /** key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...], sometimes clashing or uneven. */
    private static List<String> add(Draw d) {
        List<String> args = new ArrayList<>(List.of(d.key()));
        if (d.chance(0.2)) {
            args.add(d.word(d.oneOf("NX", "XX")));
        }
        if (d.chance(0.2)) {
            args.add(d.word(d.oneOf("GT", "LT")));
        }
        if (d.chance(0.2)) {
            args.add(d.word("CH"));
        }
        boolean incr = d.chance(0.15);
        if (incr) {
            args.add(d.word("INCR"));
        }
        int pairs = incr && d.chance(0.9) ? 1 : d.between(1, 3);
        for (int i = 0; i < pairs; i++) {
            args.add(d.score());
            args.add(d.member());
        }
        if (d.chance(0.04)) {
            args.remove(args.size() - 1);
        }
        return args;
    }

    private static List<String> withScores(Draw d, List<String> args) {
        List<String> out = new ArrayList<>(args);
        if (d.chance(0.4)) {
            out.add(d.word(d.chance(0.95) ? "WITHSCORES" : "WITHSCORE"));
        }
        return out;
    }

    private static List<String> limit(Draw d) {
        return List.of(d.word("LIMIT"), d.integer(-1, 3), d.integer(-1, 3));
    }

    /** key min max [WITHSCORES] [LIMIT offset count]. */
    private static List<String> byScore(Draw d) {
        List<List<String>> options = new ArrayList<>();
        if (d.chance(0.4)) {
            options.add(List.of(d.word("WITHSCORES")));
        }
        if (d.chance(0.3)) {
            options.add(limit(d));
        }
        List<String> args = new ArrayList<>(List.of(d.key(), d.scoreBound(), d.scoreBound()));
        args.addAll(d.shuffled(options));
        return args;
    }

    /** key start stop [BYSCORE] [REV] [LIMIT offset count] [WITHSCORES], in any order. */
    private static List<String> range(Draw d) {
        boolean byScore = d.chance(0.4);
        List<List<String>> options = new ArrayList<>();
        if (byScore) {
            options.add(List.of(d.word("BYSCORE")));
        }
        if (d.chance(0.3)) {
            options.add(List.of(d.word("REV")));
        }
        if (d.chance(byScore ? 0.4 : 0.05)) {
            options.add(limit(d));
        }
        if (d.chance(0.4)) {
            options.add(List.of(d.word("WITHSCORES")));
        }
        List<String> args = new ArrayList<>(List.of(d.key()));
        args.add(byScore ? d.scoreBound() : d.index());
        args.add(byScore ? d.scoreBound() : d.index());
        args.addAll(d.shuffled(options));
        return args;
    }

    /** destination numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX]. */
    private static List<String> combineStore(Draw d) {
        int keys = d.between(1, 3);
        List<String> args = new ArrayList<>(List.of(d.key()));
        args.add(d.chance(0.92) ? Integer.toString(keys) : d.oneOf("0", "-1", "9", "abc"));
        args.addAll(d.some(keys, keys, d::key));
        List<List<String>> options = new ArrayList<>();
        if (d.chance(0.3)) {
            List<String> weights = new ArrayList<>(List.of(d.word("WEIGHTS")));
            weights.addAll(d.some(keys, d.chance(0.9) ? keys : keys + 1, d::score));
            options.add(weights);
        }
        if (d.chance(0.3)) {
            options.add(List.of(d.word("AGGREGATE"), d.word(d.chance(0.95) ? d.oneOf("SUM", "MIN", "MAX") : "AVG")));
        }
        args.addAll(d.shuffled(options));
        return args;
    }
}
