package dev.depot.config;

/**
 * A configuration the daemon cannot run with. The message is written for the operator and is
 * complete on its own (it names the key and says what is allowed), so callers print
 * {@link #getMessage()} and nothing else; the stack trace is only for debugging Depot itself.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
