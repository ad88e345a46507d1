package dev.depot.config.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.depot.config.access.Authentication.Refusal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logins and permission checks. The expectations were checked against RabbitMQ 3.10.8 with pika,
 * with the same users and permissions (alice: configure 'foo', write '', read '^amq\.default$'
 * on /; bob: everything on orders; guest as shipped).
 */
class AccessControlTest {

    private static final String ALICE_HASH = "GRR2QtbZ4YWLFrqgE7t8A/RZ0DYlzEGsAR3WJnlSj0h5ujm6"; // "secret"
    private static final InetAddress LOCAL = address("127.0.0.1");
    private static final InetAddress REMOTE = address("192.0.2.2");

    private final AmqpUser alice = new AmqpUser("alice", PasswordHash.parse(ALICE_HASH),
            List.of("administrator", "monitoring"), false,
            Map.of("/", new Permissions("foo", "", "^amq\\.default$")));
    private final AmqpUser bob = new AmqpUser("bob", new PlainPassword("pässwörd €"), List.of(), false,
            Map.of("orders", Permissions.ALL));
    private final AccessControl access = AccessControl.of(List.of("/", "orders"), List.of(alice, bob));

    // --- logins ---

    @Test
    void rightPasswordLogsIn() {
        AuthenticatedUser user = login(access, "alice", "secret", REMOTE);
        assertEquals("alice", user.name());
        assertEquals(List.of("administrator", "monitoring"), user.tags());
        assertEquals("bob", login(access, "bob", "pässwörd €", REMOTE).name());
    }

    @Test
    void eachUserIsOneObjectSoALoginAllocatesNone() {
        assertSame(login(access, "alice", "secret", LOCAL), login(access, "alice", "secret", REMOTE));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameRefusal() {
        Authentication.Refused wrong = refused(access, "alice", "nope", LOCAL);
        Authentication.Refused unknown = refused(access, "nobody", "x", LOCAL);
        assertEquals(Refusal.INVALID_CREDENTIALS, wrong.reason());
        assertEquals(Refusal.INVALID_CREDENTIALS, unknown.reason());
        assertEquals("user 'alice' - invalid credentials", wrong.logMessage());
        assertEquals("user 'nobody' - invalid credentials", unknown.logMessage());
    }

    @Test
    void userNamesAreCaseSensitive() {
        assertEquals(Refusal.INVALID_CREDENTIALS, refused(access, "Alice", "secret", LOCAL).reason());
    }

    @Test
    void defaultGuestLogsInFromLoopbackOnly() {
        AccessControl guestOnly = AccessControl.of(List.of("/"), List.of(AmqpUser.defaultGuest()));
        AuthenticatedUser guest = login(guestOnly, "guest", "guest", LOCAL);
        assertEquals(List.of("administrator"), guest.tags());
        assertTrue(guestOnly.canConfigure(guest, "/", "anything"));
        Authentication.Refused remote = refused(guestOnly, "guest", "guest", REMOTE);
        assertEquals(Refusal.LOOPBACK_ONLY, remote.reason());
        assertEquals("user 'guest' can only connect via localhost", remote.logMessage());
    }

    @Test
    void passwordIsCheckedBeforeTheAddressAsInRabbitMq() {
        AccessControl guestOnly = AccessControl.of(List.of("/"), List.of(AmqpUser.defaultGuest()));
        assertEquals(Refusal.INVALID_CREDENTIALS, refused(guestOnly, "guest", "wrong", REMOTE).reason());
    }

    @Test
    void aConfiguredUserCanBeLoopbackOnly() {
        AmqpUser local = new AmqpUser("ops", new PlainPassword("pw"), List.of(), true, Map.of());
        AccessControl rules = AccessControl.of(List.of(), List.of(local));
        assertEquals("ops", login(rules, "ops", "pw", address("::1")).name());
        assertEquals(Refusal.LOOPBACK_ONLY, refused(rules, "ops", "pw", address("fd00::2")).reason());
    }

    /** RabbitMQ accepted guest over 127.0.0.2 and ::1, and refused it over 192.0.2.2 and fd00::2. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"})
    void loopbackAddresses(String address) {
        assertTrue(AccessControl.isLoopback(address(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.2", "10.0.0.1", "128.0.0.1", "0.0.0.0", "::", "fd00::2", "::2", "::ffff:10.0.0.1",
            "::127.0.0.1", "fe80::1"})
    void otherAddresses(String address) {
        assertFalse(AccessControl.isLoopback(address(address)), address);
    }

    /** Java turns ::ffff:127.0.0.1 into an Inet4Address when it can, but an Inet6Address may still carry it. */
    @Test
    void ipv4MappedLoopbackHeldInAnInet6Address() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        assertInstanceOf(Inet6Address.class, address);
        assertFalse(address.isLoopbackAddress(), "the JDK's own check misses it");
        assertTrue(AccessControl.isLoopback(address));
        mapped[12] = 10;
        assertFalse(AccessControl.isLoopback(Inet6Address.getByAddress(null, mapped, -1)));
    }

