package dev.depot.server.resp;

import dev.depot.storage.keyspace.Slot;

import dev.depot.protocol.resp.RespDoubles;
import dev.depot.storage.types.Bytes;
import dev.depot.storage.types.SetValue;
import dev.depot.storage.types.SortedSetValue;
import dev.depot.storage.types.SortedSetValue.Scored;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD. Plain sets are accepted as inputs,
 * every member scoring 1, as in Redis.
 */
final class SortedSetAlgebraCommands {
    private SortedSetAlgebraCommands() {
    }

    private enum Operation {
        UNION, INTER, DIFF
    }

    /**
     * How the weighted scores of a member found in several inputs combine: {@code apply(sofar,
     * next)} with Redis's arithmetic. A NaN sum (inf + -inf, or a NaN {@code next}) counts as 0;
     * MIN and MAX take {@code next} only when it compares strictly lower or higher, so a NaN
     * never wins and -0 does not replace 0.
     */
    private enum Aggregate {
        SUM, MIN, MAX;

        double apply(double sofar, double next) {
            return switch (this) {
                case MIN -> next < sofar ? next : sofar;
                case MAX -> next > sofar ? next : sofar;
                case SUM -> zeroIfNaN(sofar + next);
            };
        }
    }

    /** One input: its members and scores (a copy), and its weight. */
    private record Source(Map<Bytes, Double> scores, double weight) {
        /** The score times the weight, which may be NaN (0 * inf). */
        double weighted(double score) {
            return score * weight;
        }
    }

    static void register(CommandTable table) {
        table.add("zunion", -3, call -> reply(call, Operation.UNION));
        table.add("zinter", -3, call -> reply(call, Operation.INTER));
        table.add("zdiff", -3, call -> reply(call, Operation.DIFF));
        table.add("zunionstore", -4, call -> store(call, Operation.UNION));
        table.add("zinterstore", -4, call -> store(call, Operation.INTER));
        table.add("zdiffstore", -4, call -> store(call, Operation.DIFF));
        table.add("zintercard", -3, SortedSetAlgebraCommands::interCard);
    }

    /** ZUNION / ZINTER / ZDIFF numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]. */
    private static void reply(Call call, Operation op) {
        Combination combination = Combination.parse(call, 1, op, false);
        List<Scored> items = new ArrayList<>();
        combine(op, combination.sources(), combination.aggregate()).ascending().forEach(items::add);
        SortedSetReplies.members(call, items, combination.withScores());
    }

    /** ZUNIONSTORE / ZINTERSTORE / ZDIFFSTORE destination numkeys key [key ...] [options]. */
    private static void store(Call call, Operation op) {
        Combination combination = Combination.parse(call, 2, op, true);
        SortedSetValue result = combine(op, combination.sources(), combination.aggregate());
        String event = switch (op) {
            case UNION -> "zunionstore";
            case INTER -> "zinterstore";
            case DIFF -> "zdiffstore";
        };
        call.reply().integer(SortedSetKeys.store(call, call.arg(1), result, event));
    }

    /** ZINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the intersection, counted up to the limit. */
    private static void interCard(Call call) {
        List<Source> sources = loadSources(call, 1);
        long limit = 0;
        for (int i = 2 + sources.size(); i < call.argc(); i++) {
            if (call.is(i, "LIMIT") && i + 1 < call.argc()) {
                Long value = RespNumbers.parseLong(call.arg(++i));
                if (value == null || value < 0) {
                    throw new RespException("ERR LIMIT can't be negative");
                }
                limit = value;
            } else {
                throw RespException.syntax();
            }
        }
        sources.sort(Comparator.comparingInt(s -> s.scores().size()));
        long count = 0;
        for (Bytes member : sources.get(0).scores().keySet()) {
            if (inAll(member, sources) && ++count == limit) {
                break;
            }
        }
        call.reply().integer(count);
    }

    private static boolean inAll(Bytes member, List<Source> sources) {
        for (int i = 1; i < sources.size(); i++) {
            if (!sources.get(i).scores().containsKey(member)) {
                return false;
            }
        }
        return true;
    }

    /** The parsed arguments of ZUNION, ZINTER, ZDIFF and their STORE forms. */
    private record Combination(List<Source> sources, Aggregate aggregate, boolean withScores) {

