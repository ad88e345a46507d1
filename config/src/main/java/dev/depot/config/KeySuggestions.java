package dev.depot.config;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** "Did you mean ...?" for a misspelt key or field: the known one closest in edit distance, if any is close. */
final class KeySuggestions {

    private KeySuggestions() {
    }

    static Optional<ConfigKey> closest(String unknown) {
        return closest(unknown, Stream.of(ConfigKey.values()).map(ConfigKey::key).toList()).flatMap(ConfigKey::byKey);
    }

    /** The same for the fields inside a structured value, such as a user's {@code password-hash}. */
    static Optional<String> closest(String unknown, List<String> known) {
        String wanted = normalize(unknown);
        // Spelling variants (maxMemory, max_memory, MAX-MEMORY) are exact matches once normalized.
        int allowed = Math.max(2, wanted.length() / 4);
        return known.stream()
                .filter(k -> distance(wanted, normalize(k)) <= allowed)
                .min(Comparator.comparingInt(k -> distance(wanted, normalize(k))));
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[-_\\s]", "");
    }

    /** Levenshtein distance; keys are short, so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
