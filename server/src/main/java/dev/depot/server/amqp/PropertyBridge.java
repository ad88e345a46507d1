package dev.depot.server.amqp;

import dev.depot.protocol.amqp.content.BasicProperties;
import dev.depot.protocol.amqp.content.PropertyBytes;
import dev.depot.storage.broker.message.Expiration;
import dev.depot.storage.broker.message.MessageProperties;
import dev.depot.storage.broker.message.PropertiesRewriter;
import dev.depot.storage.broker.message.SenderSelected;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Between a content header's properties and the broker model: the few properties the broker
 * acts on, decoded once per publish, and the re-encoding of a dead-lettered message's properties
 * (new headers, no expiration).
 */
final class PropertyBridge implements PropertiesRewriter {
    /** delivery-mode 2: persistent. */
    private static final int PERSISTENT = 2;

    /** The broker's view of {@code properties}; 406 (BrokerException) for a malformed expiration. */
    static MessageProperties view(PropertyBytes properties) {
        if (properties.flags() == 0) {
            return MessageProperties.NONE;
        }
        Integer priority = properties.priority();
        String expiration = properties.expiration();
        Integer mode = properties.deliveryMode();
        return new MessageProperties(priority == null ? MessageProperties.NO_PRIORITY : priority,
                expiration == null ? null : Expiration.parse(expiration),
                FieldValueBridge.toBroker(properties.headers()),
                mode != null && mode == PERSISTENT);
    }

    /**
     * The property bytes a published message is stored with: as published, but without the BCC
     * header, which only routes (see SenderSelected); 406 when CC or BCC is not an array.
     */
    static byte[] stored(PropertyBytes properties, MessageProperties view) {
        SenderSelected.check(view.headers());
        if (!view.headers().containsKey(SenderSelected.BCC)) {
            return properties.bytes();
        }
        Map<String, Object> headers = new LinkedHashMap<>(properties.headers());
        headers.remove(SenderSelected.BCC);
        return properties.withHeaders(headers).bytes();
    }

    @Override
    public byte[] deadLettered(byte[] properties, Map<String, Object> headers) {
        PropertyBytes parsed = PropertyBytes.parse(properties);
        BasicProperties p = parsed.decode();
        Map<String, Object> codecHeaders = FieldValueBridge.toCodec(headers, p.headers());
        return new BasicProperties(p.contentType(), p.contentEncoding(), codecHeaders, p.deliveryMode(), p.priority(),
                p.correlationId(), p.replyTo(), null, p.messageId(), p.timestamp(), p.type(), p.userId(),
                p.appId(), p.clusterId()).encode().bytes();
    }
}