        /**
         * In Redis's order of checks: numkeys, the inputs' types, then WEIGHTS and AGGREGATE
         * (not for ZDIFF) and WITHSCORES (not for the STORE forms), repeatable, the last one
         * counting.
         */
        static Combination parse(Call call, int numKeysArg, Operation op, boolean store) {
            List<Source> sources = loadSources(call, numKeysArg);
            int numKeys = sources.size();
            double[] weights = new double[numKeys];
            Arrays.fill(weights, 1);
            Aggregate aggregate = Aggregate.SUM;
            boolean withScores = false;
            for (int i = numKeysArg + 1 + numKeys; i < call.argc(); i++) {
                int remaining = call.argc() - i;
                if (op != Operation.DIFF && remaining > numKeys && call.is(i, "WEIGHTS")) {
                    for (int w = 0; w < numKeys; w++) {
                        double weight = RespDoubles.parse(call.arg(i + 1 + w));
                        if (Double.isNaN(weight)) {
                            throw new RespException("ERR weight value is not a float");
                        }
                        weights[w] = weight;
                    }
                    i += numKeys;
                } else if (op != Operation.DIFF && remaining >= 2 && call.is(i, "AGGREGATE")) {
                    aggregate = aggregate(call, ++i);
                } else if (!store && call.is(i, "WITHSCORES")) {
                    withScores = true;
                } else {
                    throw RespException.syntax();
                }
            }
            List<Source> weighted = new ArrayList<>(numKeys);
            for (int k = 0; k < numKeys; k++) {
                weighted.add(new Source(sources.get(k).scores(), weights[k]));
            }
            return new Combination(weighted, aggregate, withScores);
        }

        private static Aggregate aggregate(Call call, int i) {
            for (Aggregate a : Aggregate.values()) {
                if (call.is(i, a.name())) {
                    return a;
                }
            }
            throw RespException.syntax();
        }
    }

    /**
     * Reads numkeys at {@code numKeysArg} and copies the inputs that follow (weight 1): a missing
     * key is an empty input, a key of another type than set or sorted set is WRONGTYPE.
     */
    private static List<Source> loadSources(Call call, int numKeysArg) {
        long numKeys = call.longArg(numKeysArg);
        if (numKeys < 1) {
            throw new RespException("ERR at least 1 input key is needed for '" + call.text(0).toLowerCase(Locale.ROOT)
                    + "' command");
        }
        if (numKeys > call.argc() - numKeysArg - 1) {
            throw RespException.syntax();
        }
        List<byte[]> keys = call.args().subList(numKeysArg + 1, numKeysArg + 1 + (int) numKeys);
        // all the inputs at one instant, as Redis reads them: no writer is seen half done
        return call.db().executeAll(keys, slots -> {
            List<Source> sources = new ArrayList<>(slots.size());
            for (Slot slot : slots) {
                sources.add(new Source(scoresOf(slot), 1));
            }
            return sources;
        });
    }

    /** The members and scores of a sorted set, or of a plain set (every member scoring 1). */
    private static Map<Bytes, Double> scoresOf(Slot slot) {
        Map<Bytes, Double> scores = new LinkedHashMap<>();
        if (!slot.exists()) {
            slot.reportMiss(); // the inputs are read look-ups in Redis, also for the STORE forms
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
    }

    /**
     * Like Redis, UNION and INTER fold the inputs smallest first (which decides the rounding of
     * sums and where a NaN product lands); DIFF keeps the first input first. A NaN weighted
     * score (0 * inf) counts as 0 wherever a union meets it, and in the first (smallest) input
     * of an intersection; in the later inputs of an intersection it reaches the aggregate as it
     * is, where SUM turns the result into 0 and MIN and MAX pass it over.
     */
    private static SortedSetValue combine(Operation op, List<Source> inputs, Aggregate aggregate) {
        List<Source> sources = new ArrayList<>(inputs);
        if (op != Operation.DIFF) {
            sources.sort(Comparator.comparingInt(s -> s.scores().size()));
        }
        Map<Bytes, Double> result = new HashMap<>();
        Source first = sources.get(0);
        switch (op) {
            case UNION -> {
                for (Source source : sources) {
                    source.scores().forEach((member, score) ->
                            result.merge(member, zeroIfNaN(source.weighted(score)), aggregate::apply));
                }
            }
            case INTER -> first.scores().forEach((member, score) -> {
                double combined = zeroIfNaN(first.weighted(score));
                for (int i = 1; i < sources.size(); i++) {
                    Double other = sources.get(i).scores().get(member);
                    if (other == null) {
                        return;
                    }
                    combined = aggregate.apply(combined, sources.get(i).weighted(other));
                }
                result.put(member, combined);
            });
            case DIFF -> first.scores().forEach((member, score) -> {
                for (int i = 1; i < sources.size(); i++) {
                    if (sources.get(i).scores().containsKey(member)) {
                        return;
                    }
                }
                result.put(member, score);
            });
        }
        SortedSetValue combined = new SortedSetValue();
        result.forEach((member, score) -> combined.put(member.value(), score));
        return combined;
    }

    private static double zeroIfNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
