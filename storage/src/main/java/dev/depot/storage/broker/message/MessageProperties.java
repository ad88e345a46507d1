package dev.depot.storage.broker.message;

import java.util.Map;

/**
 * The part of a message's content-header properties the broker acts on, decoded by the server
 * (the raw property bytes travel untouched next to it).
 *
 * @param priority   0-255, or {@link #NO_PRIORITY} when the property is absent
 * @param expiration the per-message TTL, or null when absent
 * @param headers    the headers table (types as in {@link dev.depot.storage.broker.FieldValues}); empty when absent
 * @param persistent delivery-mode 2
 */
public record MessageProperties(int priority, Expiration expiration, Map<String, Object> headers, boolean persistent) {
    public static final int NO_PRIORITY = -1;

    /** A message with none of these properties. */
    public static final MessageProperties NONE = new MessageProperties(NO_PRIORITY, null, Map.of(), false);

    public MessageProperties {
        if (priority < NO_PRIORITY || priority > 255) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
        headers = headers == null ? Map.of() : headers;
    }

    public MessageProperties withHeaders(Map<String, Object> newHeaders, Expiration newExpiration) {
        return new MessageProperties(priority, newExpiration, newHeaders, persistent);
    }
}
