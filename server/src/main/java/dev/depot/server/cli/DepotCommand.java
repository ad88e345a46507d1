package dev.depot.server.cli;

import dev.depot.config.ConfigKey;
import dev.depot.config.DepotConfig;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The picocli model of {@code depot [OPTIONS]}. It is built from {@link ConfigKey} rather than
 * annotated fields so a key added to the config module gets its flag, its help line and its
 * shown default without a second list to keep in step.
 */
final class DepotCommand {

    static final String CONFIG = "--config";

    static final String DESCRIPTION = "Depot is a cache-and-broker daemon: one process serves memcached"
            + " text-protocol, Redis (RESP) and AMQP 0-9-1 clients from a shared in-memory store and keeps"
            + " its data in an append-only log. Each setting comes from its flag if given, else from the"
            + " --config file, else from the default shown below. Depot runs in the foreground and logs"
            + " to stdout; SIGTERM or Ctrl-C stops it gracefully.";

    /** Shown in the help footer; a test checks that it loads, so it cannot drift out of date. */
    static final String CONFIG_EXAMPLE = """
            # /etc/depot/depot.yaml
            bind: 0.0.0.0
            memcached-port: 11211
            redis-port: 6379
            amqp-port: 0              # 0 turns a listener off
            data-dir: /var/lib/depot
            maxmemory: 2g             # bytes, or k/m/g, optionally with b: 512mb
            max-item-size: 1mb
            max-connections: 4096
            threads: 8
            """;

    private DepotCommand() {
    }

    /** The command, with each option's help showing its value in {@code defaults}. */
    static CommandSpec spec(DepotConfig defaults) {
        CommandSpec spec = CommandSpec.create().name("depot").version(Version.lines());
        spec.usageMessage()
                .customSynopsis("depot [OPTIONS]", "       depot " + HashPasswordCommand.NAME)
                .descriptionHeading("%n")
                .description(DESCRIPTION)
                .optionListHeading("%nOptions:%n")
                .sortOptions(false)
                .footerHeading("%nConfig file:%n")
                .footer(footer());
        spec.addOption(OptionSpec.builder(CONFIG)
                .paramLabel("FILE")
                .type(String.class)
                .description("YAML (.yaml, .yml) or JSON (.json) file of settings; see below.",
                        "Default: none, only flags and defaults.")
                .build());
        for (ConfigKey key : flagKeys()) {
            // Always text: the config module parses and checks every value, so a bad flag and a bad
            // file entry get the same message.
            spec.addOption(OptionSpec.builder(key.flag())
                    .paramLabel(key.paramLabel())
                    .type(String.class)
                    .description(escape(key.description()), "Default: " + escape(shownDefault(key, defaults)) + ".")
                    .build());
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
                .description("Show this help and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class)
                .description("Print the version and exit.").build());
        spec.usageMessage().commandListHeading("%nCommands:%n");
        spec.addSubcommand(HashPasswordCommand.NAME, hashPassword());
        return spec;
    }

    private static CommandSpec hashPassword() {
        CommandSpec spec = CommandSpec.create().name(HashPasswordCommand.NAME);
        spec.usageMessage()
                .customSynopsis("depot " + HashPasswordCommand.NAME)
                .descriptionHeading("%n")
                .description(escape(HashPasswordCommand.SUMMARY), escape(HashPasswordCommand.DESCRIPTION), "",
                        "Example: " + escape(HashPasswordCommand.EXAMPLE))
                .optionListHeading("%nOptions:%n");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class)
                .description("Show this help and exit.").build());
        return spec;
    }

    static List<ConfigKey> flagKeys() {
        return Arrays.stream(ConfigKey.values()).filter(ConfigKey::hasFlag).toList();
    }

    private static String fileOnlyKeys() {
        return Arrays.stream(ConfigKey.values()).filter(k -> !k.hasFlag()).map(ConfigKey::key)
                .collect(Collectors.joining(", "));
    }

    private static String[] footer() {
        String intro = "Keys are the option names without the leading dashes. A flag overrides the"
                + " file; a key in neither keeps its default. Relative paths are relative to the"
                + " working directory. These keys hold structures and have no flag, only a file"
                + " form: " + fileOnlyKeys() + " (AMQP vhosts and users; without users, guest/guest"
                + " may log in from this host only).%n%n";
        String example = CONFIG_EXAMPLE.lines().map(line -> "  " + escape(line)).reduce("", (a, b) -> a + b + "%n");
        return new String[] {
                intro + example,
                "Every key, with its rules: docs/configuration.md. Running Depot as a service:"
                        + " docs/operations.md (in the Depot source tree, e.g. /opt/depot/docs).",
        };
    }

    /** An empty default (no password) reads better as "none" than as nothing at all. */
    private static String shownDefault(ConfigKey key, DepotConfig defaults) {
        String value = key.format(defaults);
        return value.isEmpty() ? "none" : value;
    }

    /** Help text goes through String.format; a literal % must not be read as a conversion. */
    private static String escape(String text) {
        return text.replace("%", "%%");
    }
}
