package dev.depot.server.amqp;

/** What a permission is checked on, named as in RabbitMQ's refusals. */
enum ResourceKinds {
    EXCHANGE("exchange"),
    QUEUE("queue");

    private final String label;

    ResourceKinds(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
