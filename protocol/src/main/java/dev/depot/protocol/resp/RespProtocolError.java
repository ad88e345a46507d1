package dev.depot.protocol.resp;

import java.nio.charset.StandardCharsets;

/**
 * Input Redis refuses as a protocol violation. The server must answer
 * {@code -ERR Protocol error: <reason>\r\n} (see {@link RespWriter#protocolError}) and close the
 * connection once that is flushed; replies to the commands decoded before it go out first, and
 * nothing after it is decoded. {@code reason} is the text Redis 7.0 sends, e.g. "invalid bulk
 * length"; its characters stand for single bytes (ISO-8859-1), because in
 * {@code expected '$', got '<c>'} Redis echoes the offending byte as it is.
 */
public record RespProtocolError(String reason) implements RespRequest {
    public static final String PREFIX = "ERR Protocol error: ";

    /** The whole error line's text without the leading '-' and the CRLF, as bytes. */
    public byte[] text() {
        return (PREFIX + reason).getBytes(StandardCharsets.ISO_8859_1);
    }
}
