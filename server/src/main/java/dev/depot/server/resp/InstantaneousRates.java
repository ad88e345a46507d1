package dev.depot.server.resp;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * INFO's instantaneous_* figures: a counter's rate per second averaged over its last 16
 * samples, taken every 100 ms by the housekeeping thread (Redis samples the same way, so the
 * figures react within about 1.6 s). Reading and sampling share one small lock; neither is on
 * a command's path.
 */
final class InstantaneousRates {
    static final long PERIOD_MILLIS = 100;
    private static final int SAMPLES = 16;

    /** The counters whose rates are reported. */
    enum Metric { COMMANDS, NET_INPUT_BYTES, NET_OUTPUT_BYTES }

    private final Map<Metric, Series> series = new EnumMap<>(Metric.class);

    InstantaneousRates(Map<Metric, LongSupplier> counters) {
        counters.forEach((metric, counter) -> series.put(metric, new Series(counter)));
    }

    synchronized void sample(long nowNanos) {
        series.values().forEach(s -> s.sample(nowNanos));
    }

    /** The average rate per second over the recent samples. */
    synchronized double perSecond(Metric metric) {
        return series.get(metric).average();
    }

    /** One counter's samples: a ring of rates per second. */
    private static final class Series {
        private final LongSupplier counter;
        private final double[] rates = new double[SAMPLES];
        private int next;
        private long lastValue;
        private long lastNanos;

        Series(LongSupplier counter) {
            this.counter = counter;
            this.lastValue = counter.getAsLong();
            this.lastNanos = System.nanoTime();
        }

        void sample(long nowNanos) {
            long value = counter.getAsLong();
            long elapsed = nowNanos - lastNanos;
            if (elapsed <= 0) {
                return;
            }
            // a counter reset by CONFIG RESETSTAT goes down: count that interval as idle
            rates[next] = value < lastValue ? 0 : (value - lastValue) * 1e9 / elapsed;
            next = (next + 1) % SAMPLES;
            lastValue = value;
            lastNanos = nowNanos;
        }

        double average() {
            double sum = 0;
            for (double rate : rates) {
                sum += rate;
            }
            return sum / SAMPLES;
        }
    }
}
