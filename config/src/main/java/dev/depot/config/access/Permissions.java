package dev.depot.config.access;

/**
 * What a user may do in one virtual host: three regular expressions over resource names, as
 * RabbitMQ's {@code set_permissions} takes them. Configure covers declaring and deleting
 * queues and exchanges; write covers publishing to an exchange and binding to a queue; read
 * covers consuming from a queue and binding from an exchange. How they match:
 * {@link NamePattern}.
 *
 * @param configure pattern for queues and exchanges the user may declare and delete
 * @param write     pattern for exchanges the user may publish to (and queues bound to)
 * @param read      pattern for queues the user may consume from (and exchanges bound from)
 */
public record Permissions(String configure, String write, String read) {

    /** {@code .*} for all three, as RabbitMQ grants guest on {@code /}. */
    public static final Permissions ALL = new Permissions(".*", ".*", ".*");

    /**
     * @throws IllegalArgumentException naming the pattern that does not compile, and why
     */
    public Permissions {
        check("configure", configure);
        check("write", write);
        check("read", read);
    }

    private static void check(String which, String regex) {
        try {
            NamePattern.compile(regex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(which + " pattern '" + regex + "' is not a valid regular expression ("
                    + e.getMessage() + ")");
        }
    }
}
