package dev.depot.storage.broker;

/** What a {@link ResourceName} names. */
public enum ResourceKind {
    EXCHANGE("exchange"),
    QUEUE("queue");

    private final String label;

    ResourceKind(String label) {
        this.label = label;
    }

    /** The word RabbitMQ uses in reply texts. */
    public String label() {
        return label;
    }
}
