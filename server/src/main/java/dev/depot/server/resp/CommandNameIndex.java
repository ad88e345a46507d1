package dev.depot.server.resp;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Finds a command by the bytes of its name as a client sent them, in any letter case, without
 * making a String of them: every command a client sends goes through here. An open-addressing
 * table of the lower-case names, probed with an ASCII case-folding hash.
 */
final class CommandNameIndex {
    private final CommandSpec[] slots;
    private final byte[][] names;
    private final int mask;

    CommandNameIndex(Collection<CommandSpec> specs) {
        int capacity = Integer.highestOneBit(Math.max(4, specs.size() * 4) - 1) << 1; // load factor at most 1/4
        slots = new CommandSpec[capacity];
        names = new byte[capacity][];
        mask = capacity - 1;
        for (CommandSpec spec : specs) {
            byte[] name = spec.name().getBytes(StandardCharsets.ISO_8859_1);
            int i = foldedHash(name) & mask;
            while (slots[i] != null) {
                i = (i + 1) & mask;
            }
            slots[i] = spec;
            names[i] = name;
        }
    }

    /** The command named {@code name} in any letter case, or null. */
    CommandSpec find(byte[] name) {
        for (int i = foldedHash(name) & mask; slots[i] != null; i = (i + 1) & mask) {
            if (equalsIgnoringCase(names[i], name)) {
                return slots[i];
            }
        }
        return null;
    }

    private static int foldedHash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + lower(b);
        }
        return h ^ (h >>> 16);
    }

    /** {@code lowerName} is already lower case. */
    private static boolean equalsIgnoringCase(byte[] lowerName, byte[] name) {
        if (lowerName.length != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (lowerName[i] != lower(name[i])) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
