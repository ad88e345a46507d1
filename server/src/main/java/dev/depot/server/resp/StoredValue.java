package dev.depot.server.resp;

/** A CONFIG value Depot keeps for the clients that set and read it, without acting on it (yet). */
final class StoredValue<T> {
    private volatile T value;

    StoredValue(T initial) {
        this.value = initial;
    }

    T get() {
        return value;
    }

    void set(T value) {
        this.value = value;
    }
}
