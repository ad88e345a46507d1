package dev.depot.protocol.resp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Redis's sdssplitargs, which cuts an inline command (a line typed in telnet) into arguments.
 * Its quirks, all kept: blanks between arguments are C's isspace (so \v and \f too), but only
 * space, \t, \r and \n end an unquoted argument; a quote inside an argument opens a quoted part
 * of the same argument ({@code foo"bar baz"} is one argument); a closing quote must be followed
 * by a blank or the end; inside double quotes {@code \xHH}, {@code \n \r \t \b \a} are escapes
 * and any other escaped character stands for itself; inside single quotes only {@code \'} is.
 */
final class InlineSplitter {

    private InlineSplitter() {
    }

    /** The arguments of {@code line} (without its line ending), or null for unbalanced quotes. */
    static List<byte[]> split(byte[] line) {
        List<byte[]> args = new ArrayList<>();
        byte[] current = new byte[line.length]; // no argument is longer than the line
        int p = 0;
        while (true) {
            while (at(line, p) != 0 && isSpace(at(line, p))) {
                p++;
            }
            if (at(line, p) == 0) {
                return args;
            }
            int length = 0;
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                int c = at(line, p);
                if (inDouble) {
                    if (c == '\\' && at(line, p + 1) == 'x' && isHex(at(line, p + 2)) && isHex(at(line, p + 3))) {
                        current[length++] = (byte) (Character.digit(at(line, p + 2), 16) * 16
                                + Character.digit(at(line, p + 3), 16));
                        p += 3;
                    } else if (c == '\\' && at(line, p + 1) != 0) {
                        p++;
                        current[length++] = (byte) switch (at(line, p)) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> at(line, p);
                        };
                    } else if (c == '"') {
                        if (at(line, p + 1) != 0 && !isSpace(at(line, p + 1))) {
                            return null; // closing quote glued to more text
                        }
                        done = true;
                    } else if (c == 0) {
                        return null; // unterminated
                    } else {
                        current[length++] = (byte) c;
                    }
                } else if (inSingle) {
                    if (c == '\\' && at(line, p + 1) == '\'') {
                        p++;
                        current[length++] = '\'';
                    } else if (c == '\'') {
                        if (at(line, p + 1) != 0 && !isSpace(at(line, p + 1))) {
                            return null;
                        }
                        done = true;
                    } else if (c == 0) {
                        return null;
                    } else {
                        current[length++] = (byte) c;
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> current[length++] = (byte) c;
                    }
                }
                if (at(line, p) != 0) {
                    p++;
                }
            }
            args.add(Arrays.copyOf(current, length));
        }
    }

    /** The byte at {@code i} as C sees the line: a NUL past the end (and at any NUL). */
    private static int at(byte[] line, int i) {
        return i < line.length ? line[i] & 0xff : 0;
    }

    /** C's isspace in the C locale; bytes above 127 are not blanks. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
