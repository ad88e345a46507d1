package dev.depot.server.resp;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every open RESP connection by client id: CLIENT LIST and KILL, INFO clients, the idle timeout. */
final class ClientRegistry {
    private final Map<Long, Session> byId = new ConcurrentHashMap<>();

    void add(Session session) {
        byId.put(session.id, session);
    }

    void remove(Session session) {
        byId.remove(session.id);
    }

    /**
     * Closes another connection (CLIENT KILL, the idle timeout). It leaves the registry at once,
     * not when its event loop gets to the close, so that a kill is seen by the next command.
     */
    void close(Session session) {
        remove(session);
        session.channel.close();
    }

    /** The open connection with client id {@code id}, or null. */
    Session get(long id) {
        return byId.get(id);
    }

    /** The open connections, a live view (a connection may come or go while it is walked). */
    Collection<Session> all() {
        return byId.values();
    }

    int size() {
        return byId.size();
    }
}
