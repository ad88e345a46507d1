package dev.depot.config.access;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The digests of RabbitMQ's password hashing modules that Depot reads. RabbitMQ's default since
 * 3.6 is SHA-256; SHA-512 is the other module an operator may have chosen. The legacy MD5 module
 * (users created before 3.6) is not accepted: such users need a new password anyway.
 */
public enum HashAlgorithm {
    SHA_256("SHA-256", 32, "rabbit_password_hashing_sha256"),
    SHA_512("SHA-512", 64, "rabbit_password_hashing_sha512");

    private final String jdkName;
    private final int digestLength;
    private final String rabbitModule;

    HashAlgorithm(String jdkName, int digestLength, String rabbitModule) {
        this.jdkName = jdkName;
        this.digestLength = digestLength;
        this.rabbitModule = rabbitModule;
    }

    /** Bytes of the digest alone, without the salt. */
    public int digestLength() {
        return digestLength;
    }

    /** RabbitMQ's name for it, as in the {@code hashing_algorithm} of exported definitions. */
    public String rabbitModule() {
        return rabbitModule;
    }

    /** A fresh digest: {@link MessageDigest} instances are not thread-safe, and a login is rare. */
    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + jdkName, e);
        }
    }

    /** The algorithm whose digest has this length: the stored form carries no other marker. */
    static Optional<HashAlgorithm> ofDigestLength(int length) {
        return Arrays.stream(values()).filter(a -> a.digestLength == length).findFirst();
    }
}
