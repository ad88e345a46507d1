package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.ManualClock;
import dev.depot.storage.broker.Messages;
import dev.depot.storage.broker.ResourceName;
import dev.depot.storage.broker.message.Message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One queue with everything around it recorded: store calls, dead letters, auto-delete requests. */
final class QueueHarness {
    record DeadLetter(String body, DeathReason reason) {
    }

    final ManualClock clock = new ManualClock();
    final List<String> stored = Collections.synchronizedList(new ArrayList<>());
    final List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());
    final List<MessageQueue> abandoned = Collections.synchronizedList(new ArrayList<>());

    private final MessageStore store = new MessageStore() {
        @Override
        public void enqueued(ResourceName queue, Message message) {
            stored.add("+" + Messages.body(message));
        }

        @Override
        public void removed(ResourceName queue, Message message) {
            stored.add("-" + Messages.body(message));
        }
    };

    static Map<String, Object> args(Object... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            args.put((String) pairs[i], pairs[i + 1]);
        }
        return args;
    }

    MessageQueue queue(Object... argumentPairs) {
        return queue(false, false, args(argumentPairs));
    }

    MessageQueue queue(boolean durable, boolean autoDelete, Map<String, Object> arguments) {
        ResourceName name = ResourceName.queue("/", "q");
        QueueSettings settings = new QueueSettings(name, durable, null, autoDelete, QueueArguments.parse(name, arguments));
        return new MessageQueue(settings, new QueueServices(clock, store,
                (from, message, reason) -> deadLetters.add(new DeadLetter(Messages.body(message), reason)),
                abandoned::add));
    }

    static void publish(MessageQueue queue, String... bodies) {
        for (String body : bodies) {
            queue.publish(Messages.message("q", body));
        }
    }

    /** basic.get with auto-ack until empty. */
    static List<String> drain(MessageQueue queue) {
        List<String> bodies = new ArrayList<>();
        GetResult got;
        while ((got = queue.get(true)) != null) {
            bodies.add(Messages.body(got.delivery().message()));
        }
        return bodies;
    }
}
