package dev.depot.server.it.resp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.LCSParams;
import redis.clients.jedis.resps.LCSMatchResult;

import java.util.stream.Stream;

import static dev.depot.server.it.resp.RespConnection.EMPTY;
import static dev.depot.server.it.resp.RespConnection.OK;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.arr;
import static dev.depot.server.it.resp.RespConnection.bulk;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.notAnInteger;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** LCS in its three answers (subsequence, LEN, IDX), RESP2 and RESP3, and its errors. */
class RespLcsTest extends RespTestBase {

    /** A match of IDX: ranges in both strings, with its length when WITHMATCHLEN is given. */
    private static String match(int aStart, int aEnd, int bStart, int bEnd, boolean withLength) {
        String ranges = arr(num(aStart), num(aEnd)) + arr(num(bStart), num(bEnd));
        return withLength ? "*3\r\n" + ranges + num(aEnd - aStart + 1) : "*2\r\n" + ranges;
    }

    /** IDX's reply body after its header: "matches", the matches, "len", the length. */
    private static String idxBody(int length, String... matches) {
        return bulk("matches") + arr(matches) + bulk("len") + num(length);
    }

    @Test
    void theExampleOfTheRedisDocumentation() {
        redis.expect(OK, "MSET", "key1", "ohmytext", "key2", "mynewtext");
        redis.expect(bulk("mytext"), "LCS", "key1", "key2");
        redis.expect(num(6), "LCS", "key1", "key2", "LEN");
        redis.expect("*4\r\n" + idxBody(6, match(4, 7, 5, 8, false), match(2, 3, 0, 1, false)),
                "LCS", "key1", "key2", "IDX");
        redis.expect("*4\r\n" + idxBody(6, match(4, 7, 5, 8, false)), "LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4");
        redis.expect("*4\r\n" + idxBody(6, match(4, 7, 5, 8, true)),
                "LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN");
        redis.expect("*4\r\n" + idxBody(6, match(4, 7, 5, 8, true), match(2, 3, 0, 1, true)),
                "LCS", "key1", "key2", "idx", "withmatchlen");
        // a negative MINMATCHLEN counts as 0; the IDX-only options are ignored otherwise
        redis.expect("*4\r\n" + idxBody(6, match(4, 7, 5, 8, false), match(2, 3, 0, 1, false)),
                "LCS", "key1", "key2", "MINMATCHLEN", "-5", "IDX");
        redis.expect(bulk("mytext"), "LCS", "key1", "key2", "WITHMATCHLEN");
        redis.expect(bulk("mytext"), "LCS", "key1", "key2", "MINMATCHLEN", "3");
        redis.expect(num(6), "LCS", "key1", "key2", "LEN", "WITHMATCHLEN");
        redis.expect("*4\r\n" + idxBody(8, match(0, 7, 0, 7, true)), "LCS", "key1", "key1", "IDX", "WITHMATCHLEN");
    }

    @Test
    void resp3AnswersIdxWithAMap() {
        redis.expect(OK, "MSET", "key1", "ohmytext", "key2", "mynewtext");
        redis.call("HELLO", "3");
        redis.expect("%2\r\n" + idxBody(6, match(4, 7, 5, 8, true), match(2, 3, 0, 1, true)),
                "LCS", "key1", "key2", "IDX", "WITHMATCHLEN");
        redis.expect("%2\r\n" + idxBody(0), "LCS", "missing", "missing", "IDX");
        redis.expect(num(6), "LCS", "key1", "key2", "LEN");
        redis.expect(bulk("mytext"), "LCS", "key1", "key2");
    }

    @Test
    void missingKeysAreEmptyStrings() {
        redis.expect(OK, "SET", "key1", "abc");
        redis.expect(EMPTY, "LCS", "key1", "missing");
        redis.expect(num(0), "LCS", "missing", "missing2", "LEN");
        redis.expect("*4\r\n" + idxBody(0), "LCS", "missing", "missing", "IDX");
    }

    /** Ties among longest subsequences are broken as Redis breaks them: expectations from Redis 7.0. */
    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("redisAnswers")
    void tiesAreBrokenAsRedisBreaksThem(String a, String b, String subsequence, String matches) {
        redis.expect(OK, "MSET", "a", a, "b", b);
        redis.expect(bulk(subsequence), "LCS", "a", "b");
        String[] runs = matches.split(" ");
        String[] expected = new String[runs.length];
        for (int i = 0; i < runs.length; i++) {
            String[] ab = runs[i].split("/");
            String[] inA = ab[0].split("-");
            String[] inB = ab[1].split("-");
            expected[i] = match(Integer.parseInt(inA[0]), Integer.parseInt(inA[1]),
                    Integer.parseInt(inB[0]), Integer.parseInt(inB[1]), true);
        }
        redis.expect("*4\r\n" + idxBody(subsequence.length(), expected), "LCS", "a", "b", "IDX", "WITHMATCHLEN");
    }

