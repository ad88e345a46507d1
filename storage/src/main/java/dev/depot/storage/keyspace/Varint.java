package dev.depot.storage.keyspace;

/** Unsigned LEB128 for the key length at the front of a string payload (one byte below 128). */
final class Varint {
    private Varint() {
    }

    static int size(int value) {
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    static void write(byte[] into, int value) {
        int i = 0;
        while ((value & ~0x7f) != 0) {
            into[i++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        into[i] = (byte) value;
    }

    static int read(byte[] from) {
        int value = 0;
        for (int i = 0, shift = 0; ; i++, shift += 7) {
            byte b = from[i];
            value |= (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
