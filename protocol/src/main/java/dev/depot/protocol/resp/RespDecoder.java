package dev.depot.protocol.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns Redis's request protocol into {@link RespRequest}s, replicating Redis 7.0's
 * processMultibulkBuffer and processInlineBuffer so that every malformed request gets Redis's
 * reply, at the same moment. A request starting with '*' is a multibulk
 * ({@code *<n>\r\n$<len>\r\n<bytes>\r\n...}), anything else an inline command line.
 *
 * <p>Redis's parser is lenient in ways clients may rely on, and this one is too: the byte after
 * each '\r' of a "*" or "$" line and the two bytes after each bulk are skipped unchecked, a count of
 * zero or less is ignored, and lines are found with C's strchr, so a NUL byte before the line
 * ending hides it for good (the connection then waits until the 64 KB limit fails it). One
 * instance per connection.
 */
public final class RespDecoder extends ByteToMessageDecoder {
    /** Redis's proto-max-bulk-len default: 512 MB. */
    public static final long DEFAULT_MAX_BULK_LENGTH = 512L * 1024 * 1024;
    /** PROTO_INLINE_MAX_SIZE: how much may be buffered while the current line has no ending. */
    static final int MAX_LINE_BUFFER = 64 * 1024;
    /** PROTO_MBULK_BIG_ARG: arguments this large are copied out as they arrive. */
    static final int BIG_ARG = 32 * 1024;
    /** Limits while the connection must still authenticate (Redis's authRequired). */
    static final int UNAUTHENTICATED_MAX_COUNT = 10;
    static final int UNAUTHENTICATED_MAX_BULK = 16384;
    /** Redis allocates its argv for at most this many arguments up front, so a huge count costs nothing. */
    private static final int INITIAL_ARGS = 1024;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final ByteProcessor FIND_CR_OR_NUL = b -> b != '\r' && b != 0;
    private static final ByteProcessor FIND_LF_OR_NUL = b -> b != '\n' && b != 0;

    private final long maxBulkLength;
    private boolean authRequired;
    /** A protocol error was emitted: everything after it is discarded. */
    private boolean failed;

    /** Arguments still to come in the current multibulk; 0 between requests. */
    private int remaining;
    private List<byte[]> args;
    /** Length of the argument being read; -1 while its "$" line is awaited. */
    private long bulkLength = -1;
    /** A big argument, filled as its bytes arrive so that the cumulation buffer stays small. */
    private byte[] big;
    private int bigFilled;

    /** Bytes after the reader index already searched in vain for the current line's ending. */
    private int scanned;
    /** The current line has a NUL before any ending: Redis's strchr will never find one. */
    private boolean blocked;
    private final long[] number = new long[1];

    public RespDecoder() {
        this(DEFAULT_MAX_BULK_LENGTH);
    }

    /** @param maxBulkLength Redis's proto-max-bulk-len; larger "$" lengths are protocol errors */
    public RespDecoder(long maxBulkLength) {
        if (maxBulkLength < 0 || maxBulkLength > MAX_ARRAY) {
            throw new IllegalArgumentException("maxBulkLength must be within 0.." + MAX_ARRAY + ": " + maxBulkLength);
        }
        this.maxBulkLength = maxBulkLength;
    }

