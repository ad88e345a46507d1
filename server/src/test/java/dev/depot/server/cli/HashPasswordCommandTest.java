package dev.depot.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.depot.config.access.HashAlgorithm;
import dev.depot.config.access.PasswordHash;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code depot hash-password} with a pipe for stdin (the no-echo prompt needs a real terminal). */
class HashPasswordCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @ValueSource(strings = {"secret", "secret\n", "secret\r\n", "secret\nnot this line\n"})
    void printsTheHashOfTheFirstLine(String stdin) {
        assertEquals(0, run(stdin.getBytes(StandardCharsets.UTF_8)));
        assertEquals("", err.toString());
        String[] lines = out.toString().split("\n");
        assertEquals(1, lines.length, out.toString());
        PasswordHash hash = PasswordHash.parse(lines[0]);
        assertEquals(HashAlgorithm.SHA_256, hash.algorithm());
        assertTrue(hash.matches("secret".getBytes(StandardCharsets.UTF_8)));
        assertFalse(hash.matches("secret\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hashesTheBytesAsGiven() {
        assertEquals(0, run("pässwörd €\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(PasswordHash.parse(out.toString().strip()).matches("pässwörd €".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void spacesArePartOfThePassword() {
        assertEquals(0, run(" a b \n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(PasswordHash.parse(out.toString().strip()).matches(" a b ".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r\n"})
    void noPasswordIsAnError(String stdin) {
        assertEquals(2, run(stdin.getBytes(StandardCharsets.UTF_8)));
        assertEquals("", out.toString());
        assertEquals("depot hash-password: no password given; type it, or pipe it in: printf %s 'secret' | depot"
                + " hash-password\n", err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void anOverlongFirstLineIsRefused() {
        assertEquals(2, run(new byte[5000]));
        assertEquals("", out.toString());
        assertEquals("depot hash-password: the first line of stdin is longer than 4096 bytes; give the password"
                + " alone on it\n", err.toString().replace(System.lineSeparator(), "\n"));
    }

    private int run(byte[] stdin) {
        return HashPasswordCommand.run(new ByteArrayInputStream(stdin), null, new PrintWriter(out), new PrintWriter(err));
    }
}
