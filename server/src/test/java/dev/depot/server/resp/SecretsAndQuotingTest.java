package dev.depot.server.resp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Passwords: checked in constant time, kept out of MONITOR and SLOWLOG; and MONITOR's quoting. */
class SecretsAndQuotingTest {

    @Test
    void authenticator() {
        Authenticator auth = new Authenticator("");
        assertFalse(auth.required());
        assertFalse(auth.matches(bytes("")), "no password: nothing matches, AUTH says so instead");
        auth.set(bytes("s3cret"));
        assertTrue(auth.required());
        assertTrue(auth.matches(bytes("s3cret")));
        assertFalse(auth.matches(bytes("s3cre")));
        assertFalse(auth.matches(bytes("s3cret ")));
        assertEquals("s3cret", new String(auth.password(), StandardCharsets.ISO_8859_1));
        assertTrue(new Authenticator("p\u00e4ss").matches("p\u00e4ss".getBytes(StandardCharsets.UTF_8)),
                "a configured password is matched as UTF-8, as clients send it");
    }

    @Test
    void redaction() {
        assertEquals(List.of("AUTH", "(redacted)"), text(CommandRedaction.shown("auth", args("AUTH", "pw"))));
        assertEquals(List.of("auth", "(redacted)", "(redacted)"),
                text(CommandRedaction.shown("auth", args("auth", "default", "pw"))));
        assertEquals(List.of("HELLO", "3", "AUTH", "(redacted)", "(redacted)", "SETNAME", "n"),
                text(CommandRedaction.shown("hello", args("HELLO", "3", "AUTH", "default", "pw", "SETNAME", "n"))));
        assertEquals(List.of("CONFIG", "SET", "maxmemory", "1mb", "REQUIREPASS", "(redacted)"),
                text(CommandRedaction.shown("config|set",
                        args("CONFIG", "SET", "maxmemory", "1mb", "REQUIREPASS", "pw"))));
        List<byte[]> plain = args("SET", "auth", "pw");
        assertSame(plain, CommandRedaction.shown("set", plain));
    }

    @Test
    void monitorQuotesLikeRedis() {
        StringBuilder out = new StringBuilder();
        Monitors.quote(out, "x\"y\\z\r\n\t\u0007\b\u0001\u00ff ok".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("\"x\\\"y\\\\z\\r\\n\\t\\a\\b\\x01\\xff ok\"", out.toString());
    }

    private static List<byte[]> args(String... words) {
        List<byte[]> out = new ArrayList<>();
        for (String w : words) {
            out.add(bytes(w));
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> text(List<byte[]> args) {
        return args.stream().map(a -> new String(a, StandardCharsets.ISO_8859_1)).toList();
    }
}
