package dev.depot.protocol.amqp.method;

import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.OctetsText;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.wire.ShortStringCache;
import io.netty.buffer.ByteBuf;

/** The payload of a method frame: class id, method id, arguments. */
public final class Methods {
    private Methods() {
    }

    /**
     * Decodes a method frame's whole payload (at least the four id bytes, which the frame
     * decoder checks).
     *
     * @throws AmqpException 540 NOT_IMPLEMENTED for ids AMQP 0-9-1 does not define; 501
     *                       FRAME_ERROR for arguments that are truncated, followed by extra
     *                       bytes ("cannot decode", as RabbitMQ says), or malformed (a shortstr
     *                       that is not UTF-8, a bad field table); all blamed on the method
     */
    public static Method decode(ByteBuf payload) {
        return decode(payload, null);
    }

    /**
     * As {@link #decode(ByteBuf)}, taking the shortstr arguments through the connection's
     * {@code shortStrings} (null: none), so that names repeated from method to method are
     * checked and decoded once.
     */
    public static Method decode(ByteBuf payload, ShortStringCache shortStrings) {
        int classId = payload.readUnsignedShort();
        int methodId = payload.readUnsignedShort();
        MethodKind kind = MethodKind.of(classId, methodId);
        if (kind == null) {
            throw new AmqpException(ReplyCode.NOT_IMPLEMENTED,
                    "unknown method: class " + classId + ", method " + methodId, classId, methodId);
        }
        int argumentsAt = payload.readerIndex();
        Method method;
        try {
            method = kind.read(new MethodReader(payload, shortStrings));
        } catch (IndexOutOfBoundsException e) {
            throw cannotDecode(payload, argumentsAt, kind);
        } catch (AmqpException e) {
            throw e.causedBy(classId, methodId);
        }
        if (payload.isReadable()) {
            throw cannotDecode(payload, argumentsAt, kind);
        }
        return method;
    }

    /** Writes the ids and arguments of {@code method}. */
    public static void encode(ByteBuf out, Method method) {
        out.writeShort(method.classId());
        out.writeShort(method.methodId());
        method.write(new MethodWriter(out));
    }

    private static AmqpException cannotDecode(ByteBuf payload, int argumentsAt, MethodKind kind) {
        String octets = OctetsText.of(payload, argumentsAt, payload.writerIndex() - argumentsAt);
        return new AmqpException(ReplyCode.FRAME_ERROR, "cannot decode " + octets, kind.classId(), kind.methodId());
    }
}
