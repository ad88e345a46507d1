package dev.depot.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MONITOR: connections that get one line for every command the server runs, in Redis's format
 * {@code +1339518083.107412 [0 127.0.0.1:60866] "set" "k" "v"}. The line is built once and
 * handed to each monitor's channel, as pub/sub messages are; a monitor that cannot keep up is
 * disconnected rather than waited for.
 */
final class Monitors {
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    /** How many monitors there are, read on every command: cheaper than asking the set. */
    private final AtomicInteger count = new AtomicInteger();

    void add(Session session) {
        if (sessions.add(session)) {
            count.incrementAndGet();
        }
    }

    void remove(Session session) {
        if (sessions.remove(session)) {
            count.decrementAndGet();
        }
    }

    boolean any() {
        return count.get() > 0;
    }

    /** Sends the line for a command {@code from} ran (in its database as it is after the command). */
    void feed(Session from, String fullName, List<byte[]> args) {
        Instant now = Instant.now();
        StringBuilder line = new StringBuilder(64).append('+')
                .append(now.getEpochSecond()).append('.').append(String.format("%06d", now.getNano() / 1000))
                .append(" [").append(from.db).append(' ').append(PeerAddress.remote(from)).append(']');
        for (byte[] arg : CommandRedaction.shown(fullName, args)) {
            line.append(' ');
            quote(line, arg);
        }
        byte[] bytes = line.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        for (Session monitor : sessions) {
            Channel channel = monitor.channel;
            if (!channel.isActive()) {
                continue;
            }
            if (!channel.isWritable() && channel.unsafe().outboundBuffer() != null
                    && channel.unsafe().outboundBuffer().totalPendingWriteBytes() > PubSub.OUTPUT_HARD_LIMIT) {
                channel.close();
                continue;
            }
            ByteBuf out = channel.alloc().buffer(bytes.length).writeBytes(bytes);
            channel.writeAndFlush(out, channel.voidPromise());
        }
    }

    /** Redis's quoted form of an argument: C escapes for quotes and controls, \xHH for other bytes. */
    static void quote(StringBuilder out, byte[] arg) {
        out.append('"');
        for (byte b : arg) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 7 -> out.append("\\a");
                case 8 -> out.append("\\b");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append((char) c);
                    } else {
                        out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    }
                }
            }
        }
        out.append('"');
    }
}
