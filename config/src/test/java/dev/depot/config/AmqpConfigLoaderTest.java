package dev.depot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.depot.config.access.AccessControl;
import dev.depot.config.access.AmqpUser;
import dev.depot.config.access.Authentication;
import dev.depot.config.access.AuthenticatedUser;
import dev.depot.config.access.PasswordHash;
import dev.depot.config.access.Permissions;
import dev.depot.config.access.PlainPassword;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The AMQP keys: defaults, both file formats, flags, and the users section as the docs show it. */
class AmqpConfigLoaderTest {

    /** "secret", hashed by RabbitMQ 3.10.8. */
    private static final String SECRET_HASH = "GRR2QtbZ4YWLFrqgE7t8A/RZ0DYlzEGsAR3WJnlSj0h5ujm6";

    @TempDir
    Path dir;

    @Test
    void defaultsAreRabbitMq310s() {
        AmqpSettings amqp = ConfigLoader.load(Map.of()).amqp();
        assertEquals(131072, amqp.frameMax());
        assertEquals(2047, amqp.channelMax());
        assertEquals(60, amqp.heartbeatSeconds());
        assertEquals(128 << 20, amqp.maxMessageSize());
        assertEquals(new MemoryWatermark.Fraction(0.4), amqp.memoryHighWatermark());
        assertEquals(List.of("/"), amqp.vhosts());
        assertEquals(List.of(AmqpUser.defaultGuest()), amqp.users());
    }

    @Test
    void defaultWatermarkIsFourTenthsOfMaxmemory() {
        DepotConfig config = ConfigLoader.load(Map.of("maxmemory", "100mb"));
        assertEquals(40L << 20, config.amqp().memoryHighWatermark().bytes(config.maxMemory()));
    }

    @Test
    void readsEveryAmqpKeyFromYaml() throws IOException {
        Path file = write("depot.yaml", """
                amqp-frame-max: 64kb
                amqp-channel-max: 100
                amqp-heartbeat: 0
                amqp-max-message-size: 16mb
                amqp-memory-high-watermark: 0.5
                amqp-vhosts: [orders, billing]
                amqp-users:
                  alice:
                    password-hash: %s
                    tags: [administrator, monitoring]
                    permissions:
                      /: {configure: '.*', write: '.*', read: '.*'}
                      orders: {configure: '^$', write: '^orders\\.', read: ''}
                  reporter:
                    password: s3cret
                    loopback-only: true
                    permissions:
                      billing:
                        configure: ''
                        write: ''
                        read: '^billing\\.'
                """.formatted(SECRET_HASH));
        AmqpSettings expected = new AmqpSettings(64 << 10, 100, 0, 16 << 20, new MemoryWatermark.Fraction(0.5),
                List.of("/", "orders", "billing"), List.of(
                        new AmqpUser("alice", PasswordHash.parse(SECRET_HASH), List.of("administrator", "monitoring"),
                                false, Map.of("/", Permissions.ALL, "orders", new Permissions("^$", "^orders\\.", ""))),
                        new AmqpUser("reporter", new PlainPassword("s3cret"), List.of(), true,
                                Map.of("billing", new Permissions("", "", "^billing\\.")))));
        assertEquals(expected, ConfigLoader.load(file, Map.of()).amqp());
    }

    /** The shape of RabbitMQ's exported definitions is different, but the values carry over as they are. */
    @Test
    void readsEveryAmqpKeyFromJson() throws IOException {
        Path file = write("depot.json", """
                {"amqp-frame-max": 8192, "amqp-channel-max": "0", "amqp-heartbeat": 30,
                 "amqp-max-message-size": "512mb", "amqp-memory-high-watermark": "256mb",
                 "maxmemory": "1g",
                 "amqp-vhosts": ["/", "orders"],
                 "amqp-users": {
                   "alice": {"password-hash": "%s", "tags": "administrator,management",
                             "loopback-only": false,
                             "permissions": {"orders": {"configure": "", "write": "x", "read": "y"}}}
                 }}
                """.formatted(SECRET_HASH));
        AmqpSettings amqp = ConfigLoader.load(file, Map.of()).amqp();
        assertEquals(new AmqpSettings(8192, 0, 30, 512 << 20, new MemoryWatermark.Size(256L << 20),
                List.of("/", "orders"), List.of(new AmqpUser("alice", PasswordHash.parse(SECRET_HASH),
                        List.of("administrator", "management"), false, Map.of("orders", new Permissions("", "x", "y"))))),
                amqp);
    }

