package dev.depot.server.resp.sidebyside;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * After SPOP, which removes members at random: the members each server removed plus those it
 * kept must be the same on both (the set they both had), and then the reference's remainder
 * (and expiry) is copied onto the server under test, so that the stream goes on from equal states.
 */
final class PopCheck {
    private PopCheck() {
    }

    static void compare(Duel duel, Request request, Handling.RandomPop pop, Reply popA, Reply popB) {
        if (popA.isError()) {
            return; // both refused alike: already compared exactly
        }
        String key = request.args().get(pop.keyArg());
        RespLink a = duel.reference().link(request.client());
        RespLink b = duel.target().link(request.client());
        Reply keptA = a.call("SMEMBERS", key);
        Reply keptB = b.call("SMEMBERS", key);
        duel.judge("(after SPOP) SMEMBERS " + Printable.of(key), Match.Rule.SHAPE, keptA, keptB);
        if (keptA.elements() == null || keptB.elements() == null) {
            return;
        }
        List<String> wholeA = sorted(members(popA), keptA.elements());
        List<String> wholeB = sorted(members(popB), keptB.elements());
        if (!wholeA.equals(wholeB)) {
            throw duel.mismatch(request, "the members removed plus those left are not the same set",
                    "removed " + popA + ", left " + keptA, "removed " + popB + ", left " + keptB);
        }
        if (!sorted(List.of(), keptA.elements()).equals(sorted(List.of(), keptB.elements()))) {
            resync(duel, key, a, b, keptA.elements());
        }
    }

    private static List<Reply> members(Reply popped) {
        if (popped.elements() != null) {
            return popped.elements();
        }
        return popped instanceof Reply.Null ? List.of() : List.of(popped);
    }

    private static List<String> sorted(List<Reply> removed, List<Reply> kept) {
        List<String> all = new ArrayList<>();
        removed.forEach(r -> all.add(r.toString()));
        kept.forEach(r -> all.add(r.toString()));
        Collections.sort(all);
        return all;
    }

    /** The target's set becomes the reference's: same members, same expiry. */
    private static void resync(Duel duel, String key, RespLink reference, RespLink target, List<Reply> members) {
        expectNoError(target.call("DEL", key), key);
        if (!members.isEmpty()) {
            List<String> sadd = new ArrayList<>(List.of("SADD", key));
            members.forEach(m -> sadd.add(m.string()));
            expectNoError(target.call(sadd), key);
            Long expiresAt = reference.call("PEXPIRETIME", key).integer();
            if (expiresAt != null && expiresAt > 0) {
                expectNoError(target.call("PEXPIREAT", key, Long.toString(expiresAt)), key);
            }
        }
        duel.remember("(resync) the target's " + Printable.of(key) + " := the reference's " + members.size()
                + " member(s)");
    }

    private static void expectNoError(Reply reply, String key) {
        if (reply.isError()) {
            throw new AssertionError("resyncing " + Printable.of(key) + " after SPOP failed: " + reply);
        }
    }
}
