package dev.depot.storage.types;

import java.util.Arrays;

/** A byte array compared by content, for use as a member or field name in the collection types. */
public record Bytes(byte[] value) {

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return new String(value, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
