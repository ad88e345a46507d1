package dev.depot.server.it.amqp;

import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** x-message-ttl, expiration, x-expires, length limits, dead-lettering, priorities, single active consumer. */
class AmqpQueueArgumentsTest extends AmqpTestBase {
    /** A queue dead-lettering into a fresh queue through the default exchange; returns {queue, dead letters}. */
    private String[] withDeadLetters(String base, Map<String, Object> arguments) throws Exception {
        String dlq = declareQueue(base + "-dlq", null);
        Map<String, Object> args = new java.util.HashMap<>(arguments);
        args.put("x-dead-letter-exchange", "");
        args.put("x-dead-letter-routing-key", dlq);
        return new String[] {declareQueue(base, args), dlq};
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyDeath(Inbox.Received r) {
        List<Object> deaths = assertInstanceOf(List.class, r.properties().getHeaders().get("x-death"));
        assertEquals(1, deaths.size(), deaths.toString());
        return (Map<String, Object>) deaths.get(0);
    }

    private static void assertDeath(Map<String, Object> death, String reason, String queue) {
        assertEquals(1L, death.get("count"));
        assertEquals(reason, String.valueOf(death.get("reason")));
        assertEquals(queue, String.valueOf(death.get("queue")));
        assertEquals("", String.valueOf(death.get("exchange")));
        assertEquals(List.of(queue), ((List<?>) death.get("routing-keys")).stream().map(String::valueOf).toList());
        assertInstanceOf(Date.class, death.get("time"));
    }

    private static void assertFirstDeath(Inbox.Received r, String reason, String queue) {
        Map<String, Object> headers = r.properties().getHeaders();
        assertEquals(reason, String.valueOf(headers.get("x-first-death-reason")));
        assertEquals(queue, String.valueOf(headers.get("x-first-death-queue")));
        assertEquals("", String.valueOf(headers.get("x-first-death-exchange")));
    }

    private Inbox consume(String q) throws Exception {
        Inbox inbox = new Inbox(channel);
        channel.basicConsume(q, true, inbox);
        return inbox;
    }

    @Test
    void queueTtlDeadLettersExpiredMessagesWithXDeath() throws Exception {
        String[] qs = withDeadLetters("ttl", Map.of("x-message-ttl", 50));
        channel.basicPublish("", qs[0], new AMQP.BasicProperties.Builder().headers(Map.of("mine", "kept")).build(),
                bytes("expires"));
        Inbox dead = consume(qs[1]);
        Inbox.Received r = dead.next();
        assertEquals("expires", r.text());
        assertEquals("kept", String.valueOf(r.properties().getHeaders().get("mine")));
        assertEquals("", r.envelope().getExchange());
        assertEquals(qs[1], r.envelope().getRoutingKey());
        assertDeath(onlyDeath(r), "expired", qs[0]);
        assertFirstDeath(r, "expired", qs[0]);
        assertEquals(0, ready(channel, qs[0]));
    }

    @Test
    void queueTtlWithoutDeadLetteringDropsTheMessage() throws Exception {
        String q = declareQueue("ttl-drop", Map.of("x-message-ttl", 30));
        channel.confirmSelect();
        publish(channel, q, "gone soon");
        channel.waitForConfirmsOrDie(WAIT_MILLIS); // in the queue
        pollUntil(Duration.ofSeconds(5), "the message expired", () -> {
            try {
                return ready(channel, q) == 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertNull(get(channel, q));
    }

    @Test
    void perMessageExpirationDeadLettersWithItsOriginalExpiration() throws Exception {
        String[] qs = withDeadLetters("expiration", Map.of());
        channel.basicPublish("", qs[0], new AMQP.BasicProperties.Builder().expiration("40").build(), bytes("short"));
        channel.basicPublish("", qs[0], new AMQP.BasicProperties.Builder().expiration("600000").build(),
                bytes("long"));
        Inbox.Received r = consume(qs[1]).next();
        assertEquals("short", r.text());
        assertNull(r.properties().getExpiration());
        Map<String, Object> death = onlyDeath(r);
        assertDeath(death, "expired", qs[0]);
        assertEquals("40", String.valueOf(death.get("original-expiration")));
        assertEquals(1, ready(channel, qs[0])); // the long-lived one stays
    }

    @Test
    void anUnusedQueueExpires() throws Exception {
        String q = declareQueue("x-expires", Map.of("x-expires", 200));
        // a declaration (even passive) counts as a use, a publish does not: mandatory publishes come
        // back once the queue is gone
        java.util.concurrent.CompletableFuture<String> returned = new java.util.concurrent.CompletableFuture<>();
        channel.addReturnListener(r -> returned.complete(r.getRoutingKey()));
        pollUntil(Duration.ofSeconds(5), "queue " + q + " deleted", () -> {
            try {
                channel.basicPublish("", q, true, null, bytes("probe"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return returned.isDone();
        });
        assertEquals(q, returned.join());
    }

    @Test
    void maxLengthDropsOrDeadLettersTheHead() throws Exception {
        String[] qs = withDeadLetters("max-length", Map.of("x-max-length", 2));
        publish(channel, qs[0], "m0", "m1", "m2");
        Inbox.Received r = consume(qs[1]).next();
        assertEquals("m0", r.text());
        assertDeath(onlyDeath(r), "maxlen", qs[0]);
        assertEquals("m1", get(channel, qs[0]));
        assertEquals("m2", get(channel, qs[0]));
    }

    @Test
    void maxLengthRejectPublishKeepsTheOldest() throws Exception {
        String q = declareQueue("reject-publish", Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
        publish(channel, q, "m0", "m1", "m2");
        assertEquals("m0", get(channel, q));
        assertEquals("m1", get(channel, q));
        assertNull(get(channel, q));
    }

    @Test
    void maxLengthBytesCountsBodies() throws Exception {
        String q = declareQueue("max-bytes", Map.of("x-max-length-bytes", 10));
        publish(channel, q, "12345", "67890", "abc");
        assertEquals("67890", get(channel, q));
        assertEquals("abc", get(channel, q));
        assertNull(get(channel, q));
    }

    @Test
    void rejectedMessagesAreDeadLettered() throws Exception {
        String[] qs = withDeadLetters("rejected", Map.of());
        publish(channel, qs[0], "no thanks");
        var got = channel.basicGet(qs[0], false);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);
        Inbox.Received r = consume(qs[1]).next();
        assertEquals("no thanks", r.text());
        assertDeath(onlyDeath(r), "rejected", qs[0]);
        assertFirstDeath(r, "rejected", qs[0]);
        assertFalse(r.redelivered());
    }

    @Test
    void aDeadLetterDyingAgainCountsInXDeath() throws Exception {
        // a -> (reject) -> b -> (reject) -> a: the second death in a increments its count
        String a = queue("cycle-a");
        String b = queue("cycle-b");
        channel.queueDeclare(a, false, false, false, Map.of("x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", b));
        channel.queueDeclare(b, false, false, false, Map.of("x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", a));
        publish(channel, a, "bounce");
        channel.basicReject(channel.basicGet(a, false).getEnvelope().getDeliveryTag(), false);
        Inbox fromB = new Inbox(channel); // dead letters may arrive later (RabbitMQ's do): wait for it
        channel.basicConsume(b, false, fromB);
        channel.basicReject(fromB.next().tag(), false);
        Inbox inbox = consume(a);
        Inbox.Received r = inbox.next();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deaths = (List<Map<String, Object>>) (List<?>) r.properties().getHeaders()
                .get("x-death");
        assertEquals(2, deaths.size());
        assertEquals(b, String.valueOf(deaths.get(0).get("queue"))); // the latest death first
        assertEquals(a, String.valueOf(deaths.get(1).get("queue")));
        assertEquals(1L, deaths.get(0).get("count"));
        assertEquals(1L, deaths.get(1).get("count"));
        assertFirstDeath(r, "rejected", a);
    }

    @Test
    void maxPriorityServesHigherPrioritiesFirst() throws Exception {
        String q = declareQueue("priority", Map.of("x-max-priority", 10));
        for (Integer p : new Integer[] {1, 5, null, 3, 5, 20}) {
            channel.basicPublish("", q, new AMQP.BasicProperties.Builder().priority(p).build(), bytes("p" + p));
        }
        List<String> order = new java.util.ArrayList<>();
        String next;
        while ((next = get(channel, q)) != null) {
            order.add(next);
        }
        // 20 counts as the maximum, 10; no priority is 0; equal priorities keep their order
        assertEquals(List.of("p20", "p5", "p5", "p3", "p1", "pnull"), order);
    }

    @Test
    void aSingleActiveConsumerTakesEverythingUntilItGoes() throws Exception {
        String q = declareQueue("single-active", Map.of("x-single-active-consumer", true));
        Inbox first = new Inbox(channel);
        Inbox second = new Inbox(channel);
        String tag1 = channel.basicConsume(q, true, first);
        channel.basicConsume(q, true, second);
        publish(channel, q, "m0", "m1", "m2");
        assertEquals(List.of("m0", "m1", "m2"), first.texts(3));
        channel.basicCancel(tag1);
        publish(channel, q, "m3");
        assertEquals("m3", second.next().text());
        assertEquals(0, second.waiting());
    }

    @Test
    void aSingleActiveConsumerQueueRefusesExclusiveConsumers() throws Exception {
        String q = declareQueue("single-active-exclusive", Map.of("x-single-active-consumer", true));
        assertChannelError(403, "ACCESS_REFUSED - queue '" + q + "' in vhost '/' in exclusive use",
                () -> channel.basicConsume(q, true, "", false, true, null, new Inbox(channel)));
    }

    @Test
    void anInvalidArgumentIs406() {
        String q = queue("invalid");
        assertChannelError(406, "PRECONDITION_FAILED - invalid arg 'x-max-length' for queue '" + q
                + "' in vhost '/': \"expected integer, got longstr\"",
                () -> channel.queueDeclare(q, false, false, false, Map.of("x-max-length", "ten")));
    }
}
