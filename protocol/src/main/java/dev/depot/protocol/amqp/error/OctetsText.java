package dev.depot.protocol.amqp.error;

import io.netty.buffer.ByteBuf;

/**
 * Shows bytes the way RabbitMQ's frame errors do, as an Erlang binary: {@code <<"text">>} when
 * every byte is printable ASCII, {@code <<0,60,0,80>>} otherwise. Long runs are cut with "..."
 * so that the reply text stays within its 255 bytes.
 */
public final class OctetsText {
    private static final int MAX_SHOWN = 48;

    private OctetsText() {
    }

    public static String of(ByteBuf buf, int index, int length) {
        int shown = Math.min(length, MAX_SHOWN);
        StringBuilder out = new StringBuilder(shown * 4 + 8).append("<<");
        if (length > 0 && isPrintable(buf, index, shown)) {
            out.append('"');
            for (int i = 0; i < shown; i++) {
                char c = (char) buf.getByte(index + i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        } else {
            for (int i = 0; i < shown; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(buf.getUnsignedByte(index + i));
            }
        }
        if (shown < length) {
            out.append("...");
        }
        return out.append(">>").toString();
    }

    private static boolean isPrintable(ByteBuf buf, int index, int length) {
        for (int i = 0; i < length; i++) {
            byte b = buf.getByte(index + i);
            if (b < 32 || b > 126) {
                return false;
            }
        }
        return true;
    }
}
