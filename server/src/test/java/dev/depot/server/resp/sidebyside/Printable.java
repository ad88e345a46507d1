package dev.depot.server.resp.sidebyside;

import java.util.List;

/** Bytes (Latin-1 text) shown so that a failure message spells every byte: CR, LF, NUL, 0xff. */
final class Printable {
    private Printable() {
    }

    static String of(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A command as redis-cli would take it: each argument quoted, so empty and binary ones show. */
    static String command(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (String arg : args) {
            b.append(b.length() == 0 ? "" : " ").append('"').append(of(arg)).append('"');
        }
        return b.toString();
    }
}
