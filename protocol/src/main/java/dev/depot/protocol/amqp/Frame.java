package dev.depot.protocol.amqp;

/** One decoded AMQP frame. */
public sealed interface Frame extends AmqpInbound permits MethodFrame, ContentHeaderFrame, ContentBodyFrame, HeartbeatFrame {
    /** 0 for the connection itself, 1-65535 for channels. */
    int channel();
}
