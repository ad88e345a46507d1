package dev.depot.server.resp;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How CONFIG reads and writes one kind of value, with Redis's rules and reasons: integers in a
 * range, memory sizes (1k is 1000 bytes, 1kb 1024, as Redis reads them), yes/no, one of a list.
 *
 * @param <T> the value's Java type
 */
interface ConfigType<T> {
    /** The value written as {@code text}; throws {@link ConfigRejected} with Redis's reason. */
    T parse(String text);

    /** The value as CONFIG GET shows it. */
    String format(T value);

    /** Whole numbers from {@code min} to {@code max}. */
    static ConfigType<Long> integer(long min, long max) {
        return new ConfigType<>() {
            @Override
            public Long parse(String text) {
                Long value = RespNumbers.parseLong(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                if (value == null) {
                    throw new ConfigRejected("argument couldn't be parsed into an integer");
                }
                return inRange(value, min, max);
            }

            @Override
            public String format(Long value) {
                return Long.toString(value);
            }
        };
    }

    /** Byte counts: digits and an optional unit b, k, kb, m, mb, g, gb (k = 1000, kb = 1024). */
    static ConfigType<Long> memory(long min, long max) {
        return new ConfigType<>() {
            private final Pattern size = Pattern.compile("(\\d+)(b|k|kb|m|mb|g|gb)?", Pattern.CASE_INSENSITIVE);

            @Override
            public Long parse(String text) {
                Matcher m = size.matcher(text);
                if (!m.matches()) {
                    throw new ConfigRejected("argument must be a memory value");
                }
                long unit = switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
                    case "k" -> 1000L;
                    case "kb" -> 1024L;
                    case "m" -> 1000L * 1000;
                    case "mb" -> 1024L * 1024;
                    case "g" -> 1000L * 1000 * 1000;
                    case "gb" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
                try {
                    return inRange(Math.multiplyExact(Long.parseLong(m.group(1)), unit), min, max);
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new ConfigRejected("argument must be a memory value");
                }
            }

            @Override
            public String format(Long value) {
                return Long.toString(value);
            }
        };
    }

    /** yes or no, in any letter case. */
    static ConfigType<Boolean> yesNo() {
        return new ConfigType<>() {
            @Override
            public Boolean parse(String text) {
                if (text.equalsIgnoreCase("yes")) {
                    return true;
                }
                if (text.equalsIgnoreCase("no")) {
                    return false;
                }
                throw new ConfigRejected("argument must be 'yes' or 'no'");
            }

            @Override
            public String format(Boolean value) {
                return value ? "yes" : "no";
            }
        };
    }

    /** One of the constants of {@code type}, by the names {@code name} gives them (any letter case). */
    static <E extends Enum<E>> ConfigType<E> oneOf(Class<E> type, Function<E, String> name) {
        E[] constants = type.getEnumConstants();
        return new ConfigType<>() {
            @Override
            public E parse(String text) {
                return Arrays.stream(constants).filter(c -> name.apply(c).equalsIgnoreCase(text)).findFirst()
                        .orElseThrow(() -> new ConfigRejected("argument(s) must be one of the following: "
                                + Arrays.stream(constants).map(name).collect(Collectors.joining(", "))));
            }

            @Override
            public String format(E value) {
                return name.apply(value);
            }
        };
    }

    /** Any text, kept as given (Latin-1, so any bytes). */
    static ConfigType<String> text() {
        return new ConfigType<>() {
            @Override
            public String parse(String text) {
                return text;
            }

            @Override
            public String format(String value) {
                return value;
            }
        };
    }

    private static long inRange(long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigRejected("argument must be between " + min + " and " + max + " inclusive");
        }
        return value;
    }
}
