package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.Return;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** basic.publish: returns, refusals, properties relayed as sent, bodies across frames. */
class AmqpPublishTest extends AmqpTestBase {
    @Test
    void anUnroutableMandatoryMessageComesBackAsBasicReturn312() throws Exception {
        String q = declareQueue("routed", null);
        String missing = queue("missing");
        BlockingQueue<Return> returns = new LinkedBlockingQueue<>();
        channel.addReturnListener(returns::add);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("text/plain").build();
        channel.basicPublish("", q, true, props, bytes("routed"));
        channel.basicPublish("", missing, true, props, bytes("unroutable"));
        channel.basicPublish("amq.direct", "no-binding", true, null, bytes("unroutable too"));
        channel.basicPublish("amq.direct", "no-binding", false, null, bytes("dropped quietly"));
        Return first = returns.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull(first);
        assertEquals(312, first.getReplyCode());
        assertEquals("NO_ROUTE", first.getReplyText());
        assertEquals("", first.getExchange());
        assertEquals(missing, first.getRoutingKey());
        assertEquals("text/plain", first.getProperties().getContentType());
        assertEquals("unroutable", text(first.getBody()));
        Return second = returns.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull(second);
        assertEquals("amq.direct", second.getExchange());
        assertEquals("unroutable too", text(second.getBody()));
        assertEquals("routed", get(channel, q));
        assertEquals(0, returns.size());
    }

    @Test
    void immediateIsNotImplemented540() throws Exception {
        String q = declareQueue("immediate", null);
        channel.basicPublish("", q, false, true, null, bytes("now"));
        AMQP.Connection.Close close = assertInstanceOf(AMQP.Connection.Close.class, awaitClose(connection));
        assertEquals(540, close.getReplyCode());
        assertEquals("NOT_IMPLEMENTED - immediate=true", close.getReplyText());
    }

    @Test
    void aForeignUserIdIsRefusedWith406() throws Exception {
        String q = declareQueue("user-id", null);
        channel.basicPublish("", q, new AMQP.BasicProperties.Builder().userId("guest").build(), bytes("mine"));
        assertEquals("guest", channel.basicGet(q, true).getProps().getUserId());
        channel.basicPublish("", q, new AMQP.BasicProperties.Builder().userId("mallory").build(), bytes("forged"));
        AMQP.Channel.Close close = assertInstanceOf(AMQP.Channel.Close.class, awaitClose(channel));
        assertEquals(406, close.getReplyCode());
        assertEquals("PRECONDITION_FAILED - user_id property set to 'mallory' but authenticated user was 'guest'",
                close.getReplyText());
    }

