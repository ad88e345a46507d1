package dev.depot.config.access;

import dev.depot.config.access.AuthenticatedUser.Grant;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may log in over AMQP and what they may touch, decided the way RabbitMQ's internal
 * authentication backend decides it. Immutable and built once from the configuration, with every
 * pattern compiled up front, so the checks are plain reads that any thread (an event loop
 * included) may call: no locks, no I/O, no allocation beyond a regex matcher.
 *
 * <p>The server passes resource names as RabbitMQ names them for permission checks; in
 * particular the default exchange is {@code amq.default}, not the empty string.
 */
public final class AccessControl {

    /** The default virtual host: it always exists, configured or not, as in RabbitMQ. */
    public static final String DEFAULT_VHOST = "/";

    /**
     * Checked against the password when the user name is unknown, so that a login for a missing
     * user costs the same hashing as one for a real user and timing does not tell them apart.
     */
    private static final PasswordHash DECOY = PasswordHash.create(PasswordHash.utf8("decoy"));

    private final Set<String> vhosts;
    private final Map<String, Account> accounts;

    private AccessControl(Set<String> vhosts, Map<String, Account> accounts) {
        this.vhosts = vhosts;
        this.accounts = accounts;
    }

    /**
     * @param vhosts the virtual hosts, {@link #DEFAULT_VHOST} among them or not (it exists anyway)
     * @param users  the users; permissions may name only vhosts in {@code vhosts} or the default one
     * @throws IllegalArgumentException if a user has permissions in a vhost that does not exist,
     *                                  or two users share a name
     */
    public static AccessControl of(List<String> vhosts, List<AmqpUser> users) {
        Set<String> known = new LinkedHashSet<>();
        known.add(DEFAULT_VHOST);
        known.addAll(vhosts);
        Map<String, Account> accounts = new HashMap<>();
        for (AmqpUser user : users) {
            Map<String, Grant> grants = new LinkedHashMap<>();
            user.permissions().forEach((vhost, permissions) -> {
                if (!known.contains(vhost)) {
                    throw new IllegalArgumentException("user '" + user.name() + "' has permissions in vhost '" + vhost
                            + "', which does not exist");
                }
                grants.put(vhost, Grant.of(permissions));
            });
            Account account = new Account(user.credential(), user.loopbackOnly(),
                    new AuthenticatedUser(user.name(), user.tags(), Map.copyOf(grants)));
            if (accounts.putIfAbsent(user.name(), account) != null) {
                throw new IllegalArgumentException("user '" + user.name() + "' is defined twice");
            }
        }
        return new AccessControl(Set.copyOf(known), Map.copyOf(accounts));
    }

    /**
     * Checks a login: the password first, then (only for the right password, as RabbitMQ does)
     * whether a loopback-only user is connecting from a loopback address.
     *
     * @param password the password bytes as the client sent them (UTF-8 for text passwords)
     * @param client   the address the connection comes from
     */
    public Authentication authenticate(String username, byte[] password, InetAddress client) {
        Account account = accounts.get(username);
        if (account == null) {
            DECOY.matches(password);
            return new Authentication.Refused(username, Authentication.Refusal.INVALID_CREDENTIALS);
        }
        if (!account.credential().matches(password)) {
            return new Authentication.Refused(username, Authentication.Refusal.INVALID_CREDENTIALS);
        }
        if (account.loopbackOnly() && !isLoopback(client)) {
            return new Authentication.Refused(username, Authentication.Refusal.LOOPBACK_ONLY);
        }
        return new Authentication.Authenticated(account.user());
    }

    public boolean vhostExists(String vhost) {
        return vhosts.contains(vhost);
    }

    /**
     * Whether {@code user} may open a connection to {@code vhost}: as in RabbitMQ, any permission
     * entry there allows it, even one whose three patterns are all empty. False for a vhost that
     * does not exist; check {@link #vhostExists} first to tell the two refusals apart.
     */
    public boolean canAccessVhost(AuthenticatedUser user, String vhost) {
        return user.grant(vhost) != null;
    }

    /** Whether {@code user} may declare or delete the queue or exchange {@code resource} in {@code vhost}. */
    public boolean canConfigure(AuthenticatedUser user, String vhost, String resource) {
        return check(user, vhost, resource, Grant::configure);
    }

    /** Whether {@code user} may publish to the exchange (or bind to the queue) {@code resource}. */
    public boolean canWrite(AuthenticatedUser user, String vhost, String resource) {
        return check(user, vhost, resource, Grant::write);
    }

    /** Whether {@code user} may consume from the queue (or bind from the exchange) {@code resource}. */
    public boolean canRead(AuthenticatedUser user, String vhost, String resource) {
        return check(user, vhost, resource, Grant::read);
    }

    private static boolean check(AuthenticatedUser user, String vhost, String resource,
                                 Function<Grant, NamePattern> which) {
        Grant grant = user.grant(vhost);
        return grant != null && which.apply(grant).matches(resource);
    }

    /**
     * RabbitMQ's notion of loopback: 127.0.0.0/8, ::1, and IPv4-mapped 127.x addresses. Java
     * usually turns a mapped address into an IPv4 one, but an {@link Inet6Address} can still
     * carry one, and its {@link InetAddress#isLoopbackAddress} says no.
     */
    static boolean isLoopback(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return true;
        }
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return b[10] == (byte) 0xff && b[11] == (byte) 0xff && b[12] == 127;
        }
        return false;
    }

    /** What a login is checked against, and the user it yields. */
    private record Account(Credential credential, boolean loopbackOnly, AuthenticatedUser user) {
    }
}
