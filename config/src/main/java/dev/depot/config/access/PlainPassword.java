package dev.depot.config.access;

import java.security.MessageDigest;

/**
 * A password written in the config file as it is, for convenience. A {@link PasswordHash} is the
 * better choice: whoever reads the file (or a backup of it) does not learn the password.
 *
 * @param password the password; never empty
 */
public record PlainPassword(String password) implements Credential {

    public PlainPassword {
        if (password.isEmpty()) {
            // An empty password would let anyone who knows the user name in.
            throw new IllegalArgumentException("the password is empty");
        }
    }

    @Override
    public boolean matches(byte[] given) {
        // Digests first, so the comparison is between equal-length arrays and MessageDigest.isEqual
        // takes the same time whatever the lengths and contents of the two passwords.
        MessageDigest sha256 = HashAlgorithm.SHA_256.newDigest();
        byte[] expected = sha256.digest(PasswordHash.utf8(password));
        return MessageDigest.isEqual(sha256.digest(given), expected);
    }

    /** Never the password itself: configs end up in logs and assertion messages. */
    @Override
    public String toString() {
        return "PlainPassword[(hidden)]";
    }
}
