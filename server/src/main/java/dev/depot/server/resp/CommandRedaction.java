package dev.depot.server.resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Arguments that MONITOR and SLOWLOG must not show (passwords), replaced by
 * {@code (redacted)} as Redis does: everything after AUTH, HELLO's AUTH user and password, and
 * the value of CONFIG SET requirepass.
 */
final class CommandRedaction {
    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    private CommandRedaction() {
    }

    /** {@code args} as they may be shown: the same list when nothing is secret. */
    static List<byte[]> shown(String fullName, List<byte[]> args) {
        switch (fullName) {
            case "auth" -> {
                return redact(args, 1, args.size());
            }
            case "hello" -> {
                for (int i = 2; i + 2 < args.size(); i++) {
                    if (is(args.get(i), "auth")) {
                        return redact(args, i + 1, i + 3);
                    }
                }
                return args;
            }
            case "config|set" -> {
                List<byte[]> shown = args;
                for (int i = 2; i + 1 < args.size(); i += 2) {
                    if (is(args.get(i), "requirepass")) {
                        shown = redact(shown, i + 1, i + 2);
                    }
                }
                return shown;
            }
            default -> {
                return args;
            }
        }
    }

    private static boolean is(byte[] arg, String word) {
        return new String(arg, StandardCharsets.ISO_8859_1).equalsIgnoreCase(word);
    }

    private static List<byte[]> redact(List<byte[]> args, int from, int to) {
        List<byte[]> copy = new ArrayList<>(args);
        for (int i = from; i < to; i++) {
            copy.set(i, REDACTED);
        }
        return copy;
    }
}
