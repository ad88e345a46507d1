package dev.depot.protocol.amqp;

import dev.depot.protocol.amqp.content.PropertyBytes;
import dev.depot.protocol.amqp.error.AmqpException;
import dev.depot.protocol.amqp.error.ReplyCode;
import dev.depot.protocol.amqp.method.BasicMethod;
import dev.depot.protocol.amqp.method.ChannelMethod;
import dev.depot.protocol.amqp.method.Method;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.depot.protocol.amqp.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.*;

/** Expected texts and ids are those RabbitMQ 3.10.8 closed the connection with for the same frames. */
class ContentAssemblerTest {
    private static final Method PUBLISH = new BasicMethod.Publish("", "q", false, false);
    private final ContentAssembler assembler = new ContentAssembler(1000);
    private final List<ContentBodyFrame> bodies = new ArrayList<>();

    private static MethodFrame method(Method m) {
        return new MethodFrame(1, m);
    }

    private static ContentHeaderFrame header(long bodySize) {
        return new ContentHeaderFrame(1, 60, 0, bodySize, hex("1000 02"));
    }

    private ContentBodyFrame body(String text) {
        ContentBodyFrame frame = new ContentBodyFrame(1, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        bodies.add(frame);
        return frame;
    }

    private void assertBodiesReleased() {
        for (ContentBodyFrame b : bodies) {
            assertEquals(0, b.refCnt(), "body frames are released once taken");
        }
    }

    @Test
    void aMethodWithoutContentIsACommandAtOnce() {
        assertEquals(new Command(new BasicMethod.Ack(1, false), null), assembler.accept(method(new BasicMethod.Ack(1, false))));
    }

    @Test
    void aPublishIsCompleteWhenItsBodyAddsUp() {
        assertNull(assembler.accept(method(PUBLISH)));
        assertNull(assembler.accept(header(11)));
        assertNull(assembler.accept(body("hello")));
        assertNull(assembler.accept(body("")));
        Command command = assembler.accept(body(" world"));
        assertEquals(PUBLISH, command.method());
        assertEquals("hello world", new String(command.content().body(), StandardCharsets.UTF_8));
        assertEquals(11, command.content().body().length);
        assertEquals(PropertyBytes.parse(hex("1000 02")), command.content().properties());
        assertEquals(2, command.content().properties().deliveryMode());
        assertBodiesReleased();
        // and the next message starts afresh
        assertNull(assembler.accept(method(PUBLISH)));
        assertNull(assembler.accept(header(2)));
        assertEquals("ok", new String(assembler.accept(body("ok")).content().body(), StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyBodyNeedsNoBodyFrame() {
        assertNull(assembler.accept(method(PUBLISH)));
        Command command = assembler.accept(header(0));
        assertEquals(0, command.content().body().length);
        assertEquals(new Command(new BasicMethod.Qos(0, 1, false), null), assembler.accept(method(new BasicMethod.Qos(0, 1, false))));
    }

    @Test
    void aBodyOfManyFramesGrowsToExactlyItsSize() {
        ContentAssembler big = new ContentAssembler(1 << 20);
        big.accept(method(PUBLISH));
        big.accept(header(100_000));
        String chunk = "x".repeat(999);
        Command command = null;
        for (int sent = 0; sent < 100_000; sent += 999) {
            String part = chunk.substring(0, Math.min(999, 100_000 - sent));
            command = big.accept(body(part));
        }
        assertNotNull(command);
        assertEquals(100_000, command.content().body().length);
        assertEquals("x".repeat(100_000), new String(command.content().body(), StandardCharsets.US_ASCII));
        assertBodiesReleased();
    }

    // ---- frames out of order ----------------------------------------------------------------

    @Test
    void contentWithoutAMethodIsUnexpected() {
        assertUnexpected("expected method frame, got non method frame instead", 0, 0, body("stray"));
        assertUnexpected("expected method frame, got non method frame instead", 0, 0, header(5));
        assertBodiesReleased();
    }

    @Test
    void aPublishMustBeFollowedByItsHeader() {
        assertNull(assembler.accept(method(PUBLISH)));
        assertUnexpected("expected content header for class 60, got non content header frame instead", 60, 40,
                method(new ChannelMethod.Close(200, "bye", 0, 0)));
        assembler.accept(method(PUBLISH));
        assertUnexpected("expected content header for class 60, got non content header frame instead", 60, 40, body("early"));
        assembler.accept(method(PUBLISH));
        assertUnexpected("expected content header for class 60, got one for class 50 instead", 60, 40,
                new ContentHeaderFrame(1, 50, 0, 5, hex("0000")));
        // RabbitMQ does not recognise a header of non-zero weight as a header
        assembler.accept(method(PUBLISH));
        assertUnexpected("expected content header for class 60, got non content header frame instead", 60, 40,
                new ContentHeaderFrame(1, 60, 1, 0, hex("0000")));
        assertBodiesReleased();
    }

    @Test
    void theBodyMustComeBeforeAnythingElse() {
        assembler.accept(method(PUBLISH));
        assembler.accept(header(10));
        assembler.accept(body("half"));
        assertUnexpected("expected content body, got non content body frame instead", 60, 40, method(PUBLISH));
        assertBodiesReleased();
    }

    @Test
    void moreBodyThanAnnouncedIsAFrameError() {
        assembler.accept(method(PUBLISH));
        assembler.accept(header(3));
        AmqpException e = assertThrows(AmqpException.class, () -> assembler.accept(body("hello")));
        assertEquals("FRAME_ERROR - content body of more than the 3 bytes its header announced", e.replyText());
        assertTrue(e.closesConnection());
        assertBodiesReleased();
    }

    @Test
    void malformedPropertiesAreAFrameErrorOfThePublish() {
        assembler.accept(method(PUBLISH));
        AmqpException e = assertThrows(AmqpException.class,
                () -> assembler.accept(new ContentHeaderFrame(1, 60, 0, 0, hex("8000"))));
        assertEquals("FRAME_ERROR - invalid content header properties: truncated", e.replyText());
        assertEquals(60, e.classId());
        assertEquals(40, e.methodId());
    }

    @Test
    void aMessageOverTheLimitIsRefusedAtItsHeaderAsAChannelError() {
        assembler.accept(method(PUBLISH));
        AmqpException e = assertThrows(AmqpException.class, () -> assembler.accept(header(1001)));
        assertEquals(ReplyCode.PRECONDITION_FAILED, e.code());
        assertEquals("PRECONDITION_FAILED - message size 1001 is larger than configured max size 1000", e.replyText());
        assertFalse(e.closesConnection());
        assertEquals(60, e.classId());
        assertEquals(40, e.methodId());
        // a body size with the top bit set is not negative
        assembler.accept(method(PUBLISH));
        AmqpException huge = assertThrows(AmqpException.class, () -> assembler.accept(header(-1)));
        assertEquals("PRECONDITION_FAILED - message size 18446744073709551615 is larger than configured max size 1000",
                huge.replyText());
        // exactly the limit is fine
        assembler.accept(method(PUBLISH));
        assertNull(assembler.accept(header(1000)));
    }

    @Test
    void resetDropsAPartialMessage() {
        assembler.accept(method(PUBLISH));
        assembler.accept(header(10));
        assembler.accept(body("part"));
        assembler.reset();
        assertEquals(new Command(new BasicMethod.Ack(1, false), null), assembler.accept(method(new BasicMethod.Ack(1, false))));
    }

    @Test
    void theLimitMustFitAnArray() {
        assertThrows(IllegalArgumentException.class, () -> new ContentAssembler(-1));
        assertThrows(IllegalArgumentException.class, () -> new ContentAssembler(Integer.MAX_VALUE));
    }

    private void assertUnexpected(String detail, int classId, int methodId, Frame frame) {
        AmqpException e = assertThrows(AmqpException.class, () -> assembler.accept(frame));
        assertEquals(ReplyCode.UNEXPECTED_FRAME, e.code());
        assertEquals("UNEXPECTED_FRAME - " + detail, e.replyText());
        assertEquals(classId, e.classId());
        assertEquals(methodId, e.methodId());
        assertTrue(e.closesConnection());
    }
}
