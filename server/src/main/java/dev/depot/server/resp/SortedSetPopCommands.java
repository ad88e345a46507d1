package dev.depot.server.resp;

import dev.depot.storage.types.SortedSetValue.Scored;

import java.util.ArrayList;
import java.util.List;

/**
 * Popping the lowest or highest members: ZPOPMIN, ZPOPMAX, ZMPOP, and the blocking BZPOPMIN,
 * BZPOPMAX and BZMPOP, which park the connection (see {@link BlockingPops}) until a write adds
 * to one of their keys, and answer at once inside EXEC.
 */
final class SortedSetPopCommands {
    private SortedSetPopCommands() {
    }

    /** Members popped from one key. */
    static void register(CommandTable table) {
        table.add("zpopmin", -2, call -> pop(call, true));
        table.add("zpopmax", -2, call -> pop(call, false));
        table.add("zmpop", -4, SortedSetPopCommands::multiPop);
        table.add("bzpopmin", -3, call -> blockingPop(call, true));
        table.add("bzpopmax", -3, call -> blockingPop(call, false));
        table.add("bzmpop", -5, SortedSetPopCommands::blockingMultiPop);
    }

    /** ZPOPMIN/ZPOPMAX key [count]: flat member-score pairs; RESP3 nests them when a count is given. */
    private static void pop(Call call, boolean lowest) {
        if (call.argc() > 3) {
            throw RespException.syntax();
        }
        boolean counted = call.argc() == 3;
        long count = 1;
        if (counted) {
            Long value = RespNumbers.parseLong(call.arg(2));
            if (value == null || value < 0) {
                throw new RespException("ERR value is out of range, must be positive");
            }
            count = value;
        }
        PoppedFrom<Scored> popped = popFrom(call, List.of(call.arg(1)), lowest, count, false);
        List<Scored> members = popped == null ? List.of() : popped.items();
        if (counted) {
            SortedSetReplies.members(call, members, true);
        } else {
            SortedSetReplies.flat(call, members);
        }
    }

    /** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]. */
    private static void multiPop(Call call) {
        MultiPopArgs args = MultiPopArgs.parse(call, 1, "MIN", "MAX");
        replyMultiPop(call, popFrom(call, args.keys(), args.fromFirst(), args.count(), false));
    }

    /** BZPOPMIN/BZPOPMAX key [key ...] timeout: [key, member, score] from the first key with members. */
    private static void blockingPop(Call call, boolean lowest) {
        long timeout = BlockingTimeout.millis(call, call.argc() - 1);
        List<byte[]> keys = call.args().subList(1, call.argc() - 1);
        block(call, keys, timeout, retry -> {
            PoppedFrom<Scored> popped = popFrom(call, keys, lowest, 1, retry);
            if (popped == null) {
                return false;
            }
            Scored member = popped.items().get(0);
            call.reply().array(3);
            call.reply().bulk(popped.key());
            call.reply().bulk(member.member());
            call.reply().score(member.score());
            return true;
        });
    }

    /** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: ZMPOP that waits. */
    private static void blockingMultiPop(Call call) {
        MultiPopArgs args = MultiPopArgs.parse(call, 2, "MIN", "MAX");
        long timeout = BlockingTimeout.millis(call, 1);
        block(call, args.keys(), timeout, retry -> {
            PoppedFrom<Scored> popped = popFrom(call, args.keys(), args.fromFirst(), args.count(), retry);
            if (popped != null) {
                replyMultiPop(call, popped);
            }
            return popped != null;
        });
    }

    /** One try of a blocking pop: true once it has replied. */
    @FunctionalInterface
    private interface Attempt {
        boolean tryPop(boolean retry);
    }

    /** Tries at once; then waits (except inside EXEC, where nothing may wait) until a retry succeeds or time runs out. */
    private static void block(Call call, List<byte[]> keys, long timeoutMillis, Attempt attempt) {
        if (attempt.tryPop(false)) {
            return;
        }
        if (call.session().inExec) {
            call.reply().nullArray();
            return;
        }
        call.parking().park(BlockingPops.Source.SORTED_SET, keys, timeoutMillis, () -> attempt.tryPop(true),
                () -> call.reply().nullArray());
    }

    /**
     * Pops up to {@code count} members from the first of {@code keys} that exists; null when none
     * does. A key of another type is WRONGTYPE, except on a parked client's retry: the key
     * changed type after the client parked, and Redis 7.0 then keeps waiting for a sorted set.
     */
    private static PoppedFrom<Scored> popFrom(Call call, List<byte[]> keys, boolean lowest, long count,
                                             boolean retry) {
        return PoppedFrom.first(keys, retry, key -> SortedSetKeys.remove(call, key, lowest ? "zpopmin" : "zpopmax",
                out -> !out.isEmpty(), z -> {
                    List<Scored> out = new ArrayList<>();
                    for (long i = 0; i < count && !z.isEmpty(); i++) {
                        out.add(z.popFirst(lowest));
                    }
                    return out;
                }));
    }

    private static void replyMultiPop(Call call, PoppedFrom<Scored> popped) {
        if (popped == null) {
            call.reply().nullArray();
            return;
        }
        call.reply().array(2);
        call.reply().bulk(popped.key());
        SortedSetReplies.pairs(call, popped.items());
    }
}
