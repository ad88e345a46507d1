package dev.depot.server.resp;

import dev.depot.storage.types.Bytes;
import io.netty.channel.Channel;

import java.util.LinkedHashSet;
import java.util.Set;

/** What RESP remembers about one connection: protocol version, database, name, subscriptions. */
final class Session {
    final long id;
    int protocol = 2;
    int db;
    String name = "";
    /** The connection itself, for messages published to it from other connections. */
    Channel channel;
    final Set<Bytes> channels = new LinkedHashSet<>();
    final Set<Bytes> patterns = new LinkedHashSet<>();
    /** Commands queued since MULTI; null outside a transaction. */
    java.util.List<java.util.List<byte[]>> queued;
    /** EXEC is running the queued commands: blocking commands answer at once instead of waiting. */
    boolean inExec;
    /** A command was refused while queuing: EXEC will answer EXECABORT. */
    boolean transactionFailed;
    /** WATCHed keys (database and key) with the version each had when watched. */
    final java.util.Map<WatchedKey, Long> watched = new java.util.HashMap<>();

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