    @Test
    void everyPropertyAndHeaderTypeArrivesAsSent() throws Exception {
        String q = declareQueue("props", null);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", "value");
        nested.put("n", 7);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("string", "text");
        headers.put("int", 42);
        headers.put("long", 1L << 40);
        headers.put("short", (short) -3);
        headers.put("byte", (byte) -5);
        headers.put("double", 2.5d);
        headers.put("float", 1.25f);
        headers.put("decimal", new BigDecimal("123.45"));
        headers.put("true", true);
        headers.put("false", false);
        headers.put("timestamp", new Date(1_700_000_000_000L));
        headers.put("table", nested);
        headers.put("array", List.of(1, "two", List.of(3L)));
        headers.put("bytes", new byte[] {0, 1, (byte) 0xFF});
        headers.put("void", null);
        AMQP.BasicProperties sent = new AMQP.BasicProperties.Builder()
                .contentType("application/json").contentEncoding("gzip").headers(headers).deliveryMode(2)
                .priority(3).correlationId("corr-1").replyTo("reply-queue").expiration("60000")
                .messageId("msg-1").timestamp(new Date(1_600_000_000_000L)).type("event").userId("guest")
                .appId("it").clusterId("cluster").build();
        channel.basicPublish("", q, sent, bytes("{}"));
        Inbox inbox = new Inbox(channel);
        channel.basicConsume(q, true, inbox);
        AMQP.BasicProperties got = inbox.next().properties();
        assertEquals(sent.getContentType(), got.getContentType());
        assertEquals(sent.getContentEncoding(), got.getContentEncoding());
        assertEquals(sent.getDeliveryMode(), got.getDeliveryMode());
        assertEquals(sent.getPriority(), got.getPriority());
        assertEquals(sent.getCorrelationId(), got.getCorrelationId());
        assertEquals(sent.getReplyTo(), got.getReplyTo());
        assertEquals(sent.getExpiration(), got.getExpiration());
        assertEquals(sent.getMessageId(), got.getMessageId());
        assertEquals(sent.getTimestamp(), got.getTimestamp());
        assertEquals(sent.getType(), got.getType());
        assertEquals(sent.getUserId(), got.getUserId());
        assertEquals(sent.getAppId(), got.getAppId());
        assertEquals(sent.getClusterId(), got.getClusterId());
        Map<String, Object> h = got.getHeaders();
        assertEquals(headers.keySet(), h.keySet());
        assertEquals("text", h.get("string").toString());
        assertInstanceOf(LongString.class, h.get("string"));
        assertEquals(42, h.get("int"));
        assertEquals(1L << 40, h.get("long"));
        assertEquals((short) -3, h.get("short"));
        assertEquals((byte) -5, h.get("byte"));
        assertEquals(2.5d, h.get("double"));
        assertEquals(1.25f, h.get("float"));
        assertEquals(new BigDecimal("123.45"), h.get("decimal"));
        assertEquals(true, h.get("true"));
        assertEquals(false, h.get("false"));
        assertEquals(new Date(1_700_000_000_000L), h.get("timestamp"));
        @SuppressWarnings("unchecked")
        Map<String, Object> table = (Map<String, Object>) h.get("table");
        assertEquals("value", table.get("inner").toString());
        assertEquals(7, table.get("n"));
        List<?> array = assertInstanceOf(List.class, h.get("array"));
        assertEquals(1, array.get(0));
        assertEquals("two", array.get(1).toString());
        assertEquals(List.of(3L), array.get(2));
        assertArrayEquals(new byte[] {0, 1, (byte) 0xFF}, (byte[]) h.get("bytes"));
        assertTrue(h.containsKey("void"));
        assertEquals(null, h.get("void"));
    }

    /** Every property set, and a header of each field type, unsigned ones included (no Java client writes those). */
    private static byte[] everyPropertyRaw() throws IOException {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        DataOutputStream t = new DataOutputStream(table);
        field(t, "t", 't').writeByte(1);
        field(t, "b", 'b').writeByte(-2);
        field(t, "B", 'B').writeByte(250);
        field(t, "s", 's').writeShort(-300);
        field(t, "u", 'u').writeShort(65000);
        field(t, "I", 'I').writeInt(-70000);
        field(t, "i", 'i').writeInt(0xFFFFFFF0);
        field(t, "l", 'l').writeLong(-1L << 50);
        field(t, "f", 'f').writeFloat(0.5f);
        field(t, "d", 'd').writeDouble(-0.25);
        field(t, "D", 'D').writeByte(2);
        t.writeInt(-12345);
        field(t, "S", 'S').writeInt(3);
        t.writeBytes("abc");
        field(t, "x", 'x').writeInt(2);
        t.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
        field(t, "T", 'T').writeLong(1_600_000_000L);
        field(t, "F", 'F').writeInt(0);
        field(t, "A", 'A').writeInt(5);
        t.writeByte('I');
        t.writeInt(9);
        field(t, "V", 'V');
        RawAmqp.Args props = new RawAmqp.Args().shortInt(0xFFFC)
                .shortstr("text/plain").shortstr("identity").longstr(table.toByteArray()).octet(1).octet(9)
                .shortstr("c").shortstr("r").shortstr("60000").shortstr("m").longLong(1_600_000_000L)
                .shortstr("type").shortstr("guest").shortstr("app").shortstr("cluster");
        return props.bytes();
    }

