package dev.depot.storage.types;


import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Redis hash: field names to values, in insertion order. It keeps its own heap size up to
 * date as fields come and go, so the keyspace's memory limit sees what it really costs.
 */
public final class HashValue implements CollectionValue {
    /** The map itself and its table, before any field. */
    private static final long BASE = 96;
    /** A map node, the name's wrapper and a table slot, besides the two arrays. */
    private static final long PER_FIELD = 64;

    private final Map<Bytes, byte[]> fields = new LinkedHashMap<>();
    private long heapSize = BASE;

    @Override
    public long heapSize() {
        return heapSize;
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public byte[] get(byte[] field) {
        return fields.get(new Bytes(field));
    }

    /** Sets a field; true when it is new. */
    public boolean put(byte[] field, byte[] value) {
        byte[] old = fields.put(new Bytes(field), value);
        if (old == null) {
            heapSize += PER_FIELD + array(field.length) + array(value.length);
            return true;
        }
        heapSize += array(value.length) - array(old.length);
        return false;
    }

    /** Removes a field; true when it was there. */
    public boolean remove(byte[] field) {
        byte[] old = fields.remove(new Bytes(field));
        if (old == null) {
            return false;
        }
        heapSize -= PER_FIELD + array(field.length) + array(old.length);
        return true;
    }

    @Override
    public HashValue copy() {
        HashValue copy = new HashValue();
        copy.fields.putAll(fields);
        copy.heapSize = heapSize;
        return copy;
    }

    /** The fields and values, in insertion order; do not modify. */
    public Map<Bytes, byte[]> entries() {
        return fields;
    }

    private static long array(int length) {
        return (16L + length + 7) & ~7L;
    }
}
