package dev.depot.server.resp;

/**
 * The classes of keyspace notification, by the letter {@code notify-keyspace-events} names them
 * with. A command's event belongs to one class; it is published only when its class is enabled.
 */
enum KeyspaceEventClass {
    GENERIC('g'),
    STRING('$'),
    LIST('l'),
    SET('s'),
    HASH('h'),
    ZSET('z'),
    EXPIRED('x'),
    EVICTED('e'),
    STREAM('t'),
    KEY_MISS('m'),
    MODULE('d'),
    NEW('n');

    final char letter;
    /** This class's bit in {@link KeyspaceEvents}'s mask. */
    final int bit = 1 << ordinal();

    KeyspaceEventClass(char letter) {
        this.letter = letter;
    }
}
