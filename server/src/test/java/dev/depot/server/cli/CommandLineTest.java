package dev.depot.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.depot.config.AmqpSettings;
import dev.depot.config.ConfigKey;
import dev.depot.config.ConfigLoader;
import dev.depot.config.DepotConfig;
import dev.depot.config.MemoryWatermark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Cli#parse}: flags, precedence over the file, errors and help, without starting a server. */
class CommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void noArgumentsRunsWithTheDefaults() {
        assertEquals(DepotConfig.defaults(), start());
    }

    @Test
    void everyFlagSetsItsKey() {
        DepotConfig config = start("--bind", "0.0.0.0", "--memcached-port", "11311", "--redis-port", "6380",
                "--amqp-port", "0", "--data-dir", "/srv/depot", "--maxmemory", "2g", "--maxmemory-policy", "noeviction",
                "--max-connections", "50", "--max-item-size", "2mb", "--threads", "3", "--requirepass", "open sesame",
                "--amqp-frame-max", "64kb", "--amqp-channel-max", "10", "--amqp-heartbeat", "0",
                "--amqp-max-message-size", "1mb", "--amqp-memory-high-watermark", "0.5");
        AmqpSettings amqp = new AmqpSettings(64 << 10, 10, 0, 1 << 20, new MemoryWatermark.Fraction(0.5),
                AmqpSettings.defaults().vhosts(), AmqpSettings.defaults().users());
        assertEquals(new DepotConfig("0.0.0.0", 11311, 6380, 0, Path.of("/srv/depot"), 2L << 30,
                        dev.depot.storage.keyspace.EvictionPolicy.NOEVICTION, 50, 2 << 20, 3, "open sesame", amqp),
                config);
    }

    @Test
    void equalsSignFormWorks() {
        assertEquals(256L << 20, start("--maxmemory=256MB").maxMemory());
    }

    @Test
    void flagsOverrideTheFileOnlyWhereGiven() throws IOException {
        Path file = Files.writeString(dir.resolve("depot.yaml"), "redis-port: 6380\nmaxmemory: 128mb\nthreads: 3\n");
        DepotConfig config = start("--config", file.toString(), "--maxmemory", "1g", "--threads", "5");
        assertEquals(1L << 30, config.maxMemory(), "flag over file");
        assertEquals(5, config.threads(), "flag over file");
        assertEquals(6380, config.redisPort(), "file over default");
        assertEquals(DepotConfig.defaults().memcachedPort(), config.memcachedPort(), "default");
    }

    @Test
    void jsonConfigFileWorksToo() throws IOException {
        Path file = Files.writeString(dir.resolve("depot.json"), "{\"amqp-port\": 0, \"bind\": \"0.0.0.0\"}");
        DepotConfig config = start("--config", file.toString());
        assertEquals(0, config.amqpPort());
        assertEquals("0.0.0.0", config.bind());
    }

    @Test
    void badFlagValueIsOneLineOnStderrAndStatusTwo() {
        assertEquals(2, exit("--memcached-port", "70000"));
        assertEquals("depot: memcached-port: 70000 is not a valid port; use 1-65535, or 0 to turn the listener off\n",
                stderr());
        assertEquals("", out.toString());
    }

    @Test
    void badSizeFlag() {
        assertEquals(2, exit("--maxmemory", "lots"));
        assertEquals("depot: maxmemory: 'lots' is not a size; use a number of bytes or a size like 64mb or 2g\n",
                stderr());
    }

    @Test
    void missingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(2, exit("--config", missing.toString()));
        assertEquals("depot: config file " + missing + " does not exist\n", stderr());
    }

    @Test
    void badFileKeyIsReportedWithTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("depot.yaml"), "memcache-port: 1\n");
        assertEquals(2, exit("--config", file.toString()));
        assertTrue(stderr().startsWith("depot: unknown key 'memcache-port' in " + file
                + "; did you mean 'memcached-port'?"), stderr());
    }

    @Test
    void conflictingPortsNameBothFlags() {
        assertEquals(2, exit("--redis-port", "11211"));
        assertTrue(stderr().startsWith("depot: memcached-port and redis-port are both 11211;"), stderr());
    }

    @Test
    void unknownOptionSuggestsTheRealOne() {
        assertEquals(2, exit("--memcache-port", "1"));
        assertEquals("depot: unknown option '--memcache-port'; did you mean '--memcached-port'?\n"
                + "Try 'depot --help' for more information.\n", stderr());
    }

    @Test
    void unknownOptionInEqualsForm() {
        assertEquals(2, exit("--max-memory=2g"));
        assertEquals("depot: unknown option '--max-memory'; did you mean '--maxmemory'?\n"
                + "Try 'depot --help' for more information.\n", stderr());
    }

    @Test
    void unknownOptionWithNothingClose() {
        assertEquals(2, exit("--frobnicate"));
        assertTrue(stderr().startsWith("depot: unknown option '--frobnicate'\n"), stderr());
    }

    @Test
    void optionWithoutItsValue() {
        assertEquals(2, exit("--threads"));
        assertTrue(stderr().startsWith("depot: Missing required parameter for option '--threads'"), stderr());
    }

    @Test
    void positionalArgumentsAreRefused() {
        assertEquals(2, exit("start"));
        assertEquals("depot: unexpected argument 'start'; depot takes options, such as --memcached-port 11211, or the"
                + " command hash-password\n"
                + "Try 'depot --help' for more information.\n", stderr());
    }

    @Test
    void sameOptionTwiceIsRefused() {
        assertEquals(2, exit("--threads", "2", "--threads", "3"));
        assertTrue(stderr().contains("--threads"), stderr());
    }

    @Test
    void noStackTraceForAnyError() {
        exit("--config", dir.resolve("x.yaml").toString(), "--threads", "0");
        assertFalse(stderr().contains("\tat "), stderr());
        assertFalse(stderr().contains("Exception"), stderr());
    }

    @Test
    void helpDescribesEveryOptionWithItsDefault() {
        assertEquals(0, exit("--help"));
        String help = out.toString();
        assertEquals("", stderr());
        assertTrue(help.startsWith("Usage: depot [OPTIONS]"), help);
        assertTrue(help.contains("Depot is a cache-and-broker daemon"), help);
        assertTrue(help.contains("--config=FILE"), help);
        for (ConfigKey key : ConfigKey.values()) {
            if (key.hasFlag()) {
                assertTrue(help.contains(key.flag() + "=" + key.paramLabel()), key + " missing from:\n" + help);
            } else {
                assertFalse(help.contains(key.flag()), key + " has no flag:\n" + help);
            }
        }
        assertTrue(help.contains("Default: 11211."), help);
        assertTrue(help.contains("Default: 64mb."), help);
        assertTrue(help.contains("Default: 127.0.0.1."), help);
        assertTrue(help.contains("Default: none."), "requirepass has no password by default:\n" + help);
        assertTrue(help.contains("-h, --help"), help);
        assertTrue(help.contains("-V, --version"), help);
        assertTrue(help.contains("  memcached-port: 11211"), "config example in the footer:\n" + help);
        assertTrue(help.contains("docs/configuration.md"), help);
        assertTrue(help.lines().allMatch(line -> line.length() <= 80), "fits 80 columns:\n" + help);
    }

    @Test
    void shortHelpFlag() {
        assertEquals(0, exit("-h"));
        assertTrue(out.toString().startsWith("Usage: depot [OPTIONS]"));
    }

    @Test
    void helpWinsOverBadValues() {
        assertEquals(0, exit("--threads", "0", "--help"));
    }

    @Test
    void helpExampleIsAValidConfigFile() throws IOException {
        Path file = Files.writeString(dir.resolve("example.yaml"), DepotCommand.CONFIG_EXAMPLE);
        DepotConfig config = ConfigLoader.load(file, Map.of());
        assertEquals("0.0.0.0", config.bind());
        assertEquals(0, config.amqpPort());
        assertEquals(2L << 30, config.maxMemory());
    }

    @Test
    void versionFallsBackToDevOutsideTheJar() {
        assertEquals(0, exit("--version"));
        assertTrue(out.toString().startsWith("depot dev\nJava "), out.toString());
    }

    @Test
    void helpNamesTheFileOnlyKeysAndTheHashPasswordCommand() {
        assertEquals(0, exit("--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("only a file form: amqp-vhosts, amqp-users (AMQP vhosts and users; without users,"
                + " guest/guest may log in from this host only)."), help);
        assertTrue(help.contains("Usage: depot [OPTIONS] depot hash-password"), help);
        assertTrue(help.contains("Commands: hash-password Print the RabbitMQ-compatible hash of a password read from"
                + " stdin."), help);
    }

    @Test
    void fileOnlyKeyAsAFlagSaysWhereItBelongs() {
        assertEquals(2, exit("--amqp-users", "alice"));
        assertEquals("depot: amqp-users can only be set in a config file, as its value is a structure a flag cannot"
                + " express; see 'AMQP users, vhosts and permissions' in docs/configuration.md\n"
                + "Try 'depot --help' for more information.\n", stderr());
    }

    @Test
    void amqpUsersComeFromTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("depot.yaml"), "amqp-vhosts: [orders]\namqp-users:\n"
                + "  alice: {password: pw, permissions: {orders: {configure: '', write: '', read: '.*'}}}\n");
        DepotConfig config = start("--config", file.toString(), "--amqp-heartbeat", "5");
        assertEquals(List.of("/", "orders"), config.amqp().vhosts());
        assertEquals("alice", config.amqp().users().get(0).name());
        assertEquals(5, config.amqp().heartbeatSeconds());
    }

    @Test
    void hashPasswordIsACommand() {
        Invocation invocation = Cli.parse(new String[] {"hash-password"}, new PrintWriter(out), new PrintWriter(err));
        assertInstanceOf(Invocation.HashPassword.class, invocation);
        assertEquals("", stderr());
    }

    @Test
    void hashPasswordHelp() {
        assertEquals(0, exit("hash-password", "--help"));
        String help = out.toString();
        assertTrue(help.startsWith("Usage: depot hash-password\n"), help);
        assertTrue(help.replaceAll("\\s+", " ").contains("The password is the first line of stdin; at a terminal it is asked for without echo."), help);
        assertTrue(help.lines().allMatch(line -> line.length() <= 80), "fits 80 columns:\n" + help);
    }

    @Test
    void hashPasswordTakesNoDaemonOptions() {
        assertEquals(2, exit("--threads", "2", "hash-password"));
        assertEquals("depot: hash-password takes no other options; run it alone: depot hash-password\n", stderr());
    }

    @Test
    void hashPasswordTakesNoArguments() {
        assertEquals(2, exit("hash-password", "secret"));
        assertTrue(stderr().startsWith("depot: unexpected argument 'secret'"), stderr());
    }

    private DepotConfig start(String... args) {
        Invocation invocation = Cli.parse(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals("", stderr());
        return assertInstanceOf(Invocation.Start.class, invocation).config();
    }

    private int exit(String... args) {
        Invocation invocation = Cli.parse(args, new PrintWriter(out), new PrintWriter(err));
        return assertInstanceOf(Invocation.Exit.class, invocation).status();
    }

    private String stderr() {
        return err.toString().replace(System.lineSeparator(), "\n");
    }
}
