package dev.depot.config.access;

/** What a configured user proves their identity with: a password, stored hashed or (less safely) as written. */
public sealed interface Credential permits PasswordHash, PlainPassword {

    /**
     * Whether {@code password} (the bytes a client sent, e.g. from SASL PLAIN) is this user's.
     * The answer takes the same time whichever byte differs, so timing reveals nothing.
     */
    boolean matches(byte[] password);
}