    @Test
    void scalarKeysHaveFlagsThatBeatTheFile() throws IOException {
        Path file = write("depot.yaml", "amqp-heartbeat: 30\namqp-channel-max: 10\n");
        AmqpSettings amqp = ConfigLoader.load(file, Map.of("amqp-heartbeat", "15", "amqp-frame-max", "1mb",
                "amqp-max-message-size", "1048576", "amqp-memory-high-watermark", "0.25")).amqp();
        assertEquals(15, amqp.heartbeatSeconds(), "flag over file");
        assertEquals(10, amqp.channelMax(), "file over default");
        assertEquals(1 << 20, amqp.frameMax());
        assertEquals(1 << 20, amqp.maxMessageSize());
        assertEquals(new MemoryWatermark.Fraction(0.25), amqp.memoryHighWatermark());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.4      | 0.4",
            "'0.4'    | 0.4",
            "1.0      | 1.0",
            ".25      | 0.25",
            "'.25'    | 0.25",
            "0.05     | 0.05",
    })
    void watermarkWithADecimalPointIsAFraction(String yaml, double fraction) throws IOException {
        assertEquals(new MemoryWatermark.Fraction(fraction), watermark(yaml));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "32mb     | 33554432",
            "1048576  | 1048576",
            "'64m'    | 67108864",
            "1M       | 1048576",
    })
    void watermarkWithoutADecimalPointIsASize(String yaml, long bytes) throws IOException {
        assertEquals(new MemoryWatermark.Size(bytes), watermark(yaml));
    }

    @Test
    void watermarkEqualToMaxmemoryIsAllowed() {
        DepotConfig config = ConfigLoader.load(Map.of("maxmemory", "64mb", "amqp-memory-high-watermark", "64mb"));
        assertEquals(64L << 20, config.amqp().memoryHighWatermark().bytes(config.maxMemory()));
    }

    @Test
    void listingTheDefaultVhostIsAllowedAndKeepsItsPlace() throws IOException {
        assertEquals(List.of("orders", "/"), load("amqp-vhosts: [orders, /]\n").vhosts());
        assertEquals(List.of("/"), load("amqp-vhosts: []\n").vhosts());
    }

    @Test
    void noUsersMeansTheGuestUser() throws IOException {
        assertEquals(List.of(AmqpUser.defaultGuest()), load("amqp-users: {}\n").users());
        assertEquals(List.of(AmqpUser.defaultGuest()), load("amqp-vhosts: [orders]\n").users());
    }

    @Test
    void configuredUsersReplaceGuest() throws IOException {
        AccessControl access = load("amqp-users:\n  alice: {password: pw}\n").accessControl();
        assertInstanceOf(Authentication.Refused.class, access.authenticate("guest", bytes("guest"), local()));
        assertInstanceOf(Authentication.Authenticated.class, access.authenticate("alice", bytes("pw"), local()));
    }

    /** RabbitMQ's loopback_users names guest: a guest the operator configures stays local unless told otherwise. */
    @Test
    void configuredGuestIsLoopbackOnlyUnlessSaidOtherwise() throws IOException {
        assertTrue(load("amqp-users:\n  guest: {password: guest}\n").users().get(0).loopbackOnly());
        assertFalse(load("amqp-users:\n  guest: {password: guest, loopback-only: false}\n").users().get(0).loopbackOnly());
        assertFalse(load("amqp-users:\n  alice: {password: pw}\n").users().get(0).loopbackOnly());
    }

    @Test
    void aUserWithoutPermissionsMayLogInButOpenNoVhost() throws IOException {
        AccessControl access = load("amqp-users:\n  alice: {password-hash: " + SECRET_HASH + "}\n").accessControl();
        AuthenticatedUser alice = assertInstanceOf(Authentication.Authenticated.class,
                access.authenticate("alice", bytes("secret"), local())).user();
        assertFalse(access.canAccessVhost(alice, "/"));
    }

    @Test
    void tagsMayBeOneCommaSeparatedTextAsInOlderRabbitMqDefinitions() throws IOException {
        assertEquals(List.of("administrator", "monitoring"),
                load("amqp-users:\n  a: {password: p, tags: 'administrator, monitoring,'}\n").users().get(0).tags());
        assertEquals(List.of(), load("amqp-users:\n  a: {password: p, tags: ''}\n").users().get(0).tags());
    }

    @Test
    void theDocsExampleLoadsAndBehavesAsDescribed() throws IOException {
        Path file = write("depot.yaml", docsExample());
        AccessControl access = ConfigLoader.load(file, Map.of()).amqp().accessControl();
        AuthenticatedUser app = assertInstanceOf(Authentication.Authenticated.class,
                access.authenticate("orders-app", bytes("secret"), InetAddress.getByName("10.1.2.3"))).user();
        assertTrue(access.canConfigure(app, "orders", "orders.created"));
        assertTrue(access.canWrite(app, "orders", "amq.default"));
        assertTrue(access.canRead(app, "orders", "orders.created"));
        assertFalse(access.canConfigure(app, "orders", "billing.invoices"));
        assertFalse(access.canAccessVhost(app, "/"));
        AuthenticatedUser reports = assertInstanceOf(Authentication.Authenticated.class,
                access.authenticate("reports", bytes("change me"), local())).user();
        assertTrue(access.canRead(reports, "orders", "orders.created"));
        assertFalse(access.canWrite(reports, "orders", "amq.default"));
        assertFalse(access.canConfigure(reports, "orders", "orders.created"));
        assertInstanceOf(Authentication.Refused.class,
                access.authenticate("reports", bytes("change me"), InetAddress.getByName("10.1.2.3")));
        AuthenticatedUser admin = assertInstanceOf(Authentication.Authenticated.class,
                access.authenticate("admin", bytes("secret"), local())).user();
        assertEquals(List.of("administrator"), admin.tags());
        assertTrue(access.canConfigure(admin, "/", "anything"));
        assertTrue(access.canConfigure(admin, "billing", "anything"));
        assertTrue(access.vhostExists("billing"));
    }

    /** The "AMQP users, vhosts and permissions" example in docs/configuration.md, kept in step by this test. */
    private static String docsExample() throws IOException {
        Path docs = Path.of("..", "docs", "configuration.md");
        String text = Files.readString(docs);
        String start = "```yaml\n# AMQP users example\n";
        int from = text.indexOf(start);
        assertTrue(from >= 0, "example not found in " + docs);
        return text.substring(from + "```yaml\n".length(), text.indexOf("```", from + start.length()));
    }

    private MemoryWatermark watermark(String yaml) throws IOException {
        return load("maxmemory: 1g\namqp-memory-high-watermark: " + yaml + "\n").memoryHighWatermark();
    }

    private AmqpSettings load(String yaml) throws IOException {
        return ConfigLoader.load(write("depot.yaml", yaml), Map.of()).amqp();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static byte[] bytes(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    private static InetAddress local() {
        return InetAddress.getLoopbackAddress();
    }
}
