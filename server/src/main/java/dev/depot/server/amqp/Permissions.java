package dev.depot.server.amqp;

import dev.depot.config.access.AccessControl;
import dev.depot.config.access.AuthenticatedUser;
import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;

/**
 * The permission checks of one user in one vhost, refusing with RabbitMQ's 403 text:
 * "access to queue 'q' in vhost '/' refused for user 'guest'".
 */
record Permissions(AccessControl access, AuthenticatedUser user, String vhost) {
    /** RabbitMQ checks permissions on the default exchange under this name. */
    private static final String DEFAULT_EXCHANGE = "amq.default";

    void requireConfigure(ResourceKinds kind, String name) {
        String resource = resource(kind, name);
        if (!access.canConfigure(user, vhost, resource)) {
            throw refused(kind, resource);
        }
    }

    void requireWrite(ResourceKinds kind, String name) {
        String resource = resource(kind, name);
        if (!access.canWrite(user, vhost, resource)) {
            throw refused(kind, resource);
        }
    }

    void requireRead(ResourceKinds kind, String name) {
        String resource = resource(kind, name);
        if (!access.canRead(user, vhost, resource)) {
            throw refused(kind, resource);
        }
    }

    private static String resource(ResourceKinds kind, String name) {
        return kind == ResourceKinds.EXCHANGE && name.isEmpty() ? DEFAULT_EXCHANGE : name;
    }

    private AmqpException refused(ResourceKinds kind, String name) {
        return new AmqpException(ReplyCode.ACCESS_REFUSED, "access to " + kind.label() + " '" + name
                + "' in vhost '" + vhost + "' refused for user '" + user.name() + "'");
    }
}
