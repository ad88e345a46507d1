package dev.depot.server.resp.sidebyside;

import static dev.depot.server.resp.sidebyside.CommandGen.of;

import java.util.ArrayList;
import java.util.List;

/**
 * Strings as bits and byte ranges. Offsets stay small (a valid offset near the 512 MB limit
 * would make both servers allocate it), with the invalid ones beyond the limit.
 */
final class BitGens {
    private static final List<CommandGen> ALL = List.of(
            of("setbit", d -> List.of(d.key(), bitOffset(d), d.chance(0.95) ? d.oneOf("0", "1") : d.oneOf("2", "-1", "x", ""))).weight(3),
            of("getbit", d -> List.of(d.key(), bitOffset(d))).weight(2),
            of("bitcount", d -> withRange(d, new ArrayList<>(List.of(d.key())))).weight(2),
            of("bitpos", BitGens::bitPos).weight(2),
            of("bitop", BitGens::bitOp).weight(2),
            of("setrange", d -> List.of(d.key(), byteOffset(d), d.value())).weight(2));

    private BitGens() {
    }

    static List<CommandGen> all() {
        return ALL;
    }

    private static String bitOffset(Draw d) {
        return d.chance(0.9) ? Integer.toString(d.between(0, 70))
                : d.oneOf("-1", "4294967296", "abc", "", "1.5", "9223372036854775807");
    }

    private static String byteOffset(Draw d) {
        return d.chance(0.9) ? Integer.toString(d.between(0, 12))
                : d.oneOf("-1", "536870912", "536870913", "abc", "9223372036854775807");
    }

    /** [start end [BYTE|BIT]] appended to {@code args}; sometimes only a start, or a bad unit. */
    private static List<String> withRange(Draw d, List<String> args) {
        int pick = d.between(0, 9);
        if (pick >= 3) {
            args.add(d.index());
            if (pick >= 4) {
                args.add(d.index());
            }
            if (pick >= 7) {
                args.add(d.word(d.chance(0.9) ? d.oneOf("BYTE", "BIT") : "WORD"));
            }
        }
        return args;
    }

    private static List<String> bitPos(Draw d) {
        String bit = d.chance(0.95) ? d.oneOf("0", "1") : d.oneOf("2", "x");
        return withRange(d, new ArrayList<>(List.of(d.key(), bit)));
    }

    private static List<String> bitOp(Draw d) {
        String op = d.chance(0.95) ? d.word(d.oneOf("AND", "OR", "XOR", "NOT")) : "NAND";
        List<String> args = new ArrayList<>(List.of(op, d.key()));
        args.addAll(d.some(1, op.equalsIgnoreCase("NOT") && d.chance(0.9) ? 1 : 3, d::key));
        return args;
    }
}
