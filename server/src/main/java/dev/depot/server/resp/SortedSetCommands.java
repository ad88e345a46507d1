package dev.depot.server.resp;

import dev.depot.protocol.resp.RespDoubles;
import dev.depot.storage.types.Bytes;
import dev.depot.storage.types.SetValue;
import dev.depot.storage.types.SortedSetValue;
import dev.depot.storage.types.SortedSetValue.Scored;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** The sorted-set commands (by rank and by score; the lexicographic forms come later). */
final class SortedSetCommands {
    private SortedSetCommands() {
    }

    static void register(CommandTable table) {
        table.add("zadd", -4, SortedSetCommands::add);
        table.add("zincrby", 4, SortedSetCommands::incrBy);
        table.add("zscore", 3, call -> scoreOrNull(call, read(call, call.arg(1), z -> z.score(call.arg(2)))));
        table.add("zmscore", -3, SortedSetCommands::multiScore);
        table.add("zcard", 2, call -> call.reply().integer(orZero(read(call, call.arg(1), z -> (long) z.size()))));
        table.add("zcount", 4, SortedSetCommands::count);
        table.add("zrem", -3, SortedSetCommands::remove);
        table.add("zrank", -3, call -> rank(call, false));
        table.add("zrevrank", -3, call -> rank(call, true));
        table.add("zrange", -4, SortedSetCommands::range);
        table.add("zrevrange", -4, call -> {
            boolean scoresToo = withScores(call, 4); // the options before the range, as Redis reads them
            rangeByRank(call, call.longArg(2), call.longArg(3), true, scoresToo);
        });
        table.add("zrangebyscore", -4, call -> rangeByScore(call, call.arg(2), call.arg(3), false, 4));
        table.add("zrevrangebyscore", -4, call -> rangeByScore(call, call.arg(3), call.arg(2), true, 4));
        table.add("zpopmin", -2, call -> pop(call, true));
        table.add("zpopmax", -2, call -> pop(call, false));
        table.add("zunionstore", -4, call -> combineStore(call, true));
        table.add("zinterstore", -4, call -> combineStore(call, false));
    }

    private static <R> R read(Call call, byte[] key, Function<SortedSetValue, R> reader) {
        return CollectionKeys.read(call, key, SortedSetValue.class, reader);
    }

    /** Changes the collection at {@code key} (created when {@code create}); null when absent and not created. */
    private static <R> R write(Call call, byte[] key, boolean create, Function<SortedSetValue, R> writer) {
        return write(call, key, create, writer, result -> true);
    }

    /** {@link #write}, the key changed (for WATCH) only when {@code changed} holds for the result. */
    private static <R> R write(Call call, byte[] key, boolean create, Function<SortedSetValue, R> writer,
                               Predicate<R> changed) {
        return CollectionKeys.write(call, key, SortedSetValue.class, create ? SortedSetValue::new : null, writer,
                changed);
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
        boolean[] touched = {false}; // like Redis, the key counts as changed only when a score did
        Object result = write(call, call.arg(1), !onlyExisting, z -> {
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
        }, r -> touched[0]);
        if (increment) {
            scoreOrNull(call, (Double) result);
        } else {
            call.reply().integer(result == null ? 0 : (Long) result);
        }
    }

    private static void incrBy(Call call) {
        double delta = call.doubleArg(2);
        boolean[] touched = {false}; // like Redis, the key counts as changed only when the score did
        double score = write(call, call.arg(1), true, z -> {
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
        }, next -> touched[0]);
        call.reply().score(score);
    }

    private static void multiScore(Call call) {
        List<Double> scores = read(call, call.arg(1), z -> {
            List<Double> out = new ArrayList<>();
            for (int i = 2; i < call.argc(); i++) {
                out.add(z.score(call.arg(i)));
            }
            return out;
        });
        call.reply().array(call.argc() - 2);
        for (int i = 2; i < call.argc(); i++) {
            scoreOrNull(call, scores == null ? null : scores.get(i - 2));
        }
    }

    private static void count(Call call) {
        ScoreRange range = ScoreRange.parse(call.arg(2), call.arg(3));
        Long n = read(call, call.arg(1), z -> z.ascending().stream().filter(s -> range.contains(s.score())).count());
        call.reply().integer(orZero(n));
    }

    private static void remove(Call call) {
        Long removed = write(call, call.arg(1), false, z -> {
            long n = 0;
            for (int i = 2; i < call.argc(); i++) {
                n += z.remove(call.arg(i)) ? 1 : 0;
            }
            return n;
        }, n -> n > 0);
        call.reply().integer(orZero(removed));
    }

