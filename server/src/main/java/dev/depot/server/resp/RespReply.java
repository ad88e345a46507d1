package dev.depot.server.resp;

import dev.depot.protocol.resp.RespProtocolError;
import dev.depot.protocol.resp.RespWriter;
import dev.depot.server.net.ReplyBuffer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * The replies of one connection, in its current protocol version (RESP2 or RESP3, switched by
 * HELLO), collected in the connection's reply buffer. Large bulk values go by reference.
 * While replies are switched off (CLIENT REPLY OFF or SKIP) they are written to a scratch
 * buffer that is emptied every time, so commands need not know.
 */
final class RespReply {
    private final ReplyBuffer buffer;
    private final Session session;
    private final ErrorStats errorStats;
    private final ByteBuf discarded = Unpooled.buffer(0);
    /** Error replies sent on this connection, so a caller can tell whether a command failed. */
    private long errors;
    /** The reply of the command running now is dropped (CLIENT REPLY SKIP before it). */
    private boolean skipping;

    RespReply(ReplyBuffer buffer, Session session, ErrorStats errorStats) {
        this.buffer = buffer;
        this.session = session;
        this.errorStats = errorStats;
    }

    /** Whether the reply of the command about to run is dropped, besides CLIENT REPLY OFF. */
    void skipping(boolean skip) {
        skipping = skip;
    }

    long errors() {
        return errors;
    }

    private ByteBuf out() {
        if (session.repliesOff || skipping) {
            discarded.clear();
            return discarded;
        }
        return buffer.out();
    }

    private RespWriter writer() {
        return RespWriter.of(session.protocol);
    }

    void ok() {
        writer().ok(out());
    }

    void simple(String text) {
        writer().simpleString(out(), text);
    }

    /** Error texts may quote client bytes (Latin-1 here, one char per byte): they go back unchanged. */
    void error(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        errors++;
        errorStats.count(bytes);
        writer().error(out(), bytes);
    }

    /** The error that ends a connection after a malformed request, byte for byte as Redis words it. */
    void protocolError(RespProtocolError error) {
        writer().protocolError(out(), error);
    }

    void integer(long value) {
        writer().integer(out(), value);
    }

    void bulk(byte[] value) {
        bulk(value, 0, value.length);
    }

    void bulk(byte[] value, int offset, int length) {
        if (length < ReplyBuffer.COPY_LIMIT) {
            writer().bulk(out(), value, offset, length);
            return;
        }
        writer().bulkHeader(out(), length);
        if (session.repliesOff || skipping) {
            return;
        }
        buffer.bytes(value, offset, length);
        writer().crlf(out());
    }

    void bulk(String text) {
        writer().bulk(out(), text);
    }

    /** A sorted-set score: a double in RESP3, Redis's %.17g text in RESP2. */
    void score(double value) {
        writer().doubleValue(out(), value);
    }

    /** Plain text (INFO, CLIENT LIST): RESP3's verbatim string, a bulk string in RESP2. */
    void verbatim(String text) {
        writer().verbatim(out(), text);
    }

    void nullBulk() {
        writer().nullBulk(out());
    }

    void nullArray() {
        writer().nullArray(out());
    }

    void array(long length) {
        writer().arrayHeader(out(), length);
    }

    /** A set reply: RESP3's set type, a plain array in RESP2. */
    void set(int members) {
        writer().setHeader(out(), members);
    }

    /** An out-of-band message: RESP3's push type, a plain array in RESP2. */
    void push(int length) {
        writer().pushHeader(out(), length);
    }

    void map(int pairs) {
        writer().mapHeader(out(), pairs);
    }
}