    // --- vhosts ---

    @Test
    void defaultVhostAlwaysExists() {
        AccessControl none = AccessControl.of(List.of(), List.of());
        assertTrue(none.vhostExists("/"));
        assertFalse(none.vhostExists("orders"));
        assertTrue(access.vhostExists("orders"));
        assertFalse(access.vhostExists(""));
        assertFalse(access.vhostExists("Orders"));
    }

    @Test
    void vhostAccessNeedsAPermissionEntryThere() {
        AuthenticatedUser a = login(access, "alice", "secret", LOCAL);
        AuthenticatedUser b = login(access, "bob", "pässwörd €", LOCAL);
        assertTrue(access.canAccessVhost(a, "/"), "even with '' as a pattern");
        assertFalse(access.canAccessVhost(a, "orders"), "RabbitMQ: access to vhost 'orders' refused for user 'alice'");
        assertTrue(access.canAccessVhost(b, "orders"));
        assertFalse(access.canAccessVhost(b, "/"));
        assertFalse(access.canAccessVhost(b, "missing"));
    }

    // --- permissions (RabbitMQ's answers to alice in the class comment) ---

    @ParameterizedTest
    @CsvSource({
            "foo,        true",
            "xfoox,      true",   // RabbitMQ does not anchor: queue.declare 'xfoox' succeeded
            "bar,        false",  // 403 access to queue 'bar' in vhost '/' refused for user 'alice'
            "amq.gen-kl37ZtPh96sUeizpqPev2g, false",
            "FOO,        false",
    })
    void configureIsAnUnanchoredSearch(String queue, boolean allowed) {
        AuthenticatedUser a = login(access, "alice", "secret", LOCAL);
        assertEquals(allowed, access.canConfigure(a, "/", queue));
    }

    @Test
    void emptyPatternGrantsNothing() {
        AuthenticatedUser a = login(access, "alice", "secret", LOCAL);
        assertFalse(access.canWrite(a, "/", "amq.default"), "RabbitMQ refused basic.publish to the default exchange");
        assertFalse(access.canWrite(a, "/", "foo"));
        assertFalse(access.canWrite(a, "/", "x"));
    }

    @Test
    void anchoredPatternMatchesExactly() {
        AuthenticatedUser a = login(access, "alice", "secret", LOCAL);
        assertTrue(access.canRead(a, "/", "amq.default"));
        assertFalse(access.canRead(a, "/", "foo"), "RabbitMQ refused basic.get from 'foo'");
        assertFalse(access.canRead(a, "/", "amq.defaultx"));
        assertFalse(access.canRead(a, "/", "amqXdefault"), "the dot is escaped");
    }

    @Test
    void noPermissionsInAVhostMeansNothingThere() {
        AuthenticatedUser b = login(access, "bob", "pässwörd €", LOCAL);
        assertTrue(access.canConfigure(b, "orders", "anything"));
        assertTrue(access.canWrite(b, "orders", ""));
        assertFalse(access.canConfigure(b, "/", "anything"));
        assertFalse(access.canWrite(b, "/", "anything"));
        assertFalse(access.canRead(b, "/", "anything"));
        assertFalse(access.canRead(b, "missing", "anything"));
    }

