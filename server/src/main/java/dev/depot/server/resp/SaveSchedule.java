package dev.depot.server.resp;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis's {@code save} value: pairs of "seconds changes" separated by single spaces
 * ({@code 3600 1 300 100}), or empty for no snapshots. Depot takes no snapshots, so the value is
 * only checked and kept, numbers written back plainly ({@code +10} becomes {@code 10}).
 */
final class SaveSchedule implements ConfigType<String> {
    private static final String INVALID = "Invalid save parameters";

    @Override
    public String parse(String text) {
        if (text.isEmpty()) {
            return text;
        }
        String[] words = text.split(" ", -1);
        if (words.length % 2 != 0) {
            throw new ConfigRejected(INVALID);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.length; i += 2) {
            long seconds = number(words[i]);
            long changes = number(words[i + 1]);
            if (seconds < 1 || changes < 0) {
                throw new ConfigRejected(INVALID);
            }
            out.add(seconds + " " + changes);
        }
        return String.join(" ", out);
    }

    private static long number(String word) {
        try {
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            throw new ConfigRejected(INVALID);
        }
    }

    @Override
    public String format(String value) {
        return value;
    }
}
