package dev.depot.server.resp.sidebyside;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The random choices a command generator makes, all from one seeded {@link Random}: keys from a
 * small space (mostly the current family's own, some shared by every family, so that types
 * collide and WRONGTYPE paths run), values and numbers that favour edge cases, and expiry times
 * far enough apart that the two servers can never order them differently.
 */
final class Draw {
    /** Keys every family uses now and then: where strings, lists, sets... meet. */
    private static final List<String> SHARED_KEYS = List.of("x", "y");
    /** Rare keys: the empty name and raw bytes. */
    private static final List<String> ODD_KEYS = List.of("", "\u0000\u00ff\r\nk");

    private static final List<String> VALUES = List.of(
            "", "0", "1", "-1", "7", "10", "123", "-0", "3.5", "-2.25", "1e3", "inf", "-inf", "nan", "+1", " 1",
            "1 ", "01", "0x1a", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
            "18446744073709551616", "hello", "x", "\u0000\u00ff\r\nbin", "a".repeat(100), "1.0000000000000002");
    private static final List<String> MEMBERS = List.of(
            "a", "b", "c", "d", "e", "", "0", "1", "-1", "1.5", "\u0000", "\u00ff\r\n", "abc");
    private static final List<String> INTEGERS = List.of(
            "100", "-100", "9223372036854775807", "-9223372036854775808", "abc", "", "1.5", " 1", "+2", "0x10",
            "99999999999999999999", "-0");
    private static final List<String> SCORES = List.of(
            "0", "1", "-1", "1.5", "-2.5", "10", "100", "-0", "0.0", "inf", "+inf", "-inf", "nan", "1e308",
            "1e309", "1e-400", "5e-324", "abc", "", " 1", "1 ", "0x10", "1.7976931348623157e308",
            "3.0000000000000004", "0.1", "-1e-5", "infinity", "2");
    private static final List<String> PATTERNS = List.of(
            "*", "x", "s*", "?", "?1", "[st]*", "[^s]*", "[a-z]1", "*1*", "\\*", "[", "[]", "h[", "*\u0000*", "",
            "\\", "[z-a]*", "a", "[abc]", "*[");
    private static final List<String> BAD_EXPIRIES = List.of(
            "0", "-5", "abc", "9223372036854775807", "9223372036854775", "-9223372036854775808", "1.5", "");

    private final Random random;
    private final long baseSeconds;
    private final Set<Integer> usedExpirySlots = new HashSet<>();
    private Family family = Family.KEYS;

    /**
     * @param baseSeconds the Unix time absolute expiries are drawn after: the start of the run
     */
    Draw(Random random, long baseSeconds) {
        this.random = random;
        this.baseSeconds = baseSeconds;
    }

    /** The family whose commands are being drawn: its keys are the likely ones. */
    void family(Family family) {
        this.family = family;
    }

    Family family() {
        return family;
    }

    // ---- generic choices -----------------------------------------------------------------------

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    @SafeVarargs
    final <T> T oneOf(T... options) {
        return options[random.nextInt(options.length)];
    }

    <T> T oneOf(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** Between {@code min} and {@code max} drawings of {@code item}. */
    List<String> some(int min, int max, Supplier<String> item) {
        int n = between(min, max);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(item.get());
        }
        return out;
    }

    /** The groups of tokens in a random order, flattened: options Redis takes in any order. */
    List<String> shuffled(List<List<String>> groups) {
        List<List<String>> order = new ArrayList<>(groups);
        java.util.Collections.shuffle(order, random);
        List<String> out = new ArrayList<>();
        order.forEach(out::addAll);
        return out;
    }

