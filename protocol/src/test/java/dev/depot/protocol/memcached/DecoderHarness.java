package dev.depot.protocol.memcached;

import dev.depot.protocol.memcached.MemcachedCommand.*;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A {@link MemcachedDecoder} inside an {@link EmbeddedChannel}, fed like a socket would feed it,
 * plus assertions for the command records (which hold byte arrays, so record equality does not help).
 */
final class DecoderHarness implements AutoCloseable {
    /** memcached's default item size limit (-I 1m). */
    static final int ONE_MB = 1024 * 1024;
    static final String BAD_FORMAT = "CLIENT_ERROR bad command line format";
    static final String BAD_TOKEN = "CLIENT_ERROR bad token in command line format";
    static final String BAD_CHUNK = "CLIENT_ERROR bad data chunk";
    static final String ERROR = "ERROR";

    private final EmbeddedChannel channel;

    DecoderHarness() {
        this(ONE_MB);
    }

    DecoderHarness(int maxItemSize) {
        channel = new EmbeddedChannel(new MemcachedDecoder(maxItemSize));
    }

    /** Decodes {@code wire} (ISO-8859-1) in one read on a fresh decoder. */
    static List<MemcachedCommand> decode(String wire) {
        try (DecoderHarness h = new DecoderHarness()) {
            return h.write(wire).drain();
        }
    }

    /** Decodes {@code wire} and expects exactly one command. */
    static MemcachedCommand decodeOne(String wire) {
        List<MemcachedCommand> out = decode(wire);
        assertEquals(1, out.size(), () -> "expected one command for " + printable(wire) + " but got " + describe(out));
        return out.get(0);
    }

    DecoderHarness write(String wire) {
        return write(bytes(wire));
    }

    DecoderHarness write(byte[] wire) {
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        return this;
    }

    /** Feeds {@code wire} in reads of {@code chunk} bytes (the last one may be shorter). */
    DecoderHarness writeInChunks(byte[] wire, int chunk) {
        for (int i = 0; i < wire.length; i += chunk) {
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, i, Math.min(wire.length, i + chunk))));
        }
        return this;
    }

    DecoderHarness writeBytewise(String wire) {
        return writeInChunks(bytes(wire), 1);
    }

    /** Every command decoded since the last drain, in order. */
    List<MemcachedCommand> drain() {
        List<MemcachedCommand> out = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            out.add((MemcachedCommand) o);
        }
        return out;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }

    // ---- helpers ----------------------------------------------------------------------------

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static String printable(String s) {
        String shown = s.length() > 120 ? s.substring(0, 120) + "...(" + s.length() + ")" : s;
        return shown.replace("\r", "\\r").replace("\n", "\\n");
    }

    static String describe(List<MemcachedCommand> commands) {
        List<String> parts = new ArrayList<>();
        for (MemcachedCommand c : commands) {
            parts.add(describe(c));
        }
        return parts.toString();
    }

    /** A readable form of any command: byte arrays as text, flags as their tokens. */
    static String describe(MemcachedCommand c) {
        if (c == null || !c.getClass().isRecord()) {
            return String.valueOf(c);
        }
        StringBuilder b = new StringBuilder(c.getClass().getSimpleName()).append('(');
        java.lang.reflect.RecordComponent[] parts = c.getClass().getRecordComponents();
        for (int i = 0; i < parts.length; i++) {
            Object v;
            try {
                v = parts[i].getAccessor().invoke(c);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            if (v instanceof byte[] bytes) {
                v = bytes.length > 40 ? "<" + bytes.length + " bytes>" : printable(str(bytes));
            } else if (v instanceof MetaFlags flags) {
                v = tokens(flags);
            } else if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof byte[]) {
                @SuppressWarnings("unchecked") List<byte[]> keys = (List<byte[]>) list;
                v = keys.size() > 10 ? keys.size() + " keys" : keyStrings(keys);
            }
            b.append(i == 0 ? "" : ", ").append(parts[i].getName()).append('=').append(v);
        }
        return b.append(')').toString();
    }

    static void assertReply(String expected, MemcachedCommand actual) {
        Reply reply = assertInstanceOf(Reply.class, actual, () -> "expected Reply(" + expected + ") but got " + describe(actual));
        assertEquals(expected, reply.line());
    }

    static void assertReplies(List<MemcachedCommand> actual, String... expected) {
        assertEquals(expected.length, actual.size(), () -> "got " + describe(actual));
        for (int i = 0; i < expected.length; i++) {
            assertReply(expected[i], actual.get(i));
        }
    }

    static Store assertStore(MemcachedCommand actual, StoreMode mode, String key, int flags, int exptime, long cas,
                             String data, boolean noreply) {
        Store s = assertInstanceOf(Store.class, actual, () -> "got " + describe(actual));
        assertEquals(mode, s.mode(), "mode");
        assertEquals(key, str(s.key()), "key");
        assertEquals(flags, s.flags(), "flags");
        assertEquals(exptime, s.exptime(), "exptime");
        assertEquals(cas, s.cas(), "cas");
        assertEquals(data, str(s.data()), "data");
        assertEquals(noreply, s.noreply(), "noreply");
        return s;
    }

    static void assertTooLarge(MemcachedCommand actual, String key, boolean dropExisting, boolean noreply) {
        StoreTooLarge t = assertInstanceOf(StoreTooLarge.class, actual, () -> "got " + describe(actual));
        assertEquals(key, str(t.key()), "key");
        assertEquals(dropExisting, t.dropExisting(), "dropExisting");
        assertEquals(noreply, t.noreply(), "noreply");
    }

    static Get assertGet(MemcachedCommand actual, boolean withCas, boolean touch, int exptime, String... keys) {
        Get g = assertInstanceOf(Get.class, actual, () -> "got " + describe(actual));
        assertEquals(withCas, g.withCas(), "withCas");
        assertEquals(touch, g.touch(), "touch");
        assertEquals(exptime, g.exptime(), "exptime");
        assertEquals(List.of(keys), keyStrings(g.keys()));
        return g;
    }

    static List<String> keyStrings(List<byte[]> keys) {
        List<String> out = new ArrayList<>();
        for (byte[] k : keys) {
            out.add(str(k));
        }
        return out;
    }

    /** The meta flag tokens as strings, in request order. */
    static List<String> tokens(MetaFlags flags) {
        return keyStrings(flags.tokens());
    }
}
