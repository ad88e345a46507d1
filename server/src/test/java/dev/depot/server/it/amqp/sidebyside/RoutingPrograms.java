package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.util.List;
import java.util.Map;

/**
 * Where messages go: every exchange type, exchange-to-exchange bindings and alternate exchanges.
 * Each program publishes on one channel and then empties its queues with basic.get on the same
 * channel, so what each queue holds, and in which order, is defined.
 */
final class RoutingPrograms {
    private RoutingPrograms() {
    }

    static List<Program> all() {
        return List.of(
                Program.of("routing: direct exchange by exact key", RoutingPrograms::direct),
                Program.of("routing: fanout exchange ignores keys", RoutingPrograms::fanout),
                Program.of("routing: topic exchange patterns", RoutingPrograms::topic),
                Program.of("routing: headers exchange all and any", RoutingPrograms::headers),
                Program.of("routing: default and predeclared exchanges", RoutingPrograms::predeclared),
                Program.of("routing: exchange-to-exchange bindings", RoutingPrograms::exchangeToExchange),
                Program.of("routing: alternate exchanges", RoutingPrograms::alternateExchanges),
                Program.of("routing: sender-selected distribution (CC, BCC)", RoutingPrograms::senderSelected));
    }

    private static void direct(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String x = run.name("direct");
        String a = run.name("a");
        String b = run.name("b");
        run.declareExchange(ch, x, "direct");
        run.declareQueue(ch, a, Map.of());
        run.declareQueue(ch, b, Map.of());
        ch.queueBind(a, x, "k1");
        ch.queueBind(a, x, "k2");
        ch.queueBind(b, x, "k1");
        ch.queueBind(b, x, "k1"); // a second identical binding changes nothing
        ch.queueBind(b, x, "");
        for (String key : List.of("k1", "k2", "k3", "", "K1")) {
            run.publish(ch, x, key, "to " + key);
        }
        ch.queueUnbind(a, x, "k2");
        run.publish(ch, x, "k2", "k2 after unbind");
        run.drain(ch, a);
        run.drain(ch, b);
    }

    private static void fanout(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String x = run.name("fanout");
        String a = run.name("a");
        String b = run.name("b");
        run.declareExchange(ch, x, "fanout");
        run.declareQueue(ch, a, Map.of());
        run.declareQueue(ch, b, Map.of());
        ch.queueBind(a, x, "");
        ch.queueBind(b, x, "ignored");
        ch.queueBind(b, x, "twice"); // two bindings to the same queue: still one copy
        run.publish(ch, x, "", "one");
        run.publish(ch, x, "anything.at.all", "two");
        run.drain(ch, a);
        run.drain(ch, b);
    }

    private static void topic(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String x = run.name("topic");
        run.declareExchange(ch, x, "topic");
        List<String> patterns = List.of("a.*", "a.#", "#", "*.b.*", "#.c", "a.*.#", "*", "a.#.c", "#.#", "");
        for (int i = 0; i < patterns.size(); i++) {
            String q = run.name("q" + i);
            run.declareQueue(ch, q, Map.of());
            ch.queueBind(q, x, patterns.get(i));
        }
        for (String key : List.of("a", "a.b", "a.b.c", "x.b.y", "c", "", "a..c", "a.c", "b.b.b.c", "A.b")) {
            run.publish(ch, x, key, "key " + key);
        }
        for (int i = 0; i < patterns.size(); i++) {
            run.note("queue " + i + " bound with '" + patterns.get(i) + "':");
            run.drain(ch, run.name("q" + i));
        }
    }

    private static void headers(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String x = run.name("headers");
        run.declareExchange(ch, x, "headers");
        List<Map<String, Object>> bindings = List.of(
                Map.of("x-match", "all", "h1", 1, "h2", "v"),
                Map.of("x-match", "any", "h1", 1, "h3", true),
                Map.of(),
                Map.of("h2", "v"), // x-match defaults to all
                Map.of("x-match", "any"), // any of nothing matches nothing
                Map.of("x-match", "all", "h1", 1L), // a long-long 1 against a long-int 1
                Map.of("x-match", "any", "x-custom", "y", "h2", "w"),
                Map.of("x-match", "any-with-x", "x-custom", "y"),
                Map.of("x-match", "all-with-x", "x-custom", "y", "h2", "v"));
        for (int i = 0; i < bindings.size(); i++) {
            String q = run.name("q" + i);
            run.declareQueue(ch, q, Map.of());
            ch.queueBind(q, x, "", bindings.get(i));
        }
        List<Map<String, Object>> messages = List.of(
                Map.of("h1", 1, "h2", "v"),
                Map.of("h1", 1),
                Map.of("h2", "v", "h3", true),
                Map.of("h1", "1", "h2", "v"),
                Map.of("h1", 1L),
                Map.of("x-custom", "y"),
                Map.of("x-custom", "y", "h2", "v"),
                Map.of("h2", "w", "extra", 0),
                Map.of());
        for (int i = 0; i < messages.size(); i++) {
            run.publish(ch, x, "rk", false, new AMQP.BasicProperties.Builder().headers(messages.get(i)).build(),
                    "message " + i);
        }
        for (int i = 0; i < bindings.size(); i++) {
            run.note("queue " + i + " bound with " + Describe.value(bindings.get(i)) + ":");
            run.drain(ch, run.name("q" + i));
        }
    }