    @Test
    void eachOfTheThreePatternsGovernsItsOwnCheck() {
        AmqpUser carol = new AmqpUser("carol", new PlainPassword("pw"), List.of(), false,
                Map.of("/", new Permissions("^c$", "^w$", "^r$")));
        AccessControl rules = AccessControl.of(List.of(), List.of(carol));
        AuthenticatedUser c = login(rules, "carol", "pw", LOCAL);
        assertTrue(rules.canConfigure(c, "/", "c"));
        assertFalse(rules.canConfigure(c, "/", "w"));
        assertTrue(rules.canWrite(c, "/", "w"));
        assertFalse(rules.canWrite(c, "/", "r"));
        assertTrue(rules.canRead(c, "/", "r"));
        assertFalse(rules.canRead(c, "/", "c"));
    }

    /** PCRE, which RabbitMQ uses, ends lines only at \n; so does the compiled pattern. */
    @Test
    void onlyNewlineEndsALine() {
        AmqpUser dan = new AmqpUser("dan", new PlainPassword("pw"), List.of(), false,
                Map.of("/", new Permissions("^a.b$", "^a$", "")));
        AccessControl rules = AccessControl.of(List.of(), List.of(dan));
        AuthenticatedUser d = login(rules, "dan", "pw", LOCAL);
        assertTrue(rules.canConfigure(d, "/", "a\rb"));
        assertFalse(rules.canConfigure(d, "/", "a\nb"));
        assertTrue(rules.canWrite(d, "/", "a\n"), "$ before a final newline, as in PCRE");
    }

    // --- construction ---

    @Test
    void permissionsInAMissingVhostAreRefused() {
        AmqpUser eve = new AmqpUser("eve", new PlainPassword("pw"), List.of(), false, Map.of("ordres", Permissions.ALL));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccessControl.of(List.of("orders"), List.of(eve)));
        assertEquals("user 'eve' has permissions in vhost 'ordres', which does not exist", e.getMessage());
    }

    @Test
    void twoUsersWithOneNameAreRefused() {
        AmqpUser one = new AmqpUser("eve", new PlainPassword("a"), List.of(), false, Map.of());
        AmqpUser two = new AmqpUser("eve", new PlainPassword("b"), List.of(), false, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccessControl.of(List.of(), List.of(one, two)));
        assertEquals("user 'eve' is defined twice", e.getMessage());
    }

    @Test
    void userRecordKeepsPermissionOrderAndRefusesAnEmptyName() {
        Map<String, Permissions> ordered = new LinkedHashMap<>();
        ordered.put("z", Permissions.ALL);
        ordered.put("a", Permissions.ALL);
        assertEquals(List.of("z", "a"), List.copyOf(
                new AmqpUser("u", new PlainPassword("p"), List.of(), false, ordered).permissions().keySet()));
        assertThrows(IllegalArgumentException.class,
                () -> new AmqpUser("", new PlainPassword("p"), List.of(), false, Map.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'('  | '' | '' | configure pattern '(' is not a valid regular expression (Unclosed group near index 1)",
            "''   | '[z-a]' | '' | write pattern '[z-a]' is not a valid regular expression (Illegal character range near index 3)",
            "''   | ''   | '*' | read pattern '*' is not a valid regular expression (Dangling meta character '*' near index 0)",
    })
    void patternsThatDoNotCompileAreNamed(String configure, String write, String read, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new Permissions(configure, write, read)).getMessage());
    }

    private static AuthenticatedUser login(AccessControl rules, String user, String password, InetAddress from) {
        Authentication result = rules.authenticate(user, PasswordHash.utf8(password), from);
        return assertInstanceOf(Authentication.Authenticated.class, result).user();
    }

    private static Authentication.Refused refused(AccessControl rules, String user, String password, InetAddress from) {
        return assertInstanceOf(Authentication.Refused.class, rules.authenticate(user, PasswordHash.utf8(password), from));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
