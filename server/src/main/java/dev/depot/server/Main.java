package dev.depot.server;

import dev.depot.config.ConfigException;
import dev.depot.config.ConfigKey;
import dev.depot.config.DepotConfig;
import dev.depot.server.cli.Cli;
import dev.depot.server.cli.HashPasswordCommand;
import dev.depot.server.cli.Invocation;
import dev.depot.server.cli.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code depot [OPTIONS]}: parse the command line, start the server, and stop it gracefully on
 * SIGTERM or Ctrl-C ({@code depot hash-password} only prints a password hash). Exit status 2
 * means bad options or configuration, 1 that the server could not start or failed.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Invocation invocation = Cli.parse(args, out, err);
        if (invocation instanceof Invocation.Start start) {
            System.exit(run(start, err));
        } else if (invocation instanceof Invocation.HashPassword) {
            System.exit(HashPasswordCommand.run(System.in, System.console(), out, err));
        } else if (invocation instanceof Invocation.Exit exit) {
            System.exit(exit.status());
        }
    }

    private static int run(Invocation.Start start, PrintWriter err) {
        DepotConfig config = start.config();
        // A daemon has no console to print a dying thread's trace to; make sure it reaches the log.
        Thread.setDefaultUncaughtExceptionHandler(
                (thread, e) -> log.error("uncaught exception in thread {}", thread.getName(), e));
        logBanner(config);
        long startedAt = System.nanoTime();
        DepotServer server;
        try {
            server = DepotServer.start(config, start.configFile());
        } catch (ConfigException e) {
            err.println("depot: " + e.getMessage());
            return Cli.USAGE_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("depot: interrupted while starting");
            return 1;
        } catch (Exception e) {
            return startupFailed(e, err);
        }
        // Installed only once the server exists. A signal during start() simply ends the process:
        // no client has been served yet, so there is nothing to drain. Handling TERM and INT
        // ourselves (rather than in a shutdown hook) lets a requested stop end with status 0.
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> server.shutdown("SIG" + signal));
        }
        log.info("ready in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            server.shutdown("interrupt"); // nobody interrupts main today; treat it as a request to stop
        }
        return 0;
    }

    /**
     * Environment problems (port taken, directory not writable) are I/O errors with a message the
     * operator can act on; anything else is a bug, and its stack trace belongs in the log.
     */
    private static int startupFailed(Exception e, PrintWriter err) {
        if (e instanceof IOException) {
            log.error("cannot start: {}", e.toString());
        } else {
            log.error("cannot start", e);
        }
        err.println("depot: cannot start: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        return 1;
    }

    private static void logBanner(DepotConfig config) {
        Runtime runtime = Runtime.getRuntime();
        log.info("Depot {} starting: pid {}, Java {}, {} CPUs, max heap {}mb, working directory {}",
                Version.current(), ProcessHandle.current().pid(), Runtime.version(),
                runtime.availableProcessors(), runtime.maxMemory() >> 20, Path.of("").toAbsolutePath());
        log.info("config: {}", ConfigKey.describe(config));
    }
}
