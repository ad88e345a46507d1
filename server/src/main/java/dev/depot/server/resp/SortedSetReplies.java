package dev.depot.server.resp;

import dev.depot.storage.types.SortedSetValue.Scored;

import java.util.List;

/** The reply shapes of the sorted-set commands, in RESP2 and RESP3. */
final class SortedSetReplies {
    private SortedSetReplies() {
    }

    /** Members, with their scores when asked: flat in RESP2, [member, score] pairs in RESP3. */
    static void members(Call call, List<Scored> items, boolean withScores) {
        RespReply reply = call.reply();
        boolean pairs = withScores && call.session().protocol == 3;
        reply.array(withScores && !pairs ? items.size() * 2 : items.size());
        for (Scored s : items) {
            if (pairs) {
                reply.array(2);
            }
            reply.bulk(s.member());
            if (withScores) {
                reply.score(s.score());
            }
        }
    }

    /** member, score, member, score... in either protocol (ZPOPMIN without a count). */
    static void flat(Call call, List<Scored> items) {
        call.reply().array(items.size() * 2);
        for (Scored s : items) {
            call.reply().bulk(s.member());
            call.reply().score(s.score());
        }
    }

    /** [member, score] pairs in either protocol (ZMPOP, BZMPOP). */
    static void pairs(Call call, List<Scored> items) {
        call.reply().array(items.size());
        for (Scored s : items) {
            call.reply().array(2);
            call.reply().bulk(s.member());
            call.reply().score(s.score());
        }
    }

    static void scoreOrNull(Call call, Double score) {
        if (score == null) {
            call.reply().nullBulk();
        } else {
            call.reply().score(score);
        }
    }
}
