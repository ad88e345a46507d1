package dev.depot.server.resp;

import dev.depot.protocol.resp.RespWriter;
import dev.depot.server.resp.meta.CommandMeta;
import dev.depot.server.resp.meta.KeyFinder;
import dev.depot.storage.types.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Client-side caching (CLIENT TRACKING). In the default mode the keys a tracking client reads
 * are remembered with its id, whatever the database (as in Redis, a key name is one key for
 * tracking); the first change of such a key afterwards sends each of those clients one
 * invalidation and forgets the key. In BCAST mode a client names key prefixes instead and hears
 * of every change of a key under them. A change is any client write through either protocol, an
 * expiry, an eviction; FLUSHDB, FLUSHALL and memcached's flush_all send every tracking client
 * a null invalidation ("forget everything") and forget every key.
 *
 * <p>Changes come from the storage layer's listener ({@link KeyChanges}), which reports writes
 * only while at least one client tracks: until then a write pays one field read for all this.
 * The keys of a read are remembered before the command reads them, so that a write racing with
 * the read on another event loop always finds the reader; every invalidation a connection is
 * sent while its own command runs reaches it after that command's reply, as Redis orders them.
 *
 * <p>An invalidation goes to the tracking client itself as a RESP3 push ({@code invalidate}
 * with the keys, or null), or to the client it redirects to: a RESP3 push there too, or for a
 * RESP2 client in subscribed mode a message on {@code __redis__:invalidate}. A client whose
 * redirect target has gone is flagged, and a RESP3 one is told so with a
 * {@code tracking-redir-broken} push each time.
 */
