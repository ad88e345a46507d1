package dev.depot.server.it.amqp.sidebyside;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The publisher confirms of one channel, by sequence number. What is compared is each published
 * message's outcome (ack or nack, exactly once) and anything out of place (a confirm for a
 * number never published, one confirmed twice), not how the broker grouped them: RabbitMQ
 * confirms with multiple=true whatever is settled when its channel process gets round to it, so
 * the grouping depends on timing and is not defined.
 */
final class ConfirmTracker implements ConfirmListener {
    private final Channel channel;
    private final TreeMap<Long, String> outcomes = new TreeMap<>();
    private final List<String> anomalies = new ArrayList<>();
    /** Outcomes up to here were reported already. */
    private long reported;

    ConfirmTracker(Channel channel) {
        this.channel = channel;
    }

    /** The highest sequence number published so far: the client numbers them from 1 as it sends them. */
    private long published() {
        return channel.getNextPublishSeqNo() - 1;
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, "ack");
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, "nack");
    }

    private synchronized void settle(long tag, boolean multiple, String how) {
        if (tag > published() || tag < 1) {
            anomalies.add(how + " for " + tag + ", not published");
        } else if (multiple) {
            for (long seq = reported + 1; seq <= tag; seq++) {
                outcomes.putIfAbsent(seq, how);
            }
        } else if (outcomes.putIfAbsent(tag, how) != null) {
            anomalies.add(how + " for " + tag + ", confirmed already");
        }
        notifyAll();
    }

    /**
     * Waits until every message published so far has its confirm, and describes the outcomes not
     * reported before, runs of equal outcomes joined ("1-3 ack, 4 nack, 5 ack").
     */
    synchronized String awaitAll() throws InterruptedException {
        long deadline = System.nanoTime() + ProgramRun.WAIT.toNanos();
        long published = published();
        while (outcomes.size() < published) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ProgramRun.Stuck("confirms for " + outcomes.size() + " of " + published
                        + " messages: " + outcomes);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        StringBuilder out = new StringBuilder();
        long runStart = reported + 1;
        for (long seq = reported + 1; seq <= published; seq++) {
            String how = outcomes.get(seq);
            if (seq == published || !how.equals(outcomes.get(seq + 1))) {
                out.append(out.isEmpty() ? "" : ", ").append(runStart == seq ? "" + seq : runStart + "-" + seq)
                        .append(' ').append(how);
                runStart = seq + 1;
            }
        }
        reported = published;
        anomalies.forEach(a -> out.append("; ").append(a));
        anomalies.clear();
        return out.isEmpty() ? "(none published)" : out.toString();
    }
}
