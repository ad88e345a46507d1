package dev.depot.server.resp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The default user's password (Redis's requirepass), changeable at run time by CONFIG SET.
 * Passwords are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time a
 * wrong guess takes says nothing about how much of it was right, nor about the length.
 */
final class Authenticator {
    /** The password and its digest, swapped together; an empty password means none is required. */
    private record Password(byte[] bytes, byte[] digest) {
    }

    private volatile Password current;

    Authenticator(String password) {
        set(password.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a new connection must authenticate before running commands. */
    boolean required() {
        return current.bytes.length > 0;
    }

    /** The password as configured (empty for none), for CONFIG GET requirepass. */
    byte[] password() {
        return current.bytes.clone();
    }

    void set(byte[] password) {
        byte[] copy = password.clone();
        current = new Password(copy, copy.length == 0 ? null : sha256(copy));
    }

    /** Whether {@code given} is the password; false when none is configured. */
    boolean matches(byte[] given) {
        Password password = current;
        return password.digest != null && MessageDigest.isEqual(sha256(given), password.digest);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
