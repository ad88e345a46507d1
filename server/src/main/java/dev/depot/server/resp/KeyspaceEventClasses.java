package dev.depot.server.resp;

/**
 * Redis's {@code notify-keyspace-events} value: a set of event-class letters, written back in
 * Redis's canonical order ({@code KEA} reads back as {@code AKE}); {@link KeyspaceEvents} acts on it.
 */
final class KeyspaceEventClasses implements ConfigType<String> {
    /** The classes 'A' stands for, in the order Redis writes them. */
    private static final String ALL = "g$lshzxetd";

    /** Whether 'A' includes {@code type} (it leaves out key-miss and new-key events, as Redis's does). */
    static boolean inAll(KeyspaceEventClass type) {
        return ALL.indexOf(type.letter) >= 0;
    }

    @Override
    public String parse(String text) {
        boolean[] seen = new boolean[128];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'A') {
                ALL.chars().forEach(a -> seen[a] = true);
            } else if ("g$lshzxeKEtmdn".indexOf(c) >= 0) {
                seen[c] = true;
            } else {
                throw new ConfigRejected("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
            }
        }
        StringBuilder out = new StringBuilder();
        if (ALL.chars().allMatch(c -> seen[c])) {
            out.append('A'); // 'n' (new key) is not part of A, yet Redis does not write it beside A either
        } else {
            ALL.chars().filter(c -> seen[c]).forEach(c -> out.append((char) c));
            if (seen['n']) {
                out.append('n');
            }
        }
        for (char c : new char[] {'K', 'E', 'm'}) {
            if (seen[c]) {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String format(String value) {
        return value;
    }
}
