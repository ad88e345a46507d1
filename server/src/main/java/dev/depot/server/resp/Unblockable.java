package dev.depot.server.resp;

/** A blocking command a connection waits in, which CLIENT UNBLOCK may end from any thread. */
interface Unblockable {
    /**
     * Ends the wait as a timeout would, or with the UNBLOCKED error; false when the command has
     * already been served, timed out or unblocked. Never waits: the reply is written on the
     * waiting connection's own event loop.
     */
    boolean unblock(boolean withError);
}
