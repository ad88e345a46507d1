package dev.depot.server.resp;

import dev.depot.protocol.resp.RespDoubles;
import dev.depot.storage.types.SortedSetValue;
import dev.depot.storage.types.SortedSetValue.Scored;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sorted-set commands on single members (ZADD, ZINCRBY, ZSCORE, ZMSCORE, ZCARD, ZREM,
 * ZRANK, ZREVRANK, ZRANDMEMBER, ZSCAN); {@link #register} also registers the range, algebra
 * and pop commands of the other SortedSet* classes.
 */
final class SortedSetCommands {
    /** Redis refuses ZRANDMEMBER counts beyond this with WITHSCORES: the reply would double them. */
    private static final long MAX_COUNT_WITH_SCORES = Long.MAX_VALUE / 2;

    private SortedSetCommands() {
    }

    static void register(CommandTable table) {
        table.add("zadd", -4, SortedSetCommands::add);
        table.add("zincrby", 4, SortedSetCommands::incrBy);
        table.add("zscore", 3, call -> SortedSetReplies.scoreOrNull(call,
                SortedSetKeys.read(call, call.arg(1), z -> z.score(call.arg(2)))));
        table.add("zmscore", -3, SortedSetCommands::multiScore);
        table.add("zcard", 2, call -> call.reply().integer(orZero(SortedSetKeys.read(call, call.arg(1), z -> (long) z.size()))));
        table.add("zrem", -3, SortedSetCommands::remove);
        table.add("zrank", -3, call -> rank(call, false));
        table.add("zrevrank", -3, call -> rank(call, true));
        table.add("zrandmember", -2, SortedSetCommands::randomMembers);
        table.add("zscan", -3, SortedSetCommands::scan);
        SortedSetRangeCommands.register(table);
        SortedSetAlgebraCommands.register(table);
        SortedSetPopCommands.register(table);
    }

    private static void add(Call call) {
        boolean nx = false, xx = false, gt = false, lt = false, ch = false, incr = false;
        int i = 2;
        options:
        for (; i < call.argc(); i++) {
            switch (call.text(i).toUpperCase(Locale.ROOT)) {
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "GT" -> gt = true;
                case "LT" -> lt = true;
                case "CH" -> ch = true;
                case "INCR" -> incr = true;
                default -> {
                    break options; // not an option: the score/member pairs start here
                }
            }
        }
        int pairs = call.argc() - i;
        if (pairs == 0 || pairs % 2 != 0) {
            throw RespException.syntax();
        }
        if (nx && xx) {
            throw new RespException("ERR XX and NX options at the same time are not compatible");
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new RespException("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && pairs != 2) {
            throw new RespException("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[pairs / 2];
        for (int p = 0; p < scores.length; p++) {
            scores[p] = RespDoubles.parse(call.arg(i + 2 * p));
            if (Double.isNaN(scores[p])) {
                throw new RespException(RespException.NOT_A_FLOAT);
            }
        }
        int first = i;
        boolean onlyNew = nx, onlyExisting = xx, greater = gt, less = lt, changed = ch, increment = incr;
        // Redis publishes only when a member was added or its score changed (a CH-free notion)
        boolean[] touched = {false};
        Object result = SortedSetKeys.add(call, call.arg(1), !onlyExisting, increment ? "zincr" : "zadd",
                r -> touched[0], z -> {
            long count = 0;
            Double incremented = null;
            for (int p = 0; p < scores.length; p++) {
                byte[] member = call.arg(first + 2 * p + 1);
                Double old = z.score(member);
                double score = increment && old != null ? old + scores[p] : scores[p];
                if (Double.isNaN(score)) {
                    throw new RespException("ERR resulting score is not a number (NaN)");
                }
                if (old == null ? onlyExisting : onlyNew) {
                    continue;
                }
                if (old != null && (greater && !(score > old) || less && !(score < old))) {
                    continue;
                }
                if (old == null || score != old) { // an equal score (-0 for 0 too) is left as it is
                    z.put(member, score);
                    touched[0] = true;
                }
                incremented = score;
                if (old == null || changed && old != score) {
                    count++;
                }
            }
            return increment ? (Object) incremented : (Object) count;
        });
        if (increment) {
            SortedSetReplies.scoreOrNull(call, (Double) result);
        } else {
            call.reply().integer(result == null ? 0 : (Long) result);
        }
    }

    private static void incrBy(Call call) {
        double delta = call.doubleArg(2);
        boolean[] touched = {false}; // like Redis, the key counts as changed only when the score did
        double score = SortedSetKeys.add(call, call.arg(1), true, "zincr", next -> touched[0], z -> {
            Double old = z.score(call.arg(3));
            double next = (old == null ? 0 : old) + delta;
            if (Double.isNaN(next)) {
                throw new RespException("ERR resulting score is not a number (NaN)");
            }
            if (old == null || next != old) {
                z.put(call.arg(3), next);
                touched[0] = true;
            }
            return next;
        });
        call.reply().score(score);
    }

    private static void multiScore(Call call) {
        List<Double> scores = SortedSetKeys.read(call, call.arg(1), z -> {
            List<Double> out = new ArrayList<>();
            for (int i = 2; i < call.argc(); i++) {
                out.add(z.score(call.arg(i)));
            }
            return out;
        });
        call.reply().array(call.argc() - 2);
        for (int i = 2; i < call.argc(); i++) {
            SortedSetReplies.scoreOrNull(call, scores == null ? null : scores.get(i - 2));
        }
    }

    private static void remove(Call call) {
        Long removed = SortedSetKeys.remove(call, call.arg(1), "zrem", n -> n > 0, z -> {
            long n = 0;
            for (int i = 2; i < call.argc(); i++) {
                n += z.remove(call.arg(i)) ? 1 : 0;
            }
            return n;
        });
        call.reply().integer(orZero(removed));
    }

    private static void rank(Call call, boolean reverse) {
        boolean withScore = call.argc() == 4 && call.is(3, "WITHSCORE");
        if (call.argc() > 4 || call.argc() == 4 && !withScore) {
            throw RespException.syntax();
        }
        RankAndScore found = SortedSetKeys.read(call, call.arg(1), z -> {
            long rank = z.rank(call.arg(2));
            return rank < 0 ? null : new RankAndScore(reverse ? z.size() - 1 - rank : rank, z.score(call.arg(2)));
        });
        if (found == null) {
            if (withScore) {
                call.reply().nullArray();
            } else {
                call.reply().nullBulk();
            }
            return;
        }
        if (withScore) {
            call.reply().array(2);
            call.reply().integer(found.rank());
            call.reply().score(found.score());
        } else {
            call.reply().integer(found.rank());
        }
    }

    private record RankAndScore(long rank, double score) {
    }

    /** ZRANDMEMBER key [count [WITHSCORES]]. */
    private static void randomMembers(Call call) {
        if (call.argc() == 2) {
            Scored picked = SortedSetKeys.read(call, call.arg(1), SortedSetValue::random);
            if (picked == null) {
                call.reply().nullBulk();
            } else {
                call.reply().bulk(picked.member());
            }
            return;
        }
        long count = call.longArg(2);
        if (count == Long.MIN_VALUE) {
            throw new RespException("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        }
        if (call.argc() > 4 || call.argc() == 4 && !call.is(3, "WITHSCORES")) {
            throw RespException.syntax();
        }
        boolean withScores = call.argc() == 4;
        if (withScores && Math.abs(count) > MAX_COUNT_WITH_SCORES) {
            throw new RespException("ERR value is out of range");
        }
        List<Scored> picked = SortedSetKeys.read(call, call.arg(1), z -> pick(z, count));
        SortedSetReplies.members(call, picked == null ? List.of() : picked, withScores);
    }

    /**
     * As Redis picks: a negative count allows repeats; a count covering the set returns all of
     * it, highest first; a smaller one picks distinct members at random ranks.
     */
    private static List<Scored> pick(SortedSetValue z, long count) {
        List<Scored> out = new ArrayList<>();
        if (count < 0) {
            for (long i = 0; i < -count; i++) {
                out.add(z.random());
            }
        } else if (count >= z.size()) {
            z.fromRank(z.size() - 1L, true).forEachRemaining(out::add);
        } else {
            // Floyd's sampling: count distinct ranks, each rank equally likely
            Set<Long> ranks = new HashSet<>();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (long top = z.size() - count; top < z.size(); top++) {
                long rank = random.nextLong(top + 1);
                ranks.add(ranks.contains(rank) ? top : rank);
            }
            ranks.forEach(rank -> out.add(z.at(rank)));
            Collections.shuffle(out, random); // the ranks come out of the hash set nearly sorted
        }
        return out;
    }

    /** ZSCAN key cursor [MATCH pattern] [COUNT count]: the whole set in one step, scores as text. */
    private static void scan(Call call) {
        ScanArgs scan = ScanArgs.parse(call, 2, false);
        List<Scored> matching = SortedSetKeys.read(call, call.arg(1), z -> {
            List<Scored> out = new ArrayList<>();
            for (Iterator<Scored> it = z.fromRank(0, false); it.hasNext(); ) {
                Scored s = it.next();
                if (scan.matches(s.member())) {
                    out.add(s);
                }
            }
            return out;
        });
        List<Scored> items = matching == null ? List.of() : matching;
        call.reply().array(2);
        call.reply().bulk("0");
        call.reply().array(items.size() * 2);
        for (Scored s : items) {
            call.reply().bulk(s.member());
            call.reply().bulk(RespDoubles.format(s.score()));
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
