package dev.depot.storage.types;


/**
 * A Redis list: a ring buffer of values, so pushes and pops at both ends are O(1) and access
 * by index is O(1) too (LINDEX, LSET, LRANGE). It keeps its heap size up to date.
 */
public final class ListValue implements CollectionValue {
    private static final long BASE = 48;
    /** The slot in the ring for each element, besides the element's own array. */
    private static final long PER_ELEMENT = 4;

    private byte[][] ring = new byte[8][];
    private int head;
    private int size;
    private long elementBytes;

    @Override
    public long heapSize() {
        return BASE + 16 + (long) ring.length * PER_ELEMENT + elementBytes;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public ListValue copy() {
        ListValue copy = new ListValue();
        copy.ring = ring.clone();
        copy.head = head;
        copy.size = size;
        copy.elementBytes = elementBytes;
        return copy;
    }

    public byte[] get(int index) {
        return ring[slot(index)];
    }

    public void set(int index, byte[] value) {
        int at = slot(index);
        elementBytes += array(value.length) - array(ring[at].length);
        ring[at] = value;
    }

    public void addFirst(byte[] value) {
        grow();
        head = (head - 1 + ring.length) & (ring.length - 1);
        ring[head] = value;
        size++;
        elementBytes += array(value.length);
    }

    public void addLast(byte[] value) {
        grow();
        ring[slot(size)] = value;
        size++;
        elementBytes += array(value.length);
    }

    public byte[] removeFirst() {
        byte[] value = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
        elementBytes -= array(value.length);
        return value;
    }

    public byte[] removeLast() {
        int at = slot(size - 1);
        byte[] value = ring[at];
        ring[at] = null;
        size--;
        elementBytes -= array(value.length);
        return value;
    }

    /** Inserts before position {@code index} (0..size). */
    public void insert(int index, byte[] value) {
        addLast(value);
        for (int i = size - 1; i > index; i--) {
            ring[slot(i)] = ring[slot(i - 1)];
        }
        ring[slot(index)] = value;
    }

    /** Removes the element at {@code index}. */
    public byte[] remove(int index) {
        byte[] value = get(index);
        for (int i = index; i < size - 1; i++) {
            ring[slot(i)] = ring[slot(i + 1)];
        }
        ring[slot(size - 1)] = null;
        size--;
        elementBytes -= array(value.length);
        return value;
    }

    /** Keeps only positions {@code start..end} (inclusive, already clamped to the list). */
    public void trim(int start, int end) {
        byte[][] kept = new byte[Math.max(8, Integer.highestOneBit(Math.max(1, end - start + 1)) << 1)][];
        int n = 0;
        long bytes = 0;
        for (int i = start; i <= end && i < size; i++) {
            kept[n++] = get(i);
            bytes += array(kept[n - 1].length);
        }
        ring = kept;
        head = 0;
        size = n;
        elementBytes = bytes;
    }

    private int slot(int index) {
        return (head + index) & (ring.length - 1);
    }

    private void grow() {
        if (size < ring.length) {
            return;
        }
        byte[][] bigger = new byte[ring.length << 1][];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[slot(i)];
        }
        ring = bigger;
        head = 0;
    }

    private static long array(int length) {
        return (16L + length + 7) & ~7L;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            text.append(i == 0 ? "" : ", ").append(new String(get(i), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return text.append(']').toString();
    }
}
