package dev.depot.protocol.memcached;

import dev.depot.protocol.memcached.MemcachedCommand.*;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Turns the memcached text protocol into {@link MemcachedCommand}s, replicating memcached
 * 1.6's tokenizer and its argument checks so that every malformed request gets memcached's
 * reply. One instance per connection: it remembers a pending data block or bytes to swallow.
 */
public final class MemcachedDecoder extends ByteToMessageDecoder {
    /** memcached's KEY_MAX_LENGTH. */
    public static final int MAX_KEY_LENGTH = 250;
    /** A line without a newline past this size closes the connection (unless it is a get). */
    static final int MAX_LINE_WITHOUT_NEWLINE = 2048;
    /** memcached's read buffer: a non-get line whose newline lies beyond it closes the connection. */
    static final int READ_BUFFER = 16384;
    /** Upper bound for a multi-get line, so that a client cannot make us buffer forever. */
    static final int MAX_GET_LINE = 1 << 20;
    /** memcached's MFLAG_MAX_OPT_LENGTH: tokens (plus the terminator) a meta command may have. */
    static final int MAX_META_TOKENS = 20;
    /** memcached's item header with CAS plus the key's NUL and the data's CRLF. */
    static final int ITEM_OVERHEAD = 48 + 8 + 1 + 2;
    /** Non-zero client flags take this much more room in a memcached item. */
    static final int FLAGS_OVERHEAD = 4;
    private static final String ERROR = "ERROR";
    private static final String FLAGS_TOO_LONG = "CLIENT_ERROR options flags too long";

    private final int maxItemSize;
    /** Token boundaries of the current line; grown for long multi-gets, never shrunk. */
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private final long[] number = new long[1];

    /** A storage command waiting for its data block (value bytes + CRLF). */
    private PendingStore pending;
    /** Bytes of a refused data block still to discard. */
    private long swallow;
    /** What to emit once the swallowing is over (memcached replies only after the data is gone). */
    private MemcachedCommand afterSwallow;

    public MemcachedDecoder(int maxItemSize) {
        this.maxItemSize = maxItemSize;
    }

