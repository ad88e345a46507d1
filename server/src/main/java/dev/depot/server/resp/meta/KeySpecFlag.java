package dev.depot.server.resp.meta;

import java.util.Arrays;

/** How a command uses the keys of a key spec, in the order Redis lists them. */
public enum KeySpecFlag {
    /** Reads the value. */
    RO("RO"),
    /** Reads and writes the value. */
    RW("RW"),
    /** Overwrites the value without reading it. */
    OW("OW"),
    /** Removes the key. */
    RM("RM"),
    ACCESS("access"),
    UPDATE("update"),
    INSERT("insert"),
    DELETE("delete"),
    /** Looks like a key but is not one (SPUBLISH's shard channel). */
    NOT_KEY("not_key"),
    /** The spec may miss keys: only the command's own parsing finds them all. */
    INCOMPLETE("incomplete"),
    /** The flags depend on the other arguments (SET with or without GET). */
    VARIABLE_FLAGS("variable_flags");

    private final String wire;

    KeySpecFlag(String wire) {
        this.wire = wire;
    }

    /** The word Redis uses in replies. */
    public String wire() {
        return wire;
    }

    static KeySpecFlag of(String wire) {
        return Arrays.stream(values()).filter(f -> f.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown key spec flag " + wire));
    }
}
