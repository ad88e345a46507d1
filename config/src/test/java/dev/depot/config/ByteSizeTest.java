package dev.depot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    private static final long K = 1024;
    private static final long M = K * K;
    private static final long G = M * K;

    @ParameterizedTest
    @CsvSource({
            "1048576, 1048576",
            "0, 0",
            "100b, 100",
            "100B, 100",
            "512k, 524288",
            "512kb, 524288",
            "512KiB, 524288",
            "64m, 67108864",
            "64mb, 67108864",
            "64MB, 67108864",
            "64 mb, 67108864",
            "' 64mb ', 67108864",
            "2g, 2147483648",
            "2gb, 2147483648",
            "2G, 2147483648",
            "3t, 3298534883328",
            "1p, 1125899906842624",
    })
    void parsesMemcachedAndRedisStyleSizes(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "", "mb", "-1", "1.5g", "64x", "64 m b", "1e9", "0x10", "64mbb", "64ib"})
    void rejectsWhatIsNotASize(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertEquals("'" + text + "' is not a size; use a number of bytes or a size like 64mb or 2g", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8192p", "9223372036854775808", "99999999999999999999999k"})
    void rejectsSizesThatOverflowALong(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertEquals("'" + text + "' is too large to be a size in bytes", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0b",
            "1000, 1000b",
            "1024, 1kb",
            "1536, 1536b",
            "1572864, 1536kb",
            "67108864, 64mb",
            "1073741824, 1gb",
            "2147483648, 2gb",
            "1099511627776, 1tb",
            "1125899906842624, 1pb",
            "2251799813685248, 2pb",
    })
    void formatsWithTheLargestExactUnit(long bytes, String text) {
        assertEquals(text, ByteSize.format(bytes));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 1023, 1024, 1025, 64 * M, 2 * G + 1, 5 * G, Long.MAX_VALUE, 1L << 62})
    void formatRoundTrips(long bytes) {
        assertEquals(bytes, ByteSize.parse(ByteSize.format(bytes)));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void formatRefusesNegativeSizes(long bytes) {
        assertThrows(IllegalArgumentException.class, () -> ByteSize.format(bytes));
    }
}
