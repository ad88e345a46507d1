package dev.depot.storage.broker.deadletter;

import dev.depot.storage.broker.queue.DeathReason;

import java.time.Instant;
import java.util.List;

/**
 * One dead-lettering, as x-death records it.
 *
 * @param queue              the queue the message died in
 * @param exchange           the exchange it had been published to
 * @param routingKeys        the keys it had been published with
 * @param time               when (whole seconds, an AMQP timestamp)
 * @param originalExpiration its expiration property, removed from the copy; null when it had none
 */
public record Death(String queue, DeathReason reason, String exchange, List<String> routingKeys, Instant time,
                    String originalExpiration) {
}
