package dev.depot.server.memcached.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parser for the {@code *.case} corpus files of the memcached conformance harness.
 *
 * <h2>Format</h2>
 * <pre>
 * # comment                 a line whose first character is '#' (anywhere in the file)
 * &#64;isolated                 file header (before the first case): the file's cases run alone,
 *                           sequentially, after every non-isolated file (for flush_all)
 * === name                  starts a case; name is [A-Za-z0-9_.-]+ and unique within the file.
 *                           Every case runs on a FRESH connection to each server.
 * set $k 0 0 1\r\n          a data line: the bytes to send. The line's own newline is NOT sent;
 * x\r\n                     line endings must be written as escapes. Consecutive data lines
 *                           are concatenated into one write. Blank lines are ignored; a data
 *                           line may not end in a literal space or tab (write \s instead).
 * --- pause [ms]            send what has accumulated as one write, then sleep ms (default 50)
 * --- wait                  send what has accumulated, then wait until the server has been quiet
 *                           for the quiet period (needed before using %casN)
 * --- chunk N               from here on every write is cut into writes of N bytes, 2 ms apart
 * </pre>
 *
 * <p>Escapes inside data lines: {@code \r \n \t \0 \s}(space) {@code \\ \xHH}, and {@code \$ \{ \} \% \# \*}
 * for the literal characters (a data line that starts with '#' or "--- " must write its first
 * character as {@code \#} or {@code \x2d}). Only printable ASCII may appear unescaped.
 *
 * <p>Substitutions inside data lines:
 * <ul>
 *   <li>{@code $name} ({@code [A-Za-z0-9_]+}): a key, replaced by {@code <prefix>name}; the prefix is
 *       {@code c<run:6 digits>_<case:4 digits>_}, identical for both servers, so every key of the same
 *       case name has the same length on every run;
 *   <li>{@code ${name:N}}: that key padded with 'x' to exactly N bytes;
 *   <li>{@code ${name:b64}}: that key base64-encoded (for the meta 'b' flag);
 *   <li>{@code {TEXT*N}}: TEXT repeated N times (TEXT may use escapes, keys and {@code %i}, the
 *       0-based repetition index; no nesting); {@code {x*1048000}} writes a million x;
 *   <li>{@code %casN}: the N-th (1-based) distinct CAS value this server has sent so far on this
 *       connection, in decimal (resolved at send time; put a {@code --- wait} before it).
 * </ul>
 */
final class CaseFile {

    /** One case: a name and the steps to play against a server. */
    record Case(String file, String name, int number, boolean isolated, List<Step> steps, String source) {
        String displayName() {
            return file + "/" + name;
        }
    }

    sealed interface Step permits Send, Pause, Wait, Chunk {
    }

    record Send(List<Piece> pieces) implements Step {
    }

    record Pause(long millis) implements Step {
    }

    record Wait() implements Step {
    }

    record Chunk(int size) implements Step {
    }

    sealed interface Piece permits Bytes, CasRef {
    }

    record Bytes(byte[] bytes) implements Piece {
    }

    record CasRef(int index) implements Piece {
    }

    private CaseFile() {
    }

    /**
     * Parses one corpus file.
     *
     * @param fileName   used in case names and error messages
     * @param text       the file's content
     * @param runId      the per-run number used in key prefixes (0..999999)
     * @param firstCase  the number given to the first case of this file (key prefixes)
     */
    static List<Case> parse(String fileName, String text, int runId, int firstCase) {
        String stem = fileName.endsWith(".case") ? fileName.substring(0, fileName.length() - 5) : fileName;
        List<Case> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean isolated = false;
        String[] lines = text.split("\n", -1);
        String current = null;
        int currentLine = 0;
        List<Step> steps = null;
        ByteArrayOutputStream pending = null;
        List<Piece> pieces = null;
        StringBuilder source = null;
        int number = firstCase;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? stripCr(lines[i]) : null;
            int lineNo = i + 1;
            if (line != null && line.startsWith("#")) {
                continue;
            }
            if (line == null || line.startsWith("=== ")) {
                if (current != null) {
                    flush(pending, pieces, steps);
                    if (steps.isEmpty()) {
                        throw error(fileName, currentLine, "case '" + current + "' sends nothing");
                    }
                    cases.add(new Case(stem, current, number++, isolated, List.copyOf(steps), source.toString()));
                }
                if (line == null) {
                    break;
                }
                current = line.substring(4).trim();
                currentLine = lineNo;
                if (!current.matches("[A-Za-z0-9_.-]+")) {
                    throw error(fileName, lineNo, "bad case name '" + current + "'");
                }
                if (!names.add(current)) {
                    throw error(fileName, lineNo, "duplicate case name '" + current + "'");
                }
                steps = new ArrayList<>();
                pending = new ByteArrayOutputStream();
                pieces = new ArrayList<>();
                source = new StringBuilder();
                continue;
            }
            if (current == null) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.trim().equals("@isolated")) {
                    isolated = true;
                    continue;
                }
                throw error(fileName, lineNo, "text before the first '=== name' line: " + line);
            }
            if (line.isEmpty()) {
                continue;
            }
            source.append(line).append('\n');
            if (line.startsWith("--- ")) {
                String[] d = line.substring(4).trim().split("\\s+");
                flush(pending, pieces, steps);
                pending.reset();
                pieces = new ArrayList<>();
                switch (d[0]) {
                    case "pause" -> steps.add(new Pause(d.length > 1 ? Long.parseLong(d[1]) : 50));
                    case "wait" -> steps.add(new Wait());
                    case "chunk" -> steps.add(new Chunk(Integer.parseInt(d[1])));
                    default -> throw error(fileName, lineNo, "unknown directive " + line);
                }
                continue;
            }
            char last = line.charAt(line.length() - 1);
            if (last == ' ' || last == '\t') {
                throw error(fileName, lineNo, "data line ends in a literal blank; write \\s");
            }
            String prefix = String.format("c%06d_%04d_", runId, number);
            try {
                new LineParser(line, prefix, pending, pieces).parse();
            } catch (IllegalArgumentException e) {
                throw error(fileName, lineNo, e.getMessage());
            }
        }
        return cases;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static void flush(ByteArrayOutputStream pending, List<Piece> pieces, List<Step> steps) {
        if (pending.size() > 0) {
            pieces.add(new Bytes(pending.toByteArray()));
            pending.reset();
        }
        if (!pieces.isEmpty()) {
            steps.add(new Send(List.copyOf(pieces)));
            pieces.clear();
        }
    }

    private static IllegalArgumentException error(String file, int line, String message) {
        return new IllegalArgumentException(file + ":" + line + ": " + message);
    }

    /** Parses one data line into bytes (appended to {@code out}) and CAS references. */
    private static final class LineParser {
        private final String s;
        private final String prefix;
        private final ByteArrayOutputStream out;
        private final List<Piece> pieces;
        private int pos;

        LineParser(String s, String prefix, ByteArrayOutputStream out, List<Piece> pieces) {
            this.s = s;
            this.prefix = prefix;
            this.out = out;
            this.pieces = pieces;
        }

        void parse() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '{') {
                    int close = repetitionEnd(s, pos + 1);
                    int star = close < 0 ? -1 : lastUnescapedStar(s, pos + 1, close);
                    if (close < 0 || star < pos) {
                        throw new IllegalArgumentException("unterminated {TEXT*N} at column " + (pos + 1));
                    }
                    String body = s.substring(pos + 1, star);
                    int count = Integer.parseInt(s.substring(star + 1, close).trim());
                    for (int i = 0; i < count; i++) {
                        element(body, i);
                    }
                    pos = close + 1;
                } else {
                    int end = nextElementEnd(s, pos);
                    element(s.substring(pos, end), -1);
                    pos = end;
                }
            }
        }

        /** Ends the plain run at the next '{' that is not escaped and not part of '${'. */
        private static int nextElementEnd(String s, int from) {
            int i = from;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                    int close = s.indexOf('}', i);
                    i = close < 0 ? s.length() : close + 1;
                } else if (c == '{') {
                    return i;
                } else {
                    i++;
                }
            }
            return Math.min(i, s.length());
        }

        /** The index of the '}' closing a repetition whose body starts at {@code from}, or -1. */
        private static int repetitionEnd(String s, int from) {
            int i = from;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                    int close = s.indexOf('}', i);
                    if (close < 0) {
                        return -1;
                    }
                    i = close + 1;
                } else if (c == '{') {
                    throw new IllegalArgumentException("nested {TEXT*N} at column " + (i + 1));
                } else if (c == '}') {
                    return i;
                } else {
                    i++;
                }
            }
            return -1;
        }

        /** The last '*' in [from, to) that is not escaped, or -1. */
        private static int lastUnescapedStar(String s, int from, int to) {
            int star = -1;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '*') {
                    star = i;
                }
            }
            return star;
        }

        /** Expands escapes, keys, %i and %casN in a text without repetitions. */
        private void element(String t, int index) {
            int i = 0;
            while (i < t.length()) {
                char c = t.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= t.length()) {
                        throw new IllegalArgumentException("dangling backslash");
                    }
                    char e = t.charAt(i + 1);
                    i += 2;
                    switch (e) {
                        case 'r' -> out.write('\r');
                        case 'n' -> out.write('\n');
                        case 't' -> out.write('\t');
                        case '0' -> out.write(0);
                        case 's' -> out.write(' ');
                        case '\\', '$', '{', '}', '%', '#', '*' -> out.write(e);
                        case 'x' -> {
                            if (i + 2 > t.length()) {
                                throw new IllegalArgumentException("bad \\x escape");
                            }
                            out.write(Integer.parseInt(t.substring(i, i + 2), 16));
                            i += 2;
                        }
                        default -> throw new IllegalArgumentException("unknown escape \\" + e);
                    }
                } else if (c == '$') {
                    i = key(t, i + 1);
                } else if (c == '%') {
                    if (t.startsWith("%i", i)) {
                        if (index < 0) {
                            throw new IllegalArgumentException("%i outside {TEXT*N}");
                        }
                        writeAscii(Integer.toString(index));
                        i += 2;
                    } else if (t.startsWith("%cas", i)) {
                        int j = i + 4;
                        while (j < t.length() && Character.isDigit(t.charAt(j))) {
                            j++;
                        }
                        if (j == i + 4) {
                            throw new IllegalArgumentException("%cas needs a number");
                        }
                        if (out.size() > 0) {
                            pieces.add(new Bytes(out.toByteArray()));
                            out.reset();
                        }
                        pieces.add(new CasRef(Integer.parseInt(t.substring(i + 4, j))));
                        i = j;
                    } else {
                        throw new IllegalArgumentException("unknown %-substitution (write \\% for '%')");
                    }
                } else {
                    if (c > 0x7e) {
                        throw new IllegalArgumentException("non-ASCII character; use \\xHH");
                    }
                    out.write(c);
                    i++;
                }
            }
        }

        private int key(String t, int i) {
            if (i < t.length() && t.charAt(i) == '{') {
                int close = t.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated ${...}");
                }
                String spec = t.substring(i + 1, close);
                int colon = spec.indexOf(':');
                String name = colon < 0 ? spec : spec.substring(0, colon);
                String key = prefix + name;
                if (colon >= 0) {
                    String mod = spec.substring(colon + 1);
                    if (mod.equals("b64")) {
                        key = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII));
                    } else {
                        int len = Integer.parseInt(mod);
                        if (len < key.length()) {
                            throw new IllegalArgumentException("key " + key + " is longer than " + len);
                        }
                        key = key + "x".repeat(len - key.length());
                    }
                }
                writeAscii(key);
                return close + 1;
            }
            int j = i;
            while (j < t.length() && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '_')) {
                j++;
            }
            if (j == i) {
                throw new IllegalArgumentException("'$' without a key name (write \\$ for '$')");
            }
            writeAscii(prefix + t.substring(i, j));
            return j;
        }

        private void writeAscii(String v) {
            out.writeBytes(v.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
