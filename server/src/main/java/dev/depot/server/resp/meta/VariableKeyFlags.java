package dev.depot.server.resp.meta;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The key flags of commands whose specs say {@code variable_flags}: what they do to the key
 * depends on their other arguments, so the spec's flags are only the widest case.
 */
final class VariableKeyFlags {
    private VariableKeyFlags() {
    }

    static Set<KeySpecFlag> resolve(String command, List<byte[]> args, Set<KeySpecFlag> specFlags) {
        if (command.equals("set")) {
            // SET overwrites blindly unless GET (among the options after the value) reads the old value
            for (int i = 3; i < args.size(); i++) {
                if (new String(args.get(i), StandardCharsets.ISO_8859_1).equalsIgnoreCase("GET")) {
                    return EnumSet.of(KeySpecFlag.RW, KeySpecFlag.ACCESS, KeySpecFlag.UPDATE);
                }
            }
            return EnumSet.of(KeySpecFlag.OW, KeySpecFlag.UPDATE);
        }
        EnumSet<KeySpecFlag> flags = EnumSet.copyOf(specFlags);
        flags.remove(KeySpecFlag.VARIABLE_FLAGS);
        return flags;
    }
}
