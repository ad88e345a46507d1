package dev.depot.server.memcached;

import dev.depot.protocol.memcached.MemcachedCommand;
import dev.depot.protocol.memcached.MemcachedCommand.*;
import dev.depot.protocol.memcached.MemcachedReplies;
import dev.depot.protocol.memcached.MetaFlags;
import dev.depot.protocol.memcached.StoreMode;
import dev.depot.server.net.ReplyBuffer;
import dev.depot.storage.keyspace.Slot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The meta commands (mg, ms, md, ma, me, mn) of memcached 1.6.18: return flags are echoed in
 * request order, {@code q} hides the nominal reply, and stale/win/recache follow memcached's
 * rules (Z before X before W).
 */
final class MetaCommands {
    private static final byte[] CRLF = {'\r', '\n'};

    private final ItemStore store;
    private final MemcachedStats stats;
    private final ReplyBuffer replies;
    private final long[] casOut = new long[1];

    MetaCommands(ItemStore store, ReplyBuffer replies) {
        this.store = store;
        this.stats = store.stats();
        this.replies = replies;
    }

    void execute(MemcachedCommand command) {
        if (command instanceof MetaGet g) {
            get(g.key(), g.flags());
        } else if (command instanceof MetaSet s) {
            set(s);
        } else if (command instanceof MetaDelete d) {
            delete(d.key(), d.flags());
        } else if (command instanceof MetaArithmetic a) {
            arithmetic(a.key(), a.incr(), a.flags());
        } else if (command instanceof MetaDebug d) {
            debug(d.key());
        } else if (command instanceof MetaNoop) {
            MemcachedReplies.line(replies.out(), "MN");
        }
    }

    // ---- mg -------------------------------------------------------------------------------

    private void get(byte[] key, MetaFlags flags) {
        boolean counted = !flags.has('u');
        if (counted) {
            stats.cmdGet.increment();
        }
        if (flags.has('T')) {
            stats.cmdTouch.increment();
        }
        ByteBuf header = Unpooled.buffer(64);
        byte[] backing = store.keyspace().execute(key, slot -> {
            boolean created = false;
            if (!slot.isString()) {
                if (!flags.has('N')) {
                    return null;
                }
                slot.put(new byte[0], 0, 0);
                created = true;
            }
            long now = slot.nowMillis();
            int length = slot.stringLength();
            boolean won = false;
            if (flags.has('v')) {
                header.writeCharSequence("VA ", StandardCharsets.US_ASCII);
                MemcachedReplies.unsigned(header, length);
            } else {
                header.writeCharSequence("HD", StandardCharsets.US_ASCII);
            }
            for (byte[] token : flags.tokens()) {
                switch (token[0]) {
                    case 'T' -> slot.setExpiresAt(store.expiresAt(flags.ttl(), now));
                    case 'N' -> {
                        if (created) {
                            slot.setExpiresAt(store.expiresAt(flags.vivifyTtl(), now));
                            won = true;
                        }
                    }
                    case 'R' -> {
                        if (!slot.winTokenSent() && !created && slot.expiresAt() != 0
                                && slot.expiresAt() < store.expiresAt(flags.recacheTtl(), now)) {
                            won = true;
                        }
                    }
                    case 's' -> number(header, 's', length);
                    case 't' -> number(header, 't', Exptime.secondsLeft(slot.expiresAt(), now));
                    case 'c' -> number(header, 'c', slot.cas());
                    case 'f' -> number(header, 'f', slot.flags() & 0xffffffffL);
                    case 'l' -> number(header, 'l', slot.idleSeconds());
                    case 'h' -> number(header, 'h', slot.fetched() ? 1 : 0);
                    case 'O' -> header.writeByte(' ').writeBytes(token);
                    case 'k' -> key(header, key, slot.binaryKey());
                    default -> {
                    }
                }
            }
            if (slot.winTokenSent()) {
                header.writeBytes(" Z".getBytes(StandardCharsets.US_ASCII));
            }
            if (slot.stale()) {
                header.writeBytes(" X".getBytes(StandardCharsets.US_ASCII));
                if (!slot.winTokenSent()) {
                    won = true;
                }
            }
            if (won) {
                header.writeBytes(" W".getBytes(StandardCharsets.US_ASCII));
                slot.setWinTokenSent(true);
            }
            if (!flags.has('u')) {
                slot.markFetched();
            }
            return slot.stringBacking();
        });
        if (flags.opaqueTooLong()) {
            header.release();
            MemcachedReplies.line(replies.out(), MetaFlags.OPAQUE_TOO_LONG);
            return;
        }
        if (backing == null) {
            header.release();
            if (counted) {
                stats.getMisses.increment();
            }
            if (flags.quiet()) {
                return;
            }
            ByteBuf out = replies.out();
            out.writeCharSequence("EN", StandardCharsets.US_ASCII);
            echoOpaqueAndKey(out, key, flags);
            out.writeBytes(CRLF);
            return;
        }
        if (counted) {
            stats.getHits.increment();
        }
        if (flags.has('T')) {
            stats.touchHits.increment();
        }
        ByteBuf out = replies.out();
        out.writeBytes(header).writeBytes(CRLF);
        header.release();
        if (flags.has('v')) {
            int offset = Slot.valueOffset(backing);
            replies.bytes(backing, offset, backing.length - offset);
            replies.out().writeBytes(CRLF);
        }
    }

