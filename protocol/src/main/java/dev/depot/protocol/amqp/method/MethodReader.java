package dev.depot.protocol.amqp.method;

import dev.depot.protocol.amqp.wire.FieldTables;
import dev.depot.protocol.amqp.wire.LongStrings;
import dev.depot.protocol.amqp.wire.ShortStringCache;
import dev.depot.protocol.amqp.wire.ShortStrings;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads method arguments in order. Consecutive bits share octets, the first in the lowest bit,
 * and any other argument ends the run. Reading past the end throws Netty's
 * IndexOutOfBoundsException, which {@link Methods#decode} turns into a FRAME_ERROR.
 */
public final class MethodReader {
    private final ByteBuf in;
    /** The connection's recent shortstrs; null to decode each afresh. */
    private final ShortStringCache shortStrings;
    /** The octet holding the current run of bits. */
    private int bits;
    /** Mask of the next bit in {@link #bits}; 0 or 0x100 when the next bit needs a new octet. */
    private int nextBit;

    MethodReader(ByteBuf in, ShortStringCache shortStrings) {
        this.in = in;
        this.shortStrings = shortStrings;
    }

    public int octet() {
        nextBit = 0;
        return in.readUnsignedByte();
    }

    public int shortUint() {
        nextBit = 0;
        return in.readUnsignedShort();
    }

    public long longUint() {
        nextBit = 0;
        return in.readUnsignedInt();
    }

    public long longlong() {
        nextBit = 0;
        return in.readLong();
    }

    public boolean bit() {
        if (nextBit == 0 || nextBit == 0x100) {
            bits = in.readUnsignedByte();
            nextBit = 1;
        }
        boolean set = (bits & nextBit) != 0;
        nextBit <<= 1;
        return set;
    }

    /** A shortstr, which must be UTF-8 (RabbitMQ refuses others). */
    public String shortstr() {
        nextBit = 0;
        return shortStrings == null ? ShortStrings.readUtf8(in) : shortStrings.readUtf8(in);
    }

    public byte[] longstr() {
        nextBit = 0;
        return LongStrings.read(in);
    }

    /** A longstr holding text (connection.start's mechanisms and locales). */
    public String longstrText() {
        return new String(longstr(), StandardCharsets.UTF_8);
    }

    public Map<String, Object> table() {
        nextBit = 0;
        return FieldTables.read(in);
    }

    /** Skips a reserved short (the old "ticket"), whatever its value. */
    public void reservedShort() {
        shortUint();
    }

    /** Skips a reserved shortstr, whatever its content. */
    public void reservedShortstr() {
        nextBit = 0;
        ShortStrings.skip(in);
    }

    public void reservedLongstr() {
        nextBit = 0;
        LongStrings.skip(in);
    }

    public void reservedBit() {
        bit();
    }
}
