package dev.depot.server.resp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** SLOWLOG, LATENCY and MEMORY: what is slow, and where the memory goes. */
final class DiagnosticCommands {
    private DiagnosticCommands() {
    }

    static void register(CommandTable table, RespService service) {
        table.add("slowlog", -2, call -> slowlog(call, service.accounting().slowLog()));
        table.add("latency", -2, call -> latency(call, service.accounting().latency()));
        table.add("memory", -2, call -> memory(call, service));
    }

    private static void slowlog(Call call, SlowLog log) {
        switch (call.text(1).toLowerCase(Locale.ROOT)) {
            case "get" -> {
                Subcommands.checkArity(call, -2);
                long count = 10;
                if (call.argc() > 2) {
                    Long n = RespNumbers.parseLong(call.arg(2));
                    if (n == null || n < -1 || call.argc() > 3) {
                        throw new RespException("ERR count should be greater than or equal to -1");
                    }
                    count = n;
                }
                List<SlowLog.Entry> entries = log.newest(count);
                RespReply reply = call.reply();
                reply.array(entries.size());
                for (SlowLog.Entry e : entries) {
                    reply.array(6);
                    reply.integer(e.id());
                    reply.integer(e.unixSeconds());
                    reply.integer(e.micros());
                    reply.array(e.args().size());
                    e.args().forEach(reply::bulk);
                    reply.bulk(e.client());
                    reply.bulk(e.clientName());
                }
            }
            case "len" -> {
                Subcommands.checkArity(call, 2);
                call.reply().integer(log.length());
            }
            case "reset" -> {
                Subcommands.checkArity(call, 2);
                log.reset();
                call.reply().ok();
            }
            case "help" -> {
                Subcommands.checkArity(call, 2);
                Subcommands.help(call,
                        "GET [<count>]", "    The newest <count> entries (10 by default, -1 for all), each with its id,",
                        "    start time, duration in microseconds, arguments, client address and name.",
                        "LEN", "    How many entries there are.",
                        "RESET", "    Empties the log.");
            }
            default -> throw Subcommands.unknown(call);
        }
    }

    private static void latency(Call call, LatencyMonitor monitor) {
        RespReply reply = call.reply();
        switch (call.text(1).toLowerCase(Locale.ROOT)) {
            case "latest" -> {
                Subcommands.checkArity(call, 2);
                List<LatencyMonitor.Latest> latest = monitor.latest();
                reply.array(latest.size());
                for (LatencyMonitor.Latest l : latest) {
                    reply.array(4);
                    reply.bulk(l.event());
                    reply.integer(l.latest().unixSeconds());
                    reply.integer(l.latest().millis());
                    reply.integer(l.max());
                }
            }
            case "history" -> {
                Subcommands.checkArity(call, 3);
                List<LatencyMonitor.Sample> samples = monitor.history(call.text(2));
                reply.array(samples.size());
                for (LatencyMonitor.Sample s : samples) {
                    reply.array(2);
                    reply.integer(s.unixSeconds());
                    reply.integer(s.millis());
                }
            }
            case "reset" -> {
                List<String> events = new ArrayList<>();
                for (int i = 2; i < call.argc(); i++) {
                    events.add(call.text(i));
                }
                reply.integer(monitor.reset(events));
            }
            case "doctor" -> {
                Subcommands.checkArity(call, 2);
                reply.verbatim(latencyDoctor(monitor));
            }
            case "help" -> {
                Subcommands.checkArity(call, 2);
                Subcommands.help(call,
                        "LATEST", "    Each event with the time and latency of its latest spike and its worst.",
                        "HISTORY <event>", "    The spikes of an event: time and latency, one per second, oldest first.",
                        "RESET [<event> ...]", "    Forgets the given events (all of them without arguments).",
                        "DOCTOR", "    A short report in words.");
            }
            default -> throw Subcommands.unknown(call);
        }
    }

    private static String latencyDoctor(LatencyMonitor monitor) {
        if (monitor.thresholdMillis() == 0) {
            return "Latency monitoring is off in this Depot instance. Turn it on with"
                    + " CONFIG SET latency-monitor-threshold <milliseconds>.\n";
        }
        List<LatencyMonitor.Latest> latest = monitor.latest();
        if (latest.isEmpty()) {
            return "No command took " + monitor.thresholdMillis() + " ms or longer since the monitor was turned on"
                    + " or last reset.\n";
        }
        StringBuilder text = new StringBuilder("Latency spikes of " + monitor.thresholdMillis() + " ms or more:\n");
        for (LatencyMonitor.Latest l : latest) {
            List<LatencyMonitor.Sample> samples = monitor.history(l.event());
            long total = samples.stream().mapToLong(LatencyMonitor.Sample::millis).sum();
            text.append("- ").append(l.event()).append(": ").append(samples.size()).append(" spikes recorded, average ")
                    .append(total / Math.max(1, samples.size())).append(" ms, worst ").append(l.max()).append(" ms.\n");
        }
        text.append("SLOWLOG GET shows which commands were slow; large keys (big collections deleted,"
                + " expired or evicted at once) are a common cause.\n");
        return text.toString();
    }

