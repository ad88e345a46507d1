package dev.depot.server.resp;

import dev.depot.protocol.resp.RespWriter;
import dev.depot.storage.types.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channels and patterns with their subscribers. Publishing encodes the message once per
 * protocol version and hands it to each subscriber's channel (Netty moves the write onto the
 * subscriber's own event loop), so a publisher never waits for a subscriber. A subscriber whose
 * unsent output passes the hard limit is disconnected, as Redis's client-output-buffer-limit
 * for pub/sub does; publishers are never slowed by it.
 */
final class PubSub {
    /** Redis's default pubsub hard limit. */
    static final long OUTPUT_HARD_LIMIT = 32L * 1024 * 1024;

    /** One subscribed connection. */
    record Subscriber(Channel channel, Session session) {
    }

    private final Map<Bytes, Set<Subscriber>> channels = new ConcurrentHashMap<>();
    private final Map<Bytes, Set<Subscriber>> patterns = new ConcurrentHashMap<>();

    /** Adds a subscription; true when it is new for this subscriber. */
    boolean subscribe(Subscriber subscriber, byte[] channel, boolean pattern) {
        return (pattern ? patterns : channels).computeIfAbsent(new Bytes(channel), k -> ConcurrentHashMap.newKeySet())
                .add(subscriber);
    }

    boolean unsubscribe(Subscriber subscriber, byte[] channel, boolean pattern) {
        Map<Bytes, Set<Subscriber>> map = pattern ? patterns : channels;
        Bytes key = new Bytes(channel);
        Set<Subscriber> subscribers = map.get(key);
        if (subscribers == null || !subscribers.remove(subscriber)) {
            return false;
        }
        map.computeIfPresent(key, (k, set) -> set.isEmpty() ? null : set);
        return true;
    }

    /** Delivers to every subscriber of the channel and of matching patterns; returns how many. */
    long publish(byte[] channel, byte[] message) {
        long receivers = 0;
        Set<Subscriber> direct = channels.get(new Bytes(channel));
        if (direct != null) {
            for (Subscriber s : direct) {
                deliver(s, List.of("message".getBytes(), channel, message));
                receivers++;
            }
        }
        for (Map.Entry<Bytes, Set<Subscriber>> e : patterns.entrySet()) {
            if (Glob.matches(e.getKey().value(), channel)) {
                for (Subscriber s : e.getValue()) {
                    deliver(s, List.of("pmessage".getBytes(), e.getKey().value(), channel, message));
                    receivers++;
                }
            }
        }
        return receivers;
    }

    private static void deliver(Subscriber subscriber, List<byte[]> parts) {
        Channel channel = subscriber.channel();
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        if (pending != null && pending.totalPendingWriteBytes() > OUTPUT_HARD_LIMIT) {
            channel.close(); // a subscriber that cannot keep up is let go, never waited for
            return;
        }
        RespWriter writer = RespWriter.of(subscriber.session().protocol);
        ByteBuf out = channel.alloc().buffer();
        writer.pushHeader(out, parts.size());
        for (byte[] part : parts) {
            writer.bulk(out, part);
        }
        channel.writeAndFlush(out, channel.voidPromise());
    }

    /** Channels with at least one subscriber, optionally matching a pattern. */
    List<byte[]> activeChannels(byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        channels.forEach((k, v) -> {
            if (!v.isEmpty() && (pattern == null || Glob.matches(pattern, k.value()))) {
                out.add(k.value());
            }
        });
        return out;
    }

    long subscribers(byte[] channel) {
        Set<Subscriber> set = channels.get(new Bytes(channel));
        return set == null ? 0 : set.size();
    }

    long patternCount() {
        return patterns.size();
    }
}
