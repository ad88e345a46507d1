package dev.depot.server.resp;

/**
 * Redis's {@code notify-keyspace-events} value: a set of event-class letters, written back in
 * Redis's canonical order ({@code KEA} reads back as {@code AKE}); {@link KeyspaceEvents} acts on it.
 * The parsed value keeps every class; {@link #format} shows it as Redis's CONFIG GET does, which
 * leaves out {@code n} beside {@code A} although it stays on.
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
            out.append('A');
        } else {
            ALL.chars().filter(c -> seen[c]).forEach(c -> out.append((char) c));
        }
        if (seen['n']) {
            out.append('n'); // not part of A: kept beside it here, where only format() hides it
        }
        for (char c : new char[] {'K', 'E', 'm'}) {
            if (seen[c]) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** As Redis writes the setting: 'n' (new key events), not part of 'A', is not written beside it either. */
    @Override
    public String format(String value) {
        return value.startsWith("An") ? "A" + value.substring(2) : value;
    }
}
