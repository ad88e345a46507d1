/**
 * Routing tables, one per exchange type, generic in what bindings lead to:
 * {@link dev.depot.storage.broker.routing.DirectTable} (a hash map from key to targets),
 * {@link dev.depot.storage.broker.routing.FanoutTable} (one array),
 * {@link dev.depot.storage.broker.routing.TopicTable} (a trie over the key's words with
 * {@code *} and {@code #} nodes) and {@link dev.depot.storage.broker.routing.HeadersTable}
 * (compiled {@link dev.depot.storage.broker.routing.HeadersPattern}s with the four
 * {@link dev.depot.storage.broker.routing.XMatch} modes).
 *
 * <p>Threading: any number of threads route at once without locking while one writer at a
 * time (the virtual host's topology lock) adds and removes bindings. Writers replace
 * copy-on-write arrays and concurrent-map entries, so a reader sees each binding either
 * entirely or not at all.
 */
package dev.depot.storage.broker.routing;
