package dev.depot.protocol.amqp.method;

/**
 * An AMQP 0-9-1 method with its arguments: one record per method, grouped by class
 * ({@code BasicMethod.Publish} is basic.publish). Reserved arguments are not represented: they
 * are skipped when read and written as zero or empty. Decoded components are never null (and
 * writing a null one fails); byte arrays are not copied. Records holding byte arrays compare
 * them by identity, as records do.
 */
public sealed interface Method
        permits ConnectionMethod, ChannelMethod, AccessMethod, ExchangeMethod, QueueMethod, BasicMethod, ConfirmMethod, TxMethod {

    /** Which method this is: its ids, its name, whether content follows it. */
    MethodKind kind();

    /** Writes the arguments (the ids are {@link Methods#encode}'s job). */
    void write(MethodWriter out);

    default int classId() {
        return kind().classId();
    }

    default int methodId() {
        return kind().methodId();
    }

    /** Whether a content header and body frames follow this method. */
    default boolean hasContent() {
        return kind().hasContent();
    }
}