    private static DataOutputStream field(DataOutputStream t, String name, char type) throws IOException {
        t.writeByte(name.length());
        t.writeBytes(name);
        t.writeByte(type);
        return t;
    }

    @Test
    void propertiesAreRelayedByteForByte() throws Exception {
        String q = declareQueue("raw-props", null);
        byte[] props = everyPropertyRaw();
        try (RawAmqp raw = RawAmqp.open(daemon.address(), 0)) {
            raw.sendMethod(1, 20, 10, new RawAmqp.Args().shortstr(""));
            raw.expectMethod(1, 20, 11);
            raw.sendMethod(1, 60, 40, new RawAmqp.Args().shortInt(0).shortstr("").shortstr(q).octet(0));
            raw.sendFrame(RawAmqp.HEADER, 1, new RawAmqp.Args().shortInt(60).shortInt(0).longLong(2).raw(props).bytes());
            raw.sendFrame(RawAmqp.BODY, 1, bytes("hi"));
            raw.sendMethod(1, 60, 70, new RawAmqp.Args().shortInt(0).shortstr(q).octet(1));
            raw.expectMethod(1, 60, 71);
            RawAmqp.Frame header = raw.read();
            assertEquals(RawAmqp.HEADER, header.type());
            RawAmqp.Reader r = header.arguments(); // class and weight skipped
            assertEquals(2, r.longLong());
            assertArrayEquals(props, r.rest());
            assertEquals("hi", text(raw.read().payload()));
        }
    }

    @Test
    void largeBodiesCrossManyFramesBothWays() throws Exception {
        String q = declareQueue("large", null);
        ConnectionFactory smallFrames = daemon.factory();
        smallFrames.setRequestedFrameMax(4096);
        Channel small = connect(smallFrames).createChannel();
        byte[] body = new byte[1 << 20];
        new Random(42).nextBytes(body);
        small.basicPublish("", q, null, body);
        small.basicPublish("", q, null, body);
        small.basicPublish("", q, null, new byte[0]);
        assertArrayEquals(body, small.basicGet(q, true).getBody()); // split by the server into 4 KiB frames
        assertArrayEquals(body, channel.basicGet(q, true).getBody());
        assertEquals(0, channel.basicGet(q, true).getBody().length);
        Inbox inbox = new Inbox(small);
        small.basicConsume(q, true, inbox);
        small.basicPublish("", q, null, body);
        assertTrue(Arrays.equals(body, inbox.next().body()));
    }

    @Test
    void aMessageOverTheMaximumSizeClosesTheChannelWith406WhenItsHeaderArrives() throws Exception {
        daemon.assumeDepot(); // RabbitMQ reads the whole body first
        String q = declareQueue("too-large", null);
        long tooLarge = 128L * 1024 * 1024 + 1;
        try (RawAmqp raw = RawAmqp.open(daemon.address(), 0)) {
            raw.sendMethod(1, 20, 10, new RawAmqp.Args().shortstr(""));
            raw.expectMethod(1, 20, 11);
            raw.sendMethod(1, 60, 40, new RawAmqp.Args().shortInt(0).shortstr("").shortstr(q).octet(0));
            raw.sendFrame(RawAmqp.HEADER, 1, new RawAmqp.Args().shortInt(60).shortInt(0).longLong(tooLarge)
                    .shortInt(0).bytes());
            RawAmqp.Close close = RawAmqp.close(raw.expectMethod(1, 20, 40));
            assertEquals(406, close.code());
            assertEquals("PRECONDITION_FAILED - message size 134217729 is larger than configured max size 134217728",
                    close.text());
            assertEquals(60, close.classId());
            assertEquals(40, close.methodId());
            raw.sendFrame(RawAmqp.BODY, 1, new byte[1000]); // dropped until close-ok
            raw.sendMethod(1, 20, 41, new RawAmqp.Args());
            raw.sendMethod(1, 20, 10, new RawAmqp.Args().shortstr(""));
            raw.expectMethod(1, 20, 11); // the channel number is free again, the connection fine
        }
        assertEquals(0, ready(channel, q));
    }
}
