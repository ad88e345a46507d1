package dev.depot.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as operators write them for memcached's {@code -m}/{@code -I} and Redis's
 * {@code maxmemory}: {@code 1048576}, {@code 512k}, {@code 64mb}, {@code 2g}, {@code 2GB}.
 *
 * <p>Every unit is binary (k = 1024). Redis reads {@code 1k} as 1000 but {@code 1kb} as 1024; one
 * rule for both spellings is less surprising than copying that quirk, and memcached is binary too.
 */
public final class ByteSize {

    /** Hint appended to every parse error, so the operator sees an example of a valid size. */
    public static final String HINT = "use a number of bytes or a size like 64mb or 2g";

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:([kmgtp])(?:i?b)?|b)?");
    private static final String UNITS = "kmgtp";

    private ByteSize() {
    }

    /**
     * Parses a size such as {@code 64mb}, {@code 64m}, {@code 2g}, {@code 512k}, {@code 100b} or
     * {@code 1048576} (case-insensitive; {@code kib}-style spellings are accepted too).
     *
     * @throws IllegalArgumentException with an operator-readable message if the text is not a
     *                                  size or does not fit in a {@code long}
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; " + HINT);
        }
        int shift = m.group(2) == null ? 0 : 10 * (UNITS.indexOf(m.group(2)) + 1);
        try {
            long number = Long.parseLong(m.group(1));
            if (number > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large to be a size in bytes");
        }
    }

    /**
     * Formats with the largest unit that divides the size exactly ({@code 64mb}, {@code 1536kb},
     * {@code 1000b}), so {@code parse(format(n)) == n} and nothing is silently rounded in messages.
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size: " + bytes);
        }
        int unit = -1;
        long value = bytes;
        while (value != 0 && unit < UNITS.length() - 1 && (value & 1023) == 0) {
            value >>= 10;
            unit++;
        }
        return unit < 0 ? value + "b" : value + String.valueOf(UNITS.charAt(unit)) + "b";
    }
}
