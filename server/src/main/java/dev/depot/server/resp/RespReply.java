package dev.depot.server.resp;

import dev.depot.protocol.resp.RespProtocolError;
import dev.depot.protocol.resp.RespWriter;
import dev.depot.server.net.ReplyBuffer;

/**
 * The replies of one connection, in its current protocol version (RESP2 or RESP3, switched by
 * HELLO), collected in the connection's reply buffer. Large bulk values go by reference.
 */
final class RespReply {
    private final ReplyBuffer buffer;
    private final Session session;

    RespReply(ReplyBuffer buffer, Session session) {
        this.buffer = buffer;
        this.session = session;
    }

    private RespWriter writer() {
        return RespWriter.of(session.protocol);
    }

    void ok() {
        writer().ok(buffer.out());
    }

    void simple(String text) {
        writer().simpleString(buffer.out(), text);
    }

    /** Error texts may quote client bytes (Latin-1 here, one char per byte): they go back unchanged. */
    void error(String text) {
        writer().error(buffer.out(), text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** The error that ends a connection after a malformed request, byte for byte as Redis words it. */
    void protocolError(RespProtocolError error) {
        writer().protocolError(buffer.out(), error);
    }

    void integer(long value) {
        writer().integer(buffer.out(), value);
    }

    void bulk(byte[] value) {
        bulk(value, 0, value.length);
    }

    void bulk(byte[] value, int offset, int length) {
        if (length < ReplyBuffer.COPY_LIMIT) {
            writer().bulk(buffer.out(), value, offset, length);
            return;
        }
        writer().bulkHeader(buffer.out(), length);
        buffer.bytes(value, offset, length);
        writer().crlf(buffer.out());
    }

    void bulk(String text) {
        writer().bulk(buffer.out(), text);
    }

    /** A sorted-set score: a double in RESP3, Redis's %.17g text in RESP2. */
    void score(double value) {
        writer().doubleValue(buffer.out(), value);
    }

    void nullBulk() {
        writer().nullBulk(buffer.out());
    }

    void nullArray() {
        writer().nullArray(buffer.out());
    }

    void array(long length) {
        writer().arrayHeader(buffer.out(), length);
    }

    /** A set reply: RESP3's set type, a plain array in RESP2. */
    void set(int members) {
        writer().setHeader(buffer.out(), members);
    }

    /** An out-of-band message: RESP3's push type, a plain array in RESP2. */
    void push(int length) {
        writer().pushHeader(buffer.out(), length);
    }

    void map(int pairs) {
        writer().mapHeader(buffer.out(), pairs);
    }
}
