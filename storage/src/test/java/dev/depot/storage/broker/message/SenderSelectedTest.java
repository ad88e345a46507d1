package dev.depot.storage.broker.message;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ReplyCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** CC and BCC routing keys; the texts are what RabbitMQ 3.10.8 replied. */
class SenderSelectedTest {

    @Test
    void withoutCcOrBccTheRoutingKeyIsAll() {
        assertEquals(List.of("k"), SenderSelected.routingKeys("k", Map.of()));
        assertEquals(List.of("k"), SenderSelected.routingKeys("k", Map.of("cc", List.of("lower case is not CC"))));
    }

    @Test
    void ccThenBccKeysFollowTheRoutingKeyAndOnlyTextCounts() {
        assertEquals(List.of("k", "a", "b", "c"), SenderSelected.routingKeys("k",
                Map.of("CC", List.of("a", 5, "b"), "BCC", List.of("c", new byte[] {'d'}))));
    }

    @Test
    void ccOrBccThatIsNotAnArrayRefusesTheMessage() {
        BrokerException e = assertThrows(BrokerException.class,
                () -> SenderSelected.routingKeys("k", Map.of("CC", "b.2")));
        assertEquals(ReplyCode.PRECONDITION_FAILED, e.code());
        assertEquals("PRECONDITION_FAILED - invalid message: {unacceptable_type_in_header,\"CC\",longstr}",
                e.replyText());
        assertEquals("PRECONDITION_FAILED - invalid message: {unacceptable_type_in_header,\"BCC\",signedint}",
                assertThrows(BrokerException.class, () -> SenderSelected.check(Map.of("BCC", 1))).replyText());
    }

    @Test
    void withoutCopiesOnlyWhenItRemovesSomething() {
        Map<String, Object> headers = Map.of("CC", List.of("a"), "h", 1);
        assertSame(headers, SenderSelected.without(headers, SenderSelected.BCC));
        assertEquals(Map.of("h", 1), SenderSelected.without(headers, SenderSelected.BCC, SenderSelected.CC));
    }
}
