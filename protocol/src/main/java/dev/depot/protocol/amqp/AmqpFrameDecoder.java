package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.OctetsText;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.method.Methods;
import dev.depot.protocol.amqp.wire.ShortStringCache;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Turns the bytes of an AMQP 0-9-1 connection into {@link AmqpInbound} events: the protocol
 * header's outcome, then frames. Frames are checked as RabbitMQ checks them, and a violation
 * becomes a {@link DecodeFailure} with RabbitMQ's reply code and text (a connection exception),
 * after which all input is discarded:
 * <ul>
 * <li>a frame larger than frame_max: 501 FRAME_ERROR, as soon as its header arrives (RabbitMQ
 * tolerates 8 bytes more; this decoder holds clients to the negotiated size)</li>
 * <li>a frame-end octet other than 0xCE, an unknown frame type, a heartbeat with a payload, a
 * method or content header frame too short for its fixed fields: 501 FRAME_ERROR</li>
 * <li>content on channel 0, a heartbeat on another channel: 505 UNEXPECTED_FRAME</li>
 * <li>a method that does not decode: see {@link Methods#decode}</li>
 * </ul>
 * Which frames may follow which on a channel is the {@link ContentAssembler}'s business, and
 * which methods a connection may send in its state is the server's.
 *
 * <p>One instance per connection, used on its event loop.
 */
public final class AmqpFrameDecoder extends ByteToMessageDecoder {
    /** The spec's frame-min-size: the frame_max in force until the client's tune-ok. */
    public static final int MIN_FRAME_MAX = 4096;
    /** What "no limit" (frame_max 0) still has to fit: a Java array. */
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 16;

    private enum State { PROTOCOL_HEADER, FRAMES, DONE }

    private State state = State.PROTOCOL_HEADER;
    private final ShortStringCache shortStrings = new ShortStringCache();
    private int headerBytesSeen;
    /** The largest payload frame_max leaves room for. */
    private long maxPayload;

    public AmqpFrameDecoder() {
        frameMax(MIN_FRAME_MAX);
    }

    /**
     * Sets the largest frame accepted, header and frame-end included, as tune-ok carries it
     * (unsigned 32-bit); 0 means no limit. Call on the channel's event loop once the client's
     * tune-ok has fixed it.
     */
    public void frameMax(long frameMax) {
        if (frameMax < 0 || frameMax > 0xFFFF_FFFFL || frameMax != 0 && frameMax < FrameFormat.OVERHEAD) {
            throw new IllegalArgumentException("not a frame_max: " + frameMax);
        }
        this.maxPayload = frameMax == 0 ? MAX_PAYLOAD : Math.min(MAX_PAYLOAD, frameMax - FrameFormat.OVERHEAD);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (state != State.DONE && in.isReadable()) {
            AmqpInbound event;
            try {
                event = state == State.PROTOCOL_HEADER ? readProtocolHeader(in) : readFrame(in);
            } catch (AmqpException e) {
                state = State.DONE;
                event = new DecodeFailure(e);
            }
            if (event == null) {
                return;
            }
            out.add(event);
        }
        if (state == State.DONE) {
            in.skipBytes(in.readableBytes());
        }
    }

    private AmqpInbound readProtocolHeader(ByteBuf in) {
        int available = Math.min(in.readableBytes(), ProtocolHeader.LENGTH);
        for (int i = headerBytesSeen; i < available; i++) {
            if (!ProtocolHeader.matches(i, in.getByte(in.readerIndex() + i))) {
                state = State.DONE;
                return new ProtocolHeaderRejected(ByteBufUtil.getBytes(in, in.readerIndex(), available));
            }
        }
        headerBytesSeen = available;
        if (available < ProtocolHeader.LENGTH) {
            return null;
        }
        in.skipBytes(ProtocolHeader.LENGTH);
        state = State.FRAMES;
        return new ProtocolHeaderAccepted();
    }

    private Frame readFrame(ByteBuf in) {
        if (in.readableBytes() < FrameFormat.HEADER_SIZE) {
            return null;
        }
        int start = in.readerIndex();
        int type = in.getUnsignedByte(start);
        int channel = in.getUnsignedShort(start + 1);
        long size = in.getUnsignedInt(start + 3);
        if (size > maxPayload) {
            throw frameError(type, "<<>>: {frame_too_large," + size + "," + maxPayload + "}");
        }
        if (in.readableBytes() < size + FrameFormat.OVERHEAD) {
            return null;
        }
        int payloadAt = start + FrameFormat.HEADER_SIZE;
        int payloadSize = (int) size;
        int end = in.getUnsignedByte(payloadAt + payloadSize);
        if (end != FrameFormat.FRAME_END) {
            throw frameError(type, octets(in, payloadAt, payloadSize) + ": {invalid_frame_end_marker," + end + "}");
        }
        Frame frame = switch (type) {
            case FrameFormat.METHOD -> methodFrame(in, channel, payloadAt, payloadSize);
            case FrameFormat.HEADER -> contentHeaderFrame(in, channel, payloadAt, payloadSize);
            case FrameFormat.BODY -> contentBodyFrame(in, channel, payloadAt, payloadSize);
            case FrameFormat.HEARTBEAT -> heartbeatFrame(in, channel, payloadAt, payloadSize);
            default -> throw unknownFrame(in, type, payloadAt, payloadSize);
        };
        in.readerIndex(payloadAt + payloadSize + 1);
        return frame;
    }

    private MethodFrame methodFrame(ByteBuf in, int channel, int at, int size) {
        if (size < 4) {
            throw unknownFrame(in, FrameFormat.METHOD, at, size);
        }
        // Bound the buffer to the payload for the decode instead of slicing it: a slice is an
        // object per frame, and method frames are most of the traffic.
        int readerIndex = in.readerIndex();
        int writerIndex = in.writerIndex();
        in.setIndex(at, at + size);
        try {
            return new MethodFrame(channel, Methods.decode(in, shortStrings));
        } finally {
            in.setIndex(readerIndex, writerIndex);
        }
    }

    /** class id (short), weight (short), body size (long long), then the property flags and values. */
    private static ContentHeaderFrame contentHeaderFrame(ByteBuf in, int channel, int at, int size) {
        if (channel == 0) {
            throw unexpectedFrame(in, FrameFormat.HEADER, at, size);
        }
        if (size < 14) {
            throw unknownFrame(in, FrameFormat.HEADER, at, size);
        }
        return new ContentHeaderFrame(channel, in.getUnsignedShort(at), in.getUnsignedShort(at + 2),
                in.getLong(at + 4), ByteBufUtil.getBytes(in, at + 12, size - 12));
    }

    private static ContentBodyFrame contentBodyFrame(ByteBuf in, int channel, int at, int size) {
        if (channel == 0) {
            throw unexpectedFrame(in, FrameFormat.BODY, at, size);
        }
        return new ContentBodyFrame(channel, in.retainedSlice(at, size));
    }

    private static HeartbeatFrame heartbeatFrame(ByteBuf in, int channel, int at, int size) {
        if (size != 0) {
            throw unknownFrame(in, FrameFormat.HEARTBEAT, at, size);
        }
        if (channel != 0) {
            throw unexpectedFrame(in, FrameFormat.HEARTBEAT, at, size);
        }
        return HeartbeatFrame.INSTANCE;
    }

    // RabbitMQ's texts for framing errors: "type 1, all octets = <<...>>: reason"

    private static AmqpException unknownFrame(ByteBuf in, int type, int at, int size) {
        return frameError(type, octets(in, at, size) + ": unknown_frame");
    }

    private static AmqpException frameError(int type, String rest) {
        return new AmqpException(ReplyCode.FRAME_ERROR, "type " + type + ", all octets = " + rest);
    }

    private static AmqpException unexpectedFrame(ByteBuf in, int type, int at, int size) {
        return new AmqpException(ReplyCode.UNEXPECTED_FRAME, "type " + type + ", all octets = " + octets(in, at, size));
    }

    private static String octets(ByteBuf in, int at, int size) {
        return OctetsText.of(in, at, size);
    }
}
