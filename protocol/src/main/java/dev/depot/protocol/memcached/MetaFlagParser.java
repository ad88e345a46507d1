package dev.depot.protocol.memcached;

import java.util.ArrayList;
import java.util.List;

/**
 * memcached 1.6.18's flag pre-parse: a repeated flag or an unknown one stops at once; a bad
 * numeric token is remembered and parsing goes on (the last such error wins).
 */
final class MetaFlagParser {
    static final String BAD_FORMAT = "CLIENT_ERROR bad command line format";
    static final String BAD_TOKEN = "CLIENT_ERROR bad token in command line format";

    /** The outcome: flags, or the error memcached would name. */
    record Result(MetaFlags flags, String error) {
    }

    private MetaFlagParser() {
    }

    /** The number after a flag letter, parsed as memcached's safe_strtol (truncated to 32 bits by the caller). */
    private static boolean signedInt(byte[] line, int tokenStart, int tokenEnd, long[] out) {
        return CNumbers.parseSigned(line, tokenStart + 1, tokenEnd, out);
    }

    static Result parse(byte[] line, int[] starts, int[] ends, int first, int count) {
        List<byte[]> tokens = new ArrayList<>(count - first);
        MetaFlags flags = new MetaFlags(tokens);
        String error = null;
        boolean seen[] = new boolean[128];
        long[] number = new long[1];
        for (int t = first; t < count; t++) {
            int s = starts[t];
            int e = ends[t];
            int flag = line[s] & 0xff;
            if (flag >= 127 || seen[flag]) {
                return new Result(null, "CLIENT_ERROR duplicate flag");
            }
            seen[flag] = true;
            byte[] token = java.util.Arrays.copyOfRange(line, s, e);
            tokens.add(token);
            switch (flag) {
                case 'b', 'O', 'P', 'L', 'k', 's', 't', 'c', 'f', 'v', 'h', 'u', 'q', 'l', 'I' -> {
                }
                case 'N' -> {
                    if (signedInt(line, s, e, number)) {
                        flags.vivifyTtl = (int) number[0];
                    } else {
                        error = BAD_TOKEN;
                    }
                }
                case 'T' -> {
                    if (signedInt(line, s, e, number)) {
                        flags.ttl = (int) number[0];
                    } else {
                        error = BAD_TOKEN;
                    }
                }
                case 'R' -> {
                    if (signedInt(line, s, e, number)) {
                        flags.recacheTtl = (int) number[0];
                    } else {
                        error = BAD_TOKEN;
                    }
                }
                case 'F' -> {
                    if (CNumbers.parseUnsigned(line, s + 1, e, number)) {
                        flags.clientFlags = (int) number[0];
                    } else if (error == null) {
                        error = BAD_FORMAT;
                    }
                }
                case 'C' -> {
                    if (CNumbers.parseUnsigned(line, s + 1, e, number)) {
                        flags.compareCas = number[0];
                    } else {
                        error = BAD_TOKEN;
                    }
                }
                case 'M' -> {
                    if (e - s != 2) {
                        error = "CLIENT_ERROR incorrect length for M token";
                    } else {
                        flags.mode = line[s + 1];
                    }
                }
                case 'J' -> {
                    if (CNumbers.parseUnsigned(line, s + 1, e, number)) {
                        flags.initial = number[0];
                    } else {
                        error = "CLIENT_ERROR invalid numeric initial value";
                    }
                }
                case 'D' -> {
                    if (CNumbers.parseUnsigned(line, s + 1, e, number)) {
                        flags.delta = number[0];
                    } else {
                        error = "CLIENT_ERROR invalid numeric delta value";
                    }
                }
                default -> {
                    return new Result(null, "CLIENT_ERROR invalid flag");
                }
            }
            flags.mark((char) flag);
        }
        return new Result(flags, error);
    }
}
