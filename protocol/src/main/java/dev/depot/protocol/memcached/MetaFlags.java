package dev.depot.protocol.memcached;

import java.util.List;

/**
 * The flags of a meta command (mg, ms, md, ma), parsed as memcached 1.6 parses them. The raw
 * tokens stay in request order because return flags are echoed in that order.
 */
public final class MetaFlags {
    /** Opaque tokens longer than this (flag letter included) are refused. */
    static final int MAX_OPAQUE_LENGTH = 32;
    public static final String OPAQUE_TOO_LONG = "CLIENT_ERROR opaque token too long";

    private final List<byte[]> tokens;
    private long present;
    int clientFlags;
    long compareCas;
    long initial;
    long delta = 1;
    int ttl;
    int vivifyTtl;
    int recacheTtl;
    byte mode;

    MetaFlags(List<byte[]> tokens) {
        this.tokens = tokens;
    }

    /** Flag tokens in request order, each starting with its flag letter. */
    public List<byte[]> tokens() {
        return tokens;
    }

    /**
     * An opaque token over 32 bytes. mg and ma still do their work and then answer with
     * {@link #OPAQUE_TOO_LONG}, as memcached notices it only while writing the reply.
     */
    public boolean opaqueTooLong() {
        for (byte[] t : tokens) {
            if (t[0] == 'O' && t.length > MAX_OPAQUE_LENGTH) {
                return true;
            }
        }
        return false;
    }

    public boolean has(char flag) {
        return flag >= 'A' && flag <= 'z' && (present & bit(flag)) != 0;
    }

    void mark(char flag) {
        present |= bit(flag);
    }

    private static long bit(char flag) {
        return 1L << (flag - 'A');
    }

    /** F: client flags to store. */
    public int clientFlags() {
        return clientFlags;
    }

    /** C: the CAS value to compare against. */
    public long compareCas() {
        return compareCas;
    }

    /** J: ma's initial value on autovivify (unsigned). */
    public long initial() {
        return initial;
    }

    /** D: ma's delta (unsigned), 1 unless given. */
    public long delta() {
        return delta;
    }

    /** T: the raw exptime to set. */
    public int ttl() {
        return ttl;
    }

    /** N: the raw exptime of an autovivified item. */
    public int vivifyTtl() {
        return vivifyTtl;
    }

    /** R: recache when the remaining TTL is below this raw exptime. */
    public int recacheTtl() {
        return recacheTtl;
    }

    /** M: the mode letter, 0 when not given. */
    public byte mode() {
        return mode;
    }

    public boolean quiet() {
        return has('q');
    }

    public boolean base64Key() {
        return has('b');
    }
}
