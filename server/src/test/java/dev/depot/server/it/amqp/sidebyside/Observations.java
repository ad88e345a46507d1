package dev.depot.server.it.amqp.sidebyside;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one client program saw of one broker: named streams of lines. Each stream is written by
 * one source whose order AMQP defines: "main" by the program's own thread (replies to its
 * synchronous calls, in program order), a consumer's stream by the client's dispatcher for that
 * channel (consume-ok, deliveries, cancels in wire order), a channel's or connection's stream by
 * the client's reader thread (returns and closes in wire order). How lines of different streams
 * interleave is not observable in a defined way (different threads of the client, different
 * channels on the broker), so only each stream's own order is compared.
 *
 * <p>Lines are normalised as they are added: the names a program made unique for this run lose
 * their run token, and server-generated consumer tags and queue names of RabbitMQ's shape
 * (a fixed prefix and 22 URL-safe base64 characters) lose their random part. Names whose form
 * is the broker's own business (direct reply-to addresses) are shown by the alias the program
 * gives them once it knows them ({@link #alias}), wherever they appear, before or after.
 */
final class Observations {
    static final String MAIN = "main";
    private static final Pattern CONSUMER_TAG = Pattern.compile("amq\\.ctag-[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])");
    private static final Pattern QUEUE_NAME = Pattern.compile("amq\\.gen-[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])");

    private final String runToken;
    private final Map<String, List<String>> streams = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    /** {@code runToken} is the prefix of every name the program made unique to this run. */
    Observations(String runToken) {
        this.runToken = runToken;
        open(MAIN);
    }

    /** Opens a stream; streams are rendered in the order they were opened (by the program's thread). */
    synchronized void open(String stream) {
        streams.putIfAbsent(stream, new ArrayList<>());
    }

    synchronized void add(String stream, String line) {
        streams.computeIfAbsent(stream, s -> new ArrayList<>()).add(normalise(line));
    }

    private String normalise(String line) {
        String s = line.replace(runToken, "");
        s = CONSUMER_TAG.matcher(s).replaceAll("amq.ctag-*");
        return QUEUE_NAME.matcher(s).replaceAll("amq.gen-*");
    }

    /** From now on, and in the lines already added, {@code actual} reads {@code shown}. */
    synchronized void alias(String actual, String shown) {
        aliases.put(actual, shown);
    }

    /** Every non-empty stream: its name, then its lines indented. */
    synchronized String render() {
        StringBuilder out = new StringBuilder();
        streams.forEach((name, lines) -> {
            if (!lines.isEmpty()) {
                out.append(name).append(":\n");
                lines.forEach(line -> out.append("  ").append(aliased(line)).append('\n'));
            }
        });
        return out.toString();
    }

    private String aliased(String line) {
        String s = line;
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            s = s.replace(alias.getKey(), alias.getValue());
        }
        return s;
    }
}