    /** What a storage line said, kept until its data block has arrived. */
    private record PendingStore(StoreMode mode, byte[] key, int flags, int exptime, long cas,
                                int length, boolean noreply, MetaFlags meta) {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (swallow > 0) {
                int n = (int) Math.min(swallow, in.readableBytes());
                in.skipBytes(n);
                swallow -= n;
                if (swallow == 0 && afterSwallow != null) {
                    out.add(afterSwallow);
                    afterSwallow = null;
                }
                continue;
            }
            if (pending != null) {
                if (in.readableBytes() < pending.length + 2) {
                    return;
                }
                MemcachedCommand stored = completeStore(in);
                if (stored != null) {
                    out.add(stored);
                }
                continue;
            }
            int lf = in.forEachByte(ByteProcessor.FIND_LF);
            if (lf < 0 ? in.readableBytes() > READ_BUFFER : lf - in.readerIndex() >= READ_BUFFER) {
                if (!mayBeLongGet(in)) {
                    close(ctx, in);
                    return;
                }
            }
            if (lf < 0) {
                return;
            }
            int end = lf > in.readerIndex() && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            // memcached handles the line as a C string: a NUL ends it
            int nul = in.indexOf(in.readerIndex(), end, (byte) 0);
            byte[] line = new byte[(nul < 0 ? end : nul) - in.readerIndex()];
            in.readBytes(line);
            in.readerIndex(lf + 1);
            MemcachedCommand command = parseLine(line);
            if (command != null) {
                out.add(command);
            }
            if (command instanceof Quit) {
                in.skipBytes(in.readableBytes());
                return;
            }
        }
    }

    /**
     * Once the socket is drained: memcached closes a connection whose buffered, unfinished line
     * is over 2048 bytes, unless it is a multi-get.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        ByteBuf buffered = internalBuffer();
        if (swallow == 0 && pending == null && buffered.readableBytes() > MAX_LINE_WITHOUT_NEWLINE
                && buffered.forEachByte(ByteProcessor.FIND_LF) < 0 && !mayBeLongGet(buffered)) {
            close(ctx, buffered);
        }
        super.channelReadComplete(ctx);
    }

    private static void close(ChannelHandlerContext ctx, ByteBuf in) {
        in.skipBytes(in.readableBytes());
        ctx.close();
    }

    /** memcached keeps reading a long line only if it is a multi-get; it closes on anything else. */
    private static boolean mayBeLongGet(ByteBuf in) {
        int i = in.readerIndex();
        int limit = in.writerIndex();
        while (i < limit && in.getByte(i) == ' ') {
            i++;
        }
        if (i - in.readerIndex() > 100 || in.readableBytes() > MAX_GET_LINE) {
            return false;
        }
        return startsWith(in, i, "get ") || startsWith(in, i, "gets ");
    }

    private static boolean startsWith(ByteBuf in, int at, String prefix) {
        if (in.writerIndex() - at < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (in.getByte(at + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private MemcachedCommand completeStore(ByteBuf in) {
        PendingStore p = pending;
        pending = null;
        byte[] data = new byte[p.length];
        in.readBytes(data);
        boolean crlf = in.readByte() == '\r' & in.readByte() == '\n';
        if (!crlf) {
            // Meta sets always report errors; classic ones stay silent under noreply.
            return p.meta != null || !p.noreply ? new Reply("CLIENT_ERROR bad data chunk") : null;
        }
        if (p.meta != null) {
            return new MetaSet(p.key, data, p.mode, p.meta);
        }
        return new Store(p.mode, p.key, p.flags, p.exptime, p.cas, data, p.noreply);
    }

    // ---- line parsing ---------------------------------------------------------------------

    /** Splits on spaces like memcached's tokenizer; returns the token count. */
    private int tokenize(byte[] line) {
        int count = 0;
        int i = 0;
        int n = line.length;
        while (i < n) {
            while (i < n && line[i] == ' ') {
                i++;
            }
            if (i == n) {
                break;
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            int s = i;
            while (i < n && line[i] != ' ') {
                i++;
            }
            starts[count] = s;
            ends[count] = i;
            count++;
        }
        return count;
    }

    private boolean is(byte[] line, int token, String word) {
        int s = starts[token];
        int len = ends[token] - s;
        if (len != word.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (line[s + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private int length(int token) {
        return ends[token] - starts[token];
    }

    private byte[] token(byte[] line, int token) {
        return Arrays.copyOfRange(line, starts[token], ends[token]);
    }

    private String text(byte[] line, int token) {
        return new String(line, starts[token], length(token), StandardCharsets.ISO_8859_1);
    }

    /** memcached's set_noreply_maybe: the last token is exactly "noreply". */
    private boolean noreply(byte[] line, int count) {
        return count > 0 && is(line, count - 1, "noreply");
    }

    private boolean signed(byte[] line, int token) {
        return CNumbers.parseSigned(line, starts[token], ends[token], number);
    }

    private boolean unsigned(byte[] line, int token) {
        return CNumbers.parseUnsigned(line, starts[token], ends[token], number);
    }

    /** A reply unless the command asked for silence (memcached's out_string under noreply). */
    private static MemcachedCommand reply(String line, boolean noreply) {
        return noreply ? null : new Reply(line);
    }

    MemcachedCommand parseLine(byte[] line) {
        int count = tokenize(line);
        // memcached counts a terminating empty token: "ntokens" below is count + 1.
        if (count == 0 || length(0) < 2) {
            return new Reply(ERROR);
        }
        byte first = line[starts[0]];
        if (first == 'm' && length(0) == 2) {
            return parseMeta(line, count);
        }
        if (is(line, 0, "get") || is(line, 0, "bget")) {
            return count < 2 ? new Reply(ERROR) : parseGet(line, count, false, false);
        }
        if (is(line, 0, "gets")) {
            return count < 2 ? new Reply(ERROR) : parseGet(line, count, true, false);
        }
        if (is(line, 0, "gat")) {
            return count < 2 ? new Reply(ERROR) : parseGet(line, count, false, true);
        }
        if (is(line, 0, "gats")) {
            return count < 2 ? new Reply(ERROR) : parseGet(line, count, true, true);
        }
        if (is(line, 0, "set")) {
            return parseStore(line, count, StoreMode.SET);
        }
        if (is(line, 0, "add")) {
            return parseStore(line, count, StoreMode.ADD);
        }
        if (is(line, 0, "replace")) {
            return parseStore(line, count, StoreMode.REPLACE);
        }
        if (is(line, 0, "append")) {
            return parseStore(line, count, StoreMode.APPEND);
        }
        if (is(line, 0, "prepend")) {
            return parseStore(line, count, StoreMode.PREPEND);
        }
        if (is(line, 0, "cas")) {
            return parseStore(line, count, StoreMode.CAS);
        }
        if (is(line, 0, "incr") || is(line, 0, "decr")) {
            return parseArithmetic(line, count, is(line, 0, "incr"));
        }
        if (is(line, 0, "delete")) {
            return parseDelete(line, count);
        }
        if (is(line, 0, "touch")) {
            return parseTouch(line, count);
        }
        if (is(line, 0, "flush_all")) {
            return parseFlushAll(line, count);
        }
        if (is(line, 0, "version")) {
            return new Version();
        }
        if (is(line, 0, "quit")) {
            return new Quit();
        }
        if (is(line, 0, "verbosity")) {
            return parseVerbosity(line, count);
        }
        if (is(line, 0, "stats")) {
            List<String> args = new ArrayList<>(count - 1);
            for (int t = 1; t < count; t++) {
                args.add(text(line, t));
            }
            return new Stats(args);
        }
        if (is(line, 0, "cache_memlimit")) {
            return parseMemlimit(line, count);
        }
        if (is(line, 0, "shutdown")) {
            return new Shutdown();
        }
        return new Reply(ERROR);
    }

    private MemcachedCommand parseGet(byte[] line, int count, boolean withCas, boolean touch) {
        int firstKey = 1;
        int exptime = 0;
        if (touch) {
            if (!signed(line, 1)) {
                return new Reply("CLIENT_ERROR invalid exptime argument");
            }
            exptime = (int) number[0];
            firstKey = 2;
        }
        List<byte[]> keys = new ArrayList<>(count - firstKey);
        for (int t = firstKey; t < count; t++) {
            if (length(t) > MAX_KEY_LENGTH) {
                return new RejectedGet();
            }
            keys.add(token(line, t));
        }
        return new Get(keys, withCas, touch, exptime);
    }

    private MemcachedCommand parseStore(byte[] line, int count, StoreMode mode) {
        boolean cas = mode == StoreMode.CAS;
        int want = cas ? 6 : 5;
        if (count != want && count != want + 1) {
            return new Reply(ERROR);
        }
        boolean noreply = noreply(line, count);
        if (length(1) > MAX_KEY_LENGTH) {
            return reply(MetaFlagParser.BAD_FORMAT, noreply);
        }
        if (!unsigned(line, 2)) {
            return reply(MetaFlagParser.BAD_FORMAT, noreply);
        }
        int flags = (int) number[0];
        if (!signed(line, 3)) {
            return reply(MetaFlagParser.BAD_FORMAT, noreply);
        }
        int exptime = (int) number[0];
        if (!signed(line, 4)) {
            return reply(MetaFlagParser.BAD_FORMAT, noreply);
        }
        int length = (int) number[0];
        long casValue = 0;
        if (cas) {
            if (!unsigned(line, 5)) {
                return reply(MetaFlagParser.BAD_FORMAT, noreply);
            }
            casValue = number[0];
        }
        if (length < 0 || length > Integer.MAX_VALUE - 2) {
            return reply(MetaFlagParser.BAD_FORMAT, noreply);
        }
        byte[] key = token(line, 1);
        if (!fits(key.length, flags, length)) {
            return swallowThen(length, new StoreTooLarge(key, mode == StoreMode.SET, noreply));
        }
        pending = new PendingStore(mode, key, flags, exptime, casValue, length, noreply, null);
        return null;
    }

    /** memcached's item_size_ok: header, key, flags, value and CRLF must fit in one item. */
    private boolean fits(int keyLength, int flags, int valueLength) {
        return (long) ITEM_OVERHEAD + keyLength + (flags != 0 ? FLAGS_OVERHEAD : 0) + valueLength <= maxItemSize;
    }

    /** Discards a data block (value and CRLF), then emits {@code then}, or nothing when null. */
    private MemcachedCommand swallowThen(int length, MemcachedCommand then) {
        swallow = length + 2L;
        afterSwallow = then;
        return null;
    }

    private MemcachedCommand parseArithmetic(byte[] line, int count, boolean incr) {
        if (count != 3 && count != 4) {
            return new Reply(ERROR);
        }
        boolean noreply = noreply(line, count);
        if (length(1) > MAX_KEY_LENGTH) {
            return reply(MetaFlagParser.BAD_FORMAT, noreply);
        }
        if (!unsigned(line, 2)) {
            return reply("CLIENT_ERROR invalid numeric delta argument", noreply);
        }
        return new Arithmetic(token(line, 1), incr, number[0], noreply);
    }

    private MemcachedCommand parseDelete(byte[] line, int count) {
        if (count < 2 || count > 4) {
            return new Reply(ERROR);
        }
        boolean noreply = false;
        if (count > 2) {
            boolean holdIsZero = is(line, 2, "0");
            noreply = noreply(line, count);
            boolean valid = (count == 3 && (holdIsZero || noreply)) || (count == 4 && holdIsZero && noreply);
            if (!valid) {
                return reply("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]", noreply);
            }
        }
        if (length(1) > MAX_KEY_LENGTH) {
            return reply(MetaFlagParser.BAD_FORMAT, noreply);
        }
        return new Delete(token(line, 1), noreply);
    }

    private MemcachedCommand parseTouch(byte[] line, int count) {
        if (count != 3 && count != 4) {
            return new Reply(ERROR);
        }
        boolean noreply = noreply(line, count);
        if (length(1) > MAX_KEY_LENGTH) {
            return reply(MetaFlagParser.BAD_FORMAT, noreply);
        }
        if (!signed(line, 2)) {
            return reply("CLIENT_ERROR invalid exptime argument", noreply);
        }
        return new Touch(token(line, 1), (int) number[0], noreply);
    }

    private MemcachedCommand parseFlushAll(byte[] line, int count) {
        if (count > 3) {
            return new Reply(ERROR);
        }
        boolean noreply = noreply(line, count);
        int delay = 0;
        if (count != (noreply ? 2 : 1)) {
            if (!signed(line, 1)) {
                return reply("CLIENT_ERROR invalid exptime argument", noreply);
            }
            delay = (int) number[0];
        }
        return new FlushAll(delay, noreply);
    }

    private MemcachedCommand parseVerbosity(byte[] line, int count) {
        if (count != 2 && count != 3) {
            return new Reply(ERROR);
        }
        boolean noreply = noreply(line, count);
        if (!unsigned(line, 1)) {
            return reply(MetaFlagParser.BAD_FORMAT, noreply);
        }
        return new Verbosity(noreply);
    }

    private MemcachedCommand parseMemlimit(byte[] line, int count) {
        if (count != 2 && count != 3) {
            return new Reply(ERROR);
        }
        boolean noreply = noreply(line, count);
        if (!unsigned(line, 1)) {
            return reply(ERROR, noreply);
        }
        return new CacheMemlimit(number[0] & 0xffffffffL, noreply); // memcached reads a uint32
    }

    // ---- meta commands --------------------------------------------------------------------

    private MemcachedCommand parseMeta(byte[] line, int count) {
        byte which = line[starts[0] + 1];
        return switch (which) {
            case 'n' -> new MetaNoop();
            case 'g' -> count < 2 ? new Reply(ERROR) : parseMetaGet(line, count);
            case 's' -> count < 2 ? new Reply(ERROR) : parseMetaSet(line, count);
            case 'd' -> count < 2 ? new Reply(ERROR) : parseMetaDeleteOrArithmetic(line, count, false);
            case 'a' -> count < 2 ? new Reply(ERROR) : parseMetaDeleteOrArithmetic(line, count, true);
            case 'e' -> count < 2 ? new Reply(MetaFlagParser.BAD_FORMAT) : parseMetaDebug(line, count);
            default -> new Reply(ERROR);
        };
    }

    /** The key, base64-decoded when the b flag asks; null when it does not decode. */
    private byte[] metaKey(byte[] line, MetaFlags flags) {
        byte[] raw = token(line, 1);
        return flags.base64Key() ? decodeBase64(raw) : raw;
    }

    /**
     * memcached's base64 decoder: characters outside the alphabet are skipped, and the rest must
     * be a non-empty multiple of four. Returns null when the key does not decode.
     */
    static byte[] decodeBase64(byte[] text) {
        byte[] kept = new byte[text.length];
        int n = 0;
        for (byte b : text) {
            if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/'
                    || b == '=') {
                kept[n++] = b;
            }
        }
        if (n == 0 || n % 4 != 0) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (kept[i] == '=') {
                n = (i / 4 + 1) * 4; // decoding ends with the first padded group
                break;
            }
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(Arrays.copyOf(kept, n));
            return decoded.length == 0 ? null : decoded;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private MemcachedCommand parseMetaGet(byte[] line, int count) {
        if (length(1) > MAX_KEY_LENGTH) {
            return new Reply(MetaFlagParser.BAD_FORMAT);
        }
        if (count + 1 > MAX_META_TOKENS) {
            return new Reply("CLIENT_ERROR options flags are too long"); // mg's own wording
        }
        MetaFlagParser.Result parsed = MetaFlagParser.parse(line, starts, ends, 2, count);
        if (parsed.flags() == null || parsed.error() != null) {
            return new Reply(parsed.error());
        }
        byte[] key = metaKey(line, parsed.flags());
        if (key == null) {
            return new Reply("CLIENT_ERROR error decoding key");
        }
        return new MetaGet(key, parsed.flags());
    }

    private MemcachedCommand parseMetaSet(byte[] line, int count) {
        if (length(1) > MAX_KEY_LENGTH || count == 2) {
            return new Reply(MetaFlagParser.BAD_FORMAT);
        }
        if (count + 1 > MAX_META_TOKENS) {
            return new Reply(FLAGS_TOO_LONG);
        }
        if (!signed(line, 2)) {
            return new Reply(MetaFlagParser.BAD_FORMAT);
        }
        int length = (int) number[0];
        if (length < 0 || length > Integer.MAX_VALUE - 2) {
            return new Reply(MetaFlagParser.BAD_FORMAT);
        }
        MetaFlagParser.Result parsed = MetaFlagParser.parse(line, starts, ends, 3, count);
        MetaFlags flags = parsed.flags();
        String error = parsed.error();
        byte[] key = null;
        StoreMode mode = StoreMode.SET;
        if (flags != null) {
            key = metaKey(line, flags);
            mode = switch (flags.mode()) {
                case 0, 'S' -> StoreMode.SET;
                case 'E' -> StoreMode.ADD;
                case 'A' -> StoreMode.APPEND;
                case 'P' -> StoreMode.PREPEND;
                case 'R' -> StoreMode.REPLACE;
                default -> null;
            };
            if (key == null) {
                error = "CLIENT_ERROR error decoding key";
            } else if (error == null && mode == null) {
                error = "CLIENT_ERROR invalid mode for ms M token";
            } else if (error == null && flags.opaqueTooLong()) {
                error = MetaFlags.OPAQUE_TOO_LONG;
            }
        }
        if (error != null) {
            return swallowThen(length, new Reply(error));
        }
        if (!fits(key.length, flags.clientFlags(), length)) {
            return swallowThen(length, new StoreTooLarge(key, true, false));
        }
        if (flags.has('C') && (mode == StoreMode.SET || mode == StoreMode.REPLACE)) {
            mode = StoreMode.CAS;
        }
        pending = new PendingStore(mode, key, flags.clientFlags(), flags.ttl(), flags.compareCas(), length,
                flags.quiet(), flags);
        return null;
    }

    private MemcachedCommand parseMetaDeleteOrArithmetic(byte[] line, int count, boolean arithmetic) {
        if (length(1) > MAX_KEY_LENGTH) {
            return new Reply(MetaFlagParser.BAD_FORMAT);
        }
        if (count + 1 > MAX_META_TOKENS) {
            return new Reply(FLAGS_TOO_LONG);
        }
        MetaFlagParser.Result parsed = MetaFlagParser.parse(line, starts, ends, 2, count);
        if (parsed.flags() == null || parsed.error() != null) {
            return new Reply("CLIENT_ERROR invalid or duplicate flag");
        }
        MetaFlags flags = parsed.flags();
        byte[] key = metaKey(line, flags);
        if (key == null) {
            return new Reply("CLIENT_ERROR invalid or duplicate flag");
        }
        if (!arithmetic) {
            if (flags.opaqueTooLong()) {
                return new Reply(MetaFlags.OPAQUE_TOO_LONG);
            }
            return new MetaDelete(key, flags);
        }
        return switch (flags.mode()) {
            case 0, 'I', '+' -> new MetaArithmetic(key, true, flags);
            case 'D', '-' -> new MetaArithmetic(key, false, flags);
            default -> new Reply("CLIENT_ERROR invalid mode for ma M token");
        };
    }

    private MemcachedCommand parseMetaDebug(byte[] line, int count) {
        if (length(1) > MAX_KEY_LENGTH) {
            return new Reply(MetaFlagParser.BAD_FORMAT);
        }
        boolean binary = count > 2 && is(line, 2, "b");
        byte[] key = token(line, 1);
        if (binary) {
            key = decodeBase64(key);
            if (key == null) {
                return new Reply(MetaFlagParser.BAD_FORMAT);
            }
        }
        return new MetaDebug(key, binary);
    }
}
