package dev.depot.server.amqp;

import dev.depot.config.AmqpSettings;
import dev.depot.config.access.AccessControl;
import dev.depot.storage.broker.vhost.Broker;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every AMQP connection shares: the broker model, the negotiation limits, who may log in,
 * what connection.start says, and the direct reply-to addresses.
 */
final class AmqpService {
    private final Broker broker;
    private final AmqpSettings settings;
    private final AccessControl access;
    private final Map<String, Object> serverProperties;
    private final Set<AmqpConnection> connections = ConcurrentHashMap.newKeySet();
    private final MemoryAlarm memoryAlarm;
    private final DirectReplyTo directReplyTo = new DirectReplyTo();

    AmqpService(Broker broker, AmqpSettings settings, String clusterName, long memoryHighWatermark) {
        this.broker = broker;
        this.settings = settings;
        this.access = settings.accessControl();
        this.memoryAlarm = new MemoryAlarm(broker, memoryHighWatermark, connections);
        this.serverProperties = ServerProperties.of(clusterName);
    }

    Broker broker() {
        return broker;
    }

    /** Every open connection (for the memory alarm and for shutdown). */
    Set<AmqpConnection> connections() {
        return connections;
    }

    /** The reply consumers of every connection (direct reply-to). */
    DirectReplyTo directReplyTo() {
        return directReplyTo;
    }

    MemoryAlarm memoryAlarm() {
        return memoryAlarm;
    }

    /** What the server proposes in connection.tune, and the largest message body it takes. */
    AmqpSettings settings() {
        return settings;
    }

    AccessControl access() {
        return access;
    }

    Map<String, Object> serverProperties() {
        return serverProperties;
    }

    static String defaultClusterName() {
        try {
            return "depot@" + InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "depot@localhost";
        }
    }
}