    /**
     * Whether the connection has yet to authenticate. Until it does, Redis refuses counts over
     * 10 ("unauthenticated multibulk length") and bulks over 16384 bytes ("unauthenticated bulk
     * length"). Call on the channel's event loop: at connect when a password is configured,
     * and again after a successful AUTH or HELLO.
     */
    public void setAuthRequired(boolean authRequired) {
        this.authRequired = authRequired;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.isReadable()) {
            boolean progressed;
            if (remaining == 0) {
                progressed = in.getByte(in.readerIndex()) == '*' ? readCount(in, out) : readInline(in, out);
            } else if (bulkLength < 0) {
                progressed = readBulkLength(in, out);
            } else {
                progressed = readBulk(in, out);
            }
            if (!progressed) {
                return;
            }
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    /**
     * The "*<n>" line. Any count up to INT_MAX is fine (Redis 7.0 dropped the old limit of
     * 1024*1024; the argument list grows as arguments arrive); zero or less is skipped.
     */
    private boolean readCount(ByteBuf in, List<Object> out) {
        int cr = findLineEnd(in, FIND_CR_OR_NUL);
        if (cr < 0) {
            return tooBigOrWait(in, out, "too big mbulk count string");
        }
        if (cr == in.writerIndex() - 1) {
            return false; // Redis wants one byte after the '\r' (and never looks at it)
        }
        if (!RespIntegers.parse(in, in.readerIndex() + 1, cr, number) || number[0] > Integer.MAX_VALUE) {
            return fail(in, out, "invalid multibulk length");
        }
        long count = number[0];
        if (count > UNAUTHENTICATED_MAX_COUNT && authRequired) {
            return fail(in, out, "unauthenticated multibulk length");
        }
        consumeLine(in, cr + 2);
        if (count > 0) {
            remaining = (int) count;
            args = new ArrayList<>((int) Math.min(count, INITIAL_ARGS));
        }
        return true;
    }

    /** The "$<len>" line of the next argument. */
    private boolean readBulkLength(ByteBuf in, List<Object> out) {
        int cr = findLineEnd(in, FIND_CR_OR_NUL);
        if (cr < 0) {
            return tooBigOrWait(in, out, "too big bulk count string");
        }
        if (cr == in.writerIndex() - 1) {
            return false;
        }
        int start = in.readerIndex();
        byte first = in.getByte(start);
        if (first != '$') {
            // Redis prints the byte with %c, then turns CR and LF into spaces
            char shown = first == '\r' || first == '\n' ? ' ' : (char) (first & 0xff);
            return fail(in, out, "expected '$', got '" + shown + "'");
        }
        if (!RespIntegers.parse(in, start + 1, cr, number) || number[0] < 0 || number[0] > maxBulkLength) {
            return fail(in, out, "invalid bulk length");
        }
        if (number[0] > UNAUTHENTICATED_MAX_BULK && authRequired) {
            return fail(in, out, "unauthenticated bulk length");
        }
        consumeLine(in, cr + 2);
        bulkLength = number[0];
        return true;
    }

    /** The argument's bytes and the two bytes after them, which Redis skips without checking. */
    private boolean readBulk(ByteBuf in, List<Object> out) {
        int length = (int) bulkLength;
        if (big == null) {
            if (in.readableBytes() >= length + 2L) {
                byte[] arg = new byte[length];
                in.readBytes(arg);
                in.skipBytes(2);
                return addArgument(arg, out);
            }
            if (length < BIG_ARG) {
                return false; // wait for the rest in the cumulation buffer
            }
            // Growing a cumulation buffer to hundreds of MB copies it again and again; copy the
            // argument out instead. Its array grows with what actually arrives, not with the
            // announced length, so a bare "$536870912" line costs nothing.
            big = new byte[0];
            bigFilled = 0;
        }
        int take = Math.min(length - bigFilled, in.readableBytes());
        if (bigFilled + take > big.length) {
            big = Arrays.copyOf(big, (int) Math.min(length, Math.max(bigFilled + take, Math.max(2L * big.length, BIG_ARG))));
        }
        in.readBytes(big, bigFilled, take);
        bigFilled += take;
        if (bigFilled < length || in.readableBytes() < 2) {
            return false;
        }
        in.skipBytes(2);
        byte[] arg = big;
        big = null;
        return addArgument(arg, out);
    }

    private boolean addArgument(byte[] arg, List<Object> out) {
        args.add(arg);
        bulkLength = -1;
        if (--remaining == 0) {
            out.add(new RespCommand(args));
            args = null;
        }
        return true;
    }

    /** A line up to '\n' (a '\r' right before it is dropped), split by {@link InlineSplitter}. */
    private boolean readInline(ByteBuf in, List<Object> out) {
        int lf = findLineEnd(in, FIND_LF_OR_NUL);
        if (lf < 0) {
            return tooBigOrWait(in, out, "too big inline request");
        }
        int start = in.readerIndex();
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        List<byte[]> argv = InlineSplitter.split(line);
        if (argv == null) {
            return fail(in, out, "unbalanced quotes in request");
        }
        consumeLine(in, lf + 1);
        if (!argv.isEmpty()) {
            out.add(new RespCommand(argv)); // an empty line is skipped silently
        }
        return true;
    }

    /**
     * Where the current line ends, as Redis's strchr finds it: the first terminator before any
     * NUL, or -1. Remembers how far it searched, so a line arriving in many reads is scanned once.
     */
    private int findLineEnd(ByteBuf in, ByteProcessor terminatorOrNul) {
        if (blocked) {
            return -1;
        }
        int from = in.readerIndex() + scanned;
        int at = in.forEachByte(from, in.writerIndex() - from, terminatorOrNul);
        if (at < 0) {
            scanned = in.readableBytes();
            return -1;
        }
        if (in.getByte(at) == 0) {
            blocked = true;
            return -1;
        }
        return at;
    }

    private void consumeLine(ByteBuf in, int next) {
        in.readerIndex(next);
        scanned = 0;
        blocked = false;
    }

    /** Redis fails a line without its ending once more than 64 KB wait from its start. */
    private boolean tooBigOrWait(ByteBuf in, List<Object> out, String reason) {
        return in.readableBytes() > MAX_LINE_BUFFER && fail(in, out, reason);
    }

    private boolean fail(ByteBuf in, List<Object> out, String reason) {
        out.add(new RespProtocolError(reason));
        failed = true;
        args = null;
        big = null;
        in.skipBytes(in.readableBytes());
        return false;
    }
}
