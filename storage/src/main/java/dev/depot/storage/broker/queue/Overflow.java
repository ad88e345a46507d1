package dev.depot.storage.broker.queue;

/** What a queue at its x-max-length / x-max-length-bytes does with one more message. */
public enum Overflow {
    /** Take it, then drop (or dead-letter, reason maxlen) the oldest until within the limits. */
    DROP_HEAD("drop-head"),
    /** Refuse it: the publisher's confirm is a nack. */
    REJECT_PUBLISH("reject-publish"),
    /** Refuse it and dead-letter it (reason maxlen); the confirm is a nack. */
    REJECT_PUBLISH_DLX("reject-publish-dlx");

    private final String value;

    Overflow(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The overflow named by an x-overflow value, or null for none. */
    static Overflow named(String value) {
        for (Overflow overflow : values()) {
            if (overflow.value.equals(value)) {
                return overflow;
            }
        }
        return null;
    }
}
