package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.method.Method;

/** A method frame (type 1). */
public record MethodFrame(int channel, Method method) implements Frame {
}
