package dev.depot.protocol.amqp.error;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class AmqpExceptionTest {

    @Test
    void replyCodesAndTheirScopeAreTheSpecs() {
        Map<Integer, Boolean> connectionExceptions = Arrays.stream(ReplyCode.values())
                .collect(Collectors.toMap(ReplyCode::code, ReplyCode::isConnectionException));
        assertEquals(Map.ofEntries(
                Map.entry(200, false), Map.entry(311, false), Map.entry(312, false), Map.entry(313, false),
                Map.entry(320, true), Map.entry(402, true), Map.entry(403, false), Map.entry(404, false),
                Map.entry(405, false), Map.entry(406, false), Map.entry(501, true), Map.entry(502, true),
                Map.entry(503, true), Map.entry(504, true), Map.entry(505, true), Map.entry(506, true),
                Map.entry(530, true), Map.entry(540, true), Map.entry(541, true)), connectionExceptions);
    }

    @Test
    void theReplyTextIsTheCodesNameAndTheDetail() {
        AmqpException e = new AmqpException(ReplyCode.NOT_FOUND, "no queue 'q' in vhost '/'", 50, 10);
        assertEquals("NOT_FOUND - no queue 'q' in vhost '/'", e.replyText());
        assertEquals(e.replyText(), e.getMessage());
        assertFalse(e.closesConnection());
        assertEquals(0, e.getStackTrace().length, "no stack trace: peers cause these at will");
        AmqpException blamed = new AmqpException(ReplyCode.FRAME_ERROR, "x").causedBy(60, 40);
        assertEquals(60, blamed.classId());
        assertEquals(40, blamed.methodId());
        assertTrue(blamed.closesConnection());
    }

    @Test
    void withoutADetailTheReplyTextIsTheBareName() {
        // RabbitMQ's close for a crashed channel: "INTERNAL_ERROR", no class or method
        AmqpException e = new AmqpException(ReplyCode.INTERNAL_ERROR, null);
        assertEquals("INTERNAL_ERROR", e.replyText());
        assertTrue(e.closesConnection());
        assertEquals(0, e.classId());
        assertEquals(0, e.methodId());
    }

    @Test
    void aChannelCodeCanCloseTheConnection() {
        AmqpException login = AmqpException.closingConnection(ReplyCode.ACCESS_REFUSED, "Login was refused", 10, 11);
        assertTrue(login.closesConnection());
        assertTrue(login.causedBy(0, 0).closesConnection());
    }

    @Test
    void theReplyTextIsCutToAShortstrAtACharacterBoundary() {
        String detail = "é".repeat(200);
        String text = new AmqpException(ReplyCode.PRECONDITION_FAILED, detail).replyText();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertTrue(utf8.length <= 255);
        assertEquals(254, utf8.length, "PRECONDITION_FAILED - (22 bytes) and 116 two-byte characters");
        assertTrue(text.startsWith("PRECONDITION_FAILED - éé"));
        assertTrue(text.endsWith("é"));
    }

    @Test
    void octetsAreShownAsErlangBinaries() {
        assertEquals("<<>>", OctetsText.of(Unpooled.EMPTY_BUFFER, 0, 0));
        assertEquals("<<\"ab\">>", OctetsText.of(Unpooled.wrappedBuffer(new byte[] {'a', 'b'}), 0, 2));
        assertEquals("<<\"a\\\"\\\\\">>", OctetsText.of(Unpooled.wrappedBuffer(new byte[] {'a', '"', '\\'}), 0, 3));
        assertEquals("<<0,60,255>>", OctetsText.of(Unpooled.wrappedBuffer(new byte[] {0, 60, -1}), 0, 3));
        String longOne = OctetsText.of(Unpooled.wrappedBuffer(new byte[1000]), 0, 1000);
        assertTrue(longOne.endsWith(",0...>>"));
        assertTrue(longOne.length() < 120);
    }
}
