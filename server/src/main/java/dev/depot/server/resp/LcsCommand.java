package dev.depot.server.resp;

import dev.depot.storage.keyspace.Slot;

import java.util.List;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]: the longest common subsequence of
 * two strings (a missing key is an empty string), as the subsequence itself, its length, or the
 * matching ranges with the length. Both values are read at one instant; the computation runs
 * after the locks are released.
 */
final class LcsCommand {
    private LcsCommand() {
    }

    /** What the client asked for. */
    private enum Answer { SUBSEQUENCE, LENGTH, RANGES }

    static void execute(Call call) {
        byte[][] values = call.db().executeAll(List.of(call.arg(1), call.arg(2)),
                slots -> new byte[][] {stringOrEmpty(slots.get(0)), stringOrEmpty(slots.get(1))});
        boolean length = false;
        boolean ranges = false;
        boolean withMatchLength = false;
        long minMatchLength = 0;
        for (int i = 3; i < call.argc(); i++) {
            if (call.is(i, "LEN")) {
                length = true;
            } else if (call.is(i, "IDX")) {
                ranges = true;
            } else if (call.is(i, "WITHMATCHLEN")) {
                withMatchLength = true;
            } else if (call.is(i, "MINMATCHLEN") && i + 1 < call.argc()) {
                minMatchLength = Math.max(0, call.longArg(++i));
            } else {
                throw RespException.syntax();
            }
        }
        if (length && ranges) {
            throw new RespException("ERR If you want both the length and indexes, please just use IDX.");
        }
        byte[] a = values[0];
        byte[] b = values[1];
        if (Lcs.tooLarge(a.length, b.length)) {
            throw new RespException("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        Answer answer = ranges ? Answer.RANGES : length ? Answer.LENGTH : Answer.SUBSEQUENCE;
        switch (answer) {
            case LENGTH -> call.reply().integer(Lcs.length(a, b));
            case SUBSEQUENCE -> call.reply().bulk(Lcs.of(a, b).subsequence());
            case RANGES -> replyRanges(call, Lcs.of(a, b), minMatchLength, withMatchLength);
        }
    }

    /** The strings only: another type is an error, with Redis's own wording for LCS. */
    private static byte[] stringOrEmpty(Slot slot) {
        if (!slot.exists()) {
            slot.reportMiss();
            return new byte[0];
        }
        if (!slot.isString()) {
            throw new RespException("ERR The specified keys must contain string values");
        }
        return slot.bytes();
    }

    /** A map in RESP3, a flat array in RESP2: "matches" then the ranges, "len" then the length. */
    private static void replyRanges(Call call, Lcs lcs, long minMatchLength, boolean withMatchLength) {
        RespReply reply = call.reply();
        List<Lcs.Match> matches = lcs.matches(minMatchLength);
        reply.map(2);
        reply.bulk("matches");
        reply.array(matches.size());
        for (Lcs.Match m : matches) {
            reply.array(withMatchLength ? 3 : 2);
            reply.array(2);
            reply.integer(m.aStart());
            reply.integer(m.aEnd());
            reply.array(2);
            reply.integer(m.bStart());
            reply.integer(m.bEnd());
            if (withMatchLength) {
                reply.integer(m.length());
            }
        }
        reply.bulk("len");
        reply.integer(lcs.length());
    }
}
