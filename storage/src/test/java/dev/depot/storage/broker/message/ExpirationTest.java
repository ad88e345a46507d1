package dev.depot.storage.broker.message;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ReplyCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The expiration property as RabbitMQ 3.10.8 parses it; texts are what it replied to pika. */
class ExpirationTest {
    private static String refusal(String text) {
        BrokerException e = assertThrows(BrokerException.class, () -> Expiration.parse(text));
        assertEquals(ReplyCode.PRECONDITION_FAILED, e.code());
        return e.replyText();
    }

    @Test
    void acceptsSignedDecimalsUpToTenYears() {
        assertEquals(0, Expiration.parse("0").millis());
        assertEquals(5, Expiration.parse("+5").millis());
        assertEquals(5, Expiration.parse("05").millis());
        assertEquals(4_294_967_296L, Expiration.parse("4294967296").millis());
        assertEquals(315_360_000_000L, Expiration.parse("315360000000").millis());
        assertEquals("05", Expiration.parse("05").text(), "kept as sent, for x-death's original-expiration");
    }

    @Test
    void refusesWhatRabbitMqRefuses() {
        assertEquals("PRECONDITION_FAILED - invalid expiration '-1': {value_negative,-1}", refusal("-1"));
        assertEquals("PRECONDITION_FAILED - invalid expiration 'abc': no_integer", refusal("abc"));
        assertEquals("PRECONDITION_FAILED - invalid expiration '': no_integer", refusal(""));
        assertEquals("PRECONDITION_FAILED - invalid expiration ' 5': no_integer", refusal(" 5"));
        assertEquals("PRECONDITION_FAILED - invalid expiration '1.5': {leftover_string,\".5\"}", refusal("1.5"));
        assertEquals("PRECONDITION_FAILED - invalid expiration '111111111111111x': {leftover_string,\"x\"}",
                refusal("111111111111111x"));
        assertEquals("PRECONDITION_FAILED - invalid expiration '315360000001': {value_too_large,315360000001}",
                refusal("315360000001"));
        assertEquals("PRECONDITION_FAILED - invalid expiration '111111111111111111': "
                + "{value_too_large,111111111111111111}", refusal("111111111111111111"));
        assertEquals("PRECONDITION_FAILED - invalid expiration '-111111111111111111': "
                + "{value_negative,-111111111111111111}", refusal("-111111111111111111"));
    }

    @Test
    void wideTermsBreakLikeErlangsPrettyPrinter() {
        assertEquals("PRECONDITION_FAILED - invalid expiration '9223372036854775807': {value_too_large,\n"
                + " ".repeat(43) + "9223372036854775807}", refusal("9223372036854775807"));
        assertEquals("PRECONDITION_FAILED - invalid expiration '18446744073709551616': {value_too_large,\n"
                + " ".repeat(44) + "18446744073709551616}", refusal("18446744073709551616"));
    }
}