    private static void predeclared(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String q = run.name("q");
        run.declareQueue(ch, q, Map.of());
        run.publish(ch, "", q, "via the default exchange");
        run.publish(ch, "amq.direct", q, "amq.direct before binding");
        ch.queueBind(q, "amq.direct", q);
        ch.queueBind(q, "amq.fanout", "");
        ch.queueBind(q, "amq.topic", run.name("t.*"));
        ch.queueBind(q, "amq.match", "", Map.of("x-match", "any", run.name("h"), "yes"));
        ch.queueBind(q, "amq.headers", "", Map.of(run.name("h"), "hh"));
        run.publish(ch, "amq.direct", q, "amq.direct");
        run.publish(ch, "amq.fanout", "x", "amq.fanout");
        run.publish(ch, "amq.topic", run.name("t.1"), "amq.topic");
        run.publish(ch, "amq.match", "", false,
                new AMQP.BasicProperties.Builder().headers(Map.of(run.name("h"), "yes")).build(), "amq.match");
        run.publish(ch, "amq.headers", "", false,
                new AMQP.BasicProperties.Builder().headers(Map.of(run.name("h"), "hh")).build(), "amq.headers");
        ch.queueUnbind(q, "amq.fanout", "");
        run.drain(ch, q);
        for (String name : List.of("amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match",
                "amq.rabbitmq.trace")) {
            run.attempt("exchange.declare passive " + name, () -> ch.exchangeDeclarePassive(name));
        }
        Connection connection = run.connect();
        Channel trace = run.channel(connection);
        run.declareQueue(trace, q + "-trace", Map.of());
        trace.queueBind(q + "-trace", "amq.rabbitmq.trace", "#");
        run.publish(ch, "", q, "not traced: tracing is off");
        run.drain(trace, q + "-trace");
        run.attempt("publish to amq.rabbitmq.trace", () -> {
            trace.basicPublish("amq.rabbitmq.trace", "x", null, new byte[0]);
            trace.basicQos(0);
        });
        Channel defaultExchange = run.channel(connection);
        run.attempt("exchange.declare passive ''", () -> defaultExchange.exchangeDeclarePassive(""));
        Channel defaultExchange2 = run.channel(connection);
        run.attempt("exchange.declare '' direct", () -> defaultExchange2.exchangeDeclare("", "direct"));
        Channel defaultExchange3 = run.channel(connection);
        run.attempt("exchange.delete ''", () -> defaultExchange3.exchangeDelete(""));
    }

    private static void exchangeToExchange(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String top = run.name("top");
        String mid = run.name("mid");
        String leaf = run.name("leaf");
        String q1 = run.name("q1");
        String q2 = run.name("q2");
        run.declareExchange(ch, top, "topic");
        run.declareExchange(ch, mid, "fanout");
        run.declareExchange(ch, leaf, "direct");
        run.declareQueue(ch, q1, Map.of());
        run.declareQueue(ch, q2, Map.of());
        ch.exchangeBind(mid, top, "a.#"); // top --a.#--> mid --> q1, leaf
        ch.queueBind(q1, mid, "");
        ch.exchangeBind(leaf, mid, "");
        ch.queueBind(q2, leaf, "a.b"); // leaf routes on the original key
        ch.queueBind(q1, top, "a.b"); // a second path to q1: still one copy
        ch.exchangeBind(top, mid, ""); // a loop: each exchange is visited once
        for (String key : List.of("a.b", "a.c", "b")) {
            run.publish(ch, top, key, "top " + key);
        }
        run.publish(ch, mid, "a.b", "mid a.b");
        run.drain(ch, q1);
        run.drain(ch, q2);
        ch.exchangeUnbind(mid, top, "a.#");
        run.publish(ch, top, "a.b", "after unbind");
        run.publish(ch, top, "a.c", "after unbind");
        run.drain(ch, q1);
        run.drain(ch, q2);
        ch.exchangeDelete(mid);
        run.publish(ch, top, "a.b", "after deleting mid");
        run.drain(ch, q1);
        run.attempt("exchange.bind to a missing source", () -> ch.exchangeBind(leaf, run.name("missing"), "k"));
    }

