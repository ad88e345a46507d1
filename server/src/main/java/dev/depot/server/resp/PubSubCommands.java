package dev.depot.server.resp;

import dev.depot.storage.types.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** SUBSCRIBE, PSUBSCRIBE, their UN- forms, PUBLISH and PUBSUB. */
final class PubSubCommands {
    /** What a RESP2 connection in subscribed mode may still send. */
    static final Set<String> ALLOWED_WHILE_SUBSCRIBED =
            Set.of("subscribe", "psubscribe", "unsubscribe", "punsubscribe", "ping", "quit", "reset");

    private PubSubCommands() {
    }

    static void register(CommandTable table, RespService service) {
        PubSub pubsub = service.pubsub();
        table.add("subscribe", -2, call -> subscribe(call, pubsub, false));
        table.add("psubscribe", -2, call -> subscribe(call, pubsub, true));
        table.add("unsubscribe", -1, call -> unsubscribe(call, pubsub, false));
        table.add("punsubscribe", -1, call -> unsubscribe(call, pubsub, true));
        table.add("publish", 3, call -> call.reply().integer(pubsub.publish(call.arg(1), call.arg(2))));
        table.add("pubsub", -2, call -> introspect(call, pubsub));
    }

    private static void subscribe(Call call, PubSub pubsub, boolean pattern) {
        Session session = call.session();
        for (int i = 1; i < call.argc(); i++) {
            byte[] name = call.arg(i);
            (pattern ? session.patterns : session.channels).add(new Bytes(name));
            pubsub.subscribe(session.subscriber(), name, pattern);
            confirm(call, pattern ? "psubscribe" : "subscribe", name, session.subscriptions());
        }
    }

    private static void unsubscribe(Call call, PubSub pubsub, boolean pattern) {
        Session session = call.session();
        Set<Bytes> mine = pattern ? session.patterns : session.channels;
        String kind = pattern ? "punsubscribe" : "unsubscribe";
        List<byte[]> names = new ArrayList<>();
        if (call.argc() == 1) {
            mine.forEach(b -> names.add(b.value()));
            if (names.isEmpty()) {
                confirm(call, kind, null, session.subscriptions());
                return;
            }
        } else {
            for (int i = 1; i < call.argc(); i++) {
                names.add(call.arg(i));
            }
        }
        for (byte[] name : names) {
            mine.remove(new Bytes(name));
            pubsub.unsubscribe(session.subscriber(), name, pattern);
            confirm(call, kind, name, session.subscriptions());
        }
    }

    /** Drops every subscription of a connection that went away. */
    static void dropAll(Session session, PubSub pubsub) {
        session.channels.forEach(b -> pubsub.unsubscribe(session.subscriber(), b.value(), false));
        session.patterns.forEach(b -> pubsub.unsubscribe(session.subscriber(), b.value(), true));
        session.channels.clear();
        session.patterns.clear();
    }

    private static void confirm(Call call, String kind, byte[] name, int count) {
        RespReply reply = call.reply();
        reply.push(3);
        reply.bulk(kind);
        if (name == null) {
            reply.nullBulk();
        } else {
            reply.bulk(name);
        }
        reply.integer(count);
    }

    private static void introspect(Call call, PubSub pubsub) {
        switch (call.text(1).toUpperCase(Locale.ROOT)) {
            case "CHANNELS" -> {
                if (call.argc() > 3) { // Redis's own check inside the command, hence its wording
                    throw new RespException("ERR unknown subcommand or wrong number of arguments for '"
                            + call.quoted(1) + "'. Try PUBSUB HELP.");
                }
                List<byte[]> active = pubsub.activeChannels(call.argc() > 2 ? call.arg(2) : null);
                call.reply().array(active.size());
                active.forEach(call.reply()::bulk);
            }
            case "NUMSUB" -> {
                call.reply().array(2 * (call.argc() - 2)); // a flat array in RESP3 too, as in Redis 7.0
                for (int i = 2; i < call.argc(); i++) {
                    call.reply().bulk(call.arg(i));
                    call.reply().integer(pubsub.subscribers(call.arg(i)));
                }
            }
            case "NUMPAT" -> {
                if (call.argc() != 2) {
                    throw new RespException("ERR wrong number of arguments for 'pubsub|numpat' command");
                }
                call.reply().integer(pubsub.patternCount());
            }
            default -> throw new RespException("ERR unknown subcommand '" + call.text(1) + "'. Try PUBSUB HELP.");
        }
    }
}
