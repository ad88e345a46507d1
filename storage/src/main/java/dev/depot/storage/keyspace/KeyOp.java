package dev.depot.storage.keyspace;

/**
 * An atomic step on one key: runs under that key's shard lock with a {@link Slot} positioned on
 * the key. It must not block and must not touch other keys.
 */
@FunctionalInterface
public interface KeyOp<R> {
    R apply(Slot slot);
}
