package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Memory per item is a product feature: the accounted size of an entry must be what the JVM
 * really allocates, so a new field that grows the object fails here instead of going unnoticed.
 */
class EntryLayoutTest {

    @Test
    void anEntryTakesTheBytesEntrySizeAccountsFor() {
        assertEquals(EntrySize.ENTRY_OBJECT, ClassLayout.parseClass(Entry.class).instanceSize(),
                ClassLayout.parseClass(Entry.class).toPrintable());
    }
}
