package dev.depot.server.resp.sidebyside;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison rules loosen exactly what they say and nothing else. */
class MatchTest {

    private static Reply bulk(String s) {
        return new Reply.Bulk('$', s);
    }

    private static Reply integer(long n) {
        return new Reply.Line(':', Long.toString(n));
    }

    private static Reply array(Reply... items) {
        return new Reply.Aggregate('*', List.of(items));
    }

    private static Reply error(String text) {
        return new Reply.Line('-', text);
    }

    @Test
    void exactSeesOrderAndType() {
        assertNull(Match.Rule.EXACT.disagreement(array(bulk("a"), bulk("b")), array(bulk("a"), bulk("b"))));
        assertNotNull(Match.Rule.EXACT.disagreement(array(bulk("a"), bulk("b")), array(bulk("b"), bulk("a"))));
        assertNotNull(Match.Rule.EXACT.disagreement(bulk("1"), integer(1)));
        assertNotNull(Match.Rule.EXACT.disagreement(new Reply.Null('$'), new Reply.Null('*')));
    }

    @Test
    void unorderedIgnoresOnlyTheOrder() {
        assertNull(Match.Rule.UNORDERED.disagreement(array(bulk("a"), bulk("b")), array(bulk("b"), bulk("a"))));
        assertNotNull(Match.Rule.UNORDERED.disagreement(array(bulk("a"), bulk("b")), array(bulk("a"), bulk("c"))));
        assertNotNull(Match.Rule.UNORDERED.disagreement(array(bulk("a"), bulk("a")), array(bulk("a"))));
        assertNotNull(Match.Rule.UNORDERED.disagreement(array(bulk("a")), new Reply.Aggregate('~', List.of(bulk("a")))));
    }

    @Test
    void unorderedPairsKeepsEachFieldWithItsValue() {
        Reply hash = array(bulk("f"), bulk("1"), bulk("g"), bulk("2"));
        assertNull(Match.Rule.UNORDERED_PAIRS.disagreement(hash, array(bulk("g"), bulk("2"), bulk("f"), bulk("1"))));
        assertNotNull(Match.Rule.UNORDERED_PAIRS.disagreement(hash, array(bulk("f"), bulk("2"), bulk("g"), bulk("1"))));
    }

    @Test
    void nearAllowsAFewUnitsBetweenNonNegativeIntegersOnly() {
        assertNull(Match.Rule.NEAR_SECONDS.disagreement(integer(1000), integer(999)));
        assertNotNull(Match.Rule.NEAR_SECONDS.disagreement(integer(1000), integer(990)));
        assertNotNull(Match.Rule.NEAR_SECONDS.disagreement(integer(-1), integer(0)));
        assertNull(Match.Rule.NEAR_MILLIS.disagreement(integer(50_000), integer(48_500)));
        assertNotNull(Match.Rule.NEAR_MILLIS.disagreement(integer(-2), integer(-1)));
    }

    @Test
    void shapeComparesTypesAndSizes() {
        assertNull(Match.Rule.SHAPE.disagreement(array(bulk("x"), bulk("y")), array(bulk("p"), bulk("q"))));
        assertNotNull(Match.Rule.SHAPE.disagreement(array(bulk("x")), array(bulk("p"), bulk("q"))));
        assertNotNull(Match.Rule.SHAPE.disagreement(array(bulk("x")), array(integer(1))));
        assertNotNull(Match.Rule.SHAPE.disagreement(bulk("x"), new Reply.Null('$')));
    }

    @Test
    void scoresIgnoreTheSignOfZeroOnly() {
        assertNull(Match.Rule.SCORES.disagreement(array(bulk("m"), bulk("0")), array(bulk("m"), bulk("-0"))));
        assertNull(Match.Rule.SCORES.disagreement(new Reply.Line(',', "-0"), new Reply.Line(',', "0")));
        assertNotNull(Match.Rule.SCORES.disagreement(bulk("0.5"), bulk("-0.5")));
    }

    @Test
    void errorsAreAlwaysComparedExactly() {
        for (Match.Rule rule : Match.Rule.values()) {
            assertNotNull(rule.disagreement(error("ERR syntax error"), error("ERR value is not an integer or out of range")),
                    rule.name());
            assertNotNull(rule.disagreement(error("ERR syntax error"), array()), rule.name());
        }
    }

    @Test
    void eachJudgesEveryQueuedReplyByItsOwnRule() {
        Match exec = new Match.Each(List.of(Match.Rule.UNORDERED, Match.Rule.EXACT));
        assertNull(exec.disagreement(array(array(bulk("a"), bulk("b")), integer(1)),
                array(array(bulk("b"), bulk("a")), integer(1))));
        assertNotNull(exec.disagreement(array(array(bulk("a"), bulk("b")), integer(1)),
                array(array(bulk("b"), bulk("a")), integer(2))));
        assertNotNull(exec.disagreement(new Reply.Null('*'), array(array(), integer(1))));
    }
}
