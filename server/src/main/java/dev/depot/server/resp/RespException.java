package dev.depot.server.resp;

/**
 * A command refused with an error reply (the full text, prefix included: "ERR ...",
 * "WRONGTYPE ..."). Thrown before the command has written anything.
 */
final class RespException extends RuntimeException {
    RespException(String reply) {
        super(reply, null, false, false);
    }

    static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";
    static final String NOT_A_FLOAT = "ERR value is not a valid float";
    static final String SYNTAX = "ERR syntax error";
    static final String WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    static RespException notAnInteger() {
        return new RespException(NOT_AN_INTEGER);
    }

    static RespException syntax() {
        return new RespException(SYNTAX);
    }

    static RespException wrongType() {
        return new RespException(WRONG_TYPE);
    }
}
