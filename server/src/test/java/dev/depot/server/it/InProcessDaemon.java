package dev.depot.server.it;

import dev.depot.config.DepotConfig;
import dev.depot.server.DepotServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Starting a Depot daemon inside the test JVM on free ports with a fresh temporary data
 * directory, for every integration-test fixture. Ports are found by binding port 0 and closing
 * it; a start that loses the race for a port is retried with new ones.
 */
public final class InProcessDaemon {
    private static final int START_ATTEMPTS = 10;

    /** A started daemon, the configuration it runs with and its data directory (deleted by {@link #stop}). */
    public record Started(DepotServer server, DepotConfig config, Path dataDir) {
    }

    private InProcessDaemon() {
    }

    /**
     * Starts a daemon with the configuration {@code configFor} builds for a data directory; it is
     * called again, and should pick new ports with {@link #freePort()}, when a port was taken.
     */
    public static Started start(String tempPrefix, Function<Path, DepotConfig> configFor) {
        return start(tempPrefix, configFor, Optional.empty());
    }

    /** Like {@link #start(String, Function)}, for a configuration said to come from {@code configFile}. */
    public static Started start(String tempPrefix, Function<Path, DepotConfig> configFor, Optional<Path> configFile) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory(tempPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            DepotConfig config = configFor.apply(dataDir);
            try {
                return new Started(DepotServer.start(config, configFile), config, dataDir);
            } catch (IOException e) {
                if (!isBindFailure(e)) {
                    deleteRecursively(dataDir);
                    throw new UncheckedIOException("the daemon did not start", e);
                }
                last = e; // the port was taken in between: try other ones
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deleteRecursively(dataDir);
                throw new IllegalStateException("interrupted while starting the daemon", e);
            }
        }
        deleteRecursively(dataDir);
        throw new UncheckedIOException("could not start the daemon on free ports in " + START_ATTEMPTS
                + " attempts", last);
    }

    /** Stops the daemon and removes its data directory. */
    public static void stop(Started daemon) {
        daemon.server().close();
        deleteRecursively(daemon.dataDir());
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBindFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp dir
                }
            });
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }
}
