package dev.depot.storage.broker.routing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Topic matching against what a real RabbitMQ 3.10.8 routed: each binding key below was bound
 * to its own queue of a topic exchange and every routing key published once.
 */
class TopicTableTest {
    private static final List<String> ROUTING_KEYS = List.of("", "a", "b", "a.b", "a.b.c", "a.c.b", "a.x.y.b", ".", "a.", ".a", "a..b", "..", "b.a", "a.a.b", "a.b.b", "a.b.a", "c", "x.a.y", "a#", "a*", "#", "*", "a.#b");

    /** Binding key: the routing keys above that RabbitMQ 3.10 delivered through it, in order. */
    private static final Map<String, List<String>> RABBITMQ = Map.ofEntries(
            Map.entry("#", List.of("", "a", "b", "a.b", "a.b.c", "a.c.b", "a.x.y.b", ".", "a.", ".a", "a..b", "..", "b.a", "a.a.b", "a.b.b", "a.b.a", "c", "x.a.y", "a#", "a*", "#", "*", "a.#b")),
            Map.entry("*", List.of("a", "b", "c", "a#", "a*", "#", "*")),
            Map.entry("a", List.of("a")),
            Map.entry("a.b", List.of("a.b")),
            Map.entry("a.*", List.of("a.b", "a.", "a.#b")),
            Map.entry("*.b", List.of("a.b")),
            Map.entry("a.#", List.of("a", "a.b", "a.b.c", "a.c.b", "a.x.y.b", "a.", "a..b", "a.a.b", "a.b.b", "a.b.a", "a.#b")),
            Map.entry("#.b", List.of("b", "a.b", "a.c.b", "a.x.y.b", "a..b", "a.a.b", "a.b.b")),
            Map.entry("a.#.b", List.of("a.b", "a.c.b", "a.x.y.b", "a..b", "a.a.b", "a.b.b")),
            Map.entry("#.#", List.of("", "a", "b", "a.b", "a.b.c", "a.c.b", "a.x.y.b", ".", "a.", ".a", "a..b", "..", "b.a", "a.a.b", "a.b.b", "a.b.a", "c", "x.a.y", "a#", "a*", "#", "*", "a.#b")),
            Map.entry("*.*", List.of("a.b", ".", "a.", ".a", "b.a", "a.#b")),
            Map.entry("a.*.#", List.of("a.b", "a.b.c", "a.c.b", "a.x.y.b", "a.", "a..b", "a.a.b", "a.b.b", "a.b.a", "a.#b")),
            Map.entry("#.*", List.of("a", "b", "a.b", "a.b.c", "a.c.b", "a.x.y.b", ".", "a.", ".a", "a..b", "..", "b.a", "a.a.b", "a.b.b", "a.b.a", "c", "x.a.y", "a#", "a*", "#", "*", "a.#b")),
            Map.entry("*.#", List.of("a", "b", "a.b", "a.b.c", "a.c.b", "a.x.y.b", ".", "a.", ".a", "a..b", "..", "b.a", "a.a.b", "a.b.b", "a.b.a", "c", "x.a.y", "a#", "a*", "#", "*", "a.#b")),
            Map.entry("", List.of("")),
            Map.entry(".", List.of(".")),
            Map.entry("a.", List.of("a.")),
            Map.entry(".a", List.of(".a")),
            Map.entry("a..b", List.of("a..b")),
            Map.entry("a.*.b", List.of("a.c.b", "a..b", "a.a.b", "a.b.b")),
            Map.entry("#.a.#", List.of("a", "a.b", "a.b.c", "a.c.b", "a.x.y.b", "a.", ".a", "a..b", "b.a", "a.a.b", "a.b.b", "a.b.a", "x.a.y", "a.#b")),
            Map.entry("*.*.#", List.of("a.b", "a.b.c", "a.c.b", "a.x.y.b", ".", "a.", ".a", "a..b", "..", "b.a", "a.a.b", "a.b.b", "a.b.a", "x.a.y", "a.#b")),
            Map.entry("a.#.#.b", List.of("a.b", "a.c.b", "a.x.y.b", "a..b", "a.a.b", "a.b.b")),
            Map.entry("#.#.b", List.of("b", "a.b", "a.c.b", "a.x.y.b", "a..b", "a.a.b", "a.b.b")),
            Map.entry("*.#.*", List.of("a.b", "a.b.c", "a.c.b", "a.x.y.b", ".", "a.", ".a", "a..b", "..", "b.a", "a.a.b", "a.b.b", "a.b.a", "x.a.y", "a.#b")),
            Map.entry("a.#.*", List.of("a.b", "a.b.c", "a.c.b", "a.x.y.b", "a.", "a..b", "a.a.b", "a.b.b", "a.b.a", "a.#b")),
            Map.entry("#.a", List.of("a", ".a", "b.a", "a.b.a")),
            Map.entry("a.b.#", List.of("a.b", "a.b.c", "a.b.b", "a.b.a")),
            Map.entry("..", List.of("..")),
            Map.entry("*.", List.of(".", "a.")),
            Map.entry(".*", List.of(".", ".a")),
            Map.entry("#.", List.of(".", "a.", "..")),
            Map.entry(".#", List.of(".", ".a", "..")),
            Map.entry("a.*.*", List.of("a.b.c", "a.c.b", "a..b", "a.a.b", "a.b.b", "a.b.a")),
            Map.entry("#.b.#", List.of("b", "a.b", "a.b.c", "a.c.b", "a.x.y.b", "a..b", "b.a", "a.a.b", "a.b.b", "a.b.a")),
            Map.entry("a#", List.of("a#")),
            Map.entry("a*", List.of("a*")),
            Map.entry("*a", List.of()),
            Map.entry("a.#b", List.of("a.#b"))
    );

