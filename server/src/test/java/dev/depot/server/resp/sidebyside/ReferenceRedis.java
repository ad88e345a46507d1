package dev.depot.server.resp.sidebyside;

import dev.depot.server.it.ReferenceBinary;

import dev.depot.server.it.InProcessDaemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real redis-server started as a child process on a free port, with nothing persisted
 * ({@code --save '' --appendonly no}) and its own temporary directory; killed (and the directory
 * removed) on close, or when the JVM exits. The binary is looked up on PATH (or taken from
 * {@code -Ddepot.sidebyside.redis=/path}); when it is missing construction fails, it never skips.
 */
final class ReferenceRedis implements AutoCloseable {
    private static final int START_ATTEMPTS = 5;

    private final Process process;
    private final InetSocketAddress address;
    private final Path dir;
    private final Thread killer;

    private ReferenceRedis(Process process, InetSocketAddress address, Path dir) {
        this.process = process;
        this.address = address;
        this.dir = dir;
        this.killer = new Thread(process::destroyForcibly, "redis-killer-" + address.getPort());
        Runtime.getRuntime().addShutdownHook(killer);
    }

    static ReferenceRedis start() throws IOException, InterruptedException {
        Path binary = findBinary();
        Path dir = Files.createTempDirectory("depot-sidebyside-redis-");
        String lastLog = "";
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = InProcessDaemon.freePort();
            List<String> cmd = List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no");
            Path log = dir.resolve("redis-" + port + ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ReferenceRedis redis = new ReferenceRedis(p, new InetSocketAddress("127.0.0.1", port), dir);
            if (redis.awaitListening()) {
                return redis;
            }
            lastLog = Files.readString(log);
            redis.stop(); // most likely lost the port to someone else: another one
        }
        deleteRecursively(dir);
        throw new IllegalStateException("redis-server did not start in " + START_ATTEMPTS + " attempts; last log:\n"
                + lastLog);
    }

    /** Whether the server answers PING within 10 s (false: it exited or never listened). */
    private boolean awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (process.isAlive() && System.nanoTime() < deadline) {
            try (RespLink link = RespLink.open("redis-server", address)) {
                if ("PONG".equals(link.call("PING").string())) {
                    return true;
                }
            } catch (UncheckedIOException notYet) {
                Thread.sleep(20); // polling a child process that offers no readiness signal
            }
        }
        return false;
    }

    private static Path findBinary() {
        return ReferenceBinary.find("depot.sidebyside.redis", "redis-server",
                "The Redis side-by-side test needs a real redis-server 7.0 on PATH, and none was found;"
                        + " scripts/test installs it (apt-get install redis-server)");
    }

    InetSocketAddress address() {
        return address;
    }

    /** The server's redis_version, from INFO server. */
    String version() {
        try (RespLink link = RespLink.open("redis-server", address)) {
            String info = link.call("INFO", "server").string();
            for (String line : info.split("\r\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length());
                }
            }
            throw new IllegalStateException("INFO server without redis_version: " + info);
        }
    }

    @Override
    public void close() {
        stop();
        deleteRecursively(dir);
    }

    private void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }
}
