package dev.depot.config;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** "Did you mean ...?" for a misspelt key: the known key closest in edit distance, if any is close. */
final class KeySuggestions {

    private KeySuggestions() {
    }

    static Optional<ConfigKey> closest(String unknown) {
        String wanted = normalize(unknown);
        // Spelling variants (maxMemory, max_memory, MAX-MEMORY) are exact matches once normalized.
        int allowed = Math.max(2, wanted.length() / 4);
        return Stream.of(ConfigKey.values())
                .filter(k -> distance(wanted, normalize(k.key())) <= allowed)
                .min(Comparator.comparingInt(k -> distance(wanted, normalize(k.key()))));
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
