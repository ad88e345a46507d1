package dev.depot.server.cli;

import dev.depot.config.ConfigException;
import dev.depot.config.ConfigKey;
import dev.depot.config.ConfigLoader;
import dev.depot.config.DepotConfig;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns {@code depot}'s arguments into a configuration, or into an exit after printing help, the
 * version or an error. It never exits the JVM or starts anything, so tests can call it freely.
 */
public final class Cli {

    /** Status for bad usage or configuration, as picocli and most Unix tools use. */
    public static final int USAGE_ERROR = 2;

    private Cli() {
    }

    /**
     * @param out where help and version go (stdout)
     * @param err where errors go (stderr): one line {@code depot: <message>}, never a stack trace
     */
    public static Invocation parse(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(DepotCommand.spec(DepotConfig.defaults()));
        try {
            ParseResult parsed = commandLine.parseArgs(args);
            if (commandLine.isUsageHelpRequested()) {
                commandLine.usage(out);
                return new Invocation.Exit(0);
            }
            if (commandLine.isVersionHelpRequested()) {
                commandLine.printVersionHelp(out);
                return new Invocation.Exit(0);
            }
            if (parsed.hasSubcommand()) {
                return subcommand(parsed, out);
            }
            Path file = configFile(parsed);
            return new Invocation.Start(ConfigLoader.load(file, flags(parsed)), Optional.ofNullable(file));
        } catch (ParameterException e) {
            err.println("depot: " + describe(e));
            err.println("Try 'depot --help' for more information.");
            return new Invocation.Exit(USAGE_ERROR);
        } catch (ConfigException e) {
            err.println("depot: " + e.getMessage());
            return new Invocation.Exit(USAGE_ERROR);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** {@code depot hash-password}: the only subcommand; the daemon's options mean nothing to it. */
    private static Invocation subcommand(ParseResult parsed, PrintWriter out) {
        ParseResult sub = parsed.subcommand();
        if (sub.isUsageHelpRequested()) {
            sub.commandSpec().commandLine().usage(out);
            return new Invocation.Exit(0);
        }
        if (!parsed.matchedOptions().isEmpty()) {
            throw new ConfigException(HashPasswordCommand.NAME + " takes no other options; run it alone: depot "
                    + HashPasswordCommand.NAME);
        }
        return new Invocation.HashPassword();
    }

    /**
     * Picocli lists every unmatched word ("Unknown options: '--memcache-port', '1'"), including the
     * value that belonged to the misspelt option; only the first word is news to the user.
     */
    private static String describe(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        String first = unmatched.getUnmatched().get(0);
        if (!first.startsWith("-")) {
            return "unexpected argument '" + first + "'; depot takes options, such as --memcached-port 11211, or the"
                    + " command " + HashPasswordCommand.NAME;
        }
        String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        Optional<ConfigKey> fileOnly = ConfigKey.byKey(option.replaceFirst("^--", "")).filter(k -> !k.hasFlag());
        if (fileOnly.isPresent()) {
            return fileOnly.get().noFlagMessage();
        }
        List<String> suggestions = unmatched.getSuggestions();
        return "unknown option '" + option + "'"
                + (suggestions.isEmpty() ? "" : "; did you mean '" + suggestions.get(0) + "'?");
    }

    private static Path configFile(ParseResult parsed) {
        String file = parsed.matchedOptionValue(DepotCommand.CONFIG, (String) null);
        if (file == null) {
            return null;
        }
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new ConfigException("config file '" + file + "' is not a valid path: " + e.getReason());
        }
    }

    /** Only the flags actually given, so that the file's values survive for everything else. */
    private static Map<String, String> flags(ParseResult parsed) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (ConfigKey key : DepotCommand.flagKeys()) {
            if (parsed.hasMatchedOption(key.flag())) {
                flags.put(key.key(), parsed.matchedOptionValue(key.flag(), ""));
            }
        }
        return flags;
    }
}
