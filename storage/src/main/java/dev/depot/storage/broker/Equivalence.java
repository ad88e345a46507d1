package dev.depot.storage.broker;

/**
 * RabbitMQ's redeclaration checks: a declare that names an existing exchange or queue must
 * repeat its properties, or it is refused with 406 and a text saying which one differs.
 */
public final class Equivalence {
    private Equivalence() {
    }

    /** A declare field (type, durable, auto_delete, internal). */
    public static void assertSameField(ResourceName name, String field, Object current, Object received) {
        if (!current.equals(received)) {
            throw mismatch(name, field, "'" + received + "'", "'" + current + "'");
        }
    }

    /**
     * An argument compared by value and type class (integers of any width are one class), as
     * {@code current}/{@code received}: null when the argument is absent.
     */
    public static void assertSameArgument(ResourceName name, String key, boolean currentPresent, Object current,
                                          boolean receivedPresent, Object received) {
        if (!currentPresent && !receivedPresent) {
            return;
        }
        if (currentPresent && receivedPresent) {
            if (FieldValues.typeClass(current)
                    .equals(FieldValues.typeClass(received))
                    && FieldValues.looselyEqual(current, received)) {
                return;
            }
            throw mismatch(name, key, quoted(received), quoted(current));
        }
        throw mismatch(name, key, describe(receivedPresent, received), describe(currentPresent, current));
    }

    private static String quoted(Object value) {
        return "'" + FieldValues.format(value) + "'";
    }

    private static String describe(boolean present, Object value) {
        if (!present) {
            return "none";
        }
        return "the value " + quoted(value) + " of type '"
                + FieldValues.typeName(value) + "'";
    }

    private static BrokerException mismatch(ResourceName name, String field, String received, String current) {
        return new BrokerException(ReplyCode.PRECONDITION_FAILED,
                "inequivalent arg '" + field + "' for " + name + ": received " + received + " but current is " + current);
    }
}
