package dev.depot.server.memcached.conformance;

/**
 * Shows two byte streams side by side, C-escaped, with the first offset at which they differ.
 * A run of 16 or more equal bytes is written {@code {x*N}}, the same notation the case files use.
 */
final class WireDiff {

    private static final int MAX_SHOWN = 6000;
    private static final int CONTEXT = 60;

    private WireDiff() {
    }

    /** The first offset at which the streams differ, or -1 if they are equal. */
    static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }

    /** A multi-line report of how {@code actual} differs from {@code expected}. */
    static String describe(String expectedName, byte[] expected, String actualName, byte[] actual) {
        int at = firstDifference(expected, actual);
        if (at < 0) {
            return "streams are equal";
        }
        int width = Math.max(expectedName.length(), actualName.length());
        StringBuilder sb = new StringBuilder();
        sb.append("first difference at offset ").append(at)
                .append(" (").append(expectedName).append(": ").append(expected.length).append(" bytes, ")
                .append(actualName).append(": ").append(actual.length).append(" bytes)\n");
        int from = Math.max(0, at - CONTEXT);
        sb.append("  ").append(pad(expectedName, width)).append(" ...").append(window(expected, from, at)).append('\n');
        sb.append("  ").append(pad(actualName, width)).append(" ...").append(window(actual, from, at)).append('\n');
        sb.append("  ").append(" ".repeat(width)).append("    ")
                .append(" ".repeat(oneLine(expected, from, at).length())).append("^\n");
        sb.append("---- ").append(expectedName).append(" ----\n").append(limit(escape(expected))).append('\n');
        sb.append("---- ").append(actualName).append(" ----\n").append(limit(escape(actual))).append('\n');
        return sb.toString();
    }

    private static String window(byte[] b, int from, int at) {
        int to = Math.min(b.length, at + CONTEXT);
        return oneLine(b, from, at) + oneLine(b, Math.min(at, b.length), to) + (at >= b.length ? "<end>" : "");
    }

    private static String oneLine(byte[] b, int from, int to) {
        if (from >= to) {
            return "";
        }
        return escape(b, from, Math.min(to, b.length), false);
    }

    private static String pad(String s, int w) {
        return s + ":" + " ".repeat(w - s.length());
    }

    private static String limit(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "\n... (" + (s.length() - MAX_SHOWN)
                + " more characters)";
    }

    /** The whole stream escaped, broken into lines after each {@code \n}. */
    static String escape(byte[] b) {
        return escape(b, 0, b.length, true);
    }

    static String escape(byte[] b, int from, int to, boolean breakLines) {
        StringBuilder sb = new StringBuilder();
        int i = from;
        while (i < to) {
            int run = 1;
            while (i + run < to && b[i + run] == b[i]) {
                run++;
            }
            if (run >= 16) {
                sb.append('{').append(escapeByte(b[i])).append('*').append(run).append('}');
                i += run;
                continue;
            }
            sb.append(escapeByte(b[i]));
            if (breakLines && b[i] == '\n' && i + 1 < to) {
                sb.append('\n');
            }
            i++;
        }
        return sb.toString();
    }

    private static String escapeByte(byte v) {
        int c = v & 0xff;
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            case '{' -> "\\{";
            case '}' -> "\\}";
            default -> c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c);
        };
    }
}
