package dev.depot.server.resp;

import java.util.ArrayList;
import java.util.List;

/**
 * The longest common subsequence of two byte strings (Redis LCS). Of the many common
 * subsequences of greatest length it finds the one Redis reports: walking back from the ends of
 * both strings, a byte present in both is taken, otherwise the walk leaves out a byte of the
 * first string when that keeps a strictly longer subsequence, else a byte of the second.
 *
 * <p>The walk needs, for every pair of prefixes, only which of those two ways is longer, so the
 * table keeps one bit per pair instead of Redis's 32-bit lengths: 1/32 of its memory.
 */
final class Lcs {
    /** Redis refuses when its table of 32-bit lengths would exceed proto-max-bulk-len (512 MB by default). */
    static final long REDIS_TABLE_LIMIT = 512L * 1024 * 1024;

    /** A run of bytes matched in both strings: inclusive positions in each. */
    record Match(int aStart, int aEnd, int bStart, int bEnd) {
        int length() {
            return aEnd - aStart + 1;
        }
    }

    private final byte[] a;
    /** The positions in each string of the common subsequence's bytes, in order. */
    private final int[] inA;
    private final int[] inB;

    private Lcs(byte[] a, int[] inA, int[] inB) {
        this.a = a;
        this.inA = inA;
        this.inB = inB;
    }

    /** Whether Redis would refuse these lengths for the memory its table takes. */
    static boolean tooLarge(int aLength, int bLength) {
        return (aLength + 1L) * (bLength + 1L) > REDIS_TABLE_LIMIT / Integer.BYTES;
    }

    /** Only the length: two rows of the table, no walk. */
    static int length(byte[] a, byte[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }

    static Lcs of(byte[] a, byte[] b) {
        int width = b.length;
        // bit (i-1)*width + (j-1): leaving out a[i-1] keeps more than leaving out b[j-1]
        long[] dropA = new long[(int) (((long) a.length * width + 63) >>> 6)];
        int[] previous = new int[width + 1];
        int[] current = new int[width + 1];
        for (int i = 1; i <= a.length; i++) {
            long row = (long) (i - 1) * width;
            for (int j = 1; j <= width; j++) {
                if (a[i - 1] == b[j - 1]) {
                    current[j] = previous[j - 1] + 1;
                } else if (previous[j] > current[j - 1]) {
                    current[j] = previous[j];
                    long bit = row + j - 1;
                    dropA[(int) (bit >>> 6)] |= 1L << bit;
                } else {
                    current[j] = current[j - 1];
                }
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        int length = previous[width];
        int[] inA = new int[length];
        int[] inB = new int[length];
        int i = a.length;
        int j = width;
        for (int k = length; i > 0 && j > 0; ) {
            if (a[i - 1] == b[j - 1]) {
                k--;
                inA[k] = --i;
                inB[k] = --j;
            } else {
                long bit = (long) (i - 1) * width + j - 1;
                if ((dropA[(int) (bit >>> 6)] & 1L << bit) != 0) {
                    i--;
                } else {
                    j--;
                }
            }
        }
        return new Lcs(a, inA, inB);
    }

    int length() {
        return inA.length;
    }

    byte[] subsequence() {
        byte[] out = new byte[inA.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = a[inA[k]];
        }
        return out;
    }

    /**
     * The runs of bytes that are consecutive in both strings, last run first (Redis's IDX
     * order), leaving out runs shorter than {@code minLength}.
     */
    List<Match> matches(long minLength) {
        List<Match> runs = new ArrayList<>();
        int end = inA.length - 1;
        while (end >= 0) {
            int start = end;
            while (start > 0 && inA[start - 1] == inA[start] - 1 && inB[start - 1] == inB[start] - 1) {
                start--;
            }
            Match run = new Match(inA[start], inA[end], inB[start], inB[end]);
            if (run.length() >= minLength) {
                runs.add(run);
            }
            end = start - 1;
        }
        return runs;
    }
}
