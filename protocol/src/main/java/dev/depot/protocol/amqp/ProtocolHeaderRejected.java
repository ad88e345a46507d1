package dev.depot.protocol.amqp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The client opened with something other than the AMQP 0-9-1 header (another AMQP version, or
 * another protocol altogether). The server writes {@link ProtocolHeader#write the 0-9-1 header}
 * and closes the connection, as the spec asks. It is reported as soon as a byte differs, so a
 * client that sends fewer than eight bytes of something else is not kept waiting.
 *
 * @param received what came, up to eight bytes (for the log)
 */
public record ProtocolHeaderRejected(byte[] received) implements AmqpInbound {
    @Override
    public boolean equals(Object o) {
        return o instanceof ProtocolHeaderRejected other && Arrays.equals(received, other.received);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(received);
    }

    @Override
    public String toString() {
        return "ProtocolHeaderRejected[" + HexFormat.of().formatHex(received) + "]";
    }
}
