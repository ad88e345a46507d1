package dev.depot.server.amqp;

import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;

/**
 * The permission checks of one user in one vhost, refusing with RabbitMQ's 403 text:
 * "access to queue 'q' in vhost '/' refused for user 'guest'".
 */
record Permissions(AmqpAccess access, String user, String vhost) {
    void requireConfigure(ResourceKinds kind, String name) {
        if (!access.mayConfigure(user, vhost, name)) {
            throw refused(kind, name);
        }
    }

    void requireWrite(ResourceKinds kind, String name) {
        if (!access.mayWrite(user, vhost, name)) {
            throw refused(kind, name);
        }
    }

    void requireRead(ResourceKinds kind, String name) {
        if (!access.mayRead(user, vhost, name)) {
            throw refused(kind, name);
        }
    }

    private AmqpException refused(ResourceKinds kind, String name) {
        return new AmqpException(ReplyCode.ACCESS_REFUSED, "access to " + kind.label() + " '" + name
                + "' in vhost '" + vhost + "' refused for user '" + user + "'");
    }
}
