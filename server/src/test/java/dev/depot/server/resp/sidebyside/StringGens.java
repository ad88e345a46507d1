package dev.depot.server.resp.sidebyside;

import static dev.depot.server.resp.sidebyside.CommandGen.of;

import java.util.ArrayList;
import java.util.List;

/** The string commands: GET and SET with their options, counters, MGET/MSET, APPEND, ranges. */
final class StringGens {
    private static final List<CommandGen> ALL = List.of(
            of("get", d -> List.of(d.key())).weight(3),
            of("set", StringGens::set).weight(4),
            of("setnx", d -> List.of(d.key(), d.value())),
            of("setex", d -> List.of(d.key(), d.ttlSeconds(), d.value())),
            of("psetex", d -> List.of(d.key(), d.ttlMillis(), d.value())),
            of("getset", d -> List.of(d.key(), d.value())),
            of("getdel", d -> List.of(d.key())),
            of("getex", StringGens::getEx),
            of("mget", d -> d.some(1, 4, d::key)),
            of("mset", d -> pairs(d)),
            of("msetnx", d -> pairs(d)),
            of("incr", d -> List.of(d.key())).weight(2),
            of("decr", d -> List.of(d.key())),
            of("incrby", d -> List.of(d.key(), d.integer(-10, 10))).weight(2),
            of("decrby", d -> List.of(d.key(), d.integer(-10, 10))),
            of("incrbyfloat", d -> List.of(d.key(), d.score())).weight(2),
            of("append", d -> List.of(d.key(), d.value())).weight(2),
            of("strlen", d -> List.of(d.key())),
            of("getrange", d -> List.of(d.key(), d.index(), d.index())).weight(2),
            of("substr", d -> List.of(d.key(), d.index(), d.index())));

    private StringGens() {
    }

    static List<CommandGen> all() {
        return ALL;
    }

    /** key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL], in any order, sometimes clashing. */
    private static List<String> set(Draw d) {
        List<List<String>> options = new ArrayList<>();
        if (d.chance(0.3)) {
            options.add(List.of(d.word(d.oneOf("NX", "XX"))));
        }
        if (d.chance(0.2)) {
            options.add(List.of(d.word("GET")));
        }
        if (d.chance(0.35)) {
            options.add(expiryOption(d, true));
        }
        if (d.chance(0.05)) { // a second expiry, a clash, a missing value or a stray word
            options.add(d.oneOf(expiryOption(d, true), List.of(d.word(d.oneOf("NX", "XX"))), List.of("EX"),
                    List.of("FOO")));
        }
        List<String> args = new ArrayList<>(List.of(d.key(), d.value()));
        args.addAll(d.shuffled(options));
        return args;
    }

    /** SET's expiry options (with KEEPTTL), GETEX's (without; its past times delete at once). */
    private static List<String> expiryOption(Draw d, boolean forSet) {
        return switch (d.between(0, forSet ? 4 : 3)) {
            case 0 -> List.of(d.word("EX"), d.ttlSeconds());
            case 1 -> List.of(d.word("PX"), d.ttlMillis());
            case 2 -> List.of(d.word("EXAT"), forSet ? d.futureUnixSeconds() : d.unixSeconds());
            case 3 -> List.of(d.word("PXAT"), forSet ? d.futureUnixMillis() : d.unixMillis());
            default -> List.of(d.word("KEEPTTL"));
        };
    }

    /** key [EX s|PX ms|EXAT s|PXAT ms|PERSIST], now and then something GETEX refuses. */
    private static List<String> getEx(Draw d) {
        List<String> args = new ArrayList<>(List.of(d.key()));
        int pick = d.between(0, 9);
        if (pick < 5) {
            args.addAll(expiryOption(d, false));
        } else if (pick < 7) {
            args.add(d.word("PERSIST"));
        } else if (pick == 7) {
            args.addAll(d.oneOf(List.of("KEEPTTL"), List.of("EX"), List.of("PERSIST", "EX", "10"),
                    List.of("EX", "10", "PX", "10")));
        }
        return args;
    }

    /** key value [key value ...], once in a while one value short. */
    private static List<String> pairs(Draw d) {
        List<String> args = new ArrayList<>();
        int n = d.between(1, 3);
        for (int i = 0; i < n; i++) {
            args.add(d.key());
            args.add(d.value());
        }
        if (d.chance(0.05)) {
            args.remove(args.size() - 1);
        }
        return args;
    }
}
