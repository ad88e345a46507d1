package dev.depot.config.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlainPasswordTest {

    @Test
    void matchesTheUtf8BytesOfThePassword() {
        PlainPassword password = new PlainPassword("pässwörd");
        assertTrue(password.matches(PasswordHash.utf8("pässwörd")));
        assertFalse(password.matches(PasswordHash.utf8("passwort")));
        assertFalse(password.matches(PasswordHash.utf8("pässwörd ")));
        assertFalse(password.matches(PasswordHash.utf8("pässwör")));
        assertFalse(password.matches(new byte[0]));
        assertFalse(password.matches("pässwörd".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    @Test
    void emptyIsRefused() {
        assertEquals("the password is empty",
                assertThrows(IllegalArgumentException.class, () -> new PlainPassword("")).getMessage());
    }

    @Test
    void neverPrintsThePassword() {
        assertEquals("PlainPassword[(hidden)]", new PlainPassword("hunter2").toString());
    }
}
