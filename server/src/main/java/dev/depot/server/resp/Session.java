package dev.depot.server.resp;

import dev.depot.server.net.ReplyBuffer;
import dev.depot.storage.types.Bytes;
import io.netty.channel.Channel;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What RESP remembers about one connection: protocol version, database, name, subscriptions.
 * Its own event loop changes it; the fields marked volatile are also read by other connections
 * (CLIENT LIST, CLIENT KILL, INFO clients, the idle timeout).
 */
final class Session {
    final long id;
    final long createdMillis = System.currentTimeMillis();
    int protocol = 2;
    volatile int db;
    volatile String name = "";
    /** CLIENT SETINFO lib-name and lib-ver (what client library this is). */
    volatile String libName = "";
    volatile String libVersion = "";
    /** The connection itself, for messages published to it from other connections. */
    Channel channel;
    final Set<Bytes> channels = new LinkedHashSet<>();
    final Set<Bytes> patterns = new LinkedHashSet<>();
    /** Commands queued since MULTI; null outside a transaction. */
    volatile java.util.List<java.util.List<byte[]>> queued;
    /** EXEC is running the queued commands: blocking commands answer at once instead of waiting. */
    boolean inExec;
    /** A command was refused while queuing: EXEC will answer EXECABORT. */
    boolean transactionFailed;
    /** WATCHed keys (database and key) with the version each had when watched. */
    final java.util.Map<WatchedKey, Long> watched = new java.util.HashMap<>();

    /** AUTH succeeded, or no password was required when the connection was made (or last RESET). */
    boolean authenticated;
    /** CLIENT REPLY OFF: nothing is sent back until CLIENT REPLY ON. */
    boolean repliesOff;
    /** CLIENT REPLY SKIP: the reply of the next command is dropped. */
    boolean skipNextReply;
    /** CLIENT NO-EVICT and NO-TOUCH: accepted and shown in CLIENT LIST's flags. */
    volatile boolean noEvict;
    volatile boolean noTouch;
    /** MONITOR was sent: every command the server runs is streamed to this connection. */
    volatile boolean monitor;
    /** Parked by a blocking command (BLPOP...). */
    volatile boolean blocked;
    /** CLIENT KILL named this connection itself: close it once the reply is out. */
    boolean closeAfterReply;
    /** The command running now or last (CLIENT LIST's cmd=); null before the first. */
    volatile CommandStats lastCommand;
    /** When the connection last ran a command (CLIENT LIST's idle=, the idle timeout). */
    volatile long lastInteractionMillis = createdMillis;

    /** Where this connection's replies collect; others' invalidations join it while it runs a command. */
    ReplyBuffer replies;
    /**
     * Its handler is running one of its commands now (own event loop only: another thread
     * checks that it is on this connection's loop before reading it).
     */
    boolean executing;
    /** CLIENT TRACKING's mode while on, null while off; written by the own loop, read by writers on any thread. */
    volatile Tracking.Mode tracking;
    /** The client that tracking redirects to has gone (CLIENT LIST's R, TRACKINGINFO's broken_redirect). */
    volatile boolean trackingRedirectBroken;
    /** CLIENT CACHING YES (OPTIN) or NO (OPTOUT) was given for the next command or transaction. */
    boolean cachingNext;
    /** Invalidations written into this connection's replies while its command ran (it re-reads what it tracks then). */
    int invalidatedWhileRunning;
    /** Invalidations this connection's own command caused for it, sent after that command's reply. */
    java.util.List<Tracking.Deferred> deferredInvalidations;
    /** The blocking command this connection waits in, for CLIENT UNBLOCK; null when none. */
    volatile Unblockable waitingIn;

    /** A key in one database, as WATCH remembers it. */
    record WatchedKey(int db, Bytes key) {
    }

    Session(long id) {
        this.id = id;
    }

    int subscriptions() {
        return channels.size() + patterns.size();
    }

    PubSub.Subscriber subscriber() {
        return new PubSub.Subscriber(channel, this);
    }
}
