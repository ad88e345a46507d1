package dev.depot.protocol.amqp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A content body frame (type 3). Its payload is a retained slice of the decoder's buffer, not a
 * copy; whoever takes the frame releases it ({@link ContentAssembler#accept} does).
 */
public record ContentBodyFrame(int channel, ByteBuf payload) implements Frame, ReferenceCounted {
    @Override
    public int refCnt() {
        return payload.refCnt();
    }

    @Override
    public ContentBodyFrame retain() {
        payload.retain();
        return this;
    }

    @Override
    public ContentBodyFrame retain(int increment) {
        payload.retain(increment);
        return this;
    }

    @Override
    public ContentBodyFrame touch() {
        payload.touch();
        return this;
    }

    @Override
    public ContentBodyFrame touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return payload.release();
    }

    @Override
    public boolean release(int decrement) {
        return payload.release(decrement);
    }
}
