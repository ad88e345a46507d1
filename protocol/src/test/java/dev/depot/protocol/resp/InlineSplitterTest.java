package dev.depot.protocol.resp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static dev.depot.protocol.resp.RespHarness.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Inline commands split like Redis's sdssplitargs. Each line was sent to redis-server 7.0.15 as
 * {@code RPUSH l <line>} and read back with LRANGE; the expected arguments are what came back.
 * In the table, {@code \\r \\n \\t \\v \\f \\0 \\xHH} in the line stand for the raw bytes; the
 * line's own escapes are written doubled ({@code \\\\x41} is the four characters \x41).
 */
class InlineSplitterTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a b  c|                    a,b,c",
            "`\"a b\" c`|               a b,c",
            "`\"\\\\x41\\\\x4a\" \"\\\\x4\"`| AJ,x4",                 // \x4 is no escape: x4
            "`\"\\\\xaF\"`|             \\xaf",
            "`\"\\\\xZZ\"`|             xZZ",
            "`\"\\\\X41\"`|             X41",
            "`\"\\\\x4\\\\x41\"`|       x4A",
            "`\"\\\\x41a\"`|            Aa",
            "`\"a\\\\nb\\\\tc\\\\rd\\\\be\\\\af\\\\\\\\g\\\\\"h\\\\'i\\\\zj\"`| a\\nb\\tc\\rd\\x08e\\x07f\\\\g\"h'izj",
            "`'a\\\\'b' 'c\\\\nd' 'e\\\\\\\\f'`| a'b,c\\\\nd,e\\\\\\\\f", // only \' escapes in single quotes
            "`foo\"bar baz\"`|          foobar baz",                // a quote opens mid-argument
            "`foo'bar baz'`|            foobar baz",
            "a\\vb|                     a\\vb",                     // \v is not an argument separator...
            "\\va|                      a",                         // ...but is skipped between arguments
            "a\\fb|                     a\\fb",
            "`\"\"`|                    ''",
            "`''`|                      ''",
            "`x \"\" y`|                x,'',y",
            "`\"a\"\\tb`|               a,b",
            "`\"a\"\\vb`|               a,b",
            "a\\tb|                     a,b",
            "a\\rb|                     a,b",
            "\\xe9t\\xe9|               \\xe9t\\xe9",
            "`a\\\\nb`|                 a\\\\nb",                  // no escapes outside quotes
    })
    void splitsLikeRedis(String line, String expected) {
        List<String> want = new ArrayList<>();
        for (String arg : expected.split(",")) {
            want.add(arg.equals("''") ? "" : unescape(arg));
        }
        List<byte[]> got = InlineSplitter.split(bytes(unescape(line)));
        assertNotNull(got);
        List<String> args = new ArrayList<>();
        for (byte[] a : got) {
            args.add(str(a));
        }
        assertEquals(want, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`\"abc`", "`\"abc\\\\\"`", "`\"abc\\\\`", "`\"a\"b`", "`'a'b`", "`\"a\"\"b\"`", "`'a\\\\\\\\'`", "`a\"b\"c`", "`'abc`",
    })
    void unbalancedQuotesAreRefused(String line) {
        assertNull(InlineSplitter.split(bytes(unescape(line))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"``", "`   `", "\\t\\v\\f"})
    void blankLinesHaveNoArguments(String line) {
        assertEquals(List.of(), InlineSplitter.split(bytes(unescape(line == null ? "" : line))));
    }

    /** The table's notation: \r \n \t \v \f \0 \xHH and \\ for one backslash. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'r' -> b.append('\r');
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'v' -> b.append('\u000b');
                case 'f' -> b.append('\f');
                case '0' -> b.append('\0');
                case 'x' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }
}
