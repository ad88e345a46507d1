package dev.depot.server.resp.meta;

import java.util.List;

/**
 * The facts COMMAND INFO reports, in Redis's words and order.
 *
 * @param arity         N: exactly N arguments counting the name; -N: at least N
 * @param flags         command flags such as {@code write}, {@code fast}, {@code movablekeys}
 * @param firstKey      the legacy key range: first key position, 0 when none
 * @param lastKey       last key position, negative counts from the end
 * @param step          distance between keys in the range
 * @param aclCategories with their {@code @} prefix
 * @param tips          hints for proxies and clients, such as {@code nondeterministic_output}
 */
public record CommandInfo(int arity, List<String> flags, int firstKey, int lastKey, int step,
                          List<String> aclCategories, List<String> tips, List<KeySpec> keySpecs) {
    /** Redis's flag for commands whose keys may all be absent (GETKEYS then answers an empty array). */
    private static final String NO_MANDATORY_KEYS = "no_mandatory_keys";

    public CommandInfo {
        flags = List.copyOf(flags);
        aclCategories = List.copyOf(aclCategories);
        tips = List.copyOf(tips);
        keySpecs = List.copyOf(keySpecs);
    }

    /** Whether any key spec describes real keys (not look-alikes such as SPUBLISH's shard channel). */
    public boolean hasKeys() {
        return keySpecs.stream().anyMatch(spec -> !spec.has(KeySpecFlag.NOT_KEY));
    }

    public boolean keysOptional() {
        return flags.contains(NO_MANDATORY_KEYS);
    }

    /** Whether the command is in an ACL category, named without its {@code @}, in any letter case. */
    public boolean inCategory(String category) {
        return aclCategories.stream().anyMatch(c -> c.substring(1).equalsIgnoreCase(category));
    }
}
