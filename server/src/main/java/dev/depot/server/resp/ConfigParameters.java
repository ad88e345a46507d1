package dev.depot.server.resp;

import dev.depot.storage.keyspace.Databases;
import dev.depot.storage.keyspace.EvictionPolicy;

import dev.depot.server.net.ConnectionLimiter;
import dev.depot.storage.keyspace.MemoryBudget;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Every parameter CONFIG GET shows and CONFIG SET changes, in the order CONFIG GET * lists them.
 * Three kinds: those Depot acts on (maxmemory, maxclients, requirepass, timeout, the slow log
 * and latency monitor, maxmemory-policy through its hook, keyspace notifications, proto-max-bulk-len for new
 * connections, the encoding limits OBJECT ENCODING reports by); those it only keeps for the
 * clients that set and read them (save, appendonly...); and immutable
 * ones that describe the server (port, databases...). Redis's old names (hash-max-ziplist-*)
 * are parameters of their own, sharing the value, as Redis lists them.
 */
final class ConfigParameters {
    /** Redis's default and lower bound for proto-max-bulk-len. */
    private static final long DEFAULT_PROTO_MAX_BULK_LEN = 512L * 1024 * 1024;
    private static final long MIN_PROTO_MAX_BULK_LEN = 1024 * 1024;
    private static final long UINT_MAX = 4294967295L;

    /** appendfsync's values. */
    enum AppendFsync { EVERYSEC, ALWAYS, NO }

    /** loglevel's values. */
    enum LogLevel { DEBUG, VERBOSE, NOTICE, WARNING }

    private final Map<String, ConfigParameter<?>> byName = new LinkedHashMap<>();
    private final EncodingLimits encodingLimits = new EncodingLimits();
    private final StoredSetting<Long> protoMaxBulkLen = new StoredSetting<>(DEFAULT_PROTO_MAX_BULK_LEN);

    private ConfigParameters() {
    }

    static ConfigParameters standard(RespService service) {
        ConfigParameters p = new ConfigParameters();
        p.depotHonours(service);
        p.encodings();
        p.keptForClients();
        p.describeTheServer(service);
        return p;
    }

