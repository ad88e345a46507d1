package dev.depot.server.resp;

/** A CONFIG value Depot keeps for the clients that set and read it, without acting on it (yet). */
final class StoredSetting<T> {
    private volatile T value;

    StoredSetting(T initial) {
        this.value = initial;
    }

    T get() {
        return value;
    }

    void set(T value) {
        this.value = value;
    }
}
