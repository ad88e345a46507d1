package dev.depot.server.memcached.conformance;

import dev.depot.server.it.ReferenceBinary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real memcached started as a child process on a free port:
 * {@code memcached [-u root] -l 127.0.0.1 -p <port> -m 64 -U 0 -t 2} (default {@code -I 1m}).
 * The binary is looked up on PATH (or taken from {@code -Ddepot.conformance.memcached=/path}); when
 * it is missing construction fails, it never skips.
 */
final class ReferenceMemcached implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private ReferenceMemcached(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, "memcached-killer-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static ReferenceMemcached start() throws IOException, InterruptedException {
        Path binary = findBinary();
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("-u");
            cmd.add("root");
        }
        cmd.addAll(List.of("-l", "127.0.0.1", "-p", Integer.toString(port), "-m", "64", "-U", "0", "-t", "2"));
        Path log = Files.createTempFile("memcached-" + port + "-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ReferenceMemcached m = new ReferenceMemcached(p, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (!p.isAlive()) {
                String out = Files.readString(log);
                m.close();
                throw new IllegalStateException("memcached exited with " + p.exitValue() + " (" + cmd + "): " + out);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return m;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    m.close();
                    throw new IllegalStateException("memcached did not accept connections on port " + port
                            + " within 10 s (" + cmd + "): " + Files.readString(log));
                }
                Thread.sleep(20);
            }
        }
    }

    private static Path findBinary() {
        return ReferenceBinary.find("depot.conformance.memcached", "memcached",
                "The memcached conformance test needs a real memcached 1.6 binary on PATH, and none was found;"
                        + " scripts/test installs it (apt-get install memcached)");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** The server's answer to {@code version}, without the line end. */
    String version() throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("version\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = s.getInputStream().read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
