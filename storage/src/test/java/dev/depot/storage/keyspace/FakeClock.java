package dev.depot.storage.keyspace;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so. Safe to read from several threads. */
final class FakeClock implements InstantSource {
    private final AtomicLong millis;

    FakeClock(long startMillis) {
        millis = new AtomicLong(startMillis);
    }

    FakeClock() {
        this(1_700_000_000_000L);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    void advanceMillis(long delta) {
        millis.addAndGet(delta);
    }

    void advanceSeconds(long seconds) {
        advanceMillis(seconds * 1000);
    }
}
