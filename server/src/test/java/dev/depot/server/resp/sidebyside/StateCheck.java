package dev.depot.server.resp.sidebyside;

import java.util.List;

/**
 * The end of a run: every database the stream can reach holds the same keys on both servers,
 * each with the same type, contents and (within the clock tolerance) expiry. This catches a
 * divergence that no reply happened to show.
 */
final class StateCheck {
    /** The databases {@link Draw#db()} selects and MOVE targets. */
    private static final List<String> DATABASES = List.of("0", "1", "2", "3", "15");

    private StateCheck() {
    }

    /** Compares through two fresh RESP2 connections, one per server. */
    static void compare(Duel duel, RespLink reference, RespLink target) {
        for (String db : DATABASES) {
            exchange(duel, reference, target, Match.Rule.EXACT, "SELECT", db);
            Reply keys = exchange(duel, reference, target, Match.Rule.UNORDERED, "KEYS", "*");
            for (Reply key : keys.elements()) {
                String name = key.string();
                Reply type = exchange(duel, reference, target, Match.Rule.EXACT, "TYPE", name);
                switch (type.string()) {
                    case "string" -> exchange(duel, reference, target, Match.Rule.EXACT, "GET", name);
                    case "hash" -> exchange(duel, reference, target, Match.Rule.UNORDERED_PAIRS, "HGETALL", name);
                    case "list" -> exchange(duel, reference, target, Match.Rule.EXACT, "LRANGE", name, "0", "-1");
                    case "set" -> exchange(duel, reference, target, Match.Rule.UNORDERED, "SMEMBERS", name);
                    case "zset" -> exchange(duel, reference, target, Match.Rule.SCORES, "ZRANGE", name, "0", "-1",
                            "WITHSCORES");
                    default -> throw new AssertionError("the stream made a key of type " + type + ": " + name);
                }
                exchange(duel, reference, target, Match.Rule.NEAR_MILLIS, "PEXPIRETIME", name);
            }
        }
    }

    private static Reply exchange(Duel duel, RespLink reference, RespLink target, Match match, String... args) {
        List<String> command = List.of(args);
        Reply a = reference.call(command);
        Reply b = target.call(command);
        duel.judge("(final state) " + Printable.command(command), match, a, b);
        return a;
    }
}
