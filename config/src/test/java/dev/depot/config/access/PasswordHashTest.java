package dev.depot.config.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compatibility with RabbitMQ's stored passwords, both ways. */
class PasswordHashTest {

    private static final byte[] SALT = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};

    /**
     * password_hash values from {@code rabbitmqctl export_definitions} of a RabbitMQ 3.10.8 node
     * after {@code rabbitmqctl add_user NAME PASSWORD} (3.10 has no hash_password command); the
     * SHA-512 one from a node run with {@code password_hashing_module = rabbit_password_hashing_sha512}.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "secret        | GRR2QtbZ4YWLFrqgE7t8A/RZ0DYlzEGsAR3WJnlSj0h5ujm6 | SHA_256",
            "guest         | em+1wiBuhYcLRdkSwZy0B6Lgz46vq89Ybq09mV7L8/TQXr3b | SHA_256",
            "pässwörd €    | 23XiuxzUZwc2sjN7uznBlTwnzNCHze0Itw4xthF+3c5yb6w/ | SHA_256",
            "correct horse | 7uow2FyWATGpw8R6jgA4JwEIhWeQcQFxT+w20gDCHEhLjGc5Uv2VFXxHxo0RoYn1HoUZnAwgcUv8TR9q69XZHGac09k="
                    + " | SHA_512",
    })
    void verifiesHashesMadeByRabbitMq(String password, String stored, HashAlgorithm algorithm) {
        PasswordHash hash = PasswordHash.parse(stored);
        assertEquals(algorithm, hash.algorithm());
        assertTrue(hash.matches(PasswordHash.utf8(password)));
        assertFalse(hash.matches(PasswordHash.utf8(password + "x")));
        assertFalse(hash.matches(PasswordHash.utf8(password.toUpperCase())));
        assertFalse(hash.matches(new byte[0]));
        assertEquals(stored, hash.encoded(), "written back unchanged");
    }

    /** Expected values from Python: base64(salt + hashlib.sha256(salt + password.encode()).digest()). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "secret     | SHA_256 | 3q2+72ujixejd3k/LsdY3LMRRUYV1+qIgsiPTnDIbeFxMBfW",
            "pässwörd € | SHA_256 | 3q2+78Tc47gDuiNy3RwPT8skoFT22pQSwTT/7UnwfSVuPWAR",
            "secret     | SHA_512 | 3q2+70VEWE0FqGYZ3RMNvezijod+raacSDqNV7zxX2jCGJrE+Ttmv27xiPDPLrdqK5P9/8A6XJ1WZEfOQ7i70LyGVak=",
    })
    void createsTheDocumentedFormat(String password, HashAlgorithm algorithm, String python) {
        assertEquals(python, PasswordHash.create(algorithm, SALT, PasswordHash.utf8(password)).encoded());
    }

    @Test
    void newHashesAreSha256WithAFreshSalt() {
        PasswordHash first = PasswordHash.create(PasswordHash.utf8("secret"));
        PasswordHash second = PasswordHash.create(PasswordHash.utf8("secret"));
        assertEquals(HashAlgorithm.SHA_256, first.algorithm());
        assertEquals(36, Base64.getDecoder().decode(first.encoded()).length);
        assertNotEquals(first.encoded(), second.encoded(), "salted");
        assertTrue(first.matches(PasswordHash.utf8("secret")));
        assertTrue(second.matches(PasswordHash.utf8("secret")));
        assertEquals(first, PasswordHash.parse(first.encoded()));
    }

    @Test
    void parseIgnoresSurroundingWhitespace() {
        assertTrue(PasswordHash.parse(" GRR2QtbZ4YWLFrqgE7t8A/RZ0DYlzEGsAR3WJnlSj0h5ujm6\n").matches(PasswordHash.utf8("secret")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not base64!  | it is not base64",
            "c2VjcmV0     | it decodes to 6 bytes, where a salt and a SHA-256 or SHA-512 digest make 36 or 68",
            "''           | it decodes to 0 bytes, where a salt and a SHA-256 or SHA-512 digest make 36 or 68",
            // An MD5 hash from RabbitMQ before 3.6 (4-byte salt + 16-byte digest).
            "3q2+7wAAAAAAAAAAAAAAAAAAAAA= | it decodes to 20 bytes, where a salt and a SHA-256 or SHA-512 digest make 36 or 68",
    })
    void parseSaysWhatIsWrong(String stored, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(stored)).getMessage());
    }

    @Test
    void equalityFollowsTheStoredForm() {
        PasswordHash a = PasswordHash.parse("GRR2QtbZ4YWLFrqgE7t8A/RZ0DYlzEGsAR3WJnlSj0h5ujm6");
        assertEquals(a, PasswordHash.parse("GRR2QtbZ4YWLFrqgE7t8A/RZ0DYlzEGsAR3WJnlSj0h5ujm6"));
        assertEquals(a.hashCode(), PasswordHash.parse("GRR2QtbZ4YWLFrqgE7t8A/RZ0DYlzEGsAR3WJnlSj0h5ujm6").hashCode());
        assertNotEquals(a, PasswordHash.parse("em+1wiBuhYcLRdkSwZy0B6Lgz46vq89Ybq09mV7L8/TQXr3b"));
        assertEquals("GRR2QtbZ4YWLFrqgE7t8A/RZ0DYlzEGsAR3WJnlSj0h5ujm6", a.toString());
    }

    @Test
    void saltMustBeRabbitMqsLength() {
        assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.create(HashAlgorithm.SHA_256, new byte[8], PasswordHash.utf8("x")));
    }
}
