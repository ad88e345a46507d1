package dev.depot.config.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A password stored the way RabbitMQ stores it (rabbit_password_hashing_sha256, its default, or
 * the sha512 module): base64 of a 4-byte random salt followed by the digest of the salt and the
 * password's bytes. So {@code rabbitmqctl hash_password} output, the {@code password_hash} of
 * RabbitMQ's exported definitions and {@code depot hash-password} output are interchangeable.
 */
public final class PasswordHash implements Credential {

    /** RabbitMQ's salt length; the stored form depends on it. */
    static final int SALT_LENGTH = 4;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HashAlgorithm algorithm;
    private final byte[] salt;
    private final byte[] digest;

    private PasswordHash(HashAlgorithm algorithm, byte[] salt, byte[] digest) {
        this.algorithm = algorithm;
        this.salt = salt;
        this.digest = digest;
    }

    /**
     * Reads the stored form. The algorithm follows from the decoded length: 36 bytes are SHA-256,
     * 68 bytes SHA-512.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code encoded}, for the operator
     */
    public static PasswordHash parse(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("it is not base64");
        }
        HashAlgorithm algorithm = HashAlgorithm.ofDigestLength(bytes.length - SALT_LENGTH).orElseThrow(() ->
                new IllegalArgumentException("it decodes to " + bytes.length + " bytes, where a salt and a SHA-256"
                        + " or SHA-512 digest make " + (SALT_LENGTH + HashAlgorithm.SHA_256.digestLength()) + " or "
                        + (SALT_LENGTH + HashAlgorithm.SHA_512.digestLength())));
        return new PasswordHash(algorithm, Arrays.copyOf(bytes, SALT_LENGTH),
                Arrays.copyOfRange(bytes, SALT_LENGTH, bytes.length));
    }

    /** A new SHA-256 hash of {@code password} with a random salt, as RabbitMQ's default module makes. */
    public static PasswordHash create(byte[] password) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return create(HashAlgorithm.SHA_256, salt, password);
    }

    /** The hash of {@code password} with a given salt; for tests and fixtures, where repeatability matters. */
    static PasswordHash create(HashAlgorithm algorithm, byte[] salt, byte[] password) {
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("the salt must be " + SALT_LENGTH + " bytes, not " + salt.length);
        }
        return new PasswordHash(algorithm, salt.clone(), digest(algorithm, salt, password));
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public boolean matches(byte[] password) {
        // MessageDigest.isEqual examines every byte whatever the contents: constant time.
        return MessageDigest.isEqual(digest(algorithm, salt, password), digest);
    }

    /** The stored form: base64 of salt then digest, as RabbitMQ writes it. */
    public String encoded() {
        byte[] bytes = Arrays.copyOf(salt, SALT_LENGTH + digest.length);
        System.arraycopy(digest, 0, bytes, SALT_LENGTH, digest.length);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] digest(HashAlgorithm algorithm, byte[] salt, byte[] password) {
        MessageDigest md = algorithm.newDigest();
        md.update(salt);
        md.update(password);
        return md.digest();
    }

    /** Two hashes are equal when their stored forms are: same algorithm, salt and digest. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && algorithm == that.algorithm
                && Arrays.equals(salt, that.salt) && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + Arrays.hashCode(digest);
    }

    /** The stored form: a salted hash reveals nothing useful, and configs are compared in tests. */
    @Override
    public String toString() {
        return encoded();
    }

    /** UTF-8, as RabbitMQ hashes the password it is given as text. */
    static byte[] utf8(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }
}
