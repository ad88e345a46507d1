package dev.depot.server.it.amqp;

import com.rabbitmq.client.ConnectionFactory;
import dev.depot.config.DepotConfig;
import dev.depot.server.it.InProcessDaemon;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Depot daemon in this JVM with only its AMQP listener, on a free port, and a fresh temporary
 * data directory.
 *
 * <p>Every expectation in this package is what the RabbitMQ Java client observes against a real
 * RabbitMQ 3.10. To check the expectations themselves, run the package against one with
 * {@code -Ddepot.amqp.reference=127.0.0.1:PORT} (guest/guest from loopback): no daemon is
 * started, and the tests of Depot-only behaviour are skipped.
 */
final class AmqpDaemon implements AutoCloseable {
    /** host:port of a real RabbitMQ to run the AMQP tests against instead of Depot. */
    static final String REFERENCE_PROPERTY = "depot.amqp.reference";
    static final int TIMEOUT_MILLIS = 5_000;

    /** The daemon, or null when the other side is a reference RabbitMQ. */
    private final InProcessDaemon.Started started;
    private final InetSocketAddress address;

    private AmqpDaemon(InProcessDaemon.Started started, InetSocketAddress address) {
        this.started = started;
        this.address = address;
    }

    static AmqpDaemon start() {
        String reference = System.getProperty(REFERENCE_PROPERTY, "");
        if (!reference.isBlank()) {
            int colon = reference.lastIndexOf(':');
            return new AmqpDaemon(null, new InetSocketAddress(reference.substring(0, colon),
                    Integer.parseInt(reference.substring(colon + 1))));
        }
        InProcessDaemon.Started started = InProcessDaemon.start("depot-amqp-it-", dataDir ->
                DepotConfig.defaults().withPorts(0, 0, InProcessDaemon.freePort()).withDataDir(dataDir));
        if (started.server().addresses().size() != 1) {
            InProcessDaemon.stop(started);
            throw new AssertionError("expected only an AMQP listener, got " + started.server().addresses());
        }
        return new AmqpDaemon(started, started.server().addresses().get(0));
    }

    boolean isReference() {
        return started == null;
    }

    /** Skips the calling test when running against a real RabbitMQ: it checks Depot-only behaviour. */
    void assumeDepot() {
        assumeTrue(!isReference(), "Depot-only test, skipped against the reference RabbitMQ");
    }

    InetSocketAddress address() {
        return address;
    }

    /** A factory for guest/guest on "/", without automatic recovery, with short timeouts. */
    ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(address.getHostString());
        factory.setPort(address.getPort());
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost("/");
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(TIMEOUT_MILLIS);
        factory.setHandshakeTimeout(TIMEOUT_MILLIS);
        factory.setChannelRpcTimeout(TIMEOUT_MILLIS);
        factory.setShutdownTimeout(TIMEOUT_MILLIS);
        return factory;
    }

    @Override
    public void close() {
        if (started != null) {
            InProcessDaemon.stop(started);
        }
    }
}