    // ---- ms -------------------------------------------------------------------------------

    private void set(MetaSet s) {
        MetaFlags flags = s.flags();
        StoreOutcome outcome = store.store(new ItemStore.StoreRequest(s.mode(), s.key(), s.data(), flags.clientFlags(),
                flags.ttl(), flags.compareCas(), flags.has('I'), flags.base64Key()), casOut);
        if (outcome == StoreOutcome.STORED && flags.quiet()) {
            return;
        }
        ByteBuf out = replies.out();
        out.writeCharSequence(outcome.meta, StandardCharsets.US_ASCII);
        for (byte[] token : outcome.isError() ? List.<byte[]>of() : flags.tokens()) {
            switch (token[0]) {
                case 'O' -> out.writeByte(' ').writeBytes(token);
                case 'k' -> key(out, s.key(), flags.base64Key());
                case 'c' -> number(out, 'c', casOut[0]);
                default -> {
                }
            }
        }
        out.writeBytes(CRLF);
    }

    // ---- md -------------------------------------------------------------------------------

    private void delete(byte[] key, MetaFlags flags) {
        StoreOutcome outcome = store.keyspace().execute(key, slot -> {
            if (!slot.exists()) {
                return StoreOutcome.NOT_FOUND;
            }
            if (flags.has('C') && slot.cas() != flags.compareCas()) {
                return StoreOutcome.EXISTS;
            }
            if (flags.has('I')) {
                if (flags.has('T')) {
                    slot.setExpiresAt(store.expiresAt(flags.ttl(), slot.nowMillis()));
                }
                slot.setStale(true);
                slot.setWinTokenSent(false);
                slot.setCas(store.keyspace().nextCas());
            } else {
                slot.delete();
            }
            return StoreOutcome.STORED;
        });
        (outcome == StoreOutcome.STORED ? stats.deleteHits : stats.deleteMisses).increment();
        if (outcome == StoreOutcome.STORED && flags.quiet()) {
            return;
        }
        ByteBuf out = replies.out();
        out.writeCharSequence(outcome.meta, StandardCharsets.US_ASCII);
        echoOpaqueAndKey(out, key, flags);
        out.writeBytes(CRLF);
    }

    // ---- ma -------------------------------------------------------------------------------

