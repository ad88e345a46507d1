package dev.depot.storage.broker.message;

import java.util.Map;

/**
 * Re-encodes a message's properties for dead-lettering. The server owns the field-table codec;
 * the broker model computes the new headers (x-death and friends) and asks for the bytes.
 * Called outside every broker lock, on whichever thread dead-letters.
 */
@FunctionalInterface
public interface PropertiesRewriter {
    /**
     * @param properties the encoded properties of the dead message
     * @param headers    the headers table the copy carries (types as in {@link dev.depot.storage.broker.FieldValues})
     * @return the same properties with {@code headers} as headers and no expiration
     */
    byte[] deadLettered(byte[] properties, Map<String, Object> headers);
}
