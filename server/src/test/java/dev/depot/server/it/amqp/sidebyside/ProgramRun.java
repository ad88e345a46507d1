package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of one client program against one broker: what the program uses to talk to the broker
 * (connections, channels, consumers, and helpers for the calls whose answers it records) and
 * the {@link Observations} it fills. Every channel and connection it opens reports basic.return
 * and closes the client did not ask for; closing the run closes what is still open and waits
 * until every consumer has ended, so that nothing observed arrives after the log is read.
 */
final class ProgramRun implements AutoCloseable {
    /** The longest any single wait of a program lasts. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /**
     * How long {@link #quiet} waits. Where a program checks that something does not happen (no
     * delivery beyond the prefetch limit) there is no event to wait for: it waits this long and
     * then records what it has.
     */
    private static final long QUIET_MILLIS = 200;

    /** A wait that ran out: ends the program, and the observations say where it stood. */
    static final class Stuck extends RuntimeException {
        Stuck(String message) {
            super(message);
        }
    }

    /** A call to the client that may fail. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    private final int port;
    private final String runToken;
    private final Observations log;
    private final List<Connection> connections = new ArrayList<>();
    /** Counted down by each connection's shutdown listener, which the client may call after an RPC saw the close. */
    private final java.util.Map<Connection, java.util.concurrent.CountDownLatch> shutdowns = new java.util.HashMap<>();
    private final Map<Object, String> labels = new IdentityHashMap<>();
    private final Map<Channel, CountDownLatch> channelClosed = new IdentityHashMap<>();
    private final Map<Channel, ConfirmTracker> confirms = new IdentityHashMap<>();
    private final Map<Channel, ReturnCount> returns = new IdentityHashMap<>();
    private final List<RecordingConsumer> consumers = new ArrayList<>();
    private final Map<RecordingConsumer, String> consumerTags = new IdentityHashMap<>();
    private int channels;
    private int consumerCount;

    ProgramRun(int port, String runToken, Observations log) {
        this.port = port;
        this.runToken = runToken;
        this.log = log;
    }

    /**
     * A queue or exchange name unique to this run, so that runs can share a broker; the
     * observations show it without the run's token.
     */
    String name(String local) {
        return runToken + local;
    }

    /** Shows {@code actual} as {@code shown} in every line of the observations (see {@link Observations#alias}). */
    void alias(String actual, String shown) {
        log.alias(actual, shown);
    }

    /** Records a line in the main stream. */
    void note(String line) {
        log.add(Observations.MAIN, line);
    }

    // ---- connections and channels -----------------------------------------------------------

    Connection connect() throws Exception {
        return connect(factory -> { });
    }

    /** A connection as guest, with whatever {@code tune} changes on the factory. */
    Connection connect(Consumer<ConnectionFactory> tune) throws Exception {
        ConnectionFactory factory = factory(port);
        tune.accept(factory);
        Connection connection = factory.newConnection();
        String label = "conn" + (connections.size() + 1);
        connections.add(connection);
        labels.put(connection, label);
        log.open(label);
        java.util.concurrent.CountDownLatch shutDown = new java.util.concurrent.CountDownLatch(1);
        shutdowns.put(connection, shutDown);
        connection.addShutdownListener(signal -> {
            if (!signal.isInitiatedByApplication()) {
                log.add(label, "closed by " + Describe.shutdown(signal));
            }
            shutDown.countDown();
        });
        return connection;
    }

