package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.ManualClock;
import dev.depot.storage.broker.Messages;
import dev.depot.storage.broker.exchange.ExchangeSettings;
import dev.depot.storage.broker.exchange.ExchangeType;
import dev.depot.storage.broker.message.MessageProperties;
import dev.depot.storage.broker.queue.GetResult;
import dev.depot.storage.broker.queue.MessageQueue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** Publishing while the topology changes: routing never locks, yet nothing bound is missed. */
class VirtualHostConcurrencyTest {
    private static final Object CONN = "c";

    @Test
    void publishersRouteThroughBindingsThatChangeUnderThem() throws Exception {
        VirtualHost vhost = new Broker(new ManualClock(), BrokerJournal.NONE, (p, h) -> p).virtualHost("/");
        vhost.declareExchange("events", ExchangeSettings.of(ExchangeType.TOPIC, false));
        vhost.declareQueue(QueueDeclaration.named("stable"), CONN);
        vhost.bindQueue("stable", "events", "orders.#", Map.of(), CONN);

        int publishers = 3;
        int perPublisher = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch published = new CountDownLatch(publishers);
        AtomicBoolean churning = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int publisher = p;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perPublisher; i++) {
                        PublishResult result = vhost.publish("events", Messages.message("events", "orders.eu.created",
                                publisher + ":" + i, MessageProperties.NONE));
                        assertEquals(PublishResult.ROUTED, result);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    published.countDown();
                }
            }));
        }
        threads.add(new Thread(() -> {
            try {
                start.await();
                for (int round = 0; churning.get(); round++) {
                    String queue = "churn-" + (round % 8);
                    vhost.declareQueue(new QueueDeclaration(queue, false, false, true, Map.of()), CONN);
                    vhost.bindQueue(queue, "events", round % 2 == 0 ? "orders.*.created" : "#", Map.of(), CONN);
                    vhost.unbindQueue(queue, "events", round % 2 == 0 ? "orders.*.created" : "#", Map.of());
                    vhost.deleteQueue(queue, false, false, CONN);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }));
        threads.forEach(Thread::start);
        start.countDown();
        assertTrue(published.await(60, TimeUnit.SECONDS));
        churning.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertNull(failure.get());

        MessageQueue stable = vhost.queue("stable", CONN);
        Set<String> seen = new HashSet<>();
        int[] next = new int[publishers];
        GetResult got;
        while ((got = stable.get(true)) != null) {
            String body = Messages.body(got.delivery().message());
            assertTrue(seen.add(body), "duplicate " + body);
            String[] parts = body.split(":");
            int publisher = Integer.parseInt(parts[0]);
            assertEquals(next[publisher]++, Integer.parseInt(parts[1]), "each publisher's messages in order");
        }
        assertEquals(publishers * perPublisher, seen.size());
        assertEquals(List.of("stable"), vhost.queues().stream().map(q -> q.name().name()).toList());
    }
}
