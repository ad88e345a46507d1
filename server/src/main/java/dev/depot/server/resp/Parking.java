package dev.depot.server.resp;

import java.util.List;
import java.util.function.BooleanSupplier;

/** What a blocking command asks of its connection: wait for keys, retry, give up at a deadline. */
interface Parking {
    /**
     * Parks the connection on {@code keys} holding {@code source}: {@code attempt} is retried (on
     * the connection's event loop) after writes that add to them until it returns true; after
     * {@code timeoutMillis} (0 = never) {@code onTimeout} writes the reply instead. Further
     * commands wait until then.
     */
    void park(BlockingPops.Source source, List<byte[]> keys, long timeoutMillis, BooleanSupplier attempt,
              Runnable onTimeout);
}
