package dev.depot.server.resp;

import dev.depot.config.ByteSize;
import dev.depot.config.ConfigException;
import dev.depot.config.ConfigKey;
import dev.depot.config.ConfigRewriter;
import dev.depot.config.DepotConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** CONFIG GET, SET, RESETSTAT, REWRITE and HELP over {@link ConfigParameters}. */
final class ConfigCommands {
    private ConfigCommands() {
    }

    static void register(CommandTable table, RespService service) {
        table.add("config", -2, call -> config(call, service));
    }

    private static void config(Call call, RespService service) {
        switch (call.text(1).toLowerCase(Locale.ROOT)) {
            case "get" -> get(call, service.parameters());
            case "set" -> set(call, service.parameters());
            case "resetstat" -> {
                Subcommands.checkArity(call, 2);
                service.resetStats();
                call.reply().ok();
            }
            case "rewrite" -> {
                Subcommands.checkArity(call, 2);
                rewrite(service);
                call.reply().ok();
            }
            case "help" -> {
                Subcommands.checkArity(call, 2);
                Subcommands.help(call,
                        "GET <pattern> [<pattern> ...]", "    The parameters matching the glob patterns, with their values.",
                        "SET <parameter> <value> [<parameter> <value> ...]",
                        "    Changes parameters: all of them, or none when one value is refused.",
                        "RESETSTAT", "    Zeroes INFO's counters (commands, errors, connections, keys expired).",
                        "REWRITE", "    Writes maxmemory, maxclients and requirepass into Depot's config file.");
            }
            default -> throw Subcommands.unknown(call);
        }
    }

    /**
     * CONFIG GET pattern...: each parameter once, under the name asked for when the pattern has
     * no glob characters, else under its own name; a flat list in RESP2, a map in RESP3.
     */
    private static void get(Call call, ConfigParameters parameters) {
        Subcommands.checkArity(call, -3);
        Map<ConfigParameter<?>, String> found = new LinkedHashMap<>();
        for (int i = 2; i < call.argc(); i++) {
            String pattern = call.text(i);
            if (pattern.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
                ConfigParameter<?> parameter = parameters.named(pattern);
                if (parameter != null) {
                    found.putIfAbsent(parameter, pattern);
                }
            } else {
                parameters.matching(pattern).forEach(p -> found.putIfAbsent(p, p.name()));
            }
        }
        call.reply().map(found.size());
        found.forEach((parameter, name) -> {
            call.reply().bulk(name.getBytes(StandardCharsets.ISO_8859_1));
            call.reply().bulk(parameter.value().getBytes(StandardCharsets.ISO_8859_1));
        });
    }

    /**
     * CONFIG SET name value...: every name is checked first (unknown, immutable, given twice),
     * then every value, and only then is anything changed, so a refused value changes nothing.
     */
    private static void set(Call call, ConfigParameters parameters) {
        Subcommands.checkArity(call, -4);
        if (call.argc() % 2 != 0) {
            throw RespException.syntax();
        }
        List<ConfigParameter<?>> targets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 2; i < call.argc(); i += 2) {
            String name = call.text(i);
            ConfigParameter<?> parameter = parameters.named(name);
            if (parameter == null) {
                throw new RespException("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'");
            }
            if (!parameter.isMutable()) {
                throw failed(name, "can't set immutable config");
            }
            if (!seen.add(parameter.name())) {
                throw failed(name, "duplicate parameter");
            }
            targets.add(parameter);
        }
        List<Runnable> changes = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            try {
                changes.add(targets.get(i).prepare(call.text(3 + 2 * i)));
            } catch (ConfigRejected e) {
                throw failed(call.text(2 + 2 * i), e.getMessage());
            }
        }
        changes.forEach(Runnable::run);
        call.reply().ok();
    }

    private static RespException failed(String name, String reason) {
        return new RespException("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
    }

    /**
     * CONFIG REWRITE: the Depot keys CONFIG SET changed since the start (maxmemory,
     * max-connections for maxclients, requirepass) are written into the config file the daemon
     * was started with. Redis-only parameters (timeout, slowlog-*...) have no key in Depot's file
     * and are not written.
     */
    private static void rewrite(RespService service) {
        Optional<Path> file = service.environment().configFile();
        if (file.isEmpty()) {
            throw new RespException("ERR The server is running without a config file");
        }
        DepotConfig started = service.config();
        Map<ConfigKey, String> changed = new EnumMap<>(ConfigKey.class);
        long maxmemory = service.databases().budget().max();
        if (maxmemory != started.maxMemory()) {
            changed.put(ConfigKey.MAXMEMORY, ByteSize.format(maxmemory));
        }
        int maxclients = service.environment().connections().max();
        if (maxclients != started.maxConnections()) {
            changed.put(ConfigKey.MAX_CONNECTIONS, Integer.toString(maxclients));
        }
        String password = new String(service.authenticator().password(), StandardCharsets.UTF_8);
        if (!password.equals(started.requirePass())) {
            changed.put(ConfigKey.REQUIREPASS, password);
        }
        if (changed.isEmpty()) {
            return;
        }
        try {
            ConfigRewriter.rewrite(file.get(), changed);
        } catch (IOException | ConfigException e) {
            throw new RespException("ERR Rewriting config file: " + e.getMessage());
        }
    }
}
