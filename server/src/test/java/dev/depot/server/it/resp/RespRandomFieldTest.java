package dev.depot.server.it.resp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.depot.server.it.resp.RespConnection.NIL;
import static dev.depot.server.it.resp.RespConnection.arity;
import static dev.depot.server.it.resp.RespConnection.err;
import static dev.depot.server.it.resp.RespConnection.notAnInteger;
import static dev.depot.server.it.resp.RespConnection.num;
import static dev.depot.server.it.resp.RespConnection.printable;
import static dev.depot.server.it.resp.RespConnection.syntaxError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HRANDFIELD: one field, distinct fields, repeating fields (negative counts), WITHVALUES in RESP2 and RESP3. */
class RespRandomFieldTest extends RespTestBase {
    private static final Map<String, String> HASH = Map.of("f1", "v1", "f2", "v2", "f3", "v3", "f4", "v4", "f5", "v5");
    private static final Pattern BULK = Pattern.compile("\\$\\d+\r\n([^\r]*)\r\n");

    @BeforeEach
    void fillTheHash() {
        redis.expect(num(5), "HSET", "h", "f1", "v1", "f2", "v2", "f3", "v3", "f4", "v4", "f5", "v5");
    }

    /** The bulk strings of a reply, in order, whatever nests them. */
    private static List<String> bulks(String reply) {
        Matcher m = BULK.matcher(reply);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void oneField() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200 && seen.size() < HASH.size(); i++) {
            List<String> field = bulks(redis.call("HRANDFIELD", "h"));
            assertEquals(1, field.size());
            assertTrue(HASH.containsKey(field.get(0)), field.get(0));
            seen.add(field.get(0));
        }
        assertEquals(HASH.keySet(), seen, "every field turns up");
        redis.expect(NIL, "HRANDFIELD", "missing");
    }

    @Test
    void aPositiveCountGivesDistinctFields() {
        for (int count = 1; count <= 7; count++) {
            String reply = redis.call("HRANDFIELD", "h", Integer.toString(count));
            int expected = Math.min(count, HASH.size());
            assertTrue(reply.startsWith("*" + expected + "\r\n"), printable(reply));
            List<String> fields = bulks(reply);
            assertEquals(expected, new HashSet<>(fields).size(), "distinct: " + fields);
            assertTrue(HASH.keySet().containsAll(fields), fields.toString());
        }
        redis.expect("*0\r\n", "HRANDFIELD", "h", "0");
        redis.expect("*0\r\n", "HRANDFIELD", "h", "0", "WITHVALUES");
        redis.expect("*0\r\n", "HRANDFIELD", "missing", "3");
        redis.expect("*0\r\n", "HRANDFIELD", "missing", "-3", "WITHVALUES");
    }

    @Test
    void aNegativeCountRepeatsFields() {
        String reply = redis.call("HRANDFIELD", "h", "-50");
        assertTrue(reply.startsWith("*50\r\n"), printable(reply));
        List<String> fields = bulks(reply);
        assertEquals(50, fields.size());
        assertTrue(HASH.keySet().containsAll(fields));
        assertTrue(new HashSet<>(fields).size() < 50, "fifty picks among five fields repeat");
        redis.expect(num(1), "HSET", "one", "only", "x");
        redis.expect("*3\r\n$4\r\nonly\r\n$4\r\nonly\r\n$4\r\nonly\r\n", "HRANDFIELD", "one", "-3");
    }

    @Test
    void withValuesIsFlatInResp2AndPairsInResp3() {
        String flat = redis.call("HRANDFIELD", "h", "-4", "WITHVALUES");
        assertTrue(flat.startsWith("*8\r\n$2\r\nf"), printable(flat));
        assertFieldValuePairs(bulks(flat));
        String all = redis.call("HRANDFIELD", "h", "9", "withvalues");
        assertTrue(all.startsWith("*10\r\n"), printable(all));
        assertEquals(5, assertFieldValuePairs(bulks(all)).size());

        redis.call("HELLO", "3");
        String pairs = redis.call("HRANDFIELD", "h", "2", "WITHVALUES");
        assertTrue(pairs.matches("\\*2\r\n(\\*2\r\n\\$2\r\nf\\d\r\n\\$2\r\nv\\d\r\n){2}"), printable(pairs));
        assertEquals(2, assertFieldValuePairs(bulks(pairs)).size());
        String repeated = redis.call("HRANDFIELD", "h", "-3", "WITHVALUES");
        assertTrue(repeated.matches("\\*3\r\n(\\*2\r\n\\$2\r\nf\\d\r\n\\$2\r\nv\\d\r\n){3}"), printable(repeated));
        String names = redis.call("HRANDFIELD", "h", "2");
        assertTrue(names.matches("\\*2\r\n(\\$2\r\nf\\d\r\n){2}"), printable(names));
        redis.expect("_\r\n", "HRANDFIELD", "missing");
        redis.expect("*0\r\n", "HRANDFIELD", "missing", "2", "WITHVALUES");
    }

    /** Checks that fields and values alternate and belong together; returns the distinct fields. */
    private static Set<String> assertFieldValuePairs(List<String> items) {
        assertEquals(0, items.size() % 2);
        Set<String> fields = new HashSet<>();
        for (int i = 0; i < items.size(); i += 2) {
            assertEquals(HASH.get(items.get(i)), items.get(i + 1), items.toString());
            fields.add(items.get(i));
        }
        return fields;
    }

    @Test
    void errors() {
        redis.expect("+OK\r\n", "SET", "s", "x");
        redis.expect(err("WRONGTYPE Operation against a key holding the wrong kind of value"), "HRANDFIELD", "s");
        redis.expect(err("WRONGTYPE Operation against a key holding the wrong kind of value"), "HRANDFIELD", "s", "0");
        redis.expect(notAnInteger(), "HRANDFIELD", "h", "x");
        redis.expect(notAnInteger(), "HRANDFIELD", "missing", "x");
        redis.expect(notAnInteger(), "HRANDFIELD", "h", "x", "FOO"); // the count is read first
        redis.expect(syntaxError(), "HRANDFIELD", "h", "1", "FOO");
        redis.expect(syntaxError(), "HRANDFIELD", "missing", "1", "FOO");
        redis.expect(syntaxError(), "HRANDFIELD", "h", "1", "WITHVALUES", "FOO");
        redis.expect(err("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"),
                "HRANDFIELD", "missing", "-9223372036854775808");
        String range = err("ERR value is out of range");
        redis.expect(range, "HRANDFIELD", "h", "-4611686018427387904", "WITHVALUES");
        redis.expect(range, "HRANDFIELD", "h", "4611686018427387904", "WITHVALUES");
        redis.expect(range, "HRANDFIELD", "s", "-4611686018427387904", "WITHVALUES"); // before the key's type
        redis.expect(arity("hrandfield"), "HRANDFIELD");
    }

    @Test
    void throughJedis() {
        try (Jedis jedis = daemon.jedis()) {
            assertTrue(HASH.containsKey(jedis.hrandfield("h")));
            assertEquals(3, new HashSet<>(jedis.hrandfield("h", 3)).size());
            List<Map.Entry<String, String>> pairs = jedis.hrandfieldWithValues("h", -6);
            assertEquals(6, pairs.size());
            pairs.forEach(e -> assertEquals(HASH.get(e.getKey()), e.getValue()));
        }
    }
}
