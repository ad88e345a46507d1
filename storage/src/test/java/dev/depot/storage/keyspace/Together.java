package dev.depot.storage.keyspace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs tasks on threads of their own, released together by a latch, and fails when they do not
 * all finish in time: a deadlock shows as a failure with the stuck threads' stacks instead of
 * a hung build. The threads are daemons, so a deadlocked test still lets the JVM exit.
 */
final class Together {
    private Together() {
    }

    static <T> List<T> run(Duration within, List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Callable<T> task = tasks.get(i);
            FutureTask<T> future = new FutureTask<>(() -> {
                start.await();
                return task.call();
            });
            Thread thread = new Thread(future, "together-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
            futures.add(future);
        }
        start.countDown();
        long deadline = System.nanoTime() + within.toNanos();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                results.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                StringBuilder stacks = new StringBuilder();
                for (Thread t : threads) {
                    stacks.append(t.getName()).append(' ').append(t.getState()).append('\n');
                    Arrays.stream(t.getStackTrace()).limit(24).forEach(s -> stacks.append("    at ").append(s).append('\n'));
                }
                throw new AssertionError("not finished within " + within.toMillis() + " ms (deadlock?)\n" + stacks);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
        return results;
    }
}
