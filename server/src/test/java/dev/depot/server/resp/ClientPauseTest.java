package dev.depot.server.resp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientPauseTest {
    private final ClientPause pause = new ClientPause();
    private final Session session = new Session(1);

    @Test
    void nothingWaitsWithoutAPause() {
        assertEquals(0, pause.remainingNanos("set", session));
    }

    @Test
    void writePauseHoldsWritesOnly() {
        pause.pause(ClientPause.Mode.WRITE, 60_000);
        assertTrue(pause.remainingNanos("set", session) > 50_000_000_000L);
        assertTrue(pause.remainingNanos("publish", session) > 0, "PUBLISH is paused with writes, as in Redis");
        assertEquals(0, pause.remainingNanos("get", session));
        assertEquals(0, pause.remainingNanos("exec", session), "an empty transaction writes nothing");
        session.queued = new ArrayList<>(List.of(List.of("GET".getBytes(StandardCharsets.US_ASCII)),
                List.of("LPUSH".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(pause.remainingNanos("exec", session) > 0, "EXEC of a transaction that writes");
    }

    @Test
    void allPauseHoldsEverything() {
        pause.pause(ClientPause.Mode.ALL, 60_000);
        assertTrue(pause.remainingNanos("get", session) > 0);
        assertTrue(pause.remainingNanos("client", session) > 0);
    }

    @Test
    void aNewPauseOnlyLengthensOrWidens() {
        pause.pause(ClientPause.Mode.ALL, 60_000);
        pause.pause(ClientPause.Mode.WRITE, 1);
        assertTrue(pause.remainingNanos("get", session) > 50_000_000_000L, "still ALL, still a minute");
    }

    @Test
    void anExpiredPauseHoldsNothing() {
        pause.pause(ClientPause.Mode.ALL, 0);
        assertEquals(0, pause.remainingNanos("get", session));
    }

    @Test
    void unpauseWakesTheWaiters() {
        AtomicInteger woken = new AtomicInteger();
        pause.pause(ClientPause.Mode.ALL, 60_000);
        ClientPause.Waiter waiter = woken::incrementAndGet;
        pause.await(waiter);
        pause.unpause();
        assertEquals(1, woken.get());
        assertEquals(0, pause.remainingNanos("get", session));
        pause.leave(waiter);
        pause.unpause();
        assertEquals(1, woken.get(), "a waiter that left is not woken again");
    }
}
