package dev.depot.server.it.amqp;

import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the server does with bytes no client should send. */
class AmqpMalformedFrameTest extends AmqpTestBase {
    @Test
    void aForeignProtocolHeaderGetsOursBackAndTheSocketCloses() throws Exception {
        for (byte[] header : new byte[][] {RawAmqp.bytes("GET / HT"), {'A', 'M', 'Q', 'P', 0, 0, 10, 0}}) {
            try (RawAmqp raw = RawAmqp.connect(daemon.address())) {
                raw.send(header);
                assertArrayEquals(RawAmqp.PROTOCOL_HEADER, raw.readUpTo(8));
                assertTrue(raw.atEndOfStream());
            }
        }
    }

    @Test
    void aBadFrameEndIsAFrameError501() throws Exception {
        try (RawAmqp raw = RawAmqp.open(daemon.address(), 0)) {
            raw.send(RawAmqp.frame(RawAmqp.METHOD, 1, RawAmqp.method(20, 10, new RawAmqp.Args().shortstr("")), 0));
            RawAmqp.Close close = raw.expectConnectionClose();
            assertEquals(501, close.code());
            assertEquals("FRAME_ERROR - type 1, all octets = <<0,20,0,10,0>>: {invalid_frame_end_marker,0}",
                    close.text());
        }
    }

    @Test
    void anUnknownFrameTypeIsAFrameError501() throws Exception {
        try (RawAmqp raw = RawAmqp.open(daemon.address(), 0)) {
            raw.sendFrame(9, 0, new byte[] {1, 2, 3});
            assertEquals(501, raw.expectConnectionClose().code());
        }
    }

    @Test
    void aFrameLargerThanFrameMaxIsAFrameError501() throws Exception {
        try (RawAmqp raw = RawAmqp.open(daemon.address(), 0)) {
            raw.sendMethod(1, 20, 10, new RawAmqp.Args().shortstr(""));
            raw.expectMethod(1, 20, 11);
            raw.sendFrame(RawAmqp.BODY, 1, new byte[200_000]);
            assertEquals(501, raw.expectConnectionClose().code());
        }
    }

    @Test
    void aBodyWithoutAMethodIsAnUnexpectedFrame505() throws Exception {
        try (RawAmqp raw = RawAmqp.open(daemon.address(), 0)) {
            raw.sendMethod(1, 20, 10, new RawAmqp.Args().shortstr(""));
            raw.expectMethod(1, 20, 11);
            raw.sendFrame(RawAmqp.BODY, 1, new byte[] {1});
            assertEquals(505, raw.expectConnectionClose().code());
        }
    }

    @Test
    void aMethodOnAChannelNeverOpenedIsAChannelError504() throws Exception {
        try (RawAmqp raw = RawAmqp.open(daemon.address(), 0)) {
            raw.sendMethod(5, 50, 10, new RawAmqp.Args().shortInt(0).shortstr("q").octet(0).table());
            RawAmqp.Close close = raw.expectConnectionClose();
            assertEquals(504, close.code());
        }
    }

    @Test
    void garbageOnOneConnectionNeverDisturbsAnother() throws Exception {
        String q = declareQueue("bystander", null);
        Inbox inbox = new Inbox(channel);
        channel.basicConsume(q, true, inbox);
        Random random = new Random(7);
        // once with a handshake, once without (after a framing error the server, like RabbitMQ, reads
        // nothing more and closes the socket 3 s later)
        for (int round = 0; round < 2; round++) {
            byte[] garbage = new byte[2_000];
            random.nextBytes(garbage);
            try (RawAmqp raw = round % 2 == 0 ? RawAmqp.open(daemon.address(), 0) : RawAmqp.connect(daemon.address())) {
                raw.send(garbage);
                raw.setReadTimeout(AmqpDaemon.TIMEOUT_MILLIS);
                raw.awaitEndOfStream();
            }
            publish(channel, q, "still here " + round);
            assertEquals("still here " + round, inbox.next().text());
        }
        Channel fresh = connect().createChannel();
        fresh.queueDeclarePassive(q);
    }
}
