package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Routing by every exchange type: each message's body names it, and each queue says what it got. */
class AmqpRoutingTest extends AmqpTestBase {
    /** Every message in {@code q}, in order, taken with auto-ack. */
    private List<String> drain(String q) throws IOException {
        List<String> got = new ArrayList<>();
        String next;
        while ((next = get(channel, q)) != null) {
            got.add(next);
        }
        return got;
    }

    @Test
    void directRoutesOnTheWholeKey() throws Exception {
        String x = exchange("direct");
        channel.exchangeDeclare(x, BuiltinExchangeType.DIRECT);
        String onlyA = declareQueue("a", null);
        String aAndB = declareQueue("ab", null);
        channel.queueBind(onlyA, x, "a");
        channel.queueBind(aAndB, x, "a");
        channel.queueBind(aAndB, x, "b");
        channel.queueBind(aAndB, x, "b"); // the same binding twice is one binding
        for (String key : List.of("a", "b", "c", "a.b", "")) {
            channel.basicPublish(x, key, null, bytes(key));
        }
        assertEquals(List.of("a"), drain(onlyA));
        assertEquals(List.of("a", "b"), drain(aAndB));
    }

    @Test
    void theDefaultExchangeRoutesToTheQueueNamedByTheKey() throws Exception {
        String q = declareQueue("default", null);
        channel.basicPublish("", q, null, bytes("hello"));
        channel.basicPublish("amq.direct", q, null, bytes("not bound to amq.direct"));
        assertEquals(List.of("hello"), drain(q));
    }

    @Test
    void fanoutIgnoresTheKey() throws Exception {
        String x = exchange("fanout");
        channel.exchangeDeclare(x, BuiltinExchangeType.FANOUT);
        String q1 = declareQueue("f1", null);
        String q2 = declareQueue("f2", null);
        channel.queueBind(q1, x, "");
        channel.queueBind(q2, x, "whatever");
        channel.basicPublish(x, "k1", null, bytes("k1"));
        channel.basicPublish(x, "", null, bytes("empty"));
        assertEquals(List.of("k1", "empty"), drain(q1));
        assertEquals(List.of("k1", "empty"), drain(q2));
    }

    @Test
    void topicPatternsWithStarAndHash() throws Exception {
        String x = exchange("topic");
        channel.exchangeDeclare(x, BuiltinExchangeType.TOPIC);
        Map<String, String> queues = new HashMap<>();
        for (String pattern : List.of("*.orange.*", "*.*.rabbit", "lazy.#", "#", "a.#.b", "#.z", "*", "exact.key")) {
            String q = declareQueue("t", null);
            channel.queueBind(q, x, pattern);
            queues.put(pattern, q);
        }
        List<String> keys = List.of("quick.orange.rabbit", "lazy.orange.elephant", "quick.orange.fox",
                "lazy.brown.fox", "lazy.pink.rabbit", "quick.brown.fox", "orange", "quick.orange.male.rabbit",
                "lazy", "lazy.orange.male.rabbit", "a.b", "a.x.y.b", "a.b.c", "z", "y.z", "", "exact.key",
                "exact.key.more");
        for (String key : keys) {
            channel.basicPublish(x, key, null, bytes(key));
        }
        assertEquals(List.of("quick.orange.rabbit", "lazy.orange.elephant", "quick.orange.fox"),
                drain(queues.get("*.orange.*")));
        assertEquals(List.of("quick.orange.rabbit", "lazy.pink.rabbit"), drain(queues.get("*.*.rabbit")));
        assertEquals(List.of("lazy.orange.elephant", "lazy.brown.fox", "lazy.pink.rabbit", "lazy",
                "lazy.orange.male.rabbit"), drain(queues.get("lazy.#")));
        assertEquals(keys, drain(queues.get("#")));
        assertEquals(List.of("a.b", "a.x.y.b"), drain(queues.get("a.#.b")));
        assertEquals(List.of("z", "y.z"), drain(queues.get("#.z")));
        assertEquals(List.of("orange", "lazy", "z"), drain(queues.get("*")));
        assertEquals(List.of("exact.key"), drain(queues.get("exact.key")));
    }

    @Test
    void headersMatchAllOrAny() throws Exception {
        String x = exchange("headers");
        channel.exchangeDeclare(x, BuiltinExchangeType.HEADERS);
        String all = declareQueue("all", null);
        String any = declareQueue("any", null);
        String implicitAll = declareQueue("implicit", null);
        channel.queueBind(all, x, "", Map.of("x-match", "all", "format", "pdf", "type", "report"));
        channel.queueBind(any, x, "", Map.of("x-match", "any", "format", "pdf", "type", "log"));
        channel.queueBind(implicitAll, x, "", Map.of("format", "zip", "size", 10));
        publishWithHeaders(x, "pdf report", Map.of("format", "pdf", "type", "report"));
        publishWithHeaders(x, "pdf log", Map.of("format", "pdf", "type", "log"));
        publishWithHeaders(x, "log", Map.of("type", "log"));
        publishWithHeaders(x, "pdf report extra", Map.of("format", "pdf", "type", "report", "extra", true));
        publishWithHeaders(x, "zip 10", Map.of("format", "zip", "size", 10));
        publishWithHeaders(x, "zip 11", Map.of("format", "zip", "size", 11));
        publishWithHeaders(x, "none", null);
        channel.basicPublish(x, "", null, bytes("no properties"));
        assertEquals(List.of("pdf report", "pdf report extra"), drain(all));
        assertEquals(List.of("pdf report", "pdf log", "log", "pdf report extra"), drain(any));
        assertEquals(List.of("zip 10"), drain(implicitAll));
    }

    private void publishWithHeaders(String x, String body, Map<String, Object> headers) throws IOException {
        channel.basicPublish(x, "ignored", new AMQP.BasicProperties.Builder().headers(headers).build(), bytes(body));
    }
}
