package dev.depot.server.resp;

import dev.depot.storage.types.SortedSetValue;
import dev.depot.storage.types.SortedSetValue.Scored;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The sorted-set commands that select members by rank, score or lexicographic range: ZRANGE
 * and its older spellings, ZRANGESTORE, ZCOUNT, ZLEXCOUNT and the ZREMRANGEBY* removals.
 */
final class SortedSetRangeCommands {
    private SortedSetRangeCommands() {
    }

    /** How a range command reads its min and max (AUTO: ZRANGE's BYSCORE/BYLEX choose). */
    private enum By {
        AUTO, RANK, SCORE, LEX
    }

    /** Which way a range command walks (AUTO: ZRANGE's REV chooses). */
    private enum Direction {
        AUTO, FORWARD, REVERSE
    }

    /**
     * A parsed range request.
     *
     * @param offset members of the range skipped first (LIMIT; a negative offset selects nothing)
     * @param limit  at most this many members (LIMIT; negative for all)
     */
    private record Request(SortedSetRange range, boolean reverse, long offset, long limit, boolean withScores) {
    }

    static void register(CommandTable table) {
        table.add("zrange", -4, call -> reply(call, parse(call, 1, By.AUTO, Direction.AUTO, false)));
        table.add("zrevrange", -4, call -> reply(call, parse(call, 1, By.RANK, Direction.REVERSE, false)));
        table.add("zrangebyscore", -4, call -> reply(call, parse(call, 1, By.SCORE, Direction.FORWARD, false)));
        table.add("zrevrangebyscore", -4, call -> reply(call, parse(call, 1, By.SCORE, Direction.REVERSE, false)));
        table.add("zrangebylex", -4, call -> reply(call, parse(call, 1, By.LEX, Direction.FORWARD, false)));
        table.add("zrevrangebylex", -4, call -> reply(call, parse(call, 1, By.LEX, Direction.REVERSE, false)));
        table.add("zrangestore", -5, SortedSetRangeCommands::store);
        table.add("zcount", 4, call -> count(call, ScoreRange.parse(call.arg(2), call.arg(3))));
        table.add("zlexcount", 4, call -> count(call, LexRange.parse(call.arg(2), call.arg(3))));
        table.add("zremrangebyrank", 4, call -> removeRange(call, new SortedSetRange.ByRank(call.longArg(2), call.longArg(3)),
                "zremrangebyrank"));
        table.add("zremrangebyscore", 4, call -> removeRange(call, ScoreRange.parse(call.arg(2), call.arg(3)),
                "zremrangebyscore"));
        table.add("zremrangebylex", 4, call -> removeRange(call, LexRange.parse(call.arg(2), call.arg(3)),
                "zremrangebylex"));
    }

    /**
     * Reads {@code key min max [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]} from
     * {@code keyArg} on, in Redis's order of checks: options, then their combinations, then
     * the bounds. The older commands fix the kind of range or the direction, and then refuse
     * the option that would choose it; ZRANGESTORE refuses WITHSCORES.
     */
    private static Request parse(Call call, int keyArg, By by, Direction direction, boolean store) {
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int i = keyArg + 3; i < call.argc(); i++) {
            if (!store && call.is(i, "WITHSCORES")) {
                withScores = true;
            } else if (call.is(i, "LIMIT") && i + 2 < call.argc()) {
                offset = call.longArg(i + 1);
                limit = call.longArg(i + 2);
                i += 2;
            } else if (direction == Direction.AUTO && call.is(i, "REV")) {
                direction = Direction.REVERSE;
            } else if (by == By.AUTO && call.is(i, "BYLEX")) {
                by = By.LEX;
            } else if (by == By.AUTO && call.is(i, "BYSCORE")) {
                by = By.SCORE;
            } else {
                throw RespException.syntax();
            }
        }
        if (by == By.AUTO) {
            by = By.RANK;
        }
        boolean reverse = direction == Direction.REVERSE;
        if (by == By.RANK) {
            // Redis takes LIMIT's default count (-1) as no LIMIT at all, whatever the offset
            if (limit != -1) {
                throw new RespException("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
            }
            offset = 0;
        }
        if (withScores && by == By.LEX) {
            throw new RespException("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        // reversed score and lexicographic ranges name their maximum first
        byte[] low = call.arg(keyArg + (reverse && by != By.RANK ? 2 : 1));
        byte[] high = call.arg(keyArg + (reverse && by != By.RANK ? 1 : 2));
        SortedSetRange range = switch (by) {
            case RANK -> new SortedSetRange.ByRank(call.longArg(keyArg + 1), call.longArg(keyArg + 2));
            case SCORE -> ScoreRange.parse(low, high);
            default -> LexRange.parse(low, high);
        };
        return new Request(range, reverse, offset, limit, withScores);
    }

    /** The members a request selects from the set at {@code key}, in reply order; empty when there is none. */
    private static List<Scored> select(Call call, byte[] key, Request request) {
        List<Scored> selected = SortedSetKeys.read(call, key, z -> slice(z, request));
        return selected == null ? List.of() : selected;
    }

    private static List<Scored> slice(SortedSetValue z, Request request) {
        SortedSetRange.Span span = request.range().span(z, request.reverse());
        long available = span.size() - request.offset();
        if (request.offset() < 0 || available <= 0) {
            return List.of();
        }
        long take = request.limit() < 0 ? available : Math.min(request.limit(), available);
        long start = request.reverse() ? span.to() - 1 - request.offset() : span.from() + request.offset();
        List<Scored> out = new ArrayList<>((int) Math.min(take, 1024));
        Iterator<Scored> it = z.fromRank(start, request.reverse());
        for (long n = 0; n < take && it.hasNext(); n++) {
            out.add(it.next());
        }
        return out;
    }

    private static void reply(Call call, Request request) {
        SortedSetReplies.members(call, select(call, call.arg(1), request), request.withScores());
    }

    /** ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]. */
    private static void store(Call call) {
        List<Scored> selected = select(call, call.arg(2), parse(call, 2, By.AUTO, Direction.AUTO, true));
        SortedSetValue result = new SortedSetValue();
        selected.forEach(s -> result.put(s.member(), s.score()));
        call.reply().integer(SortedSetKeys.store(call, call.arg(1), result, "zrangestore"));
    }

    private static void count(Call call, SortedSetRange range) {
        Long n = SortedSetKeys.read(call, call.arg(1), z -> range.span(z, false).size());
        call.reply().integer(n == null ? 0 : n);
    }

    private static void removeRange(Call call, SortedSetRange range, String event) {
        Long removed = SortedSetKeys.remove(call, call.arg(1), event, n -> n > 0, z -> {
            SortedSetRange.Span span = range.span(z, false);
            return z.removeRanks(span.from(), span.to() - 1);
        });
        call.reply().integer(removed == null ? 0 : removed);
    }
}
