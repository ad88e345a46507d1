package dev.depot.config.access;

import java.util.List;
import java.util.Map;

/**
 * A user who has logged in: what the server keeps per connection and hands back to
 * {@link AccessControl}'s permission checks. One instance per configured user, built once, so a
 * login allocates nothing.
 */
public final class AuthenticatedUser {

    private final String name;
    private final List<String> tags;
    private final Map<String, Grant> grants;

    AuthenticatedUser(String name, List<String> tags, Map<String, Grant> grants) {
        this.name = name;
        this.tags = tags;
        this.grants = grants;
    }

    public String name() {
        return name;
    }

    /** RabbitMQ user tags, e.g. administrator; informational on AMQP connections. */
    public List<String> tags() {
        return tags;
    }

    /** The compiled permissions in {@code vhost}, or {@code null} when the user has none there. */
    Grant grant(String vhost) {
        return grants.get(vhost);
    }

    @Override
    public String toString() {
        return name;
    }

    /** A user's {@link Permissions} in one vhost, compiled. */
    record Grant(NamePattern configure, NamePattern write, NamePattern read) {

        static Grant of(Permissions permissions) {
            return new Grant(NamePattern.compile(permissions.configure()), NamePattern.compile(permissions.write()),
                    NamePattern.compile(permissions.read()));
        }
    }
}
