package dev.depot.server.it.amqp;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection negotiation, login, virtual hosts and channels, as the RabbitMQ Java client sees them. */
class AmqpConnectionTest extends AmqpTestBase {
    @Test
    void serverPropertiesOfferTheCapabilitiesClientsLookFor() {
        Map<String, Object> properties = connection.getServerProperties();
        for (String key : List.of("product", "version", "platform", "copyright", "information", "cluster_name")) {
            assertInstanceOf(LongString.class, properties.get(key), key);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> capabilities = (Map<String, Object>) properties.get("capabilities");
        for (String capability : List.of("publisher_confirms", "exchange_exchange_bindings", "basic.nack",
                "consumer_cancel_notify", "connection.blocked", "consumer_priorities",
                "authentication_failure_close", "per_consumer_qos", "direct_reply_to")) {
            assertEquals(Boolean.TRUE, capabilities.get(capability), capability);
        }
    }

    @Test
    void aClientAskingForNoLimitsGetsTheServersProposal() throws Exception {
        ConnectionFactory factory = daemon.factory();
        factory.setRequestedChannelMax(0);
        factory.setRequestedFrameMax(0);
        factory.setRequestedHeartbeat(0);
        Connection c = connect(factory);
        assertEquals(2047, c.getChannelMax());
        assertEquals(131072, c.getFrameMax());
        assertEquals(60, c.getHeartbeat());
    }

    @Test
    void smallerLimitsOfTheClientWin() throws Exception {
        ConnectionFactory factory = daemon.factory();
        factory.setRequestedChannelMax(10);
        factory.setRequestedFrameMax(8192);
        factory.setRequestedHeartbeat(5);
        Connection c = connect(factory);
        assertEquals(10, c.getChannelMax());
        assertEquals(8192, c.getFrameMax());
        assertEquals(5, c.getHeartbeat());
        // the negotiated frame_max holds: a body larger than a frame comes back whole
        Channel ch = c.createChannel();
        String q = ch.queueDeclare().getQueue();
        byte[] body = new byte[20_000];
        java.util.Arrays.fill(body, (byte) 'x');
        ch.basicPublish("", q, null, body);
        assertEquals(body.length, ch.basicGet(q, true).getBody().length);
    }

    @Test
    void aWrongPasswordIsRefusedWith403() {
        ConnectionFactory factory = daemon.factory();
        factory.setPassword("not-the-password");
        AuthenticationFailureException e = assertThrows(AuthenticationFailureException.class, factory::newConnection);
        assertEquals("ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the "
                + "broker logfile.", e.getMessage());
    }

    @Test
    void anUnknownUserIsRefusedWith403() {
        ConnectionFactory factory = daemon.factory();
        factory.setUsername("nobody");
        assertThrows(AuthenticationFailureException.class, factory::newConnection);
    }

    @Test
    void anUnknownVirtualHostClosesTheConnectionWith530() {
        ConnectionFactory factory = daemon.factory();
        factory.setVirtualHost("no-such-vhost");
        IOException e = assertThrows(IOException.class, factory::newConnection);
        ShutdownSignalException signal = assertInstanceOf(ShutdownSignalException.class, e.getCause());
        assertConnectionClosed(signal, 530, "NOT_ALLOWED - vhost no-such-vhost not found");
    }

    @Test
    void channelsOpenCloseAndTheirNumbersCanBeReused() throws Exception {
        Channel seven = connection.createChannel(7);
        assertEquals(7, seven.getChannelNumber());
        assertTrue(seven.isOpen());
        seven.close();
        assertFalse(seven.isOpen());
        Channel again = connection.createChannel(7);
        assertNotNull(again);
        again.queueDeclare(); // the reopened channel works
        assertTrue(connection.isOpen());
    }

    @Test
    void theClientMayCloseAChannelWithAnErrorOfItsOwn() throws Exception {
        Channel ch = connection.createChannel();
        ch.close(406, "the client gives up"); // waits for close-ok
        assertFalse(ch.isOpen());
        assertTrue(connection.isOpen());
        channel.queueDeclare();
    }

    @Test
    void aChannelErrorClosesThatChannelOnly() throws Exception {
        Channel other = connection.createChannel();
        String missing = queue("missing");
        assertChannelError(404, "NOT_FOUND - no queue '" + missing + "' in vhost '/'",
                () -> channel.queueDeclarePassive(missing));
        assertFalse(channel.isOpen());
        assertTrue(connection.isOpen());
        assertTrue(other.isOpen());
        other.queueDeclare(); // still usable
        Channel reopened = connection.createChannel(channel.getChannelNumber());
        reopened.queueDeclare();
    }

    @Test
    void aChannelBeyondTheNegotiatedChannelMaxClosesTheConnectionWith530() throws Exception {
        try (RawAmqp raw = RawAmqp.connect(daemon.address())) {
            raw.send(RawAmqp.PROTOCOL_HEADER);
            raw.expectMethod(0, 10, 10);
            raw.sendMethod(0, 10, 11, new RawAmqp.Args().table().shortstr("PLAIN")
                    .longstr(RawAmqp.bytes("\0guest\0guest")).shortstr("en_US"));
            raw.expectMethod(0, 10, 30);
            raw.sendMethod(0, 10, 31, new RawAmqp.Args().shortInt(2).longInt(131072).shortInt(0));
            raw.sendMethod(0, 10, 40, new RawAmqp.Args().shortstr("/").shortstr("").octet(0));
            raw.expectMethod(0, 10, 41);
            for (int ch = 1; ch <= 2; ch++) {
                raw.sendMethod(ch, 20, 10, new RawAmqp.Args().shortstr(""));
                raw.expectMethod(ch, 20, 11);
            }
            raw.sendMethod(3, 20, 10, new RawAmqp.Args().shortstr(""));
            RawAmqp.Close close = raw.expectConnectionClose();
            assertEquals(530, close.code());
            assertEquals("NOT_ALLOWED - number of channels opened (2) has reached the negotiated channel_max (2)",
                    close.text());
        }
    }

    @Test
    void connectionCloseGetsCloseOkAndNothingAfter() throws Exception {
        try (RawAmqp raw = RawAmqp.open(daemon.address(), 0)) {
            raw.sendMethod(1, 20, 10, new RawAmqp.Args().shortstr(""));
            raw.expectMethod(1, 20, 11);
            raw.sendMethod(0, 10, 50, new RawAmqp.Args().shortInt(200).shortstr("bye").shortInt(0).shortInt(0));
            raw.expectMethod(0, 10, 51);
            raw.assertNothingMoreWithin(500);
        }
    }

    @Test
    void theClientClosesTheConnectionCleanly() throws Exception {
        Connection c = connect();
        Channel ch = c.createChannel();
        ch.queueDeclare();
        c.close();
        assertFalse(c.isOpen());
        assertTrue(c.getCloseReason().isInitiatedByApplication());
    }
}