    private void arithmetic(byte[] key, boolean incr, MetaFlags flags) {
        ItemStore.Delta result = store.arithmetic(key, incr, flags.delta(), flags.has('C') ? flags.compareCas() : 0);
        boolean created = false;
        if (result == ItemStore.MISSING && flags.has('N')) {
            result = vivify(key, flags);
            created = result instanceof ItemStore.Delta.Done;
        }
        if (result == ItemStore.NON_NUMERIC) {
            MemcachedReplies.line(replies.out(), "CLIENT_ERROR cannot increment or decrement non-numeric value");
            return;
        }
        if (flags.opaqueTooLong()) {
            applyTtlFlags(key, flags, created);
            MemcachedReplies.line(replies.out(), MetaFlags.OPAQUE_TOO_LONG);
            return;
        }
        ByteBuf out = replies.out();
        if (!(result instanceof ItemStore.Delta.Done done)) {
            out.writeCharSequence(result == ItemStore.MISSING ? "NF" : "EX", StandardCharsets.US_ASCII);
            echoOpaqueAndKey(out, key, flags);
            out.writeBytes(CRLF);
            return;
        }
        if (flags.quiet() && !created) {
            applyTtlFlags(key, flags, false);
            return;
        }
        long now = store.keyspace().nowMillis();
        long expiresAt = done.expiresAt();
        if (flags.has('v')) {
            out.writeCharSequence("VA ", StandardCharsets.US_ASCII);
            MemcachedReplies.unsigned(out, done.text().length);
        } else {
            out.writeCharSequence("HD", StandardCharsets.US_ASCII);
        }
        for (byte[] token : flags.tokens()) {
            switch (token[0]) {
                case 'c' -> number(out, 'c', done.cas());
                case 't' -> number(out, 't', Exptime.secondsLeft(expiresAt, now));
                case 'T' -> expiresAt = store.expiresAt(flags.ttl(), now);
                case 'N' -> {
                    if (created) {
                        expiresAt = store.expiresAt(flags.vivifyTtl(), now);
                    }
                }
                case 'O' -> out.writeByte(' ').writeBytes(token);
                case 'k' -> key(out, key, flags.base64Key());
                default -> {
                }
            }
        }
        out.writeBytes(CRLF);
        if (flags.has('v')) {
            out.writeBytes(done.text()).writeBytes(CRLF);
        }
        applyTtlFlags(key, flags, created);
    }

    /** ma's T (and N on a created item) set the expiry after the value was computed. */
    private void applyTtlFlags(byte[] key, MetaFlags flags, boolean created) {
        if (!flags.has('T') && !(created && flags.has('N'))) {
            return;
        }
        store.keyspace().execute(key, slot -> {
            if (slot.exists()) {
                long now = slot.nowMillis();
                for (byte[] token : flags.tokens()) {
                    if (token[0] == 'T') {
                        slot.setExpiresAt(store.expiresAt(flags.ttl(), now));
                    } else if (token[0] == 'N' && created) {
                        slot.setExpiresAt(store.expiresAt(flags.vivifyTtl(), now));
                    }
                }
            }
            return null;
        });
    }

    private ItemStore.Delta vivify(byte[] key, MetaFlags flags) {
        byte[] text = Long.toUnsignedString(flags.initial()).getBytes(StandardCharsets.US_ASCII);
        return store.keyspace().execute(key, slot -> {
            if (slot.exists()) {
                return ItemStore.CAS_MISMATCH; // lost a race with another writer: memcached says NS; rare
            }
            slot.put(text, 0, 0);
            return new ItemStore.Delta.Done(flags.initial(), text, slot.cas(), 0);
        });
    }

    // ---- me -------------------------------------------------------------------------------

    private void debug(byte[] key) {
        String line = store.keyspace().execute(key, slot -> {
            byte[] v = slot.bytes();
            if (v == null) {
                return null;
            }
            long now = slot.nowMillis();
            int size = ItemSizes.itemSize(key.length, slot.flags(), v.length);
            long left = Exptime.secondsLeft(slot.expiresAt(), now);
            // memcached prints the expiry as "now - exptime": negative while the item lives
            String shown = slot.binaryKey() ? Base64.getEncoder().encodeToString(key)
                    : new String(key, StandardCharsets.ISO_8859_1);
            return "ME " + shown
                    + " exp=" + (left < 0 ? -1 : -left)
                    + " la=" + slot.idleSeconds()
                    + " cas=" + Long.toUnsignedString(slot.cas())
                    + " fetch=" + (slot.fetched() ? "yes" : "no")
                    + " cls=" + ItemSizes.slabClass(size)
                    + " size=" + size;
        });
        MemcachedReplies.line(replies.out(), line == null ? "EN" : line);
    }

    // ---- shared pieces ----------------------------------------------------------------------

    private static void number(ByteBuf out, char flag, long value) {
        out.writeByte(' ').writeByte(flag);
        MemcachedReplies.signed(out, value);
    }

    private static void key(ByteBuf out, byte[] key, boolean binary) {
        out.writeByte(' ').writeByte('k');
        if (binary) {
            out.writeBytes(Base64.getEncoder().encode(key)).writeBytes(" b".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.writeBytes(key);
        }
    }

    private static void echoOpaqueAndKey(ByteBuf out, byte[] key, MetaFlags flags) {
        for (byte[] token : flags.tokens()) {
            if (token[0] == 'O') {
                out.writeByte(' ').writeBytes(token);
            } else if (token[0] == 'k') {
                key(out, key, flags.base64Key());
            }
        }
    }
}
