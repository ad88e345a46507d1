package dev.depot.server.resp;

import dev.depot.storage.keyspace.Databases;
import dev.depot.storage.types.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MULTI/EXEC/DISCARD/WATCH (UNWATCH is an ordinary command, queued inside MULTI). Commands are
 * queued per connection; EXEC runs them with every shard of every database locked, so no other
 * client of either protocol sees a half-done transaction, after checking that no WATCHed key
 * changed version since it was watched.
 */
final class Transactions {
    private Transactions() {
    }

    static boolean inTransaction(Session session) {
        return session.queued != null;
    }

    /** Whether {@code name} is one of the commands {@link #control} handles. */
    static boolean isControl(String name) {
        return switch (name) {
            case "multi", "discard", "watch", "exec" -> true; // UNWATCH is an ordinary command: MULTI queues it
            default -> false;
        };
    }

    /** Handles a transaction command; returns false when {@code name} is not one. */
    static boolean control(String name, List<byte[]> args, Session session, RespReply reply, RespService service,
                           CommandRunner runner) {
        switch (name) {
            case "multi" -> {
                if (inTransaction(session)) {
                    reply.error("ERR MULTI calls can not be nested");
                } else {
                    session.queued = new ArrayList<>();
                    session.transactionFailed = false;
                    reply.ok();
                }
            }
            case "discard" -> {
                if (!inTransaction(session)) {
                    reply.error("ERR DISCARD without MULTI");
                } else {
                    reset(session);
                    unwatchAll(session, service.databases());
                    reply.ok();
                }
            }
            case "watch" -> {
                if (inTransaction(session)) {
                    reply.error("ERR WATCH inside MULTI is not allowed");
                } else {
                    for (int i = 1; i < args.size(); i++) {
                        byte[] key = args.get(i);
                        Session.WatchedKey watched = new Session.WatchedKey(session.db, new Bytes(key));
                        if (!session.watched.containsKey(watched)) {
                            session.watched.put(watched, service.databases().get(session.db).watch(key));
                        }
                    }
                    reply.ok();
                }
            }
            case "exec" -> exec(session, reply, service, runner);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Queues a command inside MULTI. */
    static void queue(List<byte[]> args, Session session, RespReply reply) {
        session.queued.add(args);
        reply.simple("QUEUED");
    }

    /** A command refused while queuing: the error now, EXECABORT at EXEC. */
    static void refuse(Session session) {
        session.transactionFailed = true;
    }

    /**
     * EXEC refused before it runs (a wrong number of arguments): like Redis's execCommandAbort,
     * the transaction and every WATCH end, in MULTI or not, and the error says EXECABORT.
     */
    static void abortExec(Session session, RespReply reply, String reason, Databases databases) {
        reset(session);
        unwatchAll(session, databases);
        reply.error("EXECABORT Transaction discarded because of: " + reason);
    }

    private static void exec(Session session, RespReply reply, RespService service, CommandRunner runner) {
        if (!inTransaction(session)) {
            reply.error("ERR EXEC without MULTI");
            return;
        }
        List<List<byte[]>> commands = session.queued;
        boolean failed = session.transactionFailed;
        Map<Session.WatchedKey, Long> watched = Map.copyOf(session.watched);
        reset(session);
        Databases databases = service.databases();
        if (MemoryAdmission.anyMayAddData(commands)) { // Redis checks memory before EXEC itself runs
            try {
                MemoryAdmission.admit(databases);
            } catch (RespException e) {
                unwatchAll(session, databases);
                reply.error("EXECABORT Transaction discarded because of: " + e.getMessage());
                return;
            }
        }
        if (failed) {
            unwatchAll(session, databases);
            reply.error("EXECABORT Transaction discarded because of previous errors.");
            return;
        }
        try {
            execChecked(session, reply, databases, watched, commands, runner);
        } finally {
            unwatchAll(session, databases); // only now: a deletion until the check must leave its trace
        }
    }

    private static void execChecked(Session session, RespReply reply, Databases databases,
                                    Map<Session.WatchedKey, Long> watched, List<List<byte[]>> commands,
                                    CommandRunner runner) {
        databases.exclusive(() -> {
            for (Map.Entry<Session.WatchedKey, Long> w : watched.entrySet()) {
                long now = databases.get(w.getKey().db()).version(w.getKey().key().value());
                if (now != w.getValue()) {
                    reply.nullArray();
                    return;
                }
            }
            reply.array(commands.size());
            session.inExec = true;
            try {
                for (List<byte[]> command : commands) {
                    runner.run(command);
                }
            } finally {
                session.inExec = false;
            }
        });
    }

    private static void reset(Session session) {
        session.queued = null;
        session.transactionFailed = false;
    }

    /**
     * Forgets every WATCH of the connection (EXEC, DISCARD, UNWATCH, RESET, a closed connection),
     * so that the databases stop remembering those keys' deletions.
     */
    static void unwatchAll(Session session, Databases databases) {
        session.watched.keySet().forEach(w -> databases.get(w.db()).unwatch(w.key().value()));
        session.watched.clear();
    }

    /** Runs one queued command, writing its reply (an error reply included). */
    @FunctionalInterface
    interface CommandRunner {
        void run(List<byte[]> args);
    }
}