    private static ConnectionFactory factory(int port) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout((int) WAIT.toMillis());
        factory.setHandshakeTimeout((int) WAIT.toMillis());
        factory.setChannelRpcTimeout((int) WAIT.toMillis());
        return factory;
    }

    /** A new channel, labelled ch1, ch2, ... in the order the program opens them. */
    Channel channel(Connection connection) throws IOException {
        Channel channel = connection.createChannel();
        String label = "ch" + (++channels);
        labels.put(channel, label);
        log.open(label);
        CountDownLatch closed = new CountDownLatch(1);
        channelClosed.put(channel, closed);
        ReturnCount returned = new ReturnCount();
        returns.put(channel, returned);
        channel.addReturnListener(r -> {
            log.add(label, "return " + r.getReplyCode() + " " + Describe.quote(r.getReplyText())
                    + " exchange=" + Describe.quote(r.getExchange()) + " key=" + Describe.quote(r.getRoutingKey())
                    + " " + Describe.properties(r.getProperties()) + " " + Describe.body(r.getBody()));
            returned.increment();
        });
        channel.addShutdownListener(signal -> {
            // a connection's close is recorded once, on the connection
            if (!signal.isInitiatedByApplication() && !signal.isHardError()) {
                log.add(label, "closed by " + Describe.shutdown(signal));
            }
            closed.countDown();
        });
        return channel;
    }

    String label(Object channelOrConnection) {
        return labels.get(channelOrConnection);
    }

    /** Waits until the server has closed {@code channel} (or its connection). */
    void awaitClosed(Channel channel) throws InterruptedException {
        if (!channelClosed.get(channel).await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new Stuck(label(channel) + " still open");
        }
    }

    /** Waits until {@code connection} is closed. */
    void awaitClosed(Connection connection) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        CountDownLatch closed = new CountDownLatch(1);
        connection.addShutdownListener(signal -> closed.countDown());
        if (!connection.isOpen()) {
            return;
        }
        if (!closed.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            throw new Stuck(label(connection) + " still open");
        }
    }

    /**
     * Waits until queue.declare passive of {@code queue} fails, and records how. For what a
     * broker deletes on its own after the fact (an exclusive queue after its connection closed)
     * there is no event to wait for: this asks every 20 ms, on a new channel each time.
     */
    void awaitQueueGone(Connection connection, String queue) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Channel probe = connection.createChannel();
            try {
                probe.queueDeclarePassive(queue);
                probe.close();
            } catch (IOException e) {
                note("queue " + queue + " gone: queue.declare passive -> " + Describe.failure(e));
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new Stuck("queue " + queue + " still there");
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the quiet period: see {@link #QUIET_MILLIS}. */
    void quiet() throws InterruptedException {
        Thread.sleep(QUIET_MILLIS);
    }

    /** Runs {@code call} and records "what -> ok" or how it failed; the program goes on either way. */
    void attempt(String what, Call call) {
        try {
            call.run();
            note(what + " -> ok");
        } catch (Stuck e) {
            throw e;
        } catch (Exception e) {
            note(what + " -> " + Describe.failure(e));
        }
    }

    // ---- declarations -----------------------------------------------------------------------

    /** A plain queue (not durable, exclusive or auto-delete); records declare-ok. */
    String declareQueue(Channel channel, String queue, Map<String, Object> arguments) throws IOException {
        return declareQueue(channel, queue, false, false, false, arguments);
    }

    String declareQueue(Channel channel, String queue, boolean durable, boolean exclusive, boolean autoDelete,
            Map<String, Object> arguments) throws IOException {
        AMQP.Queue.DeclareOk ok = channel.queueDeclare(queue, durable, exclusive, autoDelete, arguments);
        note(label(channel) + " queue.declare " + queue + " -> " + declareOk(ok));
        return ok.getQueue();
    }

    /** queue.declare passive=true; records the counts. */
    void passive(Channel channel, String queue) throws IOException {
        note(label(channel) + " queue.declare passive " + queue + " -> " + declareOk(channel.queueDeclarePassive(queue)));
    }

    private static String declareOk(AMQP.Queue.DeclareOk ok) {
        return "declare-ok " + ok.getQueue() + " messages=" + ok.getMessageCount() + " consumers="
                + ok.getConsumerCount();
    }

    /** queue.delete; records the message count of delete-ok. */
    void deleteQueue(Channel channel, String queue, boolean ifUnused, boolean ifEmpty) throws IOException {
        AMQP.Queue.DeleteOk ok = channel.queueDelete(queue, ifUnused, ifEmpty);
        note(label(channel) + " queue.delete " + queue + (ifUnused ? " if-unused" : "") + (ifEmpty ? " if-empty" : "")
                + " -> delete-ok messages=" + ok.getMessageCount());
    }

    /** queue.purge; records the message count of purge-ok. */
    void purge(Channel channel, String queue) throws IOException {
        note(label(channel) + " queue.purge " + queue + " -> purge-ok messages=" + channel.queuePurge(queue).getMessageCount());
    }

    void declareExchange(Channel channel, String exchange, String type) throws IOException {
        channel.exchangeDeclare(exchange, type);
    }

    void declareExchange(Channel channel, String exchange, String type, Map<String, Object> arguments)
            throws IOException {
        channel.exchangeDeclare(exchange, type, false, false, false, arguments);
    }

    // ---- publishing -------------------------------------------------------------------------

    void publish(Channel channel, String exchange, String key, String body) throws IOException {
        publish(channel, exchange, key, false, new AMQP.BasicProperties(), body);
    }

    void publish(Channel channel, String exchange, String key, boolean mandatory, AMQP.BasicProperties properties,
            String body) throws IOException {
        channel.basicPublish(exchange, key, mandatory, properties, body.getBytes(StandardCharsets.UTF_8));
    }

    /** confirm.select, with a tracker for the confirms that follow. */
    void confirmSelect(Channel channel) throws IOException {
        ConfirmTracker tracker = new ConfirmTracker(channel);
        confirms.put(channel, tracker);
        channel.addConfirmListener(tracker);
        channel.confirmSelect();
    }

    /** Waits for the confirm of everything published on {@code channel} and records them. */
    void awaitConfirms(Channel channel) throws InterruptedException {
        note(label(channel) + " confirms " + confirms.get(channel).awaitAll());
    }

    /** Waits until {@code channel} has had {@code n} basic.return in all. */
    void awaitReturns(Channel channel, int n) throws InterruptedException {
        returns.get(channel).await(n, label(channel));
    }

    /** The basic.return a channel has had (counted on the client's reader thread). */
    private static final class ReturnCount {
        private int count;

        synchronized void increment() {
            count++;
            notifyAll();
        }

        synchronized void await(int n, String channel) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (count < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new Stuck(channel + " had " + count + " returns, waited for " + n);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    // ---- consuming --------------------------------------------------------------------------

    /** basic.get; records get-ok (with the message count) or get-empty. */
    GetResponse get(Channel channel, String queue, boolean autoAck) throws IOException {
        GetResponse response = channel.basicGet(queue, autoAck);
        String what = label(channel) + " get " + queue + (autoAck ? " no-ack" : "") + " -> ";
        if (response == null) {
            note(what + "get-empty");
        } else {
            note(what + "get-ok " + Describe.delivery(response.getEnvelope(), response.getProps(), response.getBody())
                    + " remaining=" + response.getMessageCount());
        }
        return response;
    }

    /** basic.get with no-ack until get-empty: what the queue holds, in order. */
    void drain(Channel channel, String queue) throws IOException {
        for (int i = 0; i < 100 && get(channel, queue, true) != null; i++) {
            // recorded by get
        }
    }

    RecordingConsumer consume(Channel channel, String queue, boolean autoAck) throws IOException {
        return consume(channel, queue, ConsumeOptions.of(autoAck));
    }

    /** basic.consume of a consumer that records into its own stream (c1, c2, ...). */
    RecordingConsumer consume(Channel channel, String queue, ConsumeOptions options) throws IOException {
        String label = "c" + (++consumerCount);
        log.open(label);
        RecordingConsumer consumer = new RecordingConsumer(label, channel, log, options.onDelivery());
        // the client knows a consumer (and will tell it of the channel's end) once consume-ok came
        consumerTags.put(consumer, channel.basicConsume(queue, options.autoAck(), options.tag(), false,
                options.exclusive(), options.arguments(), consumer));
        consumers.add(consumer);
        return consumer;
    }

    /** basic.cancel of one of this run's consumers. */
    void cancel(Channel channel, RecordingConsumer consumer) throws IOException {
        channel.basicCancel(consumerTags.get(consumer));
    }

    /** Acknowledges the {@code n}-th delivery of {@code consumer}. */
    void ack(Channel channel, RecordingConsumer consumer, int n, boolean multiple) throws IOException {
        channel.basicAck(consumer.tag(n), multiple);
    }

    // ---- the end ----------------------------------------------------------------------------

    @Override
    public void close() throws InterruptedException {
        // The client drops the callbacks still queued for a channel the server closed once the
        // connection closes: such consumers hear of their channel's end first.
        List<RecordingConsumer> waited = new ArrayList<>();
        for (RecordingConsumer consumer : consumers) {
            if (!consumer.channelOpen()) {
                awaitEnd(consumer);
                waited.add(consumer);
            }
        }
        for (Connection connection : connections) {
            if (connection.isOpen()) {
                try {
                    connection.close((int) WAIT.toMillis());
                } catch (IOException | ShutdownSignalException e) {
                    // closed in between: nothing left to close
                }
            }
        }
        for (RecordingConsumer consumer : consumers) {
            if (!waited.contains(consumer)) {
                awaitEnd(consumer);
            }
        }
        for (Connection connection : connections) {
            if (!shutdowns.get(connection).await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                note(labels.get(connection) + " did not report its end");
            }
        }
    }

    private void awaitEnd(RecordingConsumer consumer) throws InterruptedException {
        if (!consumer.awaitEnd()) {
            note(consumer.label() + " did not end when its channel closed");
        }
    }
}
