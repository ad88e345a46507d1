package dev.depot.protocol.amqp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A content header frame (type 2), as it came: the {@link ContentAssembler} checks it against
 * the method it follows and parses the properties.
 *
 * @param weight     must be 0; RabbitMQ takes a header with another weight for no header at all
 * @param bodySize   unsigned 64-bit: negative means above 2^63
 * @param properties the property flags and values, copied out of the frame
 */
public record ContentHeaderFrame(int channel, int classId, int weight, long bodySize, byte[] properties)
        implements Frame {
    @Override
    public boolean equals(Object o) {
        return o instanceof ContentHeaderFrame other && channel == other.channel && classId == other.classId
                && weight == other.weight && bodySize == other.bodySize && Arrays.equals(properties, other.properties);
    }

    @Override
    public int hashCode() {
        return (((channel * 31 + classId) * 31 + weight) * 31 + Long.hashCode(bodySize)) * 31 + Arrays.hashCode(properties);
    }

    @Override
    public String toString() {
        return "ContentHeaderFrame[channel=" + channel + ", classId=" + classId + ", weight=" + weight
                + ", bodySize=" + Long.toUnsignedString(bodySize) + ", properties=" + HexFormat.of().formatHex(properties) + "]";
    }
}