final class Tracking {
    private static final byte[] INVALIDATE = ascii("invalidate");
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] REDIRECT_BROKEN = ascii("tracking-redir-broken");
    /** The channel on which a RESP2 client receives the invalidations redirected to it. */
    static final byte[] CHANNEL = ascii("__redis__:invalidate");
    /** Prefixes and the keys of one broadcast in Redis's order: byte by byte, unsigned. */
    private static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    /**
     * A tracking client's mode, from one CLIENT TRACKING ON to the next.
     *
     * @param redirect the client id invalidations go to; 0 for the tracking client itself
     * @param prefixes BCAST's prefixes in order (empty: none given, every key)
     */
    record Mode(boolean bcast, boolean optIn, boolean optOut, boolean noLoop, long redirect, List<byte[]> prefixes) {
        Mode {
            prefixes = List.copyOf(prefixes);
        }
    }

    /** An invalidation held until its client's own command has replied: keys, or null for everything. */
    record Deferred(Mode mode, List<byte[]> keys) {
    }

    private final ClientRegistry clients;
    private final KeyChanges changes;
    /** Default mode: each key read by tracking clients, with their ids (a set changed only inside the map's compute). */
    private final ConcurrentHashMap<Bytes, Set<Long>> readers = new ConcurrentHashMap<>();
    /** Client ids in {@link #readers}, all keys together (INFO's tracking_total_items). */
    private final LongAdder items = new LongAdder();
    /** BCAST: each prefix with the clients that follow it, prefixes in order. */
    private final ConcurrentSkipListMap<byte[], Set<Session>> prefixes = new ConcurrentSkipListMap<>(ORDER);
    /** The broadcasts gathered from the changes of the operation being reported on this thread. */
    private final ThreadLocal<Map<Session, TreeMap<byte[], TreeSet<byte[]>>>> broadcasts =
            ThreadLocal.withInitial(HashMap::new);
    /** Connections with tracking on; changed under this object's lock. */
    private volatile int trackingClients;

    Tracking(ClientRegistry clients, KeyChanges changes) {
        this.clients = clients;
        this.changes = changes;
    }

    // ---- turning it on and off (on the client's own event loop) ------------------------------

    /**
     * CLIENT TRACKING ON, already checked: the new mode replaces the old one, except that BCAST
     * prefixes add up ({@code added} empty with BCAST: every key, the empty prefix).
     */
    synchronized void on(Session session, boolean bcast, boolean optIn, boolean optOut, boolean noLoop,
                         long redirect, List<byte[]> added) {
        Mode old = session.tracking;
        TreeSet<byte[]> all = new TreeSet<>(ORDER);
        if (old != null) {
            all.addAll(old.prefixes());
        }
        if (bcast) {
            all.addAll(added.isEmpty() ? List.of(new byte[0]) : added);
        }
        if (old == null && trackingClients++ == 0) {
            changes.writes(true); // before the client's first read is remembered
        }
        session.trackingRedirectBroken = false;
        // the mode first: a writer that finds the client under a prefix reads its mode next
        session.tracking = new Mode(bcast, optIn, optOut, noLoop, redirect, new ArrayList<>(all));
        if (bcast) {
            for (byte[] prefix : all) {
                prefixes.computeIfAbsent(prefix, k -> ConcurrentHashMap.newKeySet()).add(session);
            }
        }
    }

    /**
     * CLIENT TRACKING OFF, RESET, and every connection's end (a connection that never tracked
     * costs one field read). The keys it read are forgotten lazily, as in Redis.
     */
    void off(Session session) {
        if (session.tracking != null) {
            turnOff(session);
        }
    }

    private synchronized void turnOff(Session session) {
        Mode old = session.tracking;
        for (byte[] prefix : old.prefixes()) {
            prefixes.computeIfPresent(prefix, (k, followers) -> {
                followers.remove(session);
                return followers.isEmpty() ? null : followers;
            });
        }
        session.tracking = null;
        session.trackingRedirectBroken = false;
        session.cachingNext = false;
        if (--trackingClients == 0) {
            // nobody tracks: writes are no longer reported, so what is remembered could only go stale
            changes.writes(false);
            readers.clear();
            items.reset();
        }
    }

    /** The first of {@code candidates} that overlaps {@code prefix} (one starts with the other), or null. */
    static byte[] overlapping(byte[] prefix, Iterable<byte[]> candidates) {
        for (byte[] other : candidates) {
            if (startsWith(prefix, other) || startsWith(other, prefix)) {
                return other;
            }
        }
        return null;
    }

    // ---- reads -------------------------------------------------------------------------------

    /**
     * Remembers the keys a tracking client's command is about to read: read-only commands only,
     * in the default mode, subject to OPTIN / OPTOUT and CLIENT CACHING.
     */
    void remember(Session session, CommandSpec spec, List<byte[]> args) {
        Mode mode = session.tracking;
        if (mode == null || mode.bcast() || (mode.optIn() && !session.cachingNext)
                || (mode.optOut() && session.cachingNext)) {
            return;
        }
        CommandMeta meta = spec.meta();
        if (meta.isContainer()) {
            Optional<CommandMeta> sub = args.size() > 1
                    ? meta.servedSubcommand(new String(args.get(1), StandardCharsets.ISO_8859_1)) : Optional.empty();
            if (sub.isEmpty()) {
                return;
            }
            meta = sub.get();
        }
        if (!meta.info().flags().contains("readonly")) {
            return;
        }
        Optional<List<KeyFinder.FoundKey>> keys = KeyFinder.find(meta, args);
        if (keys.isEmpty()) {
            return;
        }
        Long id = session.id;
        for (KeyFinder.FoundKey key : keys.get()) {
            readers.compute(new Bytes(args.get(key.position())), (k, ids) -> {
                Set<Long> readBy = ids != null ? ids : new HashSet<>(4);
                if (readBy.add(id)) {
                    items.increment();
                }
                return readBy;
            });
        }
    }

    // ---- changes (on the thread that made them, no shard lock held) --------------------------

    /** {@code key} changed: by a client's write ({@code written}), or it expired or was evicted. */
    void keyChanged(boolean written, byte[] key) {
        if (!readers.isEmpty()) {
            Set<Long> ids = readers.remove(new Bytes(key));
            if (ids != null) {
                items.add(-ids.size());
                for (Long id : ids) {
                    invalidateReader(clients.get(id), written, key);
                }
            }
        }
        if (!prefixes.isEmpty()) {
            gatherBroadcasts(written, key);
        }
    }

    private void invalidateReader(Session reader, boolean written, byte[] key) {
        Mode mode = reader == null ? null : reader.tracking;
        if (mode == null || mode.bcast()) {
            return; // gone, or no longer tracking this way: the key is just forgotten
        }
        boolean self = runningHere(reader);
        if (self && written && mode.noLoop()) {
            return;
        }
        if (self && written) {
            defer(reader, mode, List.of(key)); // its own write: after the write's reply
        } else {
            deliver(reader, mode, List.of(key)); // an expiry found by its own read comes before the reply, as in Redis
        }
    }

    /** BCAST: the key joins one broadcast per matching prefix and follower, sent when the operation's changes end. */
    private void gatherBroadcasts(boolean written, byte[] key) {
        Map<Session, TreeMap<byte[], TreeSet<byte[]>>> pending = null;
        // a prefix of the key never sorts after it
        for (Map.Entry<byte[], Set<Session>> entry : prefixes.headMap(key, true).entrySet()) {
            byte[] prefix = entry.getKey();
            if (!startsWith(key, prefix)) {
                continue;
            }
            for (Session follower : entry.getValue()) {
                Mode mode = follower.tracking;
                if (mode == null || !mode.bcast() || (written && mode.noLoop() && runningHere(follower))) {
                    continue;
                }
                if (pending == null) {
                    pending = broadcasts.get();
                }
                pending.computeIfAbsent(follower, s -> new TreeMap<>(ORDER))
                        .computeIfAbsent(prefix, p -> new TreeSet<>(ORDER)).add(key);
            }
        }
    }

    /** The changes of one operation are all in: sends the broadcasts they made, one per prefix and follower. */
    void batchDone() {
        Map<Session, TreeMap<byte[], TreeSet<byte[]>>> pending = broadcasts.get();
        if (pending.isEmpty()) {
            return;
        }
        List<Map.Entry<Session, TreeMap<byte[], TreeSet<byte[]>>>> batch = new ArrayList<>(pending.entrySet());
        pending.clear();
        for (Map.Entry<Session, TreeMap<byte[], TreeSet<byte[]>>> e : batch) {
            Session follower = e.getKey();
            Mode mode = follower.tracking;
            if (mode == null) {
                continue;
            }
            for (TreeSet<byte[]> keys : e.getValue().values()) {
                List<byte[]> list = List.copyOf(keys);
                if (runningHere(follower)) {
                    defer(follower, mode, list); // Redis broadcasts after the command, never in its reply
                } else {
                    deliver(follower, mode, list);
                }
            }
        }
    }

    /** A database or all of them were emptied: every tracking client forgets everything. */
    void flushed() {
        readers.clear();
        items.reset();
        if (trackingClients == 0) {
            return;
        }
        for (Session session : clients.all()) {
            Mode mode = session.tracking;
            if (mode == null) {
                continue;
            }
            if (runningHere(session)) {
                defer(session, mode, null);
            } else {
                deliver(session, mode, null);
            }
        }
    }

    // ---- sending -----------------------------------------------------------------------------

    private static void defer(Session session, Mode mode, List<byte[]> keys) {
        if (session.deferredInvalidations == null) {
            session.deferredInvalidations = new ArrayList<>(2);
        }
        session.deferredInvalidations.add(new Deferred(mode, keys));
    }

    /**
     * Sends what a connection's own command held back; its handler calls this right after the
     * command's reply, while the connection still counts as running (so it lands in its replies).
     */
    void sendDeferred(Session session) {
        List<Deferred> held = session.deferredInvalidations;
        if (held == null) {
            return;
        }
        session.deferredInvalidations = null;
        for (Deferred d : held) {
            deliver(session, d.mode(), d.keys());
        }
    }

    /** One invalidation of {@code keys} (null: everything) for tracking client {@code tracker}. */
    private void deliver(Session tracker, Mode mode, List<byte[]> keys) {
        Session receiver = tracker;
        if (mode.redirect() != 0) {
            receiver = clients.get(mode.redirect());
            if (receiver == null) {
                tracker.trackingRedirectBroken = true;
                if (tracker.protocol == 3) {
                    write(tracker, out -> {
                        RespWriter w = RespWriter.RESP3;
                        w.pushHeader(out, 2);
                        w.bulk(out, REDIRECT_BROKEN);
                        w.integer(out, mode.redirect());
                    });
                }
                return;
            }
        }
        RespWriter w = RespWriter.of(receiver.protocol);
        if (w.version() == 3) {
            write(receiver, out -> {
                w.pushHeader(out, 2);
                w.bulk(out, INVALIDATE);
                keys(w, out, keys);
            });
        } else if (receiver != tracker && receiver.subscriptions() > 0) {
            write(receiver, out -> {
                w.arrayHeader(out, 3);
                w.bulk(out, MESSAGE);
                w.bulk(out, CHANNEL);
                keys(w, out, keys);
            });
        }
        // a RESP2 client without a subscribed redirect target can be sent nothing: the key is just forgotten
    }

    private static void keys(RespWriter w, ByteBuf out, List<byte[]> keys) {
        if (keys == null) {
            w.nullBulk(out);
            return;
        }
        w.arrayHeader(out, keys.size());
        for (byte[] key : keys) {
            w.bulk(out, key);
        }
    }

    /**
     * Into the replies of a connection whose command runs on this thread now (in order with what
     * it writes), otherwise straight to its channel: Netty runs the write on the connection's
     * own event loop, whose reply buffer is empty between its read batches.
     */
    private static void write(Session receiver, java.util.function.Consumer<ByteBuf> message) {
        if (runningHere(receiver)) {
            message.accept(receiver.replies.out());
            receiver.invalidatedWhileRunning++;
            return;
        }
        Channel channel = receiver.channel;
        ByteBuf out = channel.alloc().buffer();
        message.accept(out);
        channel.writeAndFlush(out, channel.voidPromise());
    }

    /** Whether {@code session}'s command is running on this very thread now. */
    private static boolean runningHere(Session session) {
        Channel channel = session.channel;
        return channel != null && channel.eventLoop().inEventLoop() && session.executing;
    }

    // ---- INFO ----------------------------------------------------------------------------------

    int clients() {
        return trackingClients;
    }

    /** Keys remembered for default-mode clients (tracking_total_keys). */
    long keys() {
        return readers.size();
    }

    /** Client ids remembered over all keys (tracking_total_items). */
    long items() {
        return items.sum();
    }

    /** BCAST prefixes followed by at least one client (tracking_total_prefixes). */
    long prefixCount() {
        return prefixes.size();
    }

    private static boolean startsWith(byte[] value, byte[] prefix) {
        return value.length >= prefix.length && Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
