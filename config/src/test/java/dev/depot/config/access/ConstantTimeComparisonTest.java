package dev.depot.config.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both credentials compare secrets with {@link java.security.MessageDigest#isEqual}, whose time
 * depends only on the length (documented since Java 6u17), and never with
 * {@link java.util.Arrays#equals}, which returns at the first differing byte. A timing test
 * cannot see the difference on 32-byte digests reliably, so this reads the compiled
 * {@code matches} methods instead (with javap, from the JDK running the test).
 */
class ConstantTimeComparisonTest {

    @ParameterizedTest
    @ValueSource(classes = {PasswordHash.class, PlainPassword.class})
    void matchesComparesWithMessageDigestIsEqual(Class<?> credential) throws Exception {
        String code = matchesMethod(credential);
        assertTrue(code.contains("java/security/MessageDigest.isEqual:([B[B)Z"), code);
        assertFalse(code.contains("java/util/Arrays"), code);
        assertFalse(code.contains("equals:"), code);
    }

    /** The disassembly of {@code boolean matches(byte[])}, up to the next method. */
    private static String matchesMethod(Class<?> type) throws Exception {
        Path classFile = Path.of(type.getResource(type.getSimpleName() + ".class").toURI());
        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("javap").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", classFile.toString());
        assertEquals(0, status, out.toString());
        String all = out.toString();
        int start = all.indexOf("public boolean matches(byte[]);");
        assertTrue(start >= 0, all);
        int end = all.indexOf("\n\n", start);
        return all.substring(start, end < 0 ? all.length() : end);
    }
}
