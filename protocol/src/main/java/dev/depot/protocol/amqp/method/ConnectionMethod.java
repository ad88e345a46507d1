package dev.depot.protocol.amqp.method;

import dev.depot.protocol.amqp.error.AmqpException;

import java.util.Map;

/** Class 10, connection: the handshake, tuning, closing, flow control and credential refresh. */
public sealed interface ConnectionMethod extends Method {

    /** Server's greeting; mechanisms and locales are space-separated lists. */
    record Start(int versionMajor, int versionMinor, Map<String, Object> serverProperties,
                 String mechanisms, String locales) implements ConnectionMethod {
        static Start read(MethodReader in) {
            return new Start(in.octet(), in.octet(), in.table(), in.longstrText(), in.longstrText());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_START;
        }

        @Override
        public void write(MethodWriter out) {
            out.octet(versionMajor).octet(versionMinor).table(serverProperties)
                    .longstrText(mechanisms).longstrText(locales);
        }
    }

    /** {@code response} is mechanism-specific binary (for PLAIN: NUL user NUL password). */
    record StartOk(Map<String, Object> clientProperties, String mechanism, byte[] response, String locale)
            implements ConnectionMethod {
        static StartOk read(MethodReader in) {
            return new StartOk(in.table(), in.shortstr(), in.longstr(), in.shortstr());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_START_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.table(clientProperties).shortstr(mechanism).longstr(response).shortstr(locale);
        }
    }

    record Secure(byte[] challenge) implements ConnectionMethod {
        static Secure read(MethodReader in) {
            return new Secure(in.longstr());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_SECURE;
        }

        @Override
        public void write(MethodWriter out) {
            out.longstr(challenge);
        }
    }

    record SecureOk(byte[] response) implements ConnectionMethod {
        static SecureOk read(MethodReader in) {
            return new SecureOk(in.longstr());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_SECURE_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.longstr(response);
        }
    }

    /** The server's limits; 0 means "no limit" for each. frameMax is unsigned 32-bit. */
    record Tune(int channelMax, long frameMax, int heartbeat) implements ConnectionMethod {
        static Tune read(MethodReader in) {
            return new Tune(in.shortUint(), in.longUint(), in.shortUint());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_TUNE;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortUint(channelMax).longUint(frameMax).shortUint(heartbeat);
        }
    }

    record TuneOk(int channelMax, long frameMax, int heartbeat) implements ConnectionMethod {
        static TuneOk read(MethodReader in) {
            return new TuneOk(in.shortUint(), in.longUint(), in.shortUint());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_TUNE_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortUint(channelMax).longUint(frameMax).shortUint(heartbeat);
        }
    }

    /** Reserved: capabilities (shortstr) and insist (bit). */
    record Open(String virtualHost) implements ConnectionMethod {
        static Open read(MethodReader in) {
            Open open = new Open(in.shortstr());
            in.reservedShortstr();
            in.reservedBit();
            return open;
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_OPEN;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortstr(virtualHost).reservedShortstr().reservedBit();
        }
    }

    /** Reserved: known-hosts (shortstr). */
    record OpenOk() implements ConnectionMethod {
        static OpenOk read(MethodReader in) {
            in.reservedShortstr();
            return new OpenOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_OPEN_OK;
        }

        @Override
        public void write(MethodWriter out) {
            out.reservedShortstr();
        }
    }

    /**
     * causeClassId and causeMethodId name the method that caused the close, or are 0 (the
     * spec's class-id and method-id, renamed so as not to shadow {@link Method#classId()}).
     */
    record Close(int replyCode, String replyText, int causeClassId, int causeMethodId) implements ConnectionMethod {
        /** The connection.close that reports {@code e}. */
        public static Close of(AmqpException e) {
            return new Close(e.code().code(), e.replyText(), e.classId(), e.methodId());
        }

        static Close read(MethodReader in) {
            return new Close(in.shortUint(), in.shortstr(), in.shortUint(), in.shortUint());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_CLOSE;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortUint(replyCode).shortstr(replyText).shortUint(causeClassId).shortUint(causeMethodId);
        }
    }

    record CloseOk() implements ConnectionMethod {
        static CloseOk read(MethodReader in) {
            return new CloseOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_CLOSE_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    /** The server stopped reading publishes (a resource alarm). */
    record Blocked(String reason) implements ConnectionMethod {
        static Blocked read(MethodReader in) {
            return new Blocked(in.shortstr());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_BLOCKED;
        }

        @Override
        public void write(MethodWriter out) {
            out.shortstr(reason);
        }
    }

    record Unblocked() implements ConnectionMethod {
        static Unblocked read(MethodReader in) {
            return new Unblocked();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_UNBLOCKED;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    /** A client replaces its credentials (e.g. an OAuth token) on a live connection. */
    record UpdateSecret(byte[] newSecret, String reason) implements ConnectionMethod {
        static UpdateSecret read(MethodReader in) {
            return new UpdateSecret(in.longstr(), in.shortstr());
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_UPDATE_SECRET;
        }

        @Override
        public void write(MethodWriter out) {
            out.longstr(newSecret).shortstr(reason);
        }
    }

    record UpdateSecretOk() implements ConnectionMethod {
        static UpdateSecretOk read(MethodReader in) {
            return new UpdateSecretOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.CONNECTION_UPDATE_SECRET_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }
}
