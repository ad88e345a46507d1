package dev.depot.protocol.amqp.content;

import com.rabbitmq.client.AMQP;
import dev.depot.protocol.amqp.CapturedFrames;
import dev.depot.protocol.amqp.FrameWriter;
import dev.depot.protocol.amqp.TestBytes;
import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.wire.ByteArray;
import dev.depot.protocol.amqp.wire.Timestamp;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PropertyBytesTest {

    /** The property list of pika's captured content header: the frame minus its 7+12 leading bytes and frame end. */
    private static byte[] pikaProperties() {
        byte[] frame = TestBytes.hex(CapturedFrames.PIKA_CONTENT_HEADER);
        return Arrays.copyOfRange(frame, 7 + 12, frame.length - 1);
    }

    private static final BasicProperties ALL = new BasicProperties("application/json", "gzip",
            Map.of("x-retries", 3), 2, 9, "corr", "reply.q", "60000", "msg-1", new Timestamp(1700000000L),
            "order.created", "guest", "app", "cluster");

    @Test
    void pikasPropertiesAreReadLazilyAndDecodedWhole() {
        PropertyBytes props = PropertyBytes.parse(pikaProperties());
        assertEquals(0xFFF8, props.flags());
        assertEquals(2, props.deliveryMode());
        assertEquals(3, props.priority());
        assertEquals("60000", props.expiration());
        assertEquals("guest", props.userId());
        Map<String, Object> headers = props.headers();
        assertEquals("str", headers.get("s"));
        assertEquals(42, headers.get("i"));
        assertEquals(-7, headers.get("neg"));
        assertEquals(1L << 40, headers.get("big"));
        assertEquals(new ByteArray(new byte[] {0, -1, 'r', 'a', 'w'}), headers.get("x"));
        assertEquals(true, headers.get("b"));
        assertTrue(headers.containsKey("n"));
        assertNull(headers.get("n"));
        assertEquals(Arrays.asList(1, "two", false), headers.get("l"));
        assertEquals(Map.of("nested", "yes"), headers.get("t"));
        assertEquals(new BigDecimal("3.14"), headers.get("d"));
        assertEquals(new Timestamp(1704164645L), headers.get("ts")); // 2024-01-02T03:04:05Z

        BasicProperties all = props.decode();
        assertEquals(new BasicProperties("text/plain", "utf-8", headers, 2, 3, "corr-1", "replies", "60000", "m-1",
                new Timestamp(1700000000L), "kind", "guest", "fixture-app", null), all);
        assertArrayEquals(pikaProperties(), all.encode().bytes(), "pika's types map one to one: encoding it again gives its bytes");
    }

    @Test
    void absentPropertiesAreNull() {
        PropertyBytes none = PropertyBytes.parse(new byte[2]);
        assertEquals(PropertyBytes.EMPTY, none);
        assertNull(none.deliveryMode());
        assertNull(none.priority());
        assertNull(none.expiration());
        assertNull(none.userId());
        assertNull(none.headers());
        assertEquals(BasicProperties.EMPTY, none.decode());
        assertArrayEquals(new byte[2], BasicProperties.EMPTY.encode().bytes());
        for (BasicProperty p : BasicProperty.values()) {
            assertFalse(none.has(p));
        }
    }

    @Test
    void allFourteenRoundTrip() {
        PropertyBytes bytes = ALL.encode();
        assertEquals(0xFFFC, bytes.flags());
        assertEquals(ALL, bytes.decode());
        assertEquals(ALL, PropertyBytes.parse(bytes.bytes().clone()).decode());
        assertEquals(2, bytes.deliveryMode());
        assertEquals(9, bytes.priority());
        assertEquals("60000", bytes.expiration());
        assertEquals("guest", bytes.userId());
        assertEquals(Map.of("x-retries", 3), bytes.headers());
        for (BasicProperty p : BasicProperty.values()) {
            assertTrue(bytes.has(p), p.name());
        }
    }

    @Test
    void encodesAsTheJavaClientDoes() throws IOException {
        // the Java client keeps headers in a HashMap: give Depot the same order
        Map<String, Object> headers = new LinkedHashMap<>(new HashMap<>(Map.of("a", 1, "b", "two", "c", List.of(true))));
        AMQP.BasicProperties client = new AMQP.BasicProperties("application/json", "gzip", headers, 2, 9, "corr",
                "reply.q", "60000", "msg-1", new Date(1700000000000L), "order.created", "guest", "app", "cluster");
        BasicProperties depot = new BasicProperties("application/json", "gzip", headers, 2, 9, "corr", "reply.q",
                "60000", "msg-1", new Timestamp(1700000000L), "order.created", "guest", "app", "cluster");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        client.toFrame(5, 1234).writeTo(new DataOutputStream(expected));
        byte[] actual = TestBytes.written(out -> FrameWriter.contentHeader(out, 5, 1234, depot.encode().bytes()));
        assertEquals(TestBytes.hex(expected.toByteArray()), TestBytes.hex(actual));

        AMQP.BasicProperties sparse = new AMQP.BasicProperties.Builder().deliveryMode(1).expiration("5").build();
        expected.reset();
        sparse.toFrame(1, 0).writeTo(new DataOutputStream(expected));
        BasicProperties sparseDepot = new BasicProperties(null, null, null, 1, null, null, null, "5", null, null, null, null, null, null);
        assertEquals(TestBytes.hex(expected.toByteArray()),
                TestBytes.hex(TestBytes.written(out -> FrameWriter.contentHeader(out, 1, 0, sparseDepot.encode().bytes()))));
    }

    // ---- new headers, every other byte kept -------------------------------------------------

    @Test
    void withHeadersReplacesOnlyTheHeaders() {
        PropertyBytes pika = PropertyBytes.parse(pikaProperties());
        Map<String, Object> xDeath = Map.of("x-death", List.of(Map.of("count", 1L, "reason", "rejected")));
        PropertyBytes changed = pika.withHeaders(xDeath);
        assertEquals(xDeath, changed.headers());
        BasicProperties before = pika.decode();
        BasicProperties after = changed.decode();
        assertEquals(new BasicProperties(before.contentType(), before.contentEncoding(), xDeath, before.deliveryMode(),
                before.priority(), before.correlationId(), before.replyTo(), before.expiration(), before.messageId(),
                before.timestamp(), before.type(), before.userId(), before.appId(), before.clusterId()), after);
        // the bytes before and after the table are the publisher's own
        int headersAt = 2 + 1 + "text/plain".length() + 1 + "utf-8".length();
        byte[] original = pika.bytes();
        int oldEnd = headersAt + 4 + ((original[headersAt + 2] & 0xFF) << 8 | (original[headersAt + 3] & 0xFF));
        byte[] now = changed.bytes();
        assertArrayEquals(Arrays.copyOfRange(original, 0, headersAt), Arrays.copyOfRange(now, 0, headersAt));
        assertArrayEquals(Arrays.copyOfRange(original, oldEnd, original.length),
                Arrays.copyOfRange(now, now.length - (original.length - oldEnd), now.length));
        assertEquals(changed, PropertyBytes.parse(now.clone()));
    }

    @Test
    void withHeadersAddsThemInTheirPlaceAndRemovesThem() {
        BasicProperties noHeaders = new BasicProperties("text/plain", null, null, 2, null, null, null, null, null, null,
                null, null, "app", null);
        PropertyBytes added = noHeaders.encode().withHeaders(Map.of("k", "v"));
        assertEquals(new BasicProperties("text/plain", null, Map.of("k", "v"), 2, null, null, null, null, null, null,
                null, null, "app", null), added.decode());
        assertArrayEquals(added.bytes(), added.decode().encode().bytes());
        PropertyBytes removed = added.withHeaders(null);
        assertArrayEquals(noHeaders.encode().bytes(), removed.bytes());
        assertFalse(removed.has(BasicProperty.HEADERS));
        assertEquals(Map.of(), PropertyBytes.EMPTY.withHeaders(Map.of()).headers());
    }

    @Test
    void withReplyToReplacesOnlyTheReplyTo() {
        PropertyBytes all = ALL.encode();
        assertEquals("reply.q", all.replyTo());
        String address = "amq.rabbitmq.reply-to.abc.DEF";
        PropertyBytes changed = all.withReplyTo(address);
        assertEquals(address, changed.replyTo());
        assertEquals(new BasicProperties("application/json", "gzip", Map.of("x-retries", 3), 2, 9, "corr", address,
                "60000", "msg-1", new Timestamp(1700000000L), "order.created", "guest", "app", "cluster"),
                changed.decode());
        assertEquals(changed, PropertyBytes.parse(changed.bytes().clone()));
        // the publisher's bytes before and after the value are kept: the two low flag bits too
        PropertyBytes odd = PropertyBytes.parse(TestBytes.hex("8003 0161"));
        PropertyBytes oddChanged = odd.withReplyTo("r");
        assertArrayEquals(TestBytes.hex("8203 0161 0172"), oddChanged.bytes());
        assertArrayEquals(TestBytes.hex("8003 0161"), oddChanged.withReplyTo(null).bytes());
        assertNull(PropertyBytes.EMPTY.replyTo());
        assertEquals("x", PropertyBytes.EMPTY.withReplyTo("x").decode().replyTo());
        assertThrows(IllegalArgumentException.class, () -> all.withReplyTo("r".repeat(256)));
    }

    @Test
    void theTwoLowFlagBitsAreIgnoredAndKeptAsRabbitMqDoes() {
        // content-type "a", plus the continuation bit and the unused bit
        PropertyBytes odd = PropertyBytes.parse(TestBytes.hex("8003 0161"));
        assertEquals("a", odd.decode().contentType());
        assertEquals(0xA003, odd.withHeaders(Map.of()).flags());
    }

    // ---- malformed lists: FRAME_ERROR ---------------------------------------------------------

    @Test
    void malformedPropertyListsAreFrameErrors() {
        assertMalformed("truncated", TestBytes.hex(""));
        assertMalformed("truncated", TestBytes.hex("80"));
        assertMalformed("truncated", TestBytes.hex("8000"));              // content-type flagged, missing
        assertMalformed("truncated", TestBytes.hex("8000 05 6162"));      // shortstr cut short
        assertMalformed("truncated", TestBytes.hex("0040"));              // timestamp missing
        assertMalformed("2 bytes after the last property", TestBytes.hex("1000 02 abcd"));
        assertMalformed("invalid field table: unknown field type 'Z'", TestBytes.hex("2000 00000005 016b 5a6162"));
        assertMalformed("truncated", TestBytes.hex("2000 ffffffff"));
        assertMalformed("invalid field table: truncated", TestBytes.hex("2000 00000002 016b"));
    }

    private static void assertMalformed(String detail, byte[] bytes) {
        AmqpException e = assertThrows(AmqpException.class, () -> PropertyBytes.parse(bytes));
        assertEquals(ReplyCode.FRAME_ERROR, e.code());
        assertEquals("invalid content header properties: " + detail, e.detail());
    }

    @Test
    void octetPropertiesMustBeOctets() {
        assertThrows(IllegalArgumentException.class,
                () -> new BasicProperties(null, null, null, 256, null, null, null, null, null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new BasicProperties(null, null, null, null, -1, null, null, null, null, null, null, null, null, null));
    }
}