    /** The parameter called {@code name} (any letter case), or null. */
    ConfigParameter<?> named(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** Parameters whose name matches the glob {@code pattern}, ignoring case. */
    List<ConfigParameter<?>> matching(String pattern) {
        byte[] lower = pattern.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
        List<ConfigParameter<?>> out = new ArrayList<>();
        for (ConfigParameter<?> parameter : byName.values()) {
            if (Glob.matches(lower, parameter.name().getBytes(StandardCharsets.ISO_8859_1))) {
                out.add(parameter);
            }
        }
        return out;
    }

    EncodingLimits encodingLimits() {
        return encodingLimits;
    }

    /** The longest bulk string a new connection accepts. */
    long protoMaxBulkLen() {
        return protoMaxBulkLen.get();
    }

    private void depotHonours(RespService service) {
        MemoryBudget budget = service.databases().budget();
        long maxItemSize = service.config().maxItemSize();
        long heapLimit = service.environment().largestMaxmemory();
        add(ConfigParameter.mutable("maxmemory", maxmemory(maxItemSize, heapLimit), budget::max, budget::setMax));
        ConnectionLimiter connections = service.environment().connections();
        add(ConfigParameter.mutable("maxclients", ConfigType.integer(1, UINT_MAX), () -> (long) connections.max(),
                n -> connections.setMax((int) Math.min(n, Integer.MAX_VALUE))));
        Authenticator auth = service.authenticator();
        add(ConfigParameter.mutable("requirepass", ConfigType.text(),
                () -> new String(auth.password(), StandardCharsets.ISO_8859_1),
                text -> auth.set(text.getBytes(StandardCharsets.ISO_8859_1))));
        IdleClients idle = service.idleClients();
        number("timeout", 0, Integer.MAX_VALUE, idle::timeoutSeconds, idle::timeoutSeconds);
        SlowLog slowLog = service.accounting().slowLog();
        number("slowlog-log-slower-than", -1, Long.MAX_VALUE, slowLog::slowerThanMicros, slowLog::slowerThanMicros);
        number("slowlog-max-len", 0, Long.MAX_VALUE, slowLog::maxLen, slowLog::maxLen);
        LatencyMonitor latency = service.accounting().latency();
        number("latency-monitor-threshold", 0, Long.MAX_VALUE, latency::thresholdMillis, latency::thresholdMillis);
        Databases databases = service.databases();
        add(ConfigParameter.mutable("maxmemory-policy", ConfigType.oneOf(EvictionPolicy.class,
                EvictionPolicy::configName), databases::evictionPolicy, databases::evictionPolicy));
        KeyspaceEvents events = service.keyspaceEvents();
        add(ConfigParameter.mutable("notify-keyspace-events", new KeyspaceEventClasses(), events::flags,
                events::setFlags));
        stored("proto-max-bulk-len", ConfigType.memory(MIN_PROTO_MAX_BULK_LEN, Long.MAX_VALUE), protoMaxBulkLen);
    }

    private void encodings() {
        EncodingLimits e = encodingLimits;
        for (String old : new String[] {"listpack", "ziplist"}) {
            number("hash-max-" + old + "-entries", 0, Long.MAX_VALUE, () -> e.hashMaxListpackEntries,
                    n -> e.hashMaxListpackEntries = n);
            number("hash-max-" + old + "-value", 0, Long.MAX_VALUE, () -> e.hashMaxListpackValue,
                    n -> e.hashMaxListpackValue = n);
            number("zset-max-" + old + "-entries", 0, Long.MAX_VALUE, () -> e.zsetMaxListpackEntries,
                    n -> e.zsetMaxListpackEntries = n);
            number("zset-max-" + old + "-value", 0, Long.MAX_VALUE, () -> e.zsetMaxListpackValue,
                    n -> e.zsetMaxListpackValue = n);
            number("list-max-" + old + "-size", Integer.MIN_VALUE, Integer.MAX_VALUE, () -> e.listMaxListpackSize,
                    n -> e.listMaxListpackSize = n);
        }
        number("set-max-intset-entries", 0, Long.MAX_VALUE, () -> e.setMaxIntsetEntries, n -> e.setMaxIntsetEntries = n);
        number("set-max-listpack-entries", 0, Long.MAX_VALUE, () -> e.setMaxListpackEntries,
                n -> e.setMaxListpackEntries = n);
        number("set-max-listpack-value", 0, Long.MAX_VALUE, () -> e.setMaxListpackValue,
                n -> e.setMaxListpackValue = n);
    }

    private void keptForClients() {
        stored("save", new SaveSchedule(), new StoredSetting<>(""));
        stored("appendonly", ConfigType.yesNo(), new StoredSetting<>(false));
        stored("appendfsync", ConfigType.oneOf(AppendFsync.class, ConfigParameters::lowerCase),
                new StoredSetting<>(AppendFsync.EVERYSEC));
        StoredSetting<Long> hz = new StoredSetting<>(10L);
        // Redis keeps hz within 1-500 whatever it is given
        add(ConfigParameter.mutable("hz", ConfigType.integer(0, Integer.MAX_VALUE), hz::get,
                n -> hz.set(Math.max(1, Math.min(500, n)))));
        stored("tcp-keepalive", ConfigType.integer(0, Integer.MAX_VALUE), new StoredSetting<>(300L));
        stored("loglevel", ConfigType.oneOf(LogLevel.class, ConfigParameters::lowerCase),
                new StoredSetting<>(LogLevel.NOTICE));
        stored("maxmemory-samples", ConfigType.integer(1, Integer.MAX_VALUE), new StoredSetting<>(5L));
        stored("lfu-log-factor", ConfigType.integer(0, Integer.MAX_VALUE), new StoredSetting<>(10L));
        stored("lfu-decay-time", ConfigType.integer(0, Integer.MAX_VALUE), new StoredSetting<>(1L));
    }

    private void describeTheServer(RespService service) {
        fixed("databases", Integer.toString(service.databases().count()));
        fixed("port", Integer.toString(service.config().redisPort()));
        fixed("bind", service.config().bind());
        fixed("dir", service.config().dataDir().toAbsolutePath().toString());
        fixed("daemonize", "no");
        fixed("cluster-enabled", "no");
        fixed("client-output-buffer-limit",
                "normal 0 0 0 slave 268435456 67108864 60 pubsub " + PubSub.OUTPUT_HARD_LIMIT + " 8388608 60");
    }

    private void add(ConfigParameter<?> parameter) {
        byName.put(parameter.name(), parameter);
    }

    private void number(String name, long min, long max, LongSupplier getter, LongConsumer setter) {
        add(ConfigParameter.mutable(name, ConfigType.integer(min, max), getter::getAsLong, setter::accept));
    }

    private <T> void stored(String name, ConfigType<T> type, StoredSetting<T> value) {
        add(ConfigParameter.mutable(name, type, value::get, (Consumer<T>) value::set));
    }

    private void fixed(String name, String value) {
        add(ConfigParameter.immutable(name, ConfigType.text(), () -> value));
    }

    private static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Redis's memory value, within what Depot can run with: 0 (Redis's "no limit") is refused,
     * as is less than max-item-size or more than the heap can hold.
     */
    private static ConfigType<Long> maxmemory(long maxItemSize, long heapLimit) {
        ConfigType<Long> memory = ConfigType.memory(0, Long.MAX_VALUE);
        return new ConfigType<>() {
            @Override
            public Long parse(String text) {
                long bytes = memory.parse(text);
                if (bytes == 0) {
                    throw new ConfigRejected("Depot always needs a memory limit (0, unlimited in Redis, is not allowed)");
                }
                if (bytes < maxItemSize) {
                    throw new ConfigRejected("argument must be at least max-item-size (" + maxItemSize + " bytes)");
                }
                if (bytes > heapLimit) {
                    throw new ConfigRejected("argument must be at most " + heapLimit
                            + " bytes: the JVM heap cannot hold more (raise -Xmx to go higher)");
                }
                return bytes;
            }

            @Override
            public String format(Long value) {
                return memory.format(value);
            }
        };
    }
}
