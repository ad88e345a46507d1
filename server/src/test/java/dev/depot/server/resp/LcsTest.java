package dev.depot.server.resp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The LCS engine: Redis's answers on known cases, and on random strings the properties any answer must have. */
class LcsTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void redisDocumentationExample() {
        Lcs lcs = Lcs.of(b("ohmytext"), b("mynewtext"));
        assertEquals("mytext", s(lcs.subsequence()));
        assertEquals(6, lcs.length());
        assertEquals(List.of(new Lcs.Match(4, 7, 5, 8), new Lcs.Match(2, 3, 0, 1)), lcs.matches(0));
        assertEquals(List.of(new Lcs.Match(4, 7, 5, 8)), lcs.matches(4));
        assertEquals(List.of(), lcs.matches(5));
    }

    /** Where several subsequences are longest, the walk back prefers leaving out a byte of the second string (Redis 7.0's answers). */
    @Test
    void tiesGoTheWayRedisGoes() {
        assertEquals("b", s(Lcs.of(b("ab"), b("ba")).subsequence()));
        assertEquals("ab", s(Lcs.of(b("abc"), b("cab")).subsequence()));
        assertEquals("ab", s(Lcs.of(b("cab"), b("abc")).subsequence()));
        assertEquals("accat", s(Lcs.of(b("agcccaata"), b("accactct")).subsequence()));
    }

    @Test
    void emptyStrings() {
        assertEquals(0, Lcs.of(b(""), b("abc")).length());
        assertEquals(0, Lcs.of(b("abc"), b("")).subsequence().length);
        assertEquals(List.of(), Lcs.of(b(""), b("")).matches(0));
        assertEquals(0, Lcs.length(b(""), b("x")));
    }

    @Test
    void randomStringsGiveACommonSubsequenceOfTheLongestLength() {
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            byte[] a = randomString(random);
            byte[] b = randomString(random);
            Lcs lcs = Lcs.of(a, b);
            int longest = referenceLength(a, b);
            assertEquals(longest, lcs.length());
            assertEquals(longest, Lcs.length(a, b));
            byte[] sub = lcs.subsequence();
            assertEquals(longest, sub.length);
            assertTrue(isSubsequence(sub, a) && isSubsequence(sub, b), s(sub) + " in " + s(a) + " and " + s(b));

            List<Lcs.Match> matches = lcs.matches(0);
            int covered = 0;
            int previousStart = Integer.MAX_VALUE;
            for (Lcs.Match m : matches) {
                assertEquals(m.aEnd() - m.aStart(), m.bEnd() - m.bStart());
                assertTrue(m.aEnd() < previousStart, "last match first, no overlap");
                previousStart = m.aStart();
                for (int i = 0; i < m.length(); i++) {
                    assertEquals(a[m.aStart() + i], b[m.bStart() + i]);
                }
                covered += m.length();
            }
            assertEquals(longest, covered, "the matches are the subsequence, run by run");
            for (Lcs.Match m : lcs.matches(3)) {
                assertTrue(m.length() >= 3);
            }
        }
    }

    /** Redis's limit: (len1 + 1) * (len2 + 1) lengths of 4 bytes within proto-max-bulk-len, 512 MB. */
    @Test
    void theSizeLimitIsRedis() {
        assertFalse(Lcs.tooLarge(11_584, 11_584));
        assertTrue(Lcs.tooLarge(11_585, 11_585));
        assertFalse(Lcs.tooLarge(134_217_726, 0));
        assertTrue(Lcs.tooLarge(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    private static byte[] randomString(Random random) {
        String alphabet = random.nextBoolean() ? "ab" : "abcdxyz";
        byte[] out = new byte[random.nextInt(25)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return out;
    }

    /** The textbook table of lengths, in full. */
    private static int referenceLength(byte[] a, byte[] b) {
        int[][] table = new int[a.length + 1][b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                table[i][j] = a[i - 1] == b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
            }
        }
        return table[a.length][b.length];
    }

    private static boolean isSubsequence(byte[] sub, byte[] of) {
        int k = 0;
        for (int i = 0; i < of.length && k < sub.length; i++) {
            if (of[i] == sub[k]) {
                k++;
            }
        }
        return k == sub.length;
    }
}
