package dev.depot.server.amqp;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.ThreadExecutorMap;

import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;

/**
 * Wake-ups of connections' event loops, held back until the calling event loop has finished
 * its round of socket work. A publisher's read of a few hundred messages hands each over to its
 * consumer's connection at once, but wakes that connection's loop (a system call when the loop
 * sleeps) once, when the read is done, rather than each time the loop has caught up in between.
 * What is handed over is already in the connection's queue; only the wake-up waits. One
 * instance per event loop thread, used only by it.
 */
final class LoopWakeUps implements Runnable {
    private static final FastThreadLocal<LoopWakeUps> OF_THIS_LOOP = new FastThreadLocal<>() {
        @Override
        protected LoopWakeUps initialValue() {
            return new LoopWakeUps();
        }
    };

    private ArrayList<AmqpConnection> pending = new ArrayList<>();
    private ArrayList<AmqpConnection> spare = new ArrayList<>();

    private LoopWakeUps() {
    }

    /**
     * Wakes {@code connection}'s drain after the calling event loop's current round; false
     * (nothing done) when the caller is not an event loop thread, which must wake it itself.
     */
    static boolean defer(AmqpConnection connection) {
        EventExecutor current = ThreadExecutorMap.currentExecutor();
        if (current == null || !current.inEventLoop()) {
            return false;
        }
        LoopWakeUps wakeUps = OF_THIS_LOOP.get();
        if (wakeUps.pending.isEmpty()) {
            try {
                current.execute(wakeUps); // from the loop itself: queued behind this round, no wake-up
            } catch (RejectedExecutionException e) {
                return false; // this loop is shutting down: the caller wakes the connection itself
            }
        }
        wakeUps.pending.add(connection);
        return true;
    }

    @Override
    public void run() {
        // what these drains defer in turn goes to the next round
        ArrayList<AmqpConnection> due = pending;
        pending = spare;
        for (AmqpConnection connection : due) {
            try {
                connection.wakeDrain();
            } catch (RejectedExecutionException e) {
                // its loop is shutting down: the connection is closing with it
            }
        }
        due.clear();
        spare = due;
    }
}
