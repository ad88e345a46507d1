package dev.depot.protocol.amqp.wire;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The shortstrs a connection sent lately, by their bytes: a publisher names the same exchange
 * and routing key in message after message, and each is checked for UTF-8 and decoded once, then
 * comes back as the same String. Reads exactly as {@link ShortStrings#readUtf8} (same results,
 * same failures). A small direct-mapped table (a slot per hash of the bytes, the newest string
 * wins it). One instance per connection, used on its event loop.
 */
public final class ShortStringCache {
    private static final int SLOTS = 32;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    private final byte[] scratch = new byte[ShortStrings.MAX_LENGTH];

    /** A shortstr that must be UTF-8; see {@link ShortStrings#readUtf8}. */
    public String readUtf8(ByteBuf in) {
        int at = in.readerIndex();
        int length = in.getUnsignedByte(at);
        if (length == 0) {
            in.skipBytes(1);
            return "";
        }
        if (in.writerIndex() - at - 1 < length) {
            return ShortStrings.readUtf8(in); // truncated: fails as it would without the cache
        }
        byte[] bytes = scratch;
        in.getBytes(at + 1, bytes, 0, length);
        int hash = 1;
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            hash = 31 * hash + b;
            ascii &= b >= 0;
        }
        int slot = (hash ^ hash >>> 16) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, bytes, 0, length)) {
            in.skipBytes(1 + length);
            return values[slot];
        }
        String value;
        if (ascii) { // ASCII is UTF-8 as it is
            value = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            in.skipBytes(1 + length);
        } else {
            value = ShortStrings.readUtf8(in);
        }
        keys[slot] = Arrays.copyOf(bytes, length);
        values[slot] = value;
        return value;
    }
}