    static Stream<Arguments> redisAnswers() {
        return Stream.of(
                arguments("agcccaata", "accactct", "accat", "7-7/5-5 6-6/3-3 3-4/1-2 0-0/0-0"),
                arguments("actggccgaata", "ggatataggcaac", "atggcaa",
                        "11-11/11-11 9-9/10-10 6-6/9-9 3-4/7-8 2-2/5-5 0-0/2-2"),
                arguments("aabbbcbab", "acbcccaccacca", "acba", "7-7/6-6 5-6/1-2 1-1/0-0"),
                arguments("bbabaaabbbaabab", "babaabbbbaabaa", "babaabbbaaba", "7-13/6-12 5-6/3-4 1-3/0-2"),
                arguments("ababbbbaab", "abbababaabaab", "abbbbbaab", "6-9/9-12 5-5/6-6 4-4/4-4 3-3/2-2 0-1/0-1"),
                arguments("abbaabbaaaaabaaa", "abbaabbbbbaaaab", "abbaabbaaaab", "8-12/10-14 0-6/0-6"),
                arguments("aaaaaaaabaabbaab", "bbaaabbbbba", "aaabbbb", "15-15/9-9 11-12/6-7 5-8/2-5"),
                arguments("atgaccctc", "cgtcataaaacctt", "atacct", "5-7/10-12 3-3/6-6 0-1/4-5"));
    }

    @Test
    void errors() {
        redis.expect(OK, "SET", "a", "x");
        redis.expect(num(1), "SADD", "s", "m");
        String notStrings = err("ERR The specified keys must contain string values");
        redis.expect(notStrings, "LCS", "a", "s");
        redis.expect(notStrings, "LCS", "s", "a");
        redis.expect(notStrings, "LCS", "s", "missing");
        redis.expect(notStrings, "LCS", "s", "a", "FOO"); // the keys are looked at before the options
        String both = err("ERR If you want both the length and indexes, please just use IDX.");
        redis.expect(both, "LCS", "a", "b", "LEN", "IDX");
        redis.expect(both, "LCS", "a", "b", "IDX", "LEN");
        redis.expect(syntaxError(), "LCS", "a", "b", "IDX", "LEN", "FOO"); // every option is read first
        redis.expect(syntaxError(), "LCS", "a", "b", "FOO");
        redis.expect(syntaxError(), "LCS", "a", "b", "MINMATCHLEN");
        redis.expect(notAnInteger(), "LCS", "a", "b", "MINMATCHLEN", "x");
        redis.expect(notAnInteger(), "LCS", "a", "b", "MINMATCHLEN", "9223372036854775808");
        redis.expect(arity("lcs"), "LCS", "a");
        redis.expect(arity("lcs"), "LCS");
    }

    /** Redis refuses when its table of 32-bit lengths, (len1+1) x (len2+1), would pass 512 MB. */
    @Test
    void tooLargeForRedisIsTooLargeHere() {
        redis.expect(OK, "MSET", "a", "a".repeat(11585), "b", "b".repeat(11585));
        redis.expect(err("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"),
                "LCS", "a", "b", "LEN");
        redis.expect(OK, "MSET", "a", "x".repeat(100_000), "b", "x");
        redis.expect(num(1), "LCS", "a", "b", "LEN");
    }

    @Test
    void throughJedis() {
        try (Jedis jedis = daemon.jedis()) {
            jedis.mset("key1", "ohmytext", "key2", "mynewtext");
            assertEquals("mytext", jedis.lcs("key1", "key2", LCSParams.LCSParams()).getMatchString());
            LCSMatchResult idx = jedis.lcs("key1", "key2", LCSParams.LCSParams().idx().withMatchLen());
            assertEquals(6, idx.getLen());
            assertEquals(2, idx.getMatches().size());
            assertEquals(4, idx.getMatches().get(0).getMatchLen());
            assertEquals(4, idx.getMatches().get(0).getA().getStart());
            assertEquals(8, idx.getMatches().get(0).getB().getEnd());
        }
    }
}
