package dev.depot.server.memcached;

/**
 * How memcached 1.6 would size an item, for the figures it reports ({@code me} size and class,
 * item size limit): a 48-byte header, 8 bytes of CAS, the key and its NUL, the value and its
 * CRLF, 4 bytes for non-zero flags; slab classes grow by 1.25 from 96 bytes, 8-byte aligned, up to half a page.
 */
final class ItemSizes {
    private static final int HEADER = 48 + 8;
    private static final int SMALLEST_CHUNK = 96;
    private static final double GROWTH = 1.25;
    private static final int LARGEST_CHUNK = 512 * 1024;
    private static final int[] CHUNKS = chunkSizes();

    private ItemSizes() {
    }

    /** Non-zero client flags take four more bytes. */
    static int itemSize(int keyLength, int flags, int valueLength) {
        return HEADER + keyLength + 1 + valueLength + 2 + (flags != 0 ? 4 : 0);
    }

    /** The 1-based slab class that holds an item of this total size. */
    static int slabClass(int size) {
        for (int i = 0; i < CHUNKS.length; i++) {
            if (size <= CHUNKS[i]) {
                return i + 1;
            }
        }
        return CHUNKS.length;
    }

    private static int[] chunkSizes() {
        int[] sizes = new int[64];
        int n = 0;
        double size = SMALLEST_CHUNK;
        while (n < sizes.length - 1 && size < LARGEST_CHUNK / GROWTH) {
            int aligned = (int) size;
            if (aligned % 8 != 0) {
                aligned += 8 - aligned % 8;
            }
            sizes[n++] = aligned;
            size = aligned * GROWTH;
        }
        sizes[n++] = LARGEST_CHUNK;
        return java.util.Arrays.copyOf(sizes, n);
    }
}
