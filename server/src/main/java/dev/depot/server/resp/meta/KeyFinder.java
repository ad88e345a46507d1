package dev.depot.server.resp.meta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the keys of a full command line from its command's key specs, as COMMAND GETKEYS and
 * GETKEYSANDFLAGS report them: spec by spec, in spec order.
 */
public final class KeyFinder {
    private KeyFinder() {
    }

    /** A key: its argument position (0 is the command name) and how the command uses it. */
    public record FoundKey(int position, Set<KeySpecFlag> flags) {
    }

    /**
     * The keys of {@code args} (the command name first, then for a subcommand its name), or
     * empty when the arguments do not hold the keys the specs promise: a key count that is not a
     * number, is negative or runs past the end, or a spec that only the command itself could read.
     */
    public static Optional<List<FoundKey>> find(CommandMeta command, List<byte[]> args) {
        List<FoundKey> keys = new ArrayList<>();
        int argc = args.size();
        for (KeySpec spec : command.info().keySpecs()) {
            if (spec.has(KeySpecFlag.NOT_KEY)) {
                continue;
            }
            if (spec.has(KeySpecFlag.INCOMPLETE)) {
                return Optional.empty();
            }
            int first;
            if (spec.begin() instanceof KeySpec.BeginSearch.Index index) {
                first = index.position();
            } else if (spec.begin() instanceof KeySpec.BeginSearch.Keyword keyword) {
                first = afterKeyword(keyword, args);
            } else {
                return Optional.empty(); // only the command's own parsing knows
            }
            if (first == 0) {
                continue; // the keyword is absent: this kind of key is not there
            }
            int last;
            int step;
            if (spec.find() instanceof KeySpec.FindKeys.Range range) {
                step = range.keyStep();
                if (range.lastKey() >= 0) {
                    last = first + range.lastKey();
                } else if (range.limit() == 0) {
                    last = argc + range.lastKey();
                } else {
                    last = first + (argc - first) / range.limit() + range.lastKey();
                }
            } else if (spec.find() instanceof KeySpec.FindKeys.KeyNum keyNum) {
                step = keyNum.keyStep();
                int countAt = first + keyNum.keyNumIndex();
                Long count = countAt < argc ? parseLong(args.get(countAt)) : null;
                if (count == null || count < 0 || count > argc) {
                    return Optional.empty();
                }
                first += keyNum.firstKey();
                last = first + count.intValue() - 1;
            } else {
                return Optional.empty();
            }
            if (first >= argc || last >= argc || last < first) {
                return Optional.empty();
            }
            Set<KeySpecFlag> flags = spec.has(KeySpecFlag.VARIABLE_FLAGS)
                    ? VariableKeyFlags.resolve(command.name(), args, spec.flags())
                    : spec.flags();
            for (int i = first; i <= last; i += step) {
                keys.add(new FoundKey(i, flags));
            }
        }
        return Optional.of(keys);
    }

    /**
     * The position after the keyword, or 0 when it is absent. Forwards the search stops before
     * the last argument, backwards before the first (a keyword there could not precede a key).
     */
    private static int afterKeyword(KeySpec.BeginSearch.Keyword keyword, List<byte[]> args) {
        int argc = args.size();
        if (keyword.startFrom() > 0) {
            for (int i = keyword.startFrom(); i < argc - 1; i++) {
                if (is(args.get(i), keyword.keyword())) {
                    return i + 1;
                }
            }
        } else {
            for (int i = argc + keyword.startFrom(); i > 1; i--) {
                if (i < argc && is(args.get(i), keyword.keyword())) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    private static boolean is(byte[] arg, String word) {
        return new String(arg, StandardCharsets.ISO_8859_1).equalsIgnoreCase(word);
    }

    /** A decimal integer in Redis's strict form (no sign but '-', no spaces, no leading zeros). */
    private static Long parseLong(byte[] arg) {
        String text = new String(arg, StandardCharsets.ISO_8859_1);
        if (!text.matches("-?(0|[1-9][0-9]*)")) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
