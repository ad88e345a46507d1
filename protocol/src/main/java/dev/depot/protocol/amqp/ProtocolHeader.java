package dev.depot.protocol.amqp;

import io.netty.buffer.ByteBuf;

/** The eight bytes a client opens with: "AMQP", 0, then the version 0-9-1. */
public final class ProtocolHeader {
    private static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    public static final int LENGTH = AMQP_0_9_1.length;

    private ProtocolHeader() {
    }

    /** Whether byte {@code i} of a header may be {@code b}. */
    static boolean matches(int i, byte b) {
        return AMQP_0_9_1[i] == b;
    }

    /**
     * Writes the 0-9-1 header: the server's answer to a header it does not support, just before
     * it closes the connection.
     */
    public static void write(ByteBuf out) {
        out.writeBytes(AMQP_0_9_1);
    }
}
