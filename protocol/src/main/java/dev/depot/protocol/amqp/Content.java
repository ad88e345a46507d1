package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.content.PropertyBytes;

/**
 * A message's content, assembled from its header and body frames.
 *
 * @param body the whole body, in an array of its exact size (not copied; do not change it)
 */
public record Content(PropertyBytes properties, byte[] body) {
}
