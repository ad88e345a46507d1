package dev.depot.server.cli;

import dev.depot.config.DepotConfig;
import java.nio.file.Path;
import java.util.Optional;

/** What the command line asks for: run the daemon with a configuration, hash a password, or exit right away. */
public sealed interface Invocation {

    /** Start the daemon with this (validated) configuration, read from {@code configFile} if one was given. */
    record Start(DepotConfig config, Optional<Path> configFile) implements Invocation {
    }

    /** Run {@code depot hash-password} ({@link HashPasswordCommand}), which needs stdin. */
    record HashPassword() implements Invocation {
    }

    /** Exit now with this status: 0 after --help or --version, 2 after a usage or config error. */
    record Exit(int status) implements Invocation {
    }
}
