package dev.depot.protocol.amqp;

/** A heartbeat frame (type 8): always on channel 0, always empty. */
public record HeartbeatFrame() implements Frame {
    public static final HeartbeatFrame INSTANCE = new HeartbeatFrame();

    @Override
    public int channel() {
        return 0;
    }
}