    private static void rank(Call call, boolean reverse) {
        boolean withScore = call.argc() == 4 && call.is(3, "WITHSCORE");
        if (call.argc() > 4 || call.argc() == 4 && !withScore) {
            throw RespException.syntax();
        }
        RankAndScore found = read(call, call.arg(1), z -> {
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

    private static boolean withScores(Call call, int from) {
        if (call.argc() == from + 1 && call.is(from, "WITHSCORES")) {
            return true;
        }
        if (call.argc() > from) {
            throw RespException.syntax();
        }
        return false;
    }

    /** ZRANGE key start stop [BYSCORE] [REV] [LIMIT offset count] [WITHSCORES]. */
    private static void range(Call call) {
        boolean byScore = false, rev = false, scoresToo = false;
        long offset = 0, limit = -1;
        for (int i = 4; i < call.argc(); i++) {
            if (call.is(i, "BYSCORE")) {
                byScore = true;
            } else if (call.is(i, "REV")) {
                rev = true;
            } else if (call.is(i, "WITHSCORES")) {
                scoresToo = true;
            } else if (call.is(i, "LIMIT") && i + 2 < call.argc()) {
                offset = call.longArg(i + 1);
                limit = call.longArg(i + 2);
                i += 2;
            } else {
                throw RespException.syntax();
            }
        }
        if (limit != -1 && !byScore) { // a count of -1 is no limit at all, also by rank
            throw new RespException("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (byScore) {
            byte[] min = rev ? call.arg(3) : call.arg(2);
            byte[] max = rev ? call.arg(2) : call.arg(3);
            reply(call, scoreSlice(call, ScoreRange.parse(min, max), rev, offset, limit), scoresToo);
        } else {
            rangeByRank(call, call.longArg(2), call.longArg(3), rev, scoresToo);
        }
    }

    private static void rangeByRank(Call call, long start, long stop, boolean rev, boolean scoresToo) {
        List<Scored> items = read(call, call.arg(1), z -> {
            int size = z.size();
            long from = start < 0 ? Math.max(0, size + start) : start;
            long to = stop < 0 ? size + stop : Math.min(stop, size - 1L);
            List<Scored> out = new ArrayList<>();
            Iterator<Scored> it = z.fromRank(from, rev);
            for (long i = from; i <= to && it.hasNext(); i++) {
                out.add(it.next());
            }
            return out;
        });
        reply(call, items == null ? List.of() : items, scoresToo);
    }

    private static void rangeByScore(Call call, byte[] min, byte[] max, boolean rev, int optionsFrom) {
        boolean scoresToo = false;
        long offset = 0, limit = -1;
        for (int i = optionsFrom; i < call.argc(); i++) {
            if (call.is(i, "WITHSCORES")) {
                scoresToo = true;
            } else if (call.is(i, "LIMIT") && i + 2 < call.argc()) {
                offset = call.longArg(i + 1);
                limit = call.longArg(i + 2);
                i += 2;
            } else {
                throw RespException.syntax();
            }
        }
        reply(call, scoreSlice(call, ScoreRange.parse(min, max), rev, offset, limit), scoresToo);
    }

    private static List<Scored> scoreSlice(Call call, ScoreRange range, boolean rev, long offset, long limit) {
        List<Scored> items = read(call, call.arg(1), z -> {
            List<Scored> out = new ArrayList<>();
            long skipped = 0;
            Iterator<Scored> it = rev ? z.ascending().descendingIterator() : z.ascending().iterator();
            while (it.hasNext() && (limit < 0 || out.size() < limit)) {
                Scored s = it.next();
                if (!range.contains(s.score())) {
                    if (rev ? range.belowMin(s.score()) : range.aboveMax(s.score())) {
                        break;
                    }
                    continue;
                }
                if (skipped++ < offset) {
                    continue;
                }
                out.add(s);
            }
            return out;
        });
        return offset < 0 || items == null ? List.of() : items;
    }

    private static void pop(Call call, boolean lowest) {
        if (call.argc() > 3) {
            throw RespException.syntax();
        }
        long count = call.argc() == 3 ? call.nonNegativeArg(2, "ERR value is out of range, must be positive") : 1;
        List<Scored> popped = write(call, call.arg(1), false, z -> {
            List<Scored> out = new ArrayList<>();
            for (long i = 0; i < count && !z.isEmpty(); i++) {
                out.add(z.popFirst(lowest));
            }
            return out;
        }, out -> !out.isEmpty()); // a count of 0 changes nothing (WATCH)
        List<Scored> items = popped == null ? List.of() : popped;
        if (call.argc() == 2 && !items.isEmpty()) {
            // without a count, Redis answers one flat member-score pair, in RESP3 too
            call.reply().array(2);
            call.reply().bulk(items.get(0).member());
            call.reply().score(items.get(0).score());
            return;
        }
        reply(call, items, true);
    }

    /** ZUNIONSTORE / ZINTERSTORE dest numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX]. */
    private static void combineStore(Call call, boolean union) {
        long numKeys = call.longArg(2);
        if (numKeys <= 0) {
            throw new RespException("ERR at least 1 input key is needed for '"
                    + (union ? "zunionstore" : "zinterstore") + "' command");
        }
        if (3 + numKeys > call.argc()) {
            throw RespException.syntax();
        }
        // the sources are read (WRONGTYPE) before the options, as Redis does
        List<Map<Bytes, Double>> sources = new ArrayList<>();
        for (int k = 0; k < numKeys; k++) {
            sources.add(scoresOf(call, call.arg(3 + k)));
        }
        double[] weights = new double[(int) numKeys];
        java.util.Arrays.fill(weights, 1);
        String aggregate = "SUM";
        for (int i = 3 + (int) numKeys; i < call.argc(); i++) {
            if (call.is(i, "WEIGHTS") && i + numKeys < call.argc()) {
                for (int w = 0; w < numKeys; w++) {
                    double weight = RespDoubles.parse(call.arg(i + 1 + w));
                    if (Double.isNaN(weight)) {
                        throw new RespException("ERR weight value is not a float");
                    }
                    weights[w] = weight;
                }
                i += (int) numKeys;
            } else if (call.is(i, "AGGREGATE") && i + 1 < call.argc()) {
                aggregate = call.text(++i).toUpperCase(Locale.ROOT);
                if (!List.of("SUM", "MIN", "MAX").contains(aggregate)) {
                    throw RespException.syntax();
                }
            } else {
                throw RespException.syntax();
            }
        }
        Map<Bytes, Double> result = null;
        // Redis combines the sources from the smallest to the largest (a stable sort, ties in
        // argument order): with floats, the order of the additions shows in the sums
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < numKeys; k++) {
            order.add(k);
        }
        order.sort(java.util.Comparator.comparingInt(k -> sources.get(k).size()));
        for (int k : order) {
            Map<Bytes, Double> source = sources.get(k);
            Map<Bytes, Double> weighted = new LinkedHashMap<>();
            double weight = weights[k];
            boolean first = result == null;
            source.forEach((m, s) -> {
                double product = s * weight;
                // Redis zeroes a NaN product (0 * inf) in every source of a union, but only in the
                // first (smallest) source of an intersection: later ones reach the aggregate as NaN
                weighted.put(m, Double.isNaN(product) && (union || first) ? 0 : product);
            });
            if (first) {
                result = weighted;
                continue;
            }
            Map<Bytes, Double> merged = new LinkedHashMap<>();
            String how = aggregate;
            if (union) {
                merged.putAll(result);
                weighted.forEach((m, s) -> merged.merge(m, s, (a, b) -> aggregate(how, a, b)));
            } else {
                Map<Bytes, Double> previous = result;
                weighted.forEach((m, s) -> {
                    Double there = previous.get(m);
                    if (there != null) {
                        merged.put(m, aggregate(how, there, s));
                    }
                });
            }
            result = merged;
        }
        Map<Bytes, Double> finalResult = result;
        call.db().execute(call.arg(1), slot -> {
            if (slot.exists()) {
                slot.delete();
            }
            if (!finalResult.isEmpty()) {
                SortedSetValue z = new SortedSetValue();
                finalResult.forEach((m, s) -> z.put(m.value(), s));
                slot.putObject(z, 0);
            }
            return null;
        });
        call.reply().integer(finalResult.size());
    }

    private static double aggregate(String how, double a, double b) {
        return switch (how) {
            case "MIN" -> b < a ? b : a; // Redis's comparisons: a NaN never wins, -0 does not replace 0
            case "MAX" -> b > a ? b : a;
            default -> {
                double sum = a + b;
                yield Double.isNaN(sum) ? 0 : sum; // inf + -inf is 0 in Redis
            }
        };
    }

    /** The scores of a sorted set, or of a plain set (every member scores 1), for the combining commands. */
    private static Map<Bytes, Double> scoresOf(Call call, byte[] key) {
        Map<Bytes, Double> out = call.db().execute(key, slot -> {
            Map<Bytes, Double> scores = new LinkedHashMap<>();
            if (!slot.exists()) {
                return scores;
            }
            if (slot.object() instanceof SortedSetValue z) {
                z.ascending().forEach(s -> scores.put(new Bytes(s.member()), s.score()));
            } else if (slot.object() instanceof SetValue set) {
                set.members().forEach(m -> scores.put(m, 1.0));
            } else {
                throw RespException.wrongType();
            }
            return scores;
        });
        return out;
    }

    /** Members, with their scores when asked: flat in RESP2, [member, score] pairs in RESP3. */
    private static void reply(Call call, List<Scored> items, boolean scoresToo) {
        RespReply reply = call.reply();
        boolean pairs = scoresToo && call.session().protocol == 3;
        reply.array(scoresToo && !pairs ? items.size() * 2 : items.size());
        for (Scored s : items) {
            if (pairs) {
                reply.array(2);
            }
            reply.bulk(s.member());
            if (scoresToo) {
                reply.score(s.score());
            }
        }
    }

    private static void scoreOrNull(Call call, Double score) {
        if (score == null) {
            call.reply().nullBulk();
        } else {
            call.reply().score(score);
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
