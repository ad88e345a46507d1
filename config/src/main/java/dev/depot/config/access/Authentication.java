package dev.depot.config.access;

/** The outcome of a login attempt: {@link AccessControl#authenticate}. */
public sealed interface Authentication {

    /** The credentials are right and the user may connect from where they are. */
    record Authenticated(AuthenticatedUser user) implements Authentication {
    }

    /**
     * The login is refused. Clients are told only that (RabbitMQ answers every refusal with the
     * same 403 text); {@link Refusal#logMessage} is for the operator's log.
     *
     * @param username the name the client gave
     */
    record Refused(String username, Refusal reason) implements Authentication {

        /** The log line RabbitMQ writes for this refusal, e.g. {@code user 'bob' - invalid credentials}. */
        public String logMessage() {
            return reason.logMessage(username);
        }
    }

    /** Why a login was refused. */
    enum Refusal {
        /** No such user, or the wrong password: not told apart, as in RabbitMQ's log. */
        INVALID_CREDENTIALS("user '%s' - invalid credentials"),
        /** The right password for a loopback-only user, from another address. */
        LOOPBACK_ONLY("user '%s' can only connect via localhost");

        private final String logFormat;

        Refusal(String logFormat) {
            this.logFormat = logFormat;
        }

        String logMessage(String username) {
            return String.format(logFormat, username);
        }
    }
}