    private static List<String> route(RoutingTable<String> table, String key) {
        List<String> targets = new ArrayList<>();
        table.route(key, Map.of(), targets::add);
        return targets;
    }

    @Test
    void everyBindingMatchesWhatRabbitMqMatched() {
        TopicTable<String> table = new TopicTable<>();
        RABBITMQ.keySet().forEach(binding -> table.add(binding, Map.of(), binding));
        Map<String, List<String>> matched = new HashMap<>();
        RABBITMQ.keySet().forEach(binding -> matched.put(binding, new ArrayList<>()));
        for (String key : ROUTING_KEYS) {
            // a binding reached along several paths ('#.#') counts once, as RabbitMQ delivers once
            for (String binding : new LinkedHashSet<>(route(table, key))) {
                matched.get(binding).add(key);
            }
        }
        RABBITMQ.forEach((binding, expected) -> assertEquals(expected, matched.get(binding), "binding '" + binding + "'"));
    }

    @Test
    void eachBindingAloneMatchesTheSame() {
        RABBITMQ.forEach((binding, expected) -> {
            TopicTable<String> table = new TopicTable<>();
            table.add(binding, Map.of(), "q");
            List<String> matched = new ArrayList<>();
            for (String key : ROUTING_KEYS) {
                if (!route(table, key).isEmpty()) {
                    matched.add(key);
                }
            }
            assertEquals(expected, matched, "binding '" + binding + "'");
        });
    }

    @Test
    void removingABindingPrunesOnlyIt() {
        TopicTable<String> table = new TopicTable<>();
        table.add("a.*", Map.of(), "q1");
        table.add("a.#", Map.of(), "q2");
        table.add("a.*", Map.of(), "q3");
        table.remove("a.*", Map.of(), "q1");
        assertEquals(Set.of("q2", "q3"), Set.copyOf(route(table, "a.b")));
        table.remove("a.*", Map.of(), "q3");
        table.remove("a.#", Map.of(), "q2");
        assertEquals(List.of(), route(table, "a.b"));
        table.add("a.*", Map.of(), "q4");
        assertEquals(List.of("q4"), route(table, "a.b"));
    }

    @Test
    void sameTargetBoundTwiceIsReportedPerBindingAndRemovedOneAtATime() {
        TopicTable<String> table = new TopicTable<>();
        table.add("a.b", Map.of(), "q");
        table.add("a.b", Map.of("x", 1), "q");
        assertEquals(List.of("q", "q"), route(table, "a.b"));
        table.remove("a.b", Map.of("x", 1), "q");
        assertEquals(List.of("q"), route(table, "a.b"));
    }

    @Test
    void runsOfHashesCollapseSoTheyCostOneNode() {
        TopicTable<String> table = new TopicTable<>();
        table.add("#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.x", Map.of(), "q");
        String key = "w.".repeat(200) + "x";
        assertEquals(List.of("q"), route(table, key));
        table.remove("#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.#.x", Map.of(), "q");
        assertEquals(List.of(), route(table, key));
    }

    @Test
    void readersRouteWhileAWriterBindsAndUnbinds() throws Exception {
        TopicTable<String> table = new TopicTable<>();
        table.add("stable.#", Map.of(), "stable");
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                start.await();
                for (int i = 0; i < 20_000; i++) {
                    String key = "stable." + (i % 50) + ".*";
                    table.add(key, Map.of(), "churn");
                    table.remove(key, Map.of(), "churn");
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        writer.start();
        start.countDown();
        while (writer.isAlive()) {
            List<String> targets = route(table, "stable.7.x");
            assertTrue(targets.contains("stable"), "the untouched binding always routes: " + targets);
        }
        writer.join();
        assertNull(failure.get());
        assertEquals(List.of("stable"), route(table, "stable.7.x"));
    }
}
