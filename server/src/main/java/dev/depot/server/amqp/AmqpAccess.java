package dev.depot.server.amqp;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may log in and what they may touch. Until users come from the config file this is
 * RabbitMQ's out-of-the-box state: guest/guest, from loopback addresses only, with every
 * permission on "/".
 */
final class AmqpAccess {
    private static final String GUEST = "guest";
    private static final byte[] GUEST_PASSWORD = "guest".getBytes(StandardCharsets.UTF_8);

    /** The user name when {@code credentials} may log in from {@code remote}, else null. */
    String authenticate(Credentials credentials, InetAddress remote) {
        boolean ok = GUEST.equals(credentials.user())
                && MessageDigest.isEqual(GUEST_PASSWORD, credentials.password())
                && remote != null && remote.isLoopbackAddress();
        return ok ? credentials.user() : null;
    }

    boolean mayOpen(String user, String vhost) {
        return "/".equals(vhost);
    }

    boolean mayConfigure(String user, String vhost, String resource) {
        return true;
    }

    boolean mayWrite(String user, String vhost, String resource) {
        return true;
    }

    boolean mayRead(String user, String vhost, String resource) {
        return true;
    }
}
