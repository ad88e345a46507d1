package dev.depot.server.resp;

/**
 * Redis's {@code timeout}: a connection that sent nothing for longer than this many seconds is
 * closed (0, the default, keeps connections forever). Subscribers, monitors and clients waiting
 * in a blocking command are exempt: they are idle by design. Checked once a second.
 */
final class IdleClients {
    static final long CHECK_PERIOD_MILLIS = 1000;

    private volatile long timeoutSeconds;

    long timeoutSeconds() {
        return timeoutSeconds;
    }

    void timeoutSeconds(long seconds) {
        timeoutSeconds = seconds;
    }

    void closeIdle(ClientRegistry clients) {
        long timeout = timeoutSeconds;
        if (timeout <= 0) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Session session : clients.all()) {
            boolean exempt = session.subscriptions() > 0 || session.monitor || session.blocked;
            if (!exempt && (now - session.lastInteractionMillis) / 1000 > timeout) {
                clients.close(session);
            }
        }
    }
}
