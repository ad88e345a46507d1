package dev.depot.server.amqp;

import java.util.LinkedHashMap;
import java.util.Map;

/** What Depot says about itself in connection.start, and the capabilities clients look for. */
final class ServerProperties {
    private ServerProperties() {
    }

    static Map<String, Object> of(String clusterName) {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        // pika refuses confirm_delivery() unless publisher_confirms and basic.nack are offered
        capabilities.put("publisher_confirms", true);
        capabilities.put("exchange_exchange_bindings", true);
        capabilities.put("basic.nack", true);
        capabilities.put("consumer_cancel_notify", true);
        capabilities.put("connection.blocked", true);
        capabilities.put("consumer_priorities", true);
        capabilities.put("authentication_failure_close", true);
        capabilities.put("per_consumer_qos", true);
        capabilities.put("direct_reply_to", true);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("capabilities", capabilities);
        properties.put("cluster_name", clusterName);
        properties.put("copyright", "Copyright (c) the Depot authors");
        properties.put("information", "Depot: memcached, Redis and AMQP 0-9-1 in one process");
        properties.put("platform", "Java " + Runtime.version().feature());
        properties.put("product", "Depot");
        properties.put("version", version());
        return properties;
    }

    private static String version() {
        String version = ServerProperties.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
