package dev.depot.server.resp.sidebyside;

import static dev.depot.server.resp.sidebyside.CommandGen.of;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The generic key commands: existence, type, expiry, KEYS, SCAN, RENAME, MOVE. */
final class KeyGens {
    private static final List<CommandGen> ALL = List.of(
            of("del", d -> d.some(1, 3, d::key)).weight(2),
            of("unlink", d -> d.some(1, 3, d::key)),
            of("exists", d -> d.some(1, 3, d::key)).weight(2),
            of("touch", d -> d.some(1, 3, d::key)),
            of("type", d -> List.of(d.key())).weight(2),
            of("expire", d -> expiry(d, d::ttlSeconds)).weight(2),
            of("pexpire", d -> expiry(d, d::ttlMillis)),
            of("expireat", d -> expiry(d, d::unixSeconds)),
            of("pexpireat", d -> expiry(d, d::unixMillis)),
            of("persist", d -> List.of(d.key())),
            of("ttl", d -> List.of(d.key())).compared(Match.Rule.NEAR_SECONDS).weight(2),
            of("pttl", d -> List.of(d.key())).compared(Match.Rule.NEAR_MILLIS),
            of("expiretime", d -> List.of(d.key())).compared(Match.Rule.NEAR_SECONDS),
            of("pexpiretime", d -> List.of(d.key())).compared(Match.Rule.NEAR_MILLIS),
            of("keys", d -> List.of(d.pattern())).compared(Match.Rule.UNORDERED),
            of("randomkey", d -> List.of()).compared(Match.Rule.SHAPE),
            of("scan", KeyGens::scan).handled(new Handling.ScanAll(1, false)),
            of("move", d -> List.of(d.key(), d.db())),
            of("rename", d -> List.of(d.key(), d.key())),
            of("renamenx", d -> List.of(d.key(), d.key())));

    private KeyGens() {
    }

    static List<CommandGen> all() {
        return ALL;
    }

    /** key amount [NX|XX|GT|LT], now and then two options (some incompatible) or a bad one. */
    private static List<String> expiry(Draw d, Supplier<String> amount) {
        List<String> args = new ArrayList<>(List.of(d.key(), amount.get()));
        if (d.chance(0.4)) {
            args.add(d.word(d.oneOf("NX", "XX", "GT", "LT")));
        }
        if (d.chance(0.1)) {
            args.add(d.word(d.oneOf("NX", "XX", "GT", "LT", "XY")));
        }
        return args;
    }

    /**
     * A cursor to start a scan with: 0, or the empty text (which Redis reads as 0), or one Redis
     * refuses. Never another number: where a scan resumes from a cursor it did not hand out is
     * up to each server.
     */
    static String cursor(Draw d) {
        return d.chance(0.92) ? "0" : d.oneOf("", "abc", " 0", "+", "18446744073709551616");
    }

    /** cursor [MATCH pattern] [COUNT n] [TYPE type], options in any order; sometimes a bad cursor. */
    private static List<String> scan(Draw d) {
        List<List<String>> options = new ArrayList<>();
        if (d.chance(0.4)) {
            options.add(List.of(d.word("MATCH"), d.pattern()));
        }
        if (d.chance(0.3)) {
            options.add(List.of(d.word("COUNT"), d.chance(0.8) ? d.oneOf("1", "2", "5", "100") : d.count()));
        }
        if (d.chance(0.3)) {
            options.add(List.of(d.word("TYPE"), d.oneOf("string", "hash", "list", "set", "zset", "none", "HASH", "x")));
        }
        List<String> args = new ArrayList<>();
        args.add(cursor(d));
        args.addAll(d.shuffled(options));
        return args;
    }
}
