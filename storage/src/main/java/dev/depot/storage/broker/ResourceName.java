package dev.depot.storage.broker;

/**
 * An exchange or queue within its virtual host. {@link #toString()} is the form every RabbitMQ
 * reply text uses: {@code queue 'q' in vhost '/'}.
 */
public record ResourceName(String vhost, ResourceKind kind, String name) {
    public static ResourceName exchange(String vhost, String name) {
        return new ResourceName(vhost, ResourceKind.EXCHANGE, name);
    }

    public static ResourceName queue(String vhost, String name) {
        return new ResourceName(vhost, ResourceKind.QUEUE, name);
    }

    @Override
    public String toString() {
        return kind.label() + " '" + name + "' in vhost '" + vhost + "'";
    }
}
