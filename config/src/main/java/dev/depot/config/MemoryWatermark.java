package dev.depot.config;

import java.math.BigDecimal;

/**
 * How much memory queued AMQP messages may hold before the broker blocks publishers (AMQP's
 * connection.blocked), like RabbitMQ's {@code vm_memory_high_watermark}: either a fraction of
 * {@code maxmemory} (RabbitMQ's {@code .relative}, of RAM there) or a size (its {@code .absolute}).
 */
public sealed interface MemoryWatermark {

    /** The watermark in bytes under a given {@code maxmemory}. */
    long bytes(long maxMemory);

    /** As written in the file and on the command line: {@code 0.4} or {@code 256mb}. */
    String format();

    /** A share of {@code maxmemory}, above 0 and at most 1. */
    record Fraction(double value) implements MemoryWatermark {
        @Override
        public long bytes(long maxMemory) {
            return (long) (value * maxMemory);
        }

        @Override
        public String format() {
            // Plain digits: 1.0E-5 would read back as a size, not a fraction. (NaN only in messages.)
            return Double.isFinite(value) ? BigDecimal.valueOf(value).toPlainString() : Double.toString(value);
        }
    }

    /** A fixed number of bytes, whatever {@code maxmemory} is (at most it, though). */
    record Size(long bytes) implements MemoryWatermark {
        @Override
        public long bytes(long maxMemory) {
            return bytes;
        }

        @Override
        public String format() {
            return ByteSize.format(bytes);
        }
    }
}
