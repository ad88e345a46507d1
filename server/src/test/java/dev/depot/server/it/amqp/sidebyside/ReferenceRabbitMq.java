package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private RabbitMQ node, started by the Debian {@code rabbitmq-server} script as a child process
 * with its own node name, AMQP port, distribution port and directory (database, logs, feature
 * flags, an empty plugin list, and HOME for the Erlang cookie), listening on loopback only.
 *
 * <p>As root the Debian wrapper script is used, which switches to the {@code rabbitmq} user, so
 * the directory is handed to that user first; any other user runs the scripts behind it
 * ({@value #UNWRAPPED}), since the wrapper refuses users other than root and rabbitmq. The node
 * takes 10 to 20 s to listen. It is stopped with {@code rabbitmqctl stop} under the same HOME
 * and node name, and its process tree is killed if that did not end it (also from a shutdown
 * hook, should the JVM exit first).
 *
 * <p>The script is looked up on PATH and in /usr/sbin (or taken from
 * {@code -Ddepot.sidebyside.rabbitmq-server=/path}); when it is missing {@link #start} fails,
 * it never skips: CI installs the package.
 */
final class ReferenceRabbitMq implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 90_000;
    private static final long STOP_TIMEOUT_SECONDS = 30;
    /** Taken by another test suite on this machine. */
    private static final int RESERVED_PORT = 35672;
    /**
     * rabbitmqctl listens on the distribution port + 10000 and up; keeping the distribution port
     * below this keeps those under 65536.
     */
    private static final int HIGHEST_DIST_PORT = 55_000;
    /** Where the Debian package keeps the scripts its /usr/sbin wrappers run as the rabbitmq user. */
    private static final String UNWRAPPED = "/usr/lib/rabbitmq/bin";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path script;
    private final Path dir;
    private final String nodeName;
    private final int port;
    private final Process process;
    private final Thread killer;

    private ReferenceRabbitMq(Path script, Path dir, String nodeName, int port, Process process) {
        this.script = script;
        this.dir = dir;
        this.nodeName = nodeName;
        this.port = port;
        this.process = process;
        this.killer = new Thread(this::killProcessTree, "rabbitmq-killer-" + port);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    static ReferenceRabbitMq start() throws IOException, InterruptedException {
        Path script = findScript();
        int port = freePort(Integer.MAX_VALUE);
        int distPort = freePort(HIGHEST_DIST_PORT);
        String nodeName = "depot-sidebyside-" + port + "@localhost";
        Path dir = Files.createTempDirectory("depot-sidebyside-rabbitmq-");
        Files.createDirectories(dir.resolve("mnesia"));
        Files.createDirectories(dir.resolve("log"));
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
        if (ROOT) {
            run(List.of("chown", "-R", "rabbitmq:rabbitmq", dir.toString()), Map.of(), 10);
        }
        ProcessBuilder builder = new ProcessBuilder(script.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        Map<String, String> env = builder.environment();
        env.putAll(nodeEnvironment(dir, nodeName));
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_FEATURE_FLAGS_FILE", dir.resolve("feature_flags").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        // no config file: the node runs with RabbitMQ's defaults
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString());
        ReferenceRabbitMq node = new ReferenceRabbitMq(script, dir, nodeName, port, builder.start());
        try {
            node.awaitListening();
            return node;
        } catch (IOException | RuntimeException | InterruptedException e) {
            node.close();
            throw e;
        }
    }

    /** What rabbitmqctl needs to find the node: the same HOME (cookie) and node name. */
    private static Map<String, String> nodeEnvironment(Path dir, String nodeName) {
        return Map.of("HOME", dir.toString(), "RABBITMQ_NODENAME", nodeName);
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rabbitmq-server exited with " + process.exitValue() + ": "
                        + startupLog());
            }
            if (acceptsAmqp()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("rabbitmq-server did not accept AMQP connections on port " + port
                        + " within " + START_TIMEOUT_MILLIS / 1000 + " s: " + startupLog());
            }
            // polling a child process that gives no other sign of readiness
            Thread.sleep(250);
        }
    }

    /** Whether a whole AMQP handshake succeeds (the port opens a little before the node is ready). */
    private boolean acceptsAmqp() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException notYet) {
            return false;
        }
        try (Connection ignored = connectionFactory().newConnection()) {
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    private ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(2_000);
        factory.setHandshakeTimeout(5_000);
        return factory;
    }

    int port() {
        return port;
    }

    /** The "version" server property of connection.start. */
    String version() throws Exception {
        try (Connection connection = connectionFactory().newConnection()) {
            return String.valueOf(connection.getServerProperties().get("version"));
        }
    }

    private String startupLog() {
        try {
            return Files.readString(dir.resolve("out.log"));
        } catch (IOException e) {
            return "(no startup log: " + e + ")";
        }
    }

    private static Path findScript() {
        String explicit = System.getProperty("depot.sidebyside.rabbitmq-server");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new IllegalStateException("-Ddepot.sidebyside.rabbitmq-server=" + explicit + " is not executable");
        }
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> dirs = ROOT
                ? Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin"))
                        .filter(d -> !d.isEmpty())
                        .toList()
                : List.of(UNWRAPPED);
        for (String d : dirs) {
            Path server = Path.of(d, "rabbitmq-server");
            if (Files.isExecutable(server) && Files.isExecutable(Path.of(d, "rabbitmqctl"))) {
                return server;
            }
        }
        throw new IllegalStateException("The AMQP side-by-side test needs a real RabbitMQ 3.10 (rabbitmq-server and "
                + "rabbitmqctl), and none was found on " + dirs + ". scripts/test installs it "
                + "(apt-get install rabbitmq-server).");
    }

    private static int freePort(int highest) {
        while (true) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                int port = s.getLocalPort();
                if (port != RESERVED_PORT && port <= highest) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static int run(List<String> command, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return -1;
        }
        return p.exitValue();
    }

    @Override
    public void close() {
        // taken first: once the script is gone its orphans are no longer its descendants
        List<ProcessHandle> tree = process.descendants().toList();
        try {
            if (process.isAlive()) {
                Path ctl = script.resolveSibling("rabbitmqctl");
                run(List.of(ctl.toString(), "stop"), nodeEnvironment(dir, nodeName), STOP_TIMEOUT_SECONDS);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // the process tree is killed below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tree.forEach(ProcessHandle::destroyForcibly);
            killProcessTree();
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            deleteRecursively(dir);
        }
    }

    /** The script, su, the shell and the Erlang VM with its helpers: whatever is still alive. */
    private void killProcessTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }
}
