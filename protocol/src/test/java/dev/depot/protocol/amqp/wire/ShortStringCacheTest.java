package dev.depot.protocol.amqp.wire;

import dev.depot.protocol.amqp.TestBytes;
import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShortStringCacheTest {
    private final ShortStringCache cache = new ShortStringCache();

    private static ByteBuf shortstrs(String... values) {
        ByteBuf out = Unpooled.buffer();
        for (String v : values) {
            ShortStrings.write(out, v);
        }
        return out;
    }

    @Test
    void readsWhatShortStringsReadsAndLeavesTheBufferAfterEachString() {
        String[] values = {"", "amq.direct", "perf-test-queue-1", "clé-é-日本", "x".repeat(255)};
        ByteBuf viaCache = shortstrs(values);
        ByteBuf plain = shortstrs(values);
        for (String v : values) {
            assertEquals(ShortStrings.readUtf8(plain), cache.readUtf8(viaCache));
            assertEquals(plain.readerIndex(), viaCache.readerIndex(), v);
        }
    }

    @Test
    void theSameBytesComeBackAsTheSameString() {
        ByteBuf in = shortstrs("routing.key", "exchange", "routing.key", "exchange");
        String key = cache.readUtf8(in);
        String exchange = cache.readUtf8(in);
        assertSame(key, cache.readUtf8(in));
        assertSame(exchange, cache.readUtf8(in));
    }

    @Test
    void manyDifferentStringsStillReadCorrectly() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 500; i++) {
                assertEquals("queue-" + i, cache.readUtf8(shortstrs("queue-" + i)));
            }
        }
    }

    @Test
    void malformedUtf8FailsAsWithoutTheCacheEvenAfterAValidString() {
        cache.readUtf8(Unpooled.wrappedBuffer(TestBytes.hex("02 c3a9"))); // "é"
        AmqpException e = assertThrows(AmqpException.class,
                () -> cache.readUtf8(Unpooled.wrappedBuffer(TestBytes.hex("02 fffe"))));
        assertEquals(ReplyCode.FRAME_ERROR, e.code());
        assertEquals("FRAME_ERROR - Malformed UTF-8 in shortstr", e.replyText());
    }

    @Test
    void aTruncatedStringIsAnIndexError() {
        assertThrows(IndexOutOfBoundsException.class, () -> cache.readUtf8(Unpooled.wrappedBuffer(TestBytes.hex("09 6162"))));
        assertThrows(IndexOutOfBoundsException.class, () -> cache.readUtf8(Unpooled.EMPTY_BUFFER));
    }
}
