package dev.depot.storage.broker.exchange;

/** Finds exchanges by name (alternate exchanges are looked up when used, not when declared). */
@FunctionalInterface
public interface ExchangeLookup {
    /** The exchange, or null when there is none. */
    Exchange exchange(String name);
}
