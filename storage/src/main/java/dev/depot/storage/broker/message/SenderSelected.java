package dev.depot.storage.broker.message;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.FieldValues;
import dev.depot.storage.broker.ReplyCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sender-selected distribution, as RabbitMQ does it: a message is routed with its routing key
 * and with every text key of its CC and BCC headers (arrays; other elements are ignored). Only
 * the publisher sees BCC: it is taken out of the message before it is stored, delivered or
 * dead-lettered. CC stays, and a dead-lettered message is routed with its CC keys too unless
 * its queue sets x-dead-letter-routing-key, which also drops CC.
 */
public final class SenderSelected {
    public static final String CC = "CC";
    public static final String BCC = "BCC";

    private SenderSelected() {
    }

    /**
     * The keys to route with: {@code routingKey}, then CC's keys, then BCC's. 406 when CC or BCC
     * is there but not an array.
     */
    public static List<String> routingKeys(String routingKey, Map<String, Object> headers) {
        if (!headers.containsKey(CC) && !headers.containsKey(BCC)) {
            return List.of(routingKey);
        }
        check(headers);
        List<String> keys = new ArrayList<>();
        keys.add(routingKey);
        addKeys(keys, headers.get(CC));
        addKeys(keys, headers.get(BCC));
        return keys;
    }

    /** 406 when CC or BCC is there but not an array: RabbitMQ refuses such a message. */
    public static void check(Map<String, Object> headers) {
        for (String header : new String[] {CC, BCC}) {
            if (headers.containsKey(header) && !(headers.get(header) instanceof List<?>)) {
                throw new BrokerException(ReplyCode.PRECONDITION_FAILED, "invalid message: {unacceptable_type_in_header,\""
                        + header + "\"," + FieldValues.typeName(headers.get(header)) + "}");
            }
        }
    }

    private static void addKeys(List<String> keys, Object header) {
        if (header instanceof List<?> list) {
            for (Object key : list) {
                if (key instanceof String text) {
                    keys.add(text);
                }
            }
        }
    }

    /** {@code headers} without {@code names}; the same map when it has none of them. */
    public static Map<String, Object> without(Map<String, Object> headers, String... names) {
        Map<String, Object> out = null;
        for (String name : names) {
            if (headers.containsKey(name)) {
                if (out == null) {
                    out = new LinkedHashMap<>(headers);
                }
                out.remove(name);
            }
        }
        return out == null ? headers : out;
    }
}
