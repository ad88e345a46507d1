package dev.depot.server.resp;

import dev.depot.config.DepotConfig;
import dev.depot.storage.keyspace.Databases;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What every RESP connection shares: the databases, the command table, client ids, server state. */
public final class RespService {
    /** The Redis version Depot reports, for clients that check features by version. */
    static final String REDIS_VERSION = "7.2.0";

    private final DepotConfig config;
    private final Databases databases;
    private final RespEnvironment environment;
    private final CommandTable commands;
    private final AtomicLong clientIds = new AtomicLong();
    private final PubSub pubsub = new PubSub();
    private final KeyspaceEvents keyspaceEvents;
    private final BlockingPops blocking = new BlockingPops();
    private final ClientRegistry clients = new ClientRegistry();
    private final Tracking tracking;
    private final Authenticator authenticator;
    private final CommandAccounting accounting = new CommandAccounting();
    private final ErrorStats errorStats = new ErrorStats();
    private final ClientPause pause = new ClientPause();
    private final IdleClients idleClients = new IdleClients();
    private final LongAdder netInputBytes = new LongAdder();
    private final LongAdder netOutputBytes = new LongAdder();
    private final InstantaneousRates rates;
    private final AtomicLong memoryPeak = new AtomicLong();
    private final ConfigParameters parameters;
    /** INFO's run_id and master_replid: random per start, as Redis's are. */
    private final String runId = randomHex();
    private final String replicationId = randomHex();

    public RespService(DepotConfig config, Databases databases, RespEnvironment environment) {
        this.config = config;
        this.databases = databases;
        this.environment = environment;
        this.authenticator = new Authenticator(config.requirePass());
        KeyChanges keyChanges = new KeyChanges(databases);
        this.keyspaceEvents = new KeyspaceEvents(pubsub, keyChanges);
        this.tracking = new Tracking(clients, keyChanges);
        keyChanges.bind(keyspaceEvents, tracking);
        this.rates = new InstantaneousRates(Map.of(
                InstantaneousRates.Metric.COMMANDS, accounting.statistics()::totalCalls,
                InstantaneousRates.Metric.NET_INPUT_BYTES, netInputBytes::sum,
                InstantaneousRates.Metric.NET_OUTPUT_BYTES, netOutputBytes::sum));
        this.parameters = ConfigParameters.standard(this);
        this.commands = CommandTable.standard(this);
        environment.housekeeping().scheduleAtFixedRate(this::sample, InstantaneousRates.PERIOD_MILLIS,
                InstantaneousRates.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        environment.housekeeping().scheduleWithFixedDelay(() -> idleClients.closeIdle(clients),
                IdleClients.CHECK_PERIOD_MILLIS, IdleClients.CHECK_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        rates.sample(System.nanoTime());
        usedMemory();
    }

    /** The accounted memory now, remembered as the peak when it is one. */
    long usedMemory() {
        long used = databases.budget().used();
        memoryPeak.accumulateAndGet(used, Math::max);
        return used;
    }

    long memoryPeak() {
        return memoryPeak.get();
    }

    /**
     * CONFIG RESETSTAT: INFO's counters back to zero. The expired and evicted counts live in the
     * keyspaces, which memcached's {@code stats reset} zeroes too: they are one store.
     */
    void resetStats() {
        accounting.statistics().reset();
        errorStats.reset();
        for (int i = 0; i < databases.count(); i++) {
            databases.get(i).resetCounters();
        }
        netInputBytes.reset();
        netOutputBytes.reset();
        environment.connections().resetCounters();
        memoryPeak.set(databases.budget().used());
    }

    Databases databases() {
        return databases;
    }

    BlockingPops blocking() {
        return blocking;
    }

    PubSub pubsub() {
        return pubsub;
    }

    KeyspaceEvents keyspaceEvents() {
        return keyspaceEvents;
    }

    Tracking tracking() {
        return tracking;
    }

    CommandTable commands() {
        return commands;
    }

    DepotConfig config() {
        return config;
    }

    RespEnvironment environment() {
        return environment;
    }

    long startedMillis() {
        return environment.startedMillis();
    }

    ClientRegistry clients() {
        return clients;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    CommandAccounting accounting() {
        return accounting;
    }

    ErrorStats errorStats() {
        return errorStats;
    }

    ClientPause pause() {
        return pause;
    }

    IdleClients idleClients() {
        return idleClients;
    }

    LongAdder netInputBytes() {
        return netInputBytes;
    }

    LongAdder netOutputBytes() {
        return netOutputBytes;
    }

    InstantaneousRates rates() {
        return rates;
    }

    ConfigParameters parameters() {
        return parameters;
    }

    String runId() {
        return runId;
    }

    String replicationId() {
        return replicationId;
    }

    Session newSession() {
        Session session = new Session(clientIds.incrementAndGet());
        session.authenticated = !authenticator.required();
        return session;
    }

    private static String randomHex() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
