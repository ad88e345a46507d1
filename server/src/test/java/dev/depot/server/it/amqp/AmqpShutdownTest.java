package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The server stopping, as its clients see it: a daemon of its own, stopped in the test. */
@Timeout(20)
class AmqpShutdownTest {
    @Test
    void stoppingTheServerClosesConnectionsWith320ConnectionForced() throws Exception {
        assumeTrue(System.getProperty(AmqpDaemon.REFERENCE_PROPERTY, "").isBlank(), "stops the server");
        AmqpDaemon daemon = AmqpDaemon.start();
        try {
            Connection connection = daemon.factory().newConnection();
            Channel channel = connection.createChannel();
            channel.queueDeclare(); // a connection in use
            CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
            connection.addShutdownListener(closed::complete);
            daemon.close();
            ShutdownSignalException e = closed.get(AmqpDaemon.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertTrue(e.isHardError());
            AMQP.Connection.Close close = assertInstanceOf(AMQP.Connection.Close.class, e.getReason());
            assertEquals(320, close.getReplyCode());
            assertEquals("CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'",
                    close.getReplyText());
        } finally {
            daemon.close();
        }
    }
}
