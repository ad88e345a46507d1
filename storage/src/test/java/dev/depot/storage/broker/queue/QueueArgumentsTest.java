package dev.depot.storage.broker.queue;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.ResourceName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Queue argument validation and equivalence; every text is what RabbitMQ 3.10.8 replied to pika. */
class QueueArgumentsTest {
    private static final ResourceName Q = ResourceName.queue("/", "q");

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            args.put((String) pairs[i], pairs[i + 1]);
        }
        return args;
    }

    private static String refusal(Object... pairs) {
        BrokerException e = assertThrows(BrokerException.class, () -> QueueArguments.parse(Q, args(pairs)));
        assertEquals(ReplyCode.PRECONDITION_FAILED, e.code());
        return e.replyText();
    }

    private static String inequivalence(Map<String, Object> current, Map<String, Object> received) {
        QueueArguments declared = QueueArguments.parse(Q, current);
        BrokerException e = assertThrows(BrokerException.class, () -> declared.assertEquivalent(Q, received));
        assertEquals(ReplyCode.PRECONDITION_FAILED, e.code());
        return e.replyText();
    }

    private static final String INVALID = "PRECONDITION_FAILED - invalid arg '%s' for queue 'q' in vhost '/': %s";

    @Test
    void decodesEveryArgument() {
        QueueArguments parsed = QueueArguments.parse(Q, args("x-message-ttl", 100, "x-expires", 2000L,
                "x-max-length", 3, "x-max-length-bytes", 40L, "x-overflow", "reject-publish-dlx",
                "x-dead-letter-exchange", "dlx", "x-dead-letter-routing-key", "dead", "x-max-priority", 10,
                "x-single-active-consumer", true, "x-queue-mode", "lazy", "x-unknown", "kept"));
        assertEquals(100, parsed.messageTtl().getAsLong());
        assertEquals(2000, parsed.expires().getAsLong());
        assertEquals(3, parsed.maxLength());
        assertEquals(40, parsed.maxLengthBytes());
        assertEquals(Overflow.REJECT_PUBLISH_DLX, parsed.overflow());
        assertEquals("dlx", parsed.deadLetterExchange().orElseThrow());
        assertEquals("dead", parsed.deadLetterRoutingKey().orElseThrow());
        assertEquals(10, parsed.maxPriority());
        assertTrue(parsed.singleActiveConsumer());
        assertEquals("kept", parsed.raw().get("x-unknown"));
    }

    @Test
    void defaultsAreUnboundedDropHead() {
        QueueArguments none = QueueArguments.parse(Q, Map.of());
        assertTrue(none.messageTtl().isEmpty());
        assertTrue(none.expires().isEmpty());
        assertEquals(Long.MAX_VALUE, none.maxLength());
        assertEquals(Long.MAX_VALUE, none.maxLengthBytes());
        assertEquals(Overflow.DROP_HEAD, none.overflow());
        assertEquals(0, none.maxPriority());
        assertFalse(none.singleActiveConsumer());
    }

    @Test
    void refusesBadValuesWithRabbitMqsTexts() {
        assertEquals(INVALID.formatted("x-message-ttl", "{value_negative,-1}"), refusal("x-message-ttl", -1));
        assertEquals(INVALID.formatted("x-message-ttl", "\"expected integer, got longstr\""), refusal("x-message-ttl", "x"));
        assertEquals(INVALID.formatted("x-message-ttl", "\"expected integer, got bool\""), refusal("x-message-ttl", true));
        assertEquals(INVALID.formatted("x-message-ttl", "\"expected integer, got decimal\""),
                refusal("x-message-ttl", new BigDecimal("1.5")));
        assertEquals(INVALID.formatted("x-message-ttl", "{value_too_large,315360000001}"),
                refusal("x-message-ttl", 315_360_000_001L));
        assertEquals(INVALID.formatted("x-expires", "{value_zero,0}"), refusal("x-expires", 0));
        assertEquals(INVALID.formatted("x-expires", "{value_negative,-5}"), refusal("x-expires", -5));
        assertEquals(INVALID.formatted("x-expires", "\"expected integer, got longstr\""), refusal("x-expires", "x"));
        assertEquals(INVALID.formatted("x-expires", "{value_too_large,1099511627776}"), refusal("x-expires", 1L << 40));
        assertEquals(INVALID.formatted("x-max-length", "{value_negative,-1}"), refusal("x-max-length", -1));
        assertEquals(INVALID.formatted("x-max-length", "\"expected integer, got longstr\""), refusal("x-max-length", "x"));
        assertEquals(INVALID.formatted("x-max-length-bytes", "{value_negative,-1}"), refusal("x-max-length-bytes", -1));
        assertEquals(INVALID.formatted("x-overflow", "invalid_overflow"), refusal("x-overflow", "foo"));
        assertEquals(INVALID.formatted("x-overflow", "{unacceptable_type,signedint}"), refusal("x-overflow", 5));
        assertEquals("PRECONDITION_FAILED - invalid type 'signedint' for arg 'x-dead-letter-exchange' in queue 'q' in vhost '/'",
                refusal("x-dead-letter-exchange", 5));
        assertEquals(INVALID.formatted("x-dead-letter-routing-key", "routing_key_but_no_dlx_defined"),
                refusal("x-dead-letter-routing-key", "k"));
        assertEquals(INVALID.formatted("x-dead-letter-routing-key", "{unacceptable_type,signedint}"),
                refusal("x-dead-letter-routing-key", 5));
        assertEquals(INVALID.formatted("x-max-priority", "{max_value_exceeded,256}"), refusal("x-max-priority", 256));
        assertEquals(INVALID.formatted("x-max-priority", "{value_negative,-1}"), refusal("x-max-priority", -1));
        assertEquals(INVALID.formatted("x-max-priority", "\"expected integer, got longstr\""), refusal("x-max-priority", "x"));
        assertEquals(INVALID.formatted("x-single-active-consumer", "{unacceptable_type,longstr}"),
                refusal("x-single-active-consumer", "x"));
        assertEquals(INVALID.formatted("x-single-active-consumer", "{unacceptable_type,signedint}"),
                refusal("x-single-active-consumer", 1));
        assertEquals(INVALID.formatted("x-queue-mode", "\"unsupported queue mode 'foo'\""), refusal("x-queue-mode", "foo"));
    }

    @Test
    void acceptsTheBoundaries() {
        QueueArguments.parse(Q, args("x-message-ttl", 315_360_000_000L, "x-expires", 315_360_000_000L,
                "x-max-priority", 255, "x-max-length", 1L << 40));
        QueueArguments.parse(Q, args("x-message-ttl", 1L << 33));
        QueueArguments.parse(Q, args("x-max-priority", 0, "x-overflow", "reject-publish", "x-queue-mode", "default"));
    }

    @Test
    void reportsTheFirstBadArgumentInRabbitMqsOrder() {
        assertEquals(INVALID.formatted("x-expires", "{value_zero,0}"),
                refusal("x-max-priority", 300, "x-message-ttl", -1, "x-expires", 0));
        assertEquals(INVALID.formatted("x-queue-type", "\"unsupported queue type 'nonsense'\""),
                refusal("x-expires", 0, "x-queue-type", "nonsense"));
    }

    @Test
    void queueTypesAreTheThreeRabbitMqNames() {
        QueueArguments.parse(Q, args("x-queue-type", "classic"));
        QueueArguments.parse(Q, args("x-queue-type", "quorum"));
        QueueArguments.parse(Q, args("x-queue-type", "stream"));
        assertEquals(INVALID.formatted("x-queue-type", "\"unsupported queue type 'CLASSIC'\""),
                refusal("x-queue-type", "CLASSIC"));
        assertEquals(INVALID.formatted("x-queue-type", "{unacceptable_type,signedint}"), refusal("x-queue-type", 5));
    }

    @Test
    void anAbsentQueueTypeIsClassic() {
        QueueArguments.parse(Q, args()).assertEquivalent(Q, args("x-queue-type", "classic"));
        QueueArguments.parse(Q, args("x-queue-type", "classic")).assertEquivalent(Q, args());
        assertEquals("PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue 'q' in vhost '/': "
                        + "received the value 'quorum' of type 'longstr' but current is none",
                inequivalence(args(), args("x-queue-type", "quorum")));
    }

    @Test
    void redeclarationMustRepeatTheArgumentsRabbitMqCompares() {
        String prefix = "PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' for queue 'q' in vhost '/': ";
        assertEquals(prefix + "received '200' but current is '100'",
                inequivalence(args("x-message-ttl", 100), args("x-message-ttl", 200)));
        assertEquals(prefix + "received none but current is the value '100' of type 'signedint'",
                inequivalence(args("x-message-ttl", 100), args()));
        assertEquals(prefix + "received the value '100' of type 'signedint' but current is none",
                inequivalence(args(), args("x-message-ttl", 100)));
        assertEquals(prefix + "received '100' but current is '100'",
                inequivalence(args("x-message-ttl", 100), args("x-message-ttl", "100")));
        assertEquals("PRECONDITION_FAILED - inequivalent arg 'x-overflow' for queue 'q' in vhost '/': "
                        + "received 'reject-publish' but current is 'drop-head'",
                inequivalence(args("x-overflow", "drop-head"), args("x-overflow", "reject-publish")));
        assertEquals("PRECONDITION_FAILED - inequivalent arg 'x-single-active-consumer' for queue 'q' in vhost '/': "
                        + "received none but current is the value 'true' of type 'bool'",
                inequivalence(args("x-single-active-consumer", true), args()));
        assertEquals("PRECONDITION_FAILED - inequivalent arg 'x-expires' for queue 'q' in vhost '/': "
                        + "received the value '0' of type 'signedint' but current is none",
                inequivalence(args("x-message-ttl", 5), args("x-message-ttl", 6, "x-expires", 0)));
    }

    @Test
    void integerWidthAndUnknownArgumentsDoNotMatter() {
        QueueArguments declared = QueueArguments.parse(Q, args("x-max-length", 5, "x-custom", "a"));
        declared.assertEquivalent(Q, args("x-max-length", 5L, "x-custom", "b"));
        declared.assertEquivalent(Q, args("x-max-length", (short) 5));
    }
}
