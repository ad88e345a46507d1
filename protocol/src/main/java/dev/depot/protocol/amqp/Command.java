package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.method.Method;

/**
 * A method ready to act on, with its content when it carries some (basic.publish from a client).
 *
 * @param content null exactly when {@code method.hasContent()} is false
 */
public record Command(Method method, Content content) {
}
