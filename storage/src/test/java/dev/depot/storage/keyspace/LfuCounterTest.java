package dev.depot.storage.keyspace;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The logarithmic LFU counter: certain steps up to the initial value, rarer ones after, decay per minute. */
class LfuCounterTest {

    @Test
    void everyUseCountsUpToOnePastTheInitialValue() {
        for (int counter = 0; counter <= LfuCounter.INITIAL; counter++) {
            assertEquals(counter + 1, LfuCounter.incremented(counter, 0.999), "from " + counter);
        }
    }

    @Test
    void aboveItTheChanceIsOneInTenTimesTheDistancePlusOne() {
        // at 6 the chance is 1/11, at 15 it is 1/101
        assertEquals(7, LfuCounter.incremented(6, 1.0 / 11 - 1e-9));
        assertEquals(6, LfuCounter.incremented(6, 1.0 / 11 + 1e-9));
        assertEquals(16, LfuCounter.incremented(15, 1.0 / 101 - 1e-9));
        assertEquals(15, LfuCounter.incremented(15, 1.0 / 101 + 1e-9));
    }

    @Test
    void itNeverPassesTheMaximum() {
        assertEquals(255, LfuCounter.incremented(255, 0.0));
    }

    @Test
    void aHundredUsesOfANewKeyLandNearTen() {
        // Redis 7.0 answers OBJECT FREQ 9 or 10 after 100 GETs of a new key (its counter starts at 5)
        Random random = new Random(42);
        int counter = LfuCounter.INITIAL;
        for (int i = 0; i < 100; i++) {
            counter = LfuCounter.incremented(counter, random.nextDouble());
        }
        assertTrue(counter >= 8 && counter <= 11, "counter " + counter);
    }

    @Test
    void eachIdleMinuteTakesOneOffDownToZero() {
        assertEquals(10, LfuCounter.decayed(10, 0));
        assertEquals(7, LfuCounter.decayed(10, 3));
        assertEquals(0, LfuCounter.decayed(10, 30));
        assertEquals(10, LfuCounter.decayed(10, -1), "a clock that went back decays nothing");
    }
}
