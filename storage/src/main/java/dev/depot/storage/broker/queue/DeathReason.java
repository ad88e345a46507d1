package dev.depot.storage.broker.queue;

/** Why a queue dead-letters a message; the value is x-death's reason. */
public enum DeathReason {
    REJECTED("rejected"),
    EXPIRED("expired"),
    MAXLEN("maxlen");

    private final String value;

    DeathReason(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
