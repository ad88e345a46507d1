package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ManualClock;
import dev.depot.storage.broker.Messages;
import dev.depot.storage.broker.RecordingConsumer;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.exchange.ExchangeSettings;
import dev.depot.storage.broker.exchange.ExchangeType;
import dev.depot.storage.broker.message.Message;
import dev.depot.storage.broker.message.MessageProperties;
import dev.depot.storage.broker.queue.ConsumerOptions;
import dev.depot.storage.broker.queue.GetResult;
import dev.depot.storage.broker.queue.MessageQueue;
import dev.depot.storage.broker.queue.Settlement;
import dev.depot.storage.broker.queue.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A virtual host end to end: topology rules and their errors, publishing, dead-lettering.
 * Reply texts are those RabbitMQ 3.10.8 sent to pika in the same situations.
 */
class VirtualHostTest {
    private static final Object CONN = "connection-1";
    private static final Object OTHER = "connection-2";

    private final ManualClock clock = new ManualClock();
    private final List<Map<String, Object>> rewrites = new ArrayList<>();
    private final Broker broker = new Broker(clock, BrokerJournal.NONE, (properties, headers) -> {
        rewrites.add(headers);
        return "rewritten".getBytes(StandardCharsets.US_ASCII);
    });
    private final VirtualHost vhost = broker.virtualHost("/");

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            args.put((String) pairs[i], pairs[i + 1]);
        }
        return args;
    }

    private static String refusal(ReplyCode code, Executable operation) {
        BrokerException e = assertThrows(BrokerException.class, operation);
        assertEquals(code, e.code(), e.replyText());
        return e.replyText();
    }

    private static ExchangeSettings exchange(ExchangeType type) {
        return ExchangeSettings.of(type, false);
    }

    private void declare(String queue) {
        vhost.declareQueue(QueueDeclaration.named(queue), CONN);
    }

    private void declare(String queue, Map<String, Object> arguments) {
        vhost.declareQueue(new QueueDeclaration(queue, false, false, false, arguments), CONN);
    }

    private PublishResult publish(String exchange, String routingKey, String body) {
        return vhost.publish(exchange, Messages.message(exchange, routingKey, body, MessageProperties.NONE));
    }

    private List<String> drain(String queue) {
        List<String> bodies = new ArrayList<>();
        MessageQueue q = vhost.queue(queue, CONN);
        GetResult got;
        while ((got = q.get(true)) != null) {
            bodies.add(Messages.body(got.delivery().message()));
        }
        return bodies;
    }

    private boolean queueExists(String queue) {
        return vhost.queues().stream().anyMatch(q -> q.name().name().equals(queue));
    }

    // ---- exchanges ----

    @Test
    void predeclaredExchangesExistAndAreDurable() {
        for (String name : List.of("amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match")) {
            assertTrue(vhost.checkExchange(name).settings().durable(), name);
        }
        assertEquals(ExchangeType.HEADERS, vhost.checkExchange("amq.match").settings().type());
        ExchangeSettings trace = vhost.checkExchange("amq.rabbitmq.trace").settings();
        assertEquals(new ExchangeSettings(ExchangeType.TOPIC, true, false, true, Map.of()), trace);
        assertEquals("ACCESS_REFUSED - cannot publish to internal exchange 'amq.rabbitmq.trace' in vhost '/'",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.checkPublishable("amq.rabbitmq.trace")));
        assertEquals("ACCESS_REFUSED - deletion of system exchange 'amq.rabbitmq.trace' in vhost '/' not allowed",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.deleteExchange("amq.rabbitmq.trace", false)));
        vhost.declareExchange("amq.direct", ExchangeSettings.of(ExchangeType.DIRECT, true));
        assertEquals("PRECONDITION_FAILED - inequivalent arg 'durable' for exchange 'amq.direct' in vhost '/': "
                        + "received 'false' but current is 'true'",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.declareExchange("amq.direct", exchange(ExchangeType.DIRECT))));
    }

    @Test
    void publishingNeedsAnExistingExchangeThatIsNotInternal() {
        vhost.checkPublishable("");
        vhost.checkPublishable("amq.direct");
        assertEquals("NOT_FOUND - no exchange 'nope' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.checkPublishable("nope")));
        vhost.declareExchange("inside", new ExchangeSettings(ExchangeType.FANOUT, false, false, true, Map.of()));
        assertEquals("ACCESS_REFUSED - cannot publish to internal exchange 'inside' in vhost '/'",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.checkPublishable("inside")));
    }

    @Test
    void redeclaringAnExchangeDifferentlyIsRefused() {
        vhost.declareExchange("px", exchange(ExchangeType.DIRECT));
        vhost.declareExchange("px", new ExchangeSettings(ExchangeType.DIRECT, false, false, false, args("foo", "bar")));
        String prefix = "PRECONDITION_FAILED - inequivalent arg '%s' for exchange 'px' in vhost '/': ";
        assertEquals(prefix.formatted("type") + "received 'fanout' but current is 'direct'",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.declareExchange("px", exchange(ExchangeType.FANOUT))));
        assertEquals(prefix.formatted("durable") + "received 'true' but current is 'false'",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.declareExchange("px", ExchangeSettings.of(ExchangeType.DIRECT, true))));
        assertEquals(prefix.formatted("auto_delete") + "received 'true' but current is 'false'",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.declareExchange("px",
                        new ExchangeSettings(ExchangeType.DIRECT, false, true, false, Map.of()))));
        assertEquals(prefix.formatted("internal") + "received 'true' but current is 'false'",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.declareExchange("px",
                        new ExchangeSettings(ExchangeType.DIRECT, false, false, true, Map.of()))));
        assertEquals(prefix.formatted("alternate-exchange") + "received the value 'foo' of type 'longstr' but current is none",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.declareExchange("px",
                        new ExchangeSettings(ExchangeType.DIRECT, false, false, false, args("alternate-exchange", "foo")))));
    }

    @Test
    void exchangeNamingAndLookupErrors() {
        assertEquals("NOT_FOUND - no exchange 'nox' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.checkExchange("nox")));
        assertEquals("ACCESS_REFUSED - exchange name 'amq.foo' contains reserved prefix 'amq.*'",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.declareExchange("amq.foo", exchange(ExchangeType.DIRECT))));
        assertEquals("ACCESS_REFUSED - operation not permitted on the default exchange",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.declareExchange("", exchange(ExchangeType.DIRECT))));
        assertEquals("ACCESS_REFUSED - operation not permitted on the default exchange",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.checkExchange("")));
        assertEquals("ACCESS_REFUSED - operation not permitted on the default exchange",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.deleteExchange("", false)));
        assertEquals("ACCESS_REFUSED - deletion of system exchange 'amq.direct' in vhost '/' not allowed",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.deleteExchange("amq.direct", false)));
        assertEquals("PRECONDITION_FAILED - invalid type 'signedint' for arg 'alternate-exchange' in exchange 'px2' in vhost '/'",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.declareExchange("px2",
                        new ExchangeSettings(ExchangeType.DIRECT, false, false, false, args("alternate-exchange", 5)))));
        BrokerException unknown = assertThrows(BrokerException.class, () -> ExchangeType.parse("finout"));
        assertEquals("COMMAND_INVALID - unknown exchange type 'finout'", unknown.replyText());
        assertTrue(unknown.code().closesConnection());
        vhost.deleteExchange("nox", false); // absent: fine
    }

    @Test
    void deleteIfUnusedLooksAtBindingsFromTheExchangeOnly() {
        vhost.declareExchange("pxu", exchange(ExchangeType.DIRECT));
        declare("pqx");
        vhost.bindQueue("pqx", "pxu", "k", Map.of(), CONN);
        assertEquals("PRECONDITION_FAILED - exchange 'pxu' in vhost '/' in use",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.deleteExchange("pxu", true)));
        vhost.declareExchange("pxu3", exchange(ExchangeType.DIRECT));
        vhost.bindExchange("pxu3", "amq.fanout", "k", Map.of());
        vhost.deleteExchange("pxu3", true);
        assertEquals(PublishResult.UNROUTABLE, publish("amq.fanout", "", "x"), "its bindings went with it");
    }

    @Test
    void autoDeleteExchangesGoWithTheirLastBinding() {
        vhost.declareExchange("pautox", new ExchangeSettings(ExchangeType.FANOUT, false, true, false, Map.of()));
        vhost.checkExchange("pautox"); // never bound: stays
        declare("pautoq");
        vhost.bindQueue("pautoq", "pautox", "", Map.of(), CONN);
        vhost.unbindQueue("pautoq", "pautox", "", Map.of());
        assertEquals("NOT_FOUND - no exchange 'pautox' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.checkExchange("pautox")));

        vhost.declareExchange("pautox2", new ExchangeSettings(ExchangeType.FANOUT, false, true, false, Map.of()));
        vhost.bindQueue("pautoq", "pautox2", "", Map.of(), CONN);
        vhost.deleteQueue("pautoq", false, false, CONN);
        assertThrows(BrokerException.class, () -> vhost.checkExchange("pautox2"));
    }

    @Test
    void autoDeletionCascadesThroughExchangeBindings() {
        ExchangeSettings autoDelete = new ExchangeSettings(ExchangeType.FANOUT, false, true, false, Map.of());
        vhost.declareExchange("upstream", autoDelete);
        vhost.declareExchange("downstream", autoDelete);
        vhost.bindExchange("downstream", "upstream", "", Map.of());
        declare("sink");
        vhost.bindQueue("sink", "downstream", "", Map.of(), CONN);
        vhost.deleteQueue("sink", false, false, CONN);
        assertThrows(BrokerException.class, () -> vhost.checkExchange("downstream"));
        assertThrows(BrokerException.class, () -> vhost.checkExchange("upstream"));
    }

    // ---- queues ----

    @Test
    void declareOkCountsReadyMessagesAndConsumers() {
        DeclareOk ok = vhost.declareQueue(QueueDeclaration.named("pcnt"), CONN);
        assertEquals(new DeclareOk("pcnt", 0, 0), ok);
        for (int i = 0; i < 3; i++) {
            publish("", "pcnt", Integer.toString(i));
        }
        GetResult out = vhost.queue("pcnt", CONN).get(false);
        assertEquals(new DeclareOk("pcnt", 2, 0), vhost.checkQueue("pcnt", CONN));
        assertEquals(2, vhost.purgeQueue("pcnt", CONN));
        out.delivery().settle(Settlement.REQUEUE);
        assertEquals(new DeclareOk("pcnt", 1, 0), vhost.checkQueue("pcnt", CONN));
        vhost.queue("pcnt", CONN).get(false);
        assertEquals(0, vhost.deleteQueue("pcnt", false, false, CONN), "unacked messages are not counted");
    }

    @Test
    void redeclaringAQueueDifferentlyIsRefused() {
        declare("pq");
        String prefix = "PRECONDITION_FAILED - inequivalent arg '%s' for queue 'pq' in vhost '/': ";
        assertEquals(prefix.formatted("durable") + "received 'true' but current is 'false'",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.declareQueue(
                        new QueueDeclaration("pq", true, false, false, Map.of()), CONN)));
        assertEquals(prefix.formatted("auto_delete") + "received 'true' but current is 'false'",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.declareQueue(
                        new QueueDeclaration("pq", false, false, true, Map.of()), CONN)));
        assertEquals(prefix.formatted("x-message-ttl") + "received the value '100' of type 'signedint' but current is none",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> declare("pq", args("x-message-ttl", 100))));
        assertTrue(refusal(ReplyCode.RESOURCE_LOCKED, () -> vhost.declareQueue(
                new QueueDeclaration("pq", false, true, false, Map.of()), CONN)).startsWith("RESOURCE_LOCKED"));
        declare("pq", args("x-custom", 1)); // unknown arguments are not compared
        vhost.checkQueue("pq", CONN);
    }

    @Test
    void queueNamingAndLookupErrors() {
        assertEquals("NOT_FOUND - no queue 'noq' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.checkQueue("noq", CONN)));
        assertEquals("NOT_FOUND - no queue 'noq' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.purgeQueue("noq", CONN)));
        assertEquals("NOT_FOUND - no queue 'noq' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.queue("noq", CONN)));
        assertEquals("ACCESS_REFUSED - queue name 'amq.foo' contains reserved prefix 'amq.*'",
                refusal(ReplyCode.ACCESS_REFUSED, () -> declare("amq.foo")));
        assertEquals(0, vhost.deleteQueue("noq", false, false, CONN));
        assertEquals("PRECONDITION_FAILED - invalid arg 'x-expires' for queue 'bad' in vhost '/': {value_zero,0}",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> declare("bad", args("x-expires", 0))));
        assertFalse(queueExists("bad"));
    }

    @Test
    void serverNamedQueuesLookLikeRabbitMqsAndAreReservedNames() {
        String name = vhost.declareQueue(new QueueDeclaration("", false, true, false, Map.of()), CONN).queue();
        assertTrue(name.matches("amq\\.gen-[A-Za-z0-9_-]{22}"), name);
        assertNotEquals(name, vhost.declareQueue(new QueueDeclaration("", false, true, false, Map.of()), CONN).queue());
        assertEquals("ACCESS_REFUSED - queue name '" + name + "' contains reserved prefix 'amq.*'",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.declareQueue(
                        new QueueDeclaration(name, false, true, false, Map.of()), CONN)));
        vhost.checkQueue(name, CONN);
    }

    @Test
    void exclusiveQueuesBelongToTheirConnection() {
        vhost.declareQueue(new QueueDeclaration("pex", true, true, false, Map.of()), CONN);
        assertFalse(vhost.queue("pex", CONN).settings().durable(), "exclusive queues are never durable");
        String locked = "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue 'pex' in vhost '/'. It could be"
                + " originally declared on another connection or the exclusive property value does not match that of"
                + " the original declaration.";
        assertEquals(locked, refusal(ReplyCode.RESOURCE_LOCKED, () -> vhost.checkQueue("pex", OTHER)));
        assertEquals(locked, refusal(ReplyCode.RESOURCE_LOCKED, () -> vhost.declareQueue(
                new QueueDeclaration("pex", false, true, false, Map.of()), OTHER)));
        assertEquals(locked, refusal(ReplyCode.RESOURCE_LOCKED, () -> vhost.declareQueue(
                QueueDeclaration.named("pex"), OTHER)));
        assertEquals(locked, refusal(ReplyCode.RESOURCE_LOCKED, () -> vhost.queue("pex", OTHER)));
        assertEquals(locked, refusal(ReplyCode.RESOURCE_LOCKED, () -> vhost.purgeQueue("pex", OTHER)));
        assertEquals(locked, refusal(ReplyCode.RESOURCE_LOCKED, () -> vhost.deleteQueue("pex", false, false, OTHER)));
        assertEquals(locked, refusal(ReplyCode.RESOURCE_LOCKED, () -> vhost.bindQueue("pex", "amq.fanout", "", Map.of(), OTHER)));
        vhost.unbindQueue("pex", "amq.fanout", "", Map.of()); // unbind is not checked
        assertEquals(locked, refusal(ReplyCode.RESOURCE_LOCKED, () -> declare("pex")),
                "even the owner cannot redeclare it without exclusive");
        vhost.declareQueue(new QueueDeclaration("pex", false, true, false, Map.of()), CONN);
        vhost.checkQueue("pex", CONN);

        RecordingConsumer consumer = new RecordingConsumer("c");
        vhost.queue("pex", CONN).subscribe(consumer, new ConsumerOptions(false, true, 0));
        vhost.connectionClosed(OTHER);
        assertTrue(queueExists("pex"));
        vhost.connectionClosed(CONN);
        assertFalse(queueExists("pex"));
        assertTrue(consumer.cancelled());
    }

    @Test
    void anAutoDeleteQueueGoesWithItsLastConsumer() {
        vhost.declareQueue(new QueueDeclaration("pautoq3", false, false, true, Map.of()), CONN);
        vhost.bindQueue("pautoq3", "amq.direct", "k", Map.of(), CONN);
        Subscription subscription = vhost.queue("pautoq3", CONN).subscribe(new RecordingConsumer("c"),
                new ConsumerOptions(false, true, 0));
        subscription.cancel();
        assertEquals("NOT_FOUND - no queue 'pautoq3' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.checkQueue("pautoq3", CONN)));
        assertEquals(PublishResult.UNROUTABLE, publish("amq.direct", "k", "x"), "its bindings went with it");
    }

    @Test
    void deletingAQueueCancelsItsConsumers() {
        declare("pdel");
        RecordingConsumer consumer = new RecordingConsumer("c");
        vhost.queue("pdel", CONN).subscribe(consumer, new ConsumerOptions(false, true, 0));
        assertEquals("PRECONDITION_FAILED - queue 'pdel' in vhost '/' in use",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.deleteQueue("pdel", true, false, CONN)));
        assertEquals(0, vhost.deleteQueue("pdel", false, false, CONN));
        assertTrue(consumer.cancelled());
    }

    @Test
    void theSweepDeletesQueuesUnusedPastXExpires() {
        declare("pexp", args("x-expires", 500));
        clock.advance(400);
        vhost.checkQueue("pexp", CONN); // a passive declare is a use
        clock.advance(400);
        broker.sweep();
        assertTrue(queueExists("pexp"));
        clock.advance(100);
        broker.sweep();
        assertFalse(queueExists("pexp"));
    }

    // ---- bindings ----

    @Test
    void bindingErrorsNameTheSourceFirst() {
        declare("pqb");
        assertEquals("NOT_FOUND - no exchange 'nox' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.bindQueue("pqb", "nox", "", Map.of(), CONN)));
        assertEquals("NOT_FOUND - no queue 'noq' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.bindQueue("noq", "amq.direct", "", Map.of(), CONN)));
        assertEquals("NOT_FOUND - no exchange 'nox' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.bindQueue("noq", "nox", "", Map.of(), CONN)));
        assertEquals("ACCESS_REFUSED - operation not permitted on the default exchange",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.bindQueue("pqb", "", "", Map.of(), CONN)));
        assertEquals("ACCESS_REFUSED - operation not permitted on the default exchange",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.unbindQueue("pqb", "", "", Map.of())));
        assertEquals("NOT_FOUND - no exchange 'nox' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.bindExchange("nox", "amq.direct", "", Map.of())));
        assertEquals("NOT_FOUND - no exchange 'nox2' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.bindExchange("nox1", "nox2", "", Map.of())));
        assertEquals("ACCESS_REFUSED - operation not permitted on the default exchange",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.bindExchange("amq.direct", "", "", Map.of())));
        assertEquals("ACCESS_REFUSED - operation not permitted on the default exchange",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.bindExchange("", "amq.direct", "", Map.of())));
        assertEquals("PRECONDITION_FAILED - Invalid x-match field value <<\"foo\">>; expected all, any, all-with-x, or any-with-x",
                refusal(ReplyCode.PRECONDITION_FAILED, () -> vhost.bindQueue("pqb", "amq.headers", "", args("x-match", "foo"), CONN)));
        vhost.unbindQueue("pqb", "amq.direct", "nokey", Map.of());
        vhost.unbindQueue("noq", "nox", "nokey", Map.of());
        vhost.unbindExchange("nox1", "nox2", "", Map.of());
    }

    @Test
    void bindingsWithOtherArgumentsAreOtherBindings() {
        declare("pbig");
        vhost.bindQueue("pbig", "amq.direct", "k", args("x", 1), CONN);
        vhost.bindQueue("pbig", "amq.direct", "k", args("x", 2), CONN);
        vhost.bindQueue("pbig", "amq.direct", "k", args("x", 2), CONN);
        assertEquals(PublishResult.ROUTED, publish("amq.direct", "k", "1"));
        vhost.unbindQueue("pbig", "amq.direct", "k", args("x", 1));
        publish("amq.direct", "k", "2");
        vhost.unbindQueue("pbig", "amq.direct", "k", Map.of());
        publish("amq.direct", "k", "3");
        assertEquals(List.of("1", "2", "3"), drain("pbig"), "one copy per publish, whatever the bindings");
        vhost.unbindQueue("pbig", "amq.direct", "k", args("x", 2));
        assertEquals(PublishResult.UNROUTABLE, publish("amq.direct", "k", "4"));
        assertEquals(List.of(), vhost.bindings());
    }

    // ---- publishing ----

    @Test
    void theDefaultExchangeRoutesByQueueName() {
        declare("hello");
        assertEquals(PublishResult.ROUTED, publish("", "hello", "Hello World!"));
        assertEquals(PublishResult.UNROUTABLE, publish("", "nobody", "x"));
        assertEquals(List.of("Hello World!"), drain("hello"));
        assertEquals("NOT_FOUND - no exchange 'amq.default' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> publish("amq.default", "hello", "x")));
    }

    @Test
    void ccAndBccKeysRouteToo() {
        vhost.declareExchange("pcc", exchange(ExchangeType.TOPIC));
        for (String q : List.of("cca", "ccb", "ccc")) {
            declare(q);
            vhost.bindQueue(q, "pcc", q + ".#", Map.of(), CONN);
        }
        MessageProperties view = Messages.headers(Map.of("CC", List.of("ccb.1", "cca.2"), "BCC", List.of("ccc")));
        assertEquals(PublishResult.ROUTED, vhost.publish("pcc", Messages.message("pcc", "cca.1", "copied", view)));
        assertEquals(PublishResult.ROUTED, vhost.publish("pcc", Messages.message("pcc", "nowhere", "bcc only",
                Messages.headers(Map.of("BCC", List.of("ccc"))))));
        assertEquals(PublishResult.UNROUTABLE, vhost.publish("pcc", Messages.message("pcc", "nowhere", "lost",
                Messages.headers(Map.of("CC", List.of("nowhere.either"))))));
        assertEquals(PublishResult.ROUTED, vhost.publish("", Messages.message("", "cca", "default exchange",
                Messages.headers(Map.of("CC", List.of("ccb", "cca", "missing"))))));
        assertEquals(List.of("copied", "default exchange"), drain("cca"));
        assertEquals(List.of("copied", "default exchange"), drain("ccb"));
        assertEquals(List.of("copied", "bcc only"), drain("ccc"));
    }

    @Test
    void aRoutedMessageGoesWhereItWasRoutedWhenItIsDelivered() {
        vhost.declareExchange("ptx", exchange(ExchangeType.FANOUT));
        declare("early");
        declare("late");
        declare("gone");
        vhost.bindQueue("early", "ptx", "", Map.of(), CONN);
        vhost.bindQueue("gone", "ptx", "", Map.of(), CONN);
        RoutedMessage routed = vhost.route("ptx", Messages.message("ptx", "k", "routed early", MessageProperties.NONE));
        vhost.bindQueue("late", "ptx", "", Map.of(), CONN);
        vhost.deleteQueue("gone", false, false, CONN);
        assertEquals(List.of(), drain("early"), "nothing before delivery");
        assertEquals(PublishResult.ROUTED, routed.deliver());
        assertEquals(List.of("routed early"), drain("early"));
        assertEquals(List.of(), drain("late"), "bound after routing");
        assertEquals(PublishResult.UNROUTABLE, vhost.route("", Messages.message("nobody", "x")).deliver());
        assertEquals("NOT_FOUND - no exchange 'nox' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.route("nox", Messages.message("k", "x"))));
    }

    @Test
    void publishingErrors() {
        assertEquals("NOT_FOUND - no exchange 'nox' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> publish("nox", "k", "x")));
        vhost.declareExchange("pxi", new ExchangeSettings(ExchangeType.DIRECT, false, false, true, Map.of()));
        assertEquals("ACCESS_REFUSED - cannot publish to internal exchange 'pxi' in vhost '/'",
                refusal(ReplyCode.ACCESS_REFUSED, () -> publish("pxi", "k", "x")));
        // the same checks without routing, for a transaction that routes at commit
        assertEquals("NOT_FOUND - no exchange 'nox' in vhost '/'",
                refusal(ReplyCode.NOT_FOUND, () -> vhost.checkPublishable("nox")));
        assertEquals("ACCESS_REFUSED - cannot publish to internal exchange 'pxi' in vhost '/'",
                refusal(ReplyCode.ACCESS_REFUSED, () -> vhost.checkPublishable("pxi")));
        vhost.checkPublishable("");
        vhost.checkPublishable("amq.direct");
    }

    @Test
    void directFanoutAndTopicRoutingAsInTheTutorials() {
        vhost.declareExchange("direct_logs", exchange(ExchangeType.DIRECT));
        declare("all");
        declare("errors");
        for (String severity : List.of("info", "warning", "error")) {
            vhost.bindQueue("all", "direct_logs", severity, Map.of(), CONN);
        }
        vhost.bindQueue("errors", "direct_logs", "error", Map.of(), CONN);
        publish("direct_logs", "error", "disk full");
        publish("direct_logs", "info", "started");
        assertEquals(PublishResult.UNROUTABLE, publish("direct_logs", "debug", "nobody listens"));
        assertEquals(List.of("disk full", "started"), drain("all"));
        assertEquals(List.of("disk full"), drain("errors"));

        vhost.declareExchange("topic_logs", exchange(ExchangeType.TOPIC));
        declare("both");
        vhost.bindQueue("both", "topic_logs", "kern.*", Map.of(), CONN);
        vhost.bindQueue("both", "topic_logs", "*.critical", Map.of(), CONN);
        publish("topic_logs", "kern.critical", "kern.critical");
        assertEquals(List.of("kern.critical"), drain("both"), "two matching bindings, one copy");
    }

    @Test
    void exchangeBindingsMayLoopAndStillDeliverOnce() {
        for (String x : List.of("pe1", "pe2", "pe3")) {
            vhost.declareExchange(x, exchange(ExchangeType.FANOUT));
        }
        vhost.bindExchange("pe2", "pe1", "", Map.of());
        vhost.bindExchange("pe3", "pe2", "", Map.of());
        vhost.bindExchange("pe1", "pe3", "", Map.of());
        vhost.bindExchange("pe3", "pe1", "", Map.of());
        declare("pe");
        for (String x : List.of("pe1", "pe2", "pe3")) {
            vhost.bindQueue("pe", x, "", Map.of(), CONN);
        }
        assertEquals(PublishResult.ROUTED, publish("pe1", "", "x"));
        assertEquals(List.of("x"), drain("pe"));
    }

    @Test
    void alternateExchangesTakeWhatMatchesNoBinding() {
        vhost.declareExchange("pae", exchange(ExchangeType.FANOUT));
        declare("paeq");
        vhost.bindQueue("paeq", "pae", "", Map.of(), CONN);
        vhost.declareExchange("pmain", new ExchangeSettings(ExchangeType.DIRECT, false, false, false,
                args("alternate-exchange", "pae")));
        vhost.declareExchange("pmid", exchange(ExchangeType.DIRECT));
        vhost.bindExchange("pmid", "pmain", "k", Map.of());
        assertEquals(PublishResult.UNROUTABLE, publish("pmain", "k", "to-mid-nowhere"),
                "a binding to an exchange counts as a match even if that one routes nowhere");
        assertEquals(PublishResult.ROUTED, publish("pmain", "z", "unrouted"));
        GetResult got = vhost.queue("paeq", CONN).get(true);
        assertEquals("unrouted", Messages.body(got.delivery().message()));
        assertEquals("pmain", got.delivery().message().exchange(), "delivered with the exchange it was published to");
        assertNull(vhost.queue("paeq", CONN).get(true));

        vhost.declareExchange("pmain2", new ExchangeSettings(ExchangeType.DIRECT, false, false, false,
                args("alternate-exchange", "nonexistent")));
        assertEquals(PublishResult.UNROUTABLE, publish("pmain2", "z", "x"));

        vhost.declareExchange("pint", new ExchangeSettings(ExchangeType.FANOUT, false, false, true, Map.of()));
        declare("pintq");
        vhost.bindQueue("pintq", "pint", "", Map.of(), CONN);
        vhost.declareExchange("pmain3", new ExchangeSettings(ExchangeType.DIRECT, false, false, false,
                args("alternate-exchange", "pint")));
        assertEquals(PublishResult.ROUTED, publish("pmain3", "z", "x"), "an internal exchange may be the alternate");
    }

    @Test
    void headersExchangeAsInTheScenario() {
        vhost.declareExchange("headers_logs", exchange(ExchangeType.HEADERS));
        declare("q_all");
        declare("q_any");
        vhost.bindQueue("q_all", "headers_logs", "", args("x-match", "all", "format", "pdf", "type", "report"), CONN);
        vhost.bindQueue("q_any", "headers_logs", "", args("x-match", "any", "format", "pdf", "type", "log"), CONN);
        Map<String, Map<String, Object>> messages = new LinkedHashMap<>();
        messages.put("both", args("format", "pdf", "type", "report"));
        messages.put("pdf", args("format", "pdf"));
        messages.put("log", args("type", "log", "extra", 1));
        messages.put("zip", args("format", "zip", "type", "report"));
        messages.put("none", Map.of());
        messages.forEach((body, headers) ->
                vhost.publish("headers_logs", Messages.message("headers_logs", "ignored", body, Messages.headers(headers))));
        assertEquals(List.of("both"), drain("q_all"));
        assertEquals(List.of("both", "pdf", "log"), drain("q_any"));
    }

    @Test
    void aQueueRefusingThePublishMakesItRejected() {
        declare("full", args("x-max-length", 0, "x-overflow", "reject-publish"));
        declare("open");
        vhost.bindQueue("full", "amq.fanout", "", Map.of(), CONN);
        vhost.bindQueue("open", "amq.fanout", "", Map.of(), CONN);
        assertEquals(PublishResult.REJECTED, publish("amq.fanout", "", "x"));
        assertEquals(List.of("x"), drain("open"), "the other queue still took it");
    }

    // ---- dead-lettering ----

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstDeath(Message message) {
        return ((List<Map<String, Object>>) message.view().headers().get("x-death")).get(0);
    }

    @Test
    void rejectedAndExpiredMessagesReachTheDeadLetterQueue() {
        vhost.declareExchange("dlx", exchange(ExchangeType.FANOUT));
        declare("dead");
        vhost.bindQueue("dead", "dlx", "", Map.of(), CONN);
        declare("work", args("x-dead-letter-exchange", "dlx"));
        declare("expiring", args("x-dead-letter-exchange", "dlx", "x-message-ttl", 100));

        MessageProperties view = new MessageProperties(MessageProperties.NO_PRIORITY,
                dev.depot.storage.broker.message.Expiration.parse("60000"), args("h", 1), true);
        vhost.publish("", Messages.message("", "work", "poison", view));
        vhost.queue("work", CONN).get(false).delivery().settle(Settlement.REJECT);
        publish("", "expiring", "too slow");
        clock.advance(100);
        broker.sweep();

        MessageQueue dead = vhost.queue("dead", CONN);
        Message poison = dead.get(true).delivery().message();
        assertEquals("poison", Messages.body(poison));
        assertEquals("dlx", poison.exchange());
        assertEquals("work", poison.routingKey());
        assertArrayEquals("rewritten".getBytes(StandardCharsets.US_ASCII), poison.properties());
        assertNull(poison.view().expiration(), "the expiration moves into x-death");
        assertTrue(poison.persistent());
        assertEquals(1, poison.view().headers().get("h"));
        assertEquals("rejected", poison.view().headers().get("x-first-death-reason"));
        Map<String, Object> death = firstDeath(poison);
        assertEquals(1L, death.get("count"));
        assertEquals("rejected", death.get("reason"));
        assertEquals("work", death.get("queue"));
        assertEquals("", death.get("exchange"));
        assertEquals(List.of("work"), death.get("routing-keys"));
        assertEquals("60000", death.get("original-expiration"));
        assertEquals(clock.instant().minusMillis(100).getEpochSecond(), ((java.time.Instant) death.get("time")).getEpochSecond());

        Message slow = dead.get(true).delivery().message();
        assertEquals("too slow", Messages.body(slow));
        assertEquals("expired", firstDeath(slow).get("reason"));
        assertEquals("expiring", firstDeath(slow).get("queue"));
        assertNull(dead.get(true));
        assertEquals(0, vhost.checkQueue("work", CONN).messageCount());
        assertEquals(2, rewrites.size());
    }

    @Test
    void theDeadLetterRoutingKeyReplacesTheMessagesKey() {
        declare("pttl", args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", "pdead2", "x-message-ttl", 50));
        declare("pdead2", args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", "pttl"));
        publish("", "pttl", "e1");
        clock.advance(50);
        broker.sweep();
        MessageQueue pdead2 = vhost.queue("pdead2", CONN);
        GetResult first = pdead2.get(false);
        assertEquals("", first.delivery().message().exchange());
        assertEquals("pdead2", first.delivery().message().routingKey());
        first.delivery().settle(Settlement.REJECT); // back to pttl: a rejection, so no cycle
        clock.advance(50);
        broker.sweep();
        GetResult second = pdead2.get(false);
        assertNotNull(second, "a cycle with a rejection in it goes on");
        assertEquals(2L, firstDeath(second.delivery().message()).get("count"));
        assertEquals("pttl", firstDeath(second.delivery().message()).get("queue"));
    }

    @Test
    void deadLettersKeepCcKeysUnlessTheQueueSetsTheRoutingKey() {
        vhost.declareExchange("pdlx", exchange(ExchangeType.DIRECT));
        for (String q : List.of("pgot-own", "pgot-cc", "pgot-new")) {
            declare(q);
        }
        vhost.bindQueue("pgot-own", "pdlx", "own", Map.of(), CONN);
        vhost.bindQueue("pgot-cc", "pdlx", "cc", Map.of(), CONN);
        vhost.bindQueue("pgot-new", "pdlx", "new", Map.of(), CONN);
        declare("own", args("x-dead-letter-exchange", "pdlx"));
        declare("rekeyed", args("x-dead-letter-exchange", "pdlx", "x-dead-letter-routing-key", "new"));
        for (String q : List.of("own", "rekeyed")) {
            vhost.publish("", Messages.message("", q, q, Messages.headers(Map.of("CC", List.of("cc"), "BCC", List.of("x")))));
            vhost.queue(q, CONN).get(false).delivery().settle(Settlement.REJECT);
        }
        Message own = vhost.queue("pgot-own", CONN).get(true).delivery().message();
        assertEquals(List.of("own", "cc"), firstDeath(own).get("routing-keys"));
        assertEquals(List.of("cc"), own.view().headers().get("CC"));
        assertFalse(own.view().headers().containsKey("BCC"));
        assertEquals(List.of("own"), drain("pgot-cc"), "routed with its CC key as well");
        Message rekeyed = vhost.queue("pgot-new", CONN).get(true).delivery().message();
        assertEquals(List.of("rekeyed", "cc"), firstDeath(rekeyed).get("routing-keys"));
        assertFalse(rekeyed.view().headers().containsKey("CC"));
        assertFalse(rekeyed.view().headers().containsKey("BCC"));
    }

    @Test
    void aQueueDeadLetteringToItselfOnExpiryDropsTheMessage() {
        declare("pself", args("x-dead-letter-exchange", "", "x-message-ttl", 50));
        publish("", "pself", "self");
        clock.advance(50);
        broker.sweep();
        assertEquals(0, vhost.checkQueue("pself", CONN).messageCount());
    }

    @Test
    void overflowDeadLettersWithReasonMaxlen() {
        vhost.declareExchange("pdlx", exchange(ExchangeType.FANOUT));
        declare("pdead");
        vhost.bindQueue("pdead", "pdlx", "", Map.of(), CONN);
        declare("pml", args("x-dead-letter-exchange", "pdlx", "x-max-length", 1));
        publish("", "pml", "m1");
        publish("", "pml", "m2");
        declare("prejd", args("x-dead-letter-exchange", "pdlx", "x-max-length", 1, "x-overflow", "reject-publish-dlx"));
        assertEquals(PublishResult.ROUTED, publish("", "prejd", "r1"));
        assertEquals(PublishResult.REJECTED, publish("", "prejd", "r2"));
        MessageQueue dead = vhost.queue("pdead", CONN);
        Message m1 = dead.get(true).delivery().message();
        assertEquals("m1", Messages.body(m1));
        assertEquals("maxlen", firstDeath(m1).get("reason"));
        Message r2 = dead.get(true).delivery().message();
        assertEquals("r2", Messages.body(r2));
        assertEquals("maxlen", firstDeath(r2).get("reason"));
        assertEquals("prejd", firstDeath(r2).get("queue"));
        assertEquals(List.of("r1"), drain("prejd"));
    }

    @Test
    void aMissingDeadLetterExchangeDropsTheMessage() {
        declare("pdlxm", args("x-dead-letter-exchange", "nope"));
        publish("", "pdlxm", "x");
        vhost.queue("pdlxm", CONN).get(false).delivery().settle(Settlement.REJECT);
        assertEquals(0, vhost.checkQueue("pdlxm", CONN).messageCount());
        assertEquals(1, rewrites.size(), "the copy was made, then found nowhere to go");
    }

    @Test
    void virtualHostsAreSeparate() {
        VirtualHost other = broker.addVirtualHost("other");
        assertSame(other, broker.addVirtualHost("other"));
        other.declareQueue(QueueDeclaration.named("q"), CONN);
        assertEquals("NOT_FOUND - no queue 'q' in vhost '/'", refusal(ReplyCode.NOT_FOUND, () -> vhost.checkQueue("q", CONN)));
        assertEquals("NOT_FOUND - no queue 'nope' in vhost 'other'",
                refusal(ReplyCode.NOT_FOUND, () -> other.checkQueue("nope", CONN)));
        assertNull(broker.virtualHost("missing"));
    }
}
