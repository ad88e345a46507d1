package dev.depot.protocol.memcached;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** MemcachedDecoder.decodeBase64 against memcached 1.6.18's base64_decode (checked with mg ... b k). */
class Base64KeyTest {

    private static String decode(String text) {
        byte[] out = MemcachedDecoder.decodeBase64(text.getBytes(StandardCharsets.ISO_8859_1));
        return out == null ? null : new String(out, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource({
            "Zm9v, foo",
            "Zm8=, fo",
            "Zg==, f",
            "Zm9vYmFy, foobar",
            "Zm!9v, foo",      // characters outside the alphabet are skipped
            "Zm9v!, foo",
            "!Zm9v, foo",
            "Zm9v\u0001, foo",
            "Z.m.9.v, foo"})
    void decodes(String text, String expected) {
        assertEquals(expected, decode(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!!", "=", "====", "Z", "Zg", "Zg=", "Zm9", "Zm8", "foo", "Zm9vYg", "Zm9v=", "Zm9v====",
            "!!!Z"})
    void refuses(String text) {
        assertNull(decode(text), text);
    }

    @Test
    void decodesEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] encoded = java.util.Base64.getEncoder().encode(all);
        assertArrayEquals(all, MemcachedDecoder.decodeBase64(encoded));
    }
}
