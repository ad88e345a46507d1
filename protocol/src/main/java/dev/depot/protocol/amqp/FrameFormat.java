package dev.depot.protocol.amqp;

/**
 * The frame layout: type (octet), channel (short), payload size (long), payload, frame-end
 * octet 0xCE.
 */
final class FrameFormat {
    static final int METHOD = 1;
    static final int HEADER = 2;
    static final int BODY = 3;
    static final int HEARTBEAT = 8;
    static final int FRAME_END = 0xCE;
    /** Type, channel and size. */
    static final int HEADER_SIZE = 7;
    /** Header and frame-end octet: what a frame costs beyond its payload. */
    static final int OVERHEAD = HEADER_SIZE + 1;

    private FrameFormat() {
    }
}