    private static void memory(Call call, RespService service) {
        switch (call.text(1).toLowerCase(Locale.ROOT)) {
            case "usage" -> usage(call);
            case "stats" -> {
                Subcommands.checkArity(call, 2);
                stats(call, service);
            }
            case "doctor" -> {
                Subcommands.checkArity(call, 2);
                call.reply().verbatim(memoryDoctor(service));
            }
            case "purge" -> {
                Subcommands.checkArity(call, 2);
                call.reply().ok();
            }
            case "malloc-stats" -> {
                Subcommands.checkArity(call, 2);
                call.reply().bulk("Depot keeps its data on the JVM heap: see INFO memory (jvm_heap_*).");
            }
            case "help" -> {
                Subcommands.checkArity(call, 2);
                Subcommands.help(call,
                        "USAGE <key> [SAMPLES <count>]", "    The bytes Depot accounts for the key and its value.",
                        "STATS", "    Where the memory goes, as a map.",
                        "DOCTOR", "    A short report in words.",
                        "PURGE", "    Accepted; the JVM's collector returns memory by itself.",
                        "MALLOC-STATS", "    Where allocator statistics would be: Depot uses the JVM heap.");
            }
            default -> throw Subcommands.unknown(call);
        }
    }

    /** MEMORY USAGE key [SAMPLES n]: the entry's accounted bytes (Depot counts every element, no sampling). */
    private static void usage(Call call) {
        Subcommands.checkArity(call, -3);
        for (int i = 3; i < call.argc(); i += 2) {
            if (!call.is(i, "SAMPLES") || i + 1 >= call.argc()) {
                throw RespException.syntax();
            }
            if (call.longArg(i + 1) < 0) {
                throw RespException.syntax();
            }
        }
        Long bytes = call.db().execute(call.arg(2), slot -> slot.exists() ? slot.objectSize() : null);
        if (bytes == null) {
            call.reply().nullBulk();
        } else {
            call.reply().integer(bytes);
        }
    }

    private static void stats(Call call, RespService service) {
        long used = service.usedMemory();
        long peak = Math.max(used, service.memoryPeak());
        long keys = 0;
        for (int i = 0; i < service.databases().count(); i++) {
            keys += service.databases().get(i).stats().currItems();
        }
        long rss = ProcessStats.residentBytes();
        RespReply reply = call.reply();
        reply.map(14);
        reply.bulk("peak.allocated");
        reply.integer(peak);
        reply.bulk("total.allocated");
        reply.integer(used);
        reply.bulk("startup.allocated");
        reply.integer(0);
        reply.bulk("replication.backlog");
        reply.integer(0);
        reply.bulk("clients.slaves");
        reply.integer(0);
        reply.bulk("clients.normal");
        reply.integer(0);
        reply.bulk("aof.buffer");
        reply.integer(0);
        reply.bulk("keys.count");
        reply.integer(keys);
        reply.bulk("keys.bytes-per-key");
        reply.integer(keys == 0 ? 0 : used / keys);
        reply.bulk("dataset.bytes");
        reply.integer(used);
        reply.bulk("dataset.percentage");
        reply.score(100);
        reply.bulk("peak.percentage");
        reply.score(peak == 0 ? 100 : 100.0 * used / peak);
        reply.bulk("fragmentation");
        reply.score(used == 0 ? 0 : (double) rss / used);
        reply.bulk("fragmentation.bytes");
        reply.integer(rss - used);
    }

    private static String memoryDoctor(RespService service) {
        long used = service.usedMemory();
        long max = service.databases().budget().max();
        long percent = max == 0 ? 0 : 100 * used / max;
        StringBuilder text = new StringBuilder("Depot accounts for " + InfoFormat.bytes(used) + " of its "
                + InfoFormat.bytes(max) + " maxmemory (" + percent + "%).\n");
        if (percent >= 90) {
            text.append("The keyspace is close to maxmemory: writes evict other keys. Raise maxmemory (and the JVM"
                    + " heap, -Xmx) if that is not what you want.\n");
        } else {
            text.append("Nothing to worry about.\n");
        }
        return text.toString();
    }
}
