package dev.depot.server.resp;

import java.util.List;

/**
 * Everything that follows a command that ran: its INFO commandstats, the slow log, the latency
 * monitor and the MONITOR stream. Each check that finds nothing to do costs one volatile read,
 * so a command pays a few nanoseconds for the lot.
 */
final class CommandAccounting {
    private final CommandStatistics statistics = new CommandStatistics();
    private final SlowLog slowLog = new SlowLog();
    private final LatencyMonitor latency = new LatencyMonitor();
    private final Monitors monitors = new Monitors();

    CommandStatistics statistics() {
        return statistics;
    }

    SlowLog slowLog() {
        return slowLog;
    }

    LatencyMonitor latency() {
        return latency;
    }

    Monitors monitors() {
        return monitors;
    }

    void executed(Session session, CommandStats stats, List<byte[]> args, long nanos, boolean failed) {
        long micros = nanos / 1000;
        stats.executed(micros, failed);
        if (slowLog.isSlow(micros) && !CommandFlags.skipsSlowLog(stats.name())) {
            slowLog.add(session, CommandRedaction.shown(stats.name(), args), micros);
        }
        latency.commandTook(micros);
        if (monitors.any() && !CommandFlags.isAdmin(stats.name())) {
            monitors.feed(session, stats.name(), args);
        }
    }
}
