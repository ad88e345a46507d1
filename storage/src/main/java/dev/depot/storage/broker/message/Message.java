package dev.depot.storage.broker.message;

import java.util.List;

/**
 * A published message, immutable and shared: routed to several queues it is stored once and
 * each queue holds a reference. The property bytes are the content header's property flags and
 * list exactly as published; the server relays them byte for byte. The body is kept as the
 * chunks it arrived in (body frames), never copied into one array.
 */
public final class Message {
    private final long id;
    private final String exchange;
    private final String routingKey;
    private final byte[] properties;
    private final MessageProperties view;
    private final List<byte[]> body;
    private final long bodySize;

    /**
     * @param id         unique within the broker (from {@code Broker.nextMessageId()}); the log
     *                   refers to messages by it
     * @param properties the encoded properties (not copied: the caller hands them over)
     * @param body       the body chunks (not copied)
     */
    public Message(long id, String exchange, String routingKey, byte[] properties, MessageProperties view,
                   List<byte[]> body) {
        this.id = id;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.properties = properties;
        this.view = view;
        this.body = List.copyOf(body);
        long size = 0;
        for (byte[] chunk : this.body) {
            size += chunk.length;
        }
        this.bodySize = size;
    }

    public Message(long id, String exchange, String routingKey, byte[] properties, MessageProperties view,
                   byte[] body) {
        this(id, exchange, routingKey, properties, view, List.of(body));
    }

    public long id() {
        return id;
    }

    public String exchange() {
        return exchange;
    }

    public String routingKey() {
        return routingKey;
    }

    /** The encoded properties; shared, never to be modified. */
    public byte[] properties() {
        return properties;
    }

    public MessageProperties view() {
        return view;
    }

    /** The body chunks in order; shared, never to be modified. */
    public List<byte[]> body() {
        return body;
    }

    /** Body bytes: what x-max-length-bytes counts. */
    public long bodySize() {
        return bodySize;
    }

    public boolean persistent() {
        return view.persistent();
    }

    /** The copy a dead-lettering queue republishes: new id, exchange, key and properties, same body. */
    public Message republished(long newId, String newExchange, String newRoutingKey, byte[] newProperties,
                               MessageProperties newView) {
        return new Message(newId, newExchange, newRoutingKey, newProperties, newView, body);
    }
}