    /** {@code word} in a random letter case now and then: option names are case-insensitive. */
    String word(String word) {
        if (!chance(0.15)) {
            return word;
        }
        StringBuilder b = new StringBuilder(word.length());
        for (char c : word.toCharArray()) {
            b.append(random.nextBoolean() ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return b.toString();
    }

    // ---- keys and values -----------------------------------------------------------------------

    /** A key: mostly the current family's, some shared by all families, rarely an odd one. */
    String key() {
        if (chance(0.02)) {
            return oneOf(ODD_KEYS);
        }
        List<String> own = family.keys();
        if (own.isEmpty() || chance(0.2)) {
            return chance(0.5) ? oneOf(SHARED_KEYS) : oneOf(Family.anyKeys());
        }
        return oneOf(own);
    }

    /** A string value, often one that looks like a number (or almost does). */
    String value() {
        return chance(0.3) ? letters(1, 6) : oneOf(VALUES);
    }

    /** A hash field, set or sorted-set member, or list element: few, so that they collide. */
    String member() {
        return chance(0.05) ? value() : oneOf(MEMBERS);
    }

    /** A small integer text, now and then an edge or a malformed one. */
    String integer(int min, int max) {
        return chance(0.1) ? oneOf(INTEGERS) : Integer.toString(between(min, max));
    }

    /** An index or range bound: small, negative ones counting from the end, sometimes out of range or malformed. */
    String index() {
        return integer(-6, 6);
    }

    /** A count argument: mostly 0 to 5. */
    String count() {
        return integer(-1, 5);
    }

    /** A score or float: small values, and the edges Redis's parser accepts or refuses. */
    String score() {
        return chance(0.6) ? Integer.toString(between(-3, 5)) : oneOf(SCORES);
    }

    /** A score-range bound: a score, exclusive ("(1"), infinite, or malformed. */
    String scoreBound() {
        int pick = random.nextInt(10);
        if (pick < 5) {
            return score();
        }
        if (pick < 8) {
            return "(" + score();
        }
        return oneOf("-inf", "+inf", "(-inf", "(+inf", "[1", "(", "((1", "-", "+");
    }

    String pattern() {
        return oneOf(PATTERNS);
    }

    /** A database index: mostly 0 to 3, now and then out of range or malformed. */
    String db() {
        return chance(0.1) ? oneOf("15", "16", "-1", "abc", "2147483648", "") : Integer.toString(between(0, 3));
    }

    String letters(int min, int max) {
        int n = between(min, max);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + random.nextInt(6)));
        }
        return b.toString();
    }

    // ---- expiry times --------------------------------------------------------------------------

    /**
     * A relative expiry in seconds (10^4 to 10^6 s): far in the future, so nothing expires during
     * a run, and no two drawn alike (slots 100 s apart), so that NX/XX/GT/LT comparisons between
     * a time set on both servers a few ms apart come out the same on both.
     */
    String ttlSeconds() {
        return chance(0.08) ? oneOf(BAD_EXPIRIES) : Long.toString(freshSlot() * 100L);
    }

    String ttlMillis() {
        return chance(0.08) ? oneOf(BAD_EXPIRIES) : Long.toString(freshSlot() * 100_000L);
    }

    /**
     * An absolute expiry (Unix seconds): 50 s off the relative slots, so the two kinds never tie;
     * now and then 1, long past, which makes EXPIREAT and GETEX delete the key at once.
     */
    String unixSeconds() {
        return chance(0.04) ? "1" : futureUnixSeconds();
    }

    String unixMillis() {
        return chance(0.04) ? "1" : futureUnixMillis();
    }

    /**
     * An absolute expiry never in the past, for SET: a key stored already expired lingers until
     * each server's own expiry sweep finds it, and DBSIZE counts it meanwhile.
     */
    String futureUnixSeconds() {
        return chance(0.04) ? oneOf(BAD_EXPIRIES) : Long.toString(baseSeconds + freshSlot() * 100L + 50);
    }

    String futureUnixMillis() {
        return chance(0.04) ? oneOf(BAD_EXPIRIES) : Long.toString((baseSeconds + freshSlot() * 100L + 50) * 1000);
    }

    private int freshSlot() {
        while (true) {
            int slot = between(100, 10_000);
            if (usedExpirySlots.add(slot)) {
                return slot;
            }
        }
    }
}
