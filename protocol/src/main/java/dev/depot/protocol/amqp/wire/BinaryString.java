package dev.depot.protocol.amqp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A field value of type 'S' whose bytes are not well-formed UTF-8 (well-formed ones decode to
 * {@link String}). Kept as bytes so that it encodes back unchanged. The array is not copied:
 * do not change it.
 */
public record BinaryString(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "BinaryString[" + HexFormat.of().formatHex(bytes) + "]";
    }
}
