package dev.depot.server.amqp;

import dev.depot.protocol.amqp.method.BasicMethod;

/**
 * confirm.select and the acks it promises. Every publish on a confirming channel gets the next
 * sequence number; the acks of a read batch go out as one basic.ack with multiple=true at the end
 * of the batch, and a nack (a queue refused the message) goes out at once, after the acks before it.
 */
final class PublisherConfirms {
    private final AmqpConnection connection;
    private final int channel;
    private boolean enabled;
    private long lastSeq;
    /** Everything up to here is confirmed on the wire. */
    private long sentUpTo;
    /** Everything up to here is settled and waits to be acked. */
    private long settledUpTo;

    PublisherConfirms(AmqpConnection connection, int channel) {
        this.connection = connection;
        this.channel = channel;
    }

    void enable() {
        enabled = true;
    }

    boolean enabled() {
        return enabled;
    }

    /** The sequence number of the next publish, 0 when confirms are off. */
    long next() {
        return enabled ? ++lastSeq : 0;
    }

    void settled(long seq, boolean taken) {
        if (seq == 0) {
            return;
        }
        if (taken) {
            settledUpTo = seq;
            return;
        }
        flush();
        connection.write(channel, new BasicMethod.Nack(seq, false, false));
        sentUpTo = seq;
        settledUpTo = seq;
    }

    void flush() {
        if (settledUpTo > sentUpTo) {
            connection.write(channel, new BasicMethod.Ack(settledUpTo, settledUpTo - sentUpTo > 1));
            sentUpTo = settledUpTo;
        }
    }
}
