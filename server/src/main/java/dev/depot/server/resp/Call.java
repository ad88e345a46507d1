package dev.depot.server.resp;

import dev.depot.storage.keyspace.Keyspace;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One command being executed: its arguments, the connection's session and where the reply goes. */
final class Call {
    private final List<byte[]> args;
    private final Session session;
    private final RespReply reply;
    private final RespService service;
    private final Parking parking;

    Call(List<byte[]> args, Session session, RespReply reply, RespService service, Parking parking) {
        this.args = args;
        this.session = session;
        this.reply = reply;
        this.service = service;
        this.parking = parking;
    }

    /** How a blocking command waits (inside EXEC it must not: see {@link Session#inExec}). */
    Parking parking() {
        return parking;
    }

    List<byte[]> args() {
        return args;
    }

    int argc() {
        return args.size();
    }

    byte[] arg(int i) {
        return args.get(i);
    }

    /** An argument as text (Latin-1, so every byte survives). */
    String text(int i) {
        return new String(args.get(i), StandardCharsets.ISO_8859_1);
    }

    /**
     * An argument as Redis quotes it in an error with %s: a C string, so it ends at the first
     * NUL byte.
     */
    String quoted(int i) {
        String text = text(i);
        int nul = text.indexOf('\0');
        return nul < 0 ? text : text.substring(0, nul);
    }

    /** Whether argument {@code i} is {@code word}, ignoring case (option names). */
    boolean is(int i, String word) {
        return text(i).equalsIgnoreCase(word);
    }

    long longArg(int i) {
        Long value = RespNumbers.parseLong(args.get(i));
        if (value == null) {
            throw RespException.notAnInteger();
        }
        return value;
    }

    /**
     * A count as Redis reads it with getPositiveLongFromObjectOrReply: a non-negative integer,
     * {@code error} for a negative one and for a malformed one alike.
     */
    long nonNegativeArg(int i, String error) {
        Long value = RespNumbers.parseLong(args.get(i));
        if (value == null || value < 0) {
            throw new RespException(error);
        }
        return value;
    }

    double doubleArg(int i) {
        Double value = RespNumbers.parseDouble(args.get(i));
        if (value == null) {
            throw new RespException(RespException.NOT_A_FLOAT);
        }
        return value;
    }

    Session session() {
        return session;
    }

    RespReply reply() {
        return reply;
    }

    RespService service() {
        return service;
    }

    /** Publishes a keyspace notification for {@code key} of the selected database (if enabled). */
    void keyspaceEvent(KeyspaceEventClass type, String event, byte[] key) {
        service.keyspaceEvents().notify(session.db, type, event, key);
    }

    /** The selected database. */
    Keyspace db() {
        return service.databases().get(session.db);
    }
}