    private static void senderSelected(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        String x = run.name("topic");
        run.declareExchange(ch, x, "topic");
        List<String> queues = List.of("a", "b", "c", "d");
        for (String local : queues) {
            String q = run.name(local);
            run.declareQueue(ch, q, Map.of());
            ch.queueBind(q, x, local + ".#");
        }
        run.publish(ch, x, "a.1", false, new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of("b.1", "a.2"), "BCC", List.of("c.1"))).build(), "a, cc b, bcc c");
        run.publish(ch, x, "z", false, new AMQP.BasicProperties.Builder()
                .headers(Map.of("BCC", List.of("d"))).build(), "only bcc d");
        run.publish(ch, x, "z", true, new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of("nowhere"))).build(), "cc unroutable, mandatory");
        run.publish(ch, "", run.name("a"), false, new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of(run.name("b"), 7))).build(), "default exchange with cc");
        run.awaitReturns(ch, 1);
        for (String local : queues) {
            run.drain(ch, run.name(local));
        }
        // dead-lettered: CC keys route again, unless the queue sets the routing key (CC dropped)
        String dlx = run.name("dlx");
        run.declareExchange(ch, dlx, "direct");
        List<RecordingConsumer> dead = new java.util.ArrayList<>();
        for (String key : List.of("own", "cc", "new")) {
            String q = run.name("got-" + key);
            run.declareQueue(ch, q, Map.of());
            ch.queueBind(q, dlx, key);
            dead.add(run.consume(run.channel(run.connect()), q, true));
        }
        String own = run.name("own");
        String rekeyed = run.name("rekeyed");
        run.declareQueue(ch, own, Map.of("x-dead-letter-exchange", dlx));
        run.declareQueue(ch, rekeyed, Map.of("x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", "new"));
        ch.queueBind(own, x, "own");
        ch.queueBind(rekeyed, x, "rekeyed");
        AMQP.BasicProperties copies = new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of("cc"), "BCC", List.of("bcc"))).build();
        run.publish(ch, x, "own", false, copies, "own key and cc");
        run.publish(ch, x, "rekeyed", false, copies, "new key");
        ch.basicReject(run.get(ch, own, false).getEnvelope().getDeliveryTag(), false);
        ch.basicReject(run.get(ch, rekeyed, false).getEnvelope().getDeliveryTag(), false);
        for (RecordingConsumer consumer : dead) {
            consumer.await(1);
        }
        run.publish(ch, x, "a.3", false, new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", "b.2")).build(), "cc not an array");
        run.awaitClosed(ch);
    }

    private static void alternateExchanges(ProgramRun run) throws Exception {
        Channel ch = run.channel(run.connect());
        run.confirmSelect(ch);
        String main = run.name("main");
        String ae = run.name("ae");
        String ae2 = run.name("ae2");
        String routed = run.name("routed");
        String caught = run.name("caught");
        String caught2 = run.name("caught2");
        run.declareExchange(ch, ae2, "fanout");
        run.declareExchange(ch, ae, "direct", Map.of("alternate-exchange", ae2));
        run.declareExchange(ch, main, "direct", Map.of("alternate-exchange", ae));
        run.declareQueue(ch, routed, Map.of());
        run.declareQueue(ch, caught, Map.of());
        run.declareQueue(ch, caught2, Map.of());
        ch.queueBind(routed, main, "r");
        ch.queueBind(caught, ae, "c");
        ch.queueBind(caught2, ae2, "");
        AMQP.BasicProperties plain = new AMQP.BasicProperties();
        run.publish(ch, main, "r", true, plain, "routed by main");
        run.publish(ch, main, "c", true, plain, "caught by ae"); // mandatory, but the AE routed it: no return
        run.publish(ch, main, "z", true, plain, "caught by ae2 through ae");
        String dangling = run.name("dangling");
        run.declareExchange(ch, dangling, "fanout", Map.of("alternate-exchange", run.name("nowhere")));
        run.publish(ch, dangling, "z", true, plain, "alternate exchange missing: returned");
        String selfish = run.name("selfish");
        run.declareExchange(ch, selfish, "direct", Map.of("alternate-exchange", selfish));
        run.publish(ch, selfish, "z", true, plain, "its own alternate: returned");
        run.awaitConfirms(ch);
        run.drain(ch, routed);
        run.drain(ch, caught);
        run.drain(ch, caught2);
    }
}
