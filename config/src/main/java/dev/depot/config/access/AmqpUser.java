package dev.depot.config.access;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user AMQP clients may log in as, as configured.
 *
 * @param name         the login name; never empty
 * @param credential   how the password is checked
 * @param tags         RabbitMQ user tags (administrator, monitoring, ...), kept for the management
 *                     side; they grant nothing on AMQP connections, as in RabbitMQ
 * @param loopbackOnly whether the user may log in only over a loopback address (RabbitMQ's
 *                     {@code loopback_users}), so a well-known password is no use from elsewhere
 * @param permissions  per virtual host, in file order; a vhost missing here is refused to the user
 */
public record AmqpUser(String name, Credential credential, List<String> tags, boolean loopbackOnly,
                       Map<String, Permissions> permissions) {

    /** The user RabbitMQ creates on a fresh node, and Depot has when none is configured. */
    public static final String GUEST = "guest";

    public AmqpUser {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a user name is empty");
        }
        tags = List.copyOf(tags);
        permissions = Collections.unmodifiableMap(new LinkedHashMap<>(permissions));
    }

    /**
     * RabbitMQ's default user: guest/guest, tagged administrator, all permissions on the default
     * vhost, and (RabbitMQ's {@code loopback_users} default) only from this host, because its
     * password is public knowledge.
     */
    public static AmqpUser defaultGuest() {
        return new AmqpUser(GUEST, new PlainPassword(GUEST), List.of("administrator"), true,
                Map.of(AccessControl.DEFAULT_VHOST, Permissions.ALL));
    }
}
