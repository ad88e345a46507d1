package dev.depot.storage.broker.routing;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ReplyCode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Headers matching against what a real RabbitMQ 3.10.8 routed: each binding below was bound to
 * its own queue of a headers exchange and each message published once (pika's encodings: small
 * ints as signedint, 2^40 as long, str as longstr, bytes as binary, Decimal, datetime as timestamp).
 */
class HeadersPatternTest {
    private static Map<String, Object> table(Object... pairs) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put((String) pairs[i], pairs[i + 1]);
        }
        return table;
    }

    private static final long TWO_TO_40 = 1L << 40;
    private static final Instant JAN_1_2024 = Instant.ofEpochSecond(1_704_067_200L);

    private static final Map<String, Map<String, Object>> BINDINGS = new LinkedHashMap<>();
    private static final Map<String, Map<String, Object>> MESSAGES = new LinkedHashMap<>();

    static {
        BINDINGS.put("all a=1", table("x-match", "all", "a", 1));
        BINDINGS.put("any a=1 b=2", table("x-match", "any", "a", 1, "b", 2));
        BINDINGS.put("all a=1 b=2", table("x-match", "all", "a", 1, "b", 2));
        BINDINGS.put("none a=1 b=2", table("a", 1, "b", 2));
        BINDINGS.put("all empty", table("x-match", "all"));
        BINDINGS.put("any empty", table("x-match", "any"));
        BINDINGS.put("noargs", table());
        BINDINGS.put("all a=void", table("x-match", "all", "a", null));
        BINDINGS.put("any a=void", table("x-match", "any", "a", null));
        BINDINGS.put("all a=x", table("x-match", "all", "a", "x"));
        BINDINGS.put("all a=true", table("x-match", "all", "a", true));
        BINDINGS.put("all a=long", table("x-match", "all", "a", TWO_TO_40));
        BINDINGS.put("all a=dec1", table("x-match", "all", "a", new BigDecimal("1")));
        BINDINGS.put("all a=table", table("x-match", "all", "a", table("k", 1)));
        BINDINGS.put("all a=array", table("x-match", "all", "a", List.of(1, "x")));
        BINDINGS.put("all x-k=v", table("x-match", "all", "x-k", "v"));
        BINDINGS.put("any x-k=v", table("x-match", "any", "x-k", "v"));
        BINDINGS.put("all-with-x x-k=v", table("x-match", "all-with-x", "x-k", "v"));
        BINDINGS.put("any-with-x x-k=v", table("x-match", "any-with-x", "x-k", "v"));
        BINDINGS.put("all-with-x empty", table("x-match", "all-with-x"));
        BINDINGS.put("any-with-x empty", table("x-match", "any-with-x"));
        BINDINGS.put("all-with-x a=1 x-k=v", table("x-match", "all-with-x", "a", 1, "x-k", "v"));
        BINDINGS.put("any-with-x a=1 x-k=v", table("x-match", "any-with-x", "a", 1, "x-k", "v"));
        BINDINGS.put("all x-k=v a=1", table("x-match", "all", "a", 1, "x-k", "v"));
        BINDINGS.put("all a=time", table("x-match", "all", "a", JAN_1_2024));

        MESSAGES.put("none", table());
        MESSAGES.put("empty", table());
        MESSAGES.put("a=1", table("a", 1));
        MESSAGES.put("a=1 b=2", table("a", 1, "b", 2));
        MESSAGES.put("a=1 b=3", table("a", 1, "b", 3));
        MESSAGES.put("b=2", table("b", 2));
        MESSAGES.put("a=2", table("a", 2));
        MESSAGES.put("a=true", table("a", true));
        MESSAGES.put("a=str1", table("a", "1"));
        MESSAGES.put("a=long", table("a", TWO_TO_40));
        MESSAGES.put("a=dec1", table("a", new BigDecimal("1")));
        MESSAGES.put("a=dec1.0", table("a", new BigDecimal("1"))); // pika normalises Decimal('1.0') to 1
        MESSAGES.put("a=x", table("a", "x"));
        MESSAGES.put("a=bytes x", table("a", new byte[]{'x'}));
        MESSAGES.put("a=void", table("a", null));
        MESSAGES.put("a=table", table("a", table("k", 1)));
        MESSAGES.put("a=array", table("a", List.of(1, "x")));
        MESSAGES.put("x-k=v", table("x-k", "v"));
        MESSAGES.put("x-k=w", table("x-k", "w"));
        MESSAGES.put("a=1 x-k=v", table("a", 1, "x-k", "v"));
        MESSAGES.put("x-match=all-with-x", table("x-match", "all-with-x"));
        MESSAGES.put("x-match=any-with-x", table("x-match", "any-with-x"));
        MESSAGES.put("x-match=all", table("x-match", "all"));
        MESSAGES.put("a=time", table("a", JAN_1_2024));
        MESSAGES.put("a=1704067200", table("a", 1_704_067_200));
        MESSAGES.put("a=false", table("a", false));
        MESSAGES.put("a=0", table("a", 0));
    }

    private static final List<String> EVERYTHING = List.copyOf(MESSAGES.keySet());

    /** Binding: the messages RabbitMQ delivered through it, in publish order. */
    private static final Map<String, List<String>> RABBITMQ = new HashMap<>();

    static {
        RABBITMQ.put("all a=1", List.of("a=1", "a=1 b=2", "a=1 b=3", "a=1 x-k=v"));
        RABBITMQ.put("any a=1 b=2", List.of("a=1", "a=1 b=2", "a=1 b=3", "b=2", "a=1 x-k=v"));
        RABBITMQ.put("all a=1 b=2", List.of("a=1 b=2"));
        RABBITMQ.put("none a=1 b=2", List.of("a=1 b=2"));
        RABBITMQ.put("all empty", EVERYTHING);
        RABBITMQ.put("any empty", List.of());
        RABBITMQ.put("noargs", EVERYTHING);
        List<String> withA = List.of("a=1", "a=1 b=2", "a=1 b=3", "a=2", "a=true", "a=str1", "a=long", "a=dec1",
                "a=dec1.0", "a=x", "a=bytes x", "a=void", "a=table", "a=array", "a=1 x-k=v", "a=time",
                "a=1704067200", "a=false", "a=0");
        RABBITMQ.put("all a=void", withA);
        RABBITMQ.put("any a=void", withA);
        RABBITMQ.put("all a=x", List.of("a=x", "a=bytes x"));
        RABBITMQ.put("all a=true", List.of("a=true"));
        RABBITMQ.put("all a=long", List.of("a=long"));
        RABBITMQ.put("all a=dec1", List.of("a=dec1", "a=dec1.0"));
        RABBITMQ.put("all a=table", List.of("a=table"));
        RABBITMQ.put("all a=array", List.of("a=array"));
        RABBITMQ.put("all x-k=v", EVERYTHING);
        RABBITMQ.put("any x-k=v", List.of());
        RABBITMQ.put("all-with-x x-k=v", List.of("x-k=v", "a=1 x-k=v"));
        RABBITMQ.put("any-with-x x-k=v", List.of("x-k=v", "a=1 x-k=v"));
        RABBITMQ.put("all-with-x empty", EVERYTHING);
        RABBITMQ.put("any-with-x empty", List.of());
        RABBITMQ.put("all-with-x a=1 x-k=v", List.of("a=1 x-k=v"));
        RABBITMQ.put("any-with-x a=1 x-k=v", List.of("a=1", "a=1 b=2", "a=1 b=3", "x-k=v", "a=1 x-k=v"));
        RABBITMQ.put("all x-k=v a=1", List.of("a=1", "a=1 b=2", "a=1 b=3", "a=1 x-k=v"));
        RABBITMQ.put("all a=time", List.of("a=time", "a=1704067200"));
    }

    @Test
    void everyBindingMatchesWhatRabbitMqMatched() {
        BINDINGS.forEach((binding, arguments) -> {
            HeadersPattern pattern = new HeadersPattern(arguments);
            List<String> matched = new ArrayList<>();
            MESSAGES.forEach((message, headers) -> {
                if (pattern.matches(headers)) {
                    matched.add(message);
                }
            });
            assertEquals(RABBITMQ.get(binding), matched, "binding " + binding);
        });
    }

    @Test
    void theTableRoutesEachMatchingBindingAndUnbindsByArguments() {
        HeadersTable<String> table = new HeadersTable<>();
        table.add("", table("x-match", "any", "a", 1), "q1");
        table.add("", table("x-match", "all", "a", 1, "b", new byte[]{1}), "q2");
        List<String> routed = new ArrayList<>();
        table.route("ignored", table("a", 1L, "b", new byte[]{1}), routed::add);
        assertEquals(List.of("q1", "q2"), routed);
        table.remove("", table("x-match", "all", "a", 1L, "b", new byte[]{1}), "q2"); // long 1: another binding
        routed.clear();
        table.route("ignored", table("a", 1, "b", new byte[]{1}), routed::add);
        assertEquals(List.of("q1", "q2"), routed);
        table.remove("", table("b", new byte[]{1}, "x-match", "all", "a", 1), "q2"); // same types, any order
        routed.clear();
        table.route("ignored", table("a", 1, "b", new byte[]{1}), routed::add);
        assertEquals(List.of("q1"), routed);
    }

    @Test
    void badXMatchIsRefusedWithRabbitMqsTexts() {
        HeadersTable<String> table = new HeadersTable<>();
        BrokerException value = assertThrows(BrokerException.class, () -> table.check(table("x-match", "foo")));
        assertEquals(ReplyCode.PRECONDITION_FAILED, value.code());
        assertEquals("PRECONDITION_FAILED - Invalid x-match field value <<\"foo\">>; expected all, any, all-with-x, or any-with-x",
                value.replyText());
        BrokerException type = assertThrows(BrokerException.class, () -> table.check(table("x-match", 5)));
        assertEquals("PRECONDITION_FAILED - Invalid x-match field type signedint (value 5); expected longstr",
                type.replyText());
        table.check(table("x-match", "any-with-x"));
        table.check(table());
    }

    @Test
    void numbersCompareByValueAcrossWidthsButNotWithBooleansOrDecimals() {
        HeadersPattern one = new HeadersPattern(table("a", (byte) 1));
        assertTrue(one.matches(table("a", 1L)));
        assertTrue(one.matches(table("a", (short) 1)));
        assertTrue(one.matches(table("a", 1.0d)), "Erlang: 1 == 1.0");
        assertFalse(one.matches(table("a", true)));
        assertFalse(one.matches(table("a", new BigDecimal("1"))));
        HeadersPattern nested = new HeadersPattern(table("t", table("k", 1)));
        assertFalse(nested.matches(table("t", table("k", 1L))), "inside a table the type counts");
    }
}
