package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One daemon per test class; for every test a connection {@link #connection} with a channel
 * {@link #channel}, closed after it with whatever else the test opened through {@link #open}.
 * Queues and exchanges named through {@link #queue} and {@link #exchange} are unique to the test
 * and deleted after it (so that the package can run against a long-lived reference broker).
 */
@Timeout(20)
abstract class AmqpTestBase {
    static final long WAIT_MILLIS = AmqpDaemon.TIMEOUT_MILLIS;
    private static final AtomicInteger NAMES = new AtomicInteger();

    static AmqpDaemon daemon;

    Connection connection;
    Channel channel;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();

    @BeforeAll
    static void startDaemon() {
        daemon = AmqpDaemon.start();
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }

    @BeforeEach
    void openChannel() throws Exception {
        connection = connect();
        channel = connection.createChannel();
    }

    @AfterEach
    void closeAndCleanUp() throws Exception {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already closed by the broker or by the test
            }
        }
        opened.clear();
        if (queues.isEmpty() && exchanges.isEmpty()) {
            return;
        }
        try (Connection cleaner = daemon.factory().newConnection()) {
            for (String q : queues) {
                deleteQuietly(cleaner, ch -> ch.queueDelete(q));
            }
            for (String x : exchanges) {
                deleteQuietly(cleaner, ch -> ch.exchangeDelete(x));
            }
        }
    }

    private interface ChannelAction {
        void run(Channel ch) throws IOException;
    }

    private static void deleteQuietly(Connection c, ChannelAction action) {
        try {
            Channel ch = c.createChannel();
            action.run(ch);
            ch.close();
        } catch (Exception ignored) {
            // gone already (exclusive or auto-delete)
        }
    }

    /** A new connection, closed after the test. */
    Connection connect() throws IOException, TimeoutException {
        return connect(daemon.factory());
    }

    Connection connect(ConnectionFactory factory) throws IOException, TimeoutException {
        return open(factory.newConnection());
    }

    /** Registers {@code resource} to be closed after the test. */
    <T extends AutoCloseable> T open(T resource) {
        opened.add(resource);
        return resource;
    }

    /** A queue name unique to this test; the queue is deleted after it. */
    String queue(String base) {
        String name = "it." + base + "." + getClass().getSimpleName() + "." + NAMES.incrementAndGet() + "."
                + ProcessHandle.current().pid();
        queues.add(name);
        return name;
    }

    /** An exchange name unique to this test; the exchange is deleted after it. */
    String exchange(String base) {
        String name = "itx." + base + "." + getClass().getSimpleName() + "." + NAMES.incrementAndGet() + "."
                + ProcessHandle.current().pid();
        exchanges.add(name);
        return name;
    }

    /** Declares a non-durable, non-exclusive, non-auto-delete queue with these arguments. */
    String declareQueue(String base, java.util.Map<String, Object> arguments) throws IOException {
        String q = queue(base);
        channel.queueDeclare(q, false, false, false, arguments);
        return q;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Publishes {@code texts} to the default exchange with routing key {@code queue}. */
    static void publish(Channel ch, String queue, String... texts) throws IOException {
        for (String t : texts) {
            ch.basicPublish("", queue, null, bytes(t));
        }
    }

    /** The body of the next message basic.get takes with auto-ack, null when the queue is empty. */
    static String get(Channel ch, String queue) throws IOException {
        var response = ch.basicGet(queue, true);
        return response == null ? null : text(response.getBody());
    }

    /** Ready messages in {@code queue}, by a passive declare. */
    static int ready(Channel ch, String queue) throws IOException {
        return ch.queueDeclarePassive(queue).getMessageCount();
    }

    // ---- broker errors ------------------------------------------------------------------------

    /** The shutdown signal of the channel or connection that {@code call} made the broker close. */
    static ShutdownSignalException brokerClosed(Executable call) {
        IOException e = assertThrows(IOException.class, call);
        return assertInstanceOf(ShutdownSignalException.class, e.getCause(), e.toString());
    }

    /** The broker closed the channel (not the connection) with {@code code} and {@code text}. */
    static void assertChannelClosed(ShutdownSignalException e, int code, String text) {
        assertFalse(e.isHardError(), () -> "expected a channel error, got " + e.getReason());
        AMQP.Channel.Close close = assertInstanceOf(AMQP.Channel.Close.class, e.getReason());
        assertEquals(code, close.getReplyCode(), close.getReplyText());
        if (text != null) {
            assertEquals(text, close.getReplyText());
        }
    }

    /** The broker closed the connection with {@code code} and {@code text}. */
    static void assertConnectionClosed(ShutdownSignalException e, int code, String text) {
        assertTrue(e.isHardError(), () -> "expected a connection error, got " + e.getReason());
        AMQP.Connection.Close close = assertInstanceOf(AMQP.Connection.Close.class, e.getReason());
        assertEquals(code, close.getReplyCode(), close.getReplyText());
        if (text != null) {
            assertEquals(text, close.getReplyText());
        }
    }

    /** Asserts that {@code call} made the broker close the channel with {@code code} and {@code text}. */
    static void assertChannelError(int code, String text, Executable call) {
        assertChannelClosed(brokerClosed(call), code, text);
    }

    /** The reason the broker gives when closing {@code connection} later (asynchronous errors). */
    static Method awaitClose(Connection c) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Method> reason = new CompletableFuture<>();
        c.addShutdownListener(e -> reason.complete(e.getReason()));
        if (!c.isOpen()) {
            reason.complete(c.getCloseReason().getReason());
        }
        return reason.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The reason the broker gives when closing {@code ch} later (asynchronous errors). */
    static Method awaitClose(Channel ch) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Method> reason = new CompletableFuture<>();
        ch.addShutdownListener(e -> reason.complete(e.getReason()));
        if (!ch.isOpen()) {
            reason.complete(ch.getCloseReason().getReason());
        }
        return reason.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Polls {@code condition} every 20 ms until it holds; fails after {@code within}. Only for what
     * the broker does on a timer (TTLs, x-expires, heartbeats), where no event says it happened.
     */
    static void pollUntil(Duration within, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
