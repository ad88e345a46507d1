package dev.depot.server.resp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyMonitorTest {
    private final LatencyMonitor monitor = new LatencyMonitor();

    @Test
    void offByDefault() {
        monitor.commandTook(5_000_000);
        assertTrue(monitor.latest().isEmpty());
    }

    @Test
    void keepsTheWorstOfEachSecondAndOfAllTime() {
        monitor.thresholdMillis(5);
        monitor.commandTook(4_999); // under the threshold
        assertTrue(monitor.latest().isEmpty());
        monitor.commandTook(7_000);
        monitor.commandTook(30_000);
        monitor.commandTook(6_000);
        List<LatencyMonitor.Sample> history = monitor.history(LatencyMonitor.COMMAND_EVENT);
        // all within a second or two of each other: at most one sample per second, the worst of it
        assertTrue(history.size() <= 2, history.toString());
        assertEquals(30, history.stream().mapToLong(LatencyMonitor.Sample::millis).max().orElseThrow());
        LatencyMonitor.Latest latest = monitor.latest().get(0);
        assertEquals(LatencyMonitor.COMMAND_EVENT, latest.event());
        assertEquals(30, latest.max());
        assertTrue(monitor.history("other").isEmpty());
    }

    @Test
    void resetForgetsEventsAndCountsThem() {
        monitor.thresholdMillis(1);
        monitor.commandTook(2_000);
        assertEquals(0, monitor.reset(List.of("nope")));
        assertEquals(1, monitor.reset(List.of("nope", LatencyMonitor.COMMAND_EVENT)));
        assertTrue(monitor.latest().isEmpty());
        monitor.commandTook(2_000);
        assertEquals(1, monitor.reset(List.of()));
    }
}
