package dev.depot.server.resp.meta;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a command's keys of one kind are and how it uses them: the search starts at a
 * position or after a keyword ({@link BeginSearch}), then takes a range or a counted number of
 * keys ({@link FindKeys}).
 */
public record KeySpec(Set<KeySpecFlag> flags, BeginSearch begin, FindKeys find) {
    public KeySpec {
        // in declaration order, which is the order Redis lists them in
        EnumSet<KeySpecFlag> ordered = EnumSet.noneOf(KeySpecFlag.class);
        ordered.addAll(flags);
        flags = Collections.unmodifiableSet(ordered);
    }

    public boolean has(KeySpecFlag flag) {
        return flags.contains(flag);
    }

    /** Where the search for keys starts. */
    public sealed interface BeginSearch {
        /** At a fixed argument position (1 is the first argument after the name). */
        record Index(int position) implements BeginSearch {
        }

        /**
         * Just after the first argument equal to {@code keyword} (any letter case), looking from
         * {@code startFrom} onwards, or backwards from the end when it is negative.
         */
        record Keyword(String keyword, int startFrom) implements BeginSearch {
        }

        /** The keys can only be found by reading the command itself (SORT's BY and GET). */
        record Unknown() implements BeginSearch {
        }
    }

    /** Which arguments, from where the search began, are keys. */
    public sealed interface FindKeys {
        /**
         * Every {@code keyStep}-th argument up to {@code lastKey} (relative to the start; negative
         * counts from the end); with a {@code limit} of N and lastKey -1, only the first 1/N of
         * the rest (XREAD's keys before their ids).
         */
        record Range(int lastKey, int keyStep, int limit) implements FindKeys {
        }

        /**
         * An argument at {@code keyNumIndex} counts the keys, which start at {@code firstKey},
         * both relative to where the search began.
         */
        record KeyNum(int keyNumIndex, int firstKey, int keyStep) implements FindKeys {
        }

        /** The keys can only be found by reading the command itself. */
        record Unknown() implements FindKeys {
        }
    }
}
