package dev.depot.storage.broker.vhost;

/** queue.declare-ok: the queue's name (chosen by the server for "") and its counts. */
public record DeclareOk(String queue, int messageCount, int consumerCount) {
}
