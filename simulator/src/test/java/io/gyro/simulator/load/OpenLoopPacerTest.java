package io.gyro.simulator.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenLoopPacerTest
{
    @Test
    void shouldSpaceRequestsEvenlyFromTheStart()
    {
        final OpenLoopPacer pacer = new OpenLoopPacer(1000, 1, 0);
        pacer.start(5_000);
        assertEquals(5_000, pacer.nextIntendedNs());
        pacer.advance();
        assertEquals(1_005_000, pacer.nextIntendedNs());
        pacer.advance();
        assertEquals(2_005_000, pacer.nextIntendedNs());
    }

    @Test
    void shouldInterleaveConnectionsSoThatTogetherTheyOfferTheRate()
    {
        final OpenLoopPacer first = new OpenLoopPacer(4, 2, 0);
        final OpenLoopPacer second = new OpenLoopPacer(4, 2, 1);
        first.start(0);
        second.start(0);
        assertEquals(0, first.intendedNs(0));
        assertEquals(250_000_000, second.intendedNs(0));
        assertEquals(500_000_000, first.intendedNs(1));
        assertEquals(750_000_000, second.intendedNs(1));
    }

    @Test
    void shouldKeepItsScheduleWhenRequestsLeaveLate()
    {
        final OpenLoopPacer pacer = new OpenLoopPacer(1000, 1, 0);
        pacer.start(0);
        assertTrue(pacer.isDue(0));
        pacer.advance();
        assertFalse(pacer.isDue(999_999));
        assertTrue(pacer.isDue(10_000_000));
        assertEquals(9_000_000, pacer.lagNs(10_000_000), "behind by nine intervals");
        assertEquals(1_000_000, pacer.nextIntendedNs(), "the late request keeps its intended time");
    }

    @Test
    void shouldNotOverflowOnLongRunsAtHighRates()
    {
        final OpenLoopPacer pacer = new OpenLoopPacer(3, 1, 0);
        pacer.start(0);
        final long k = 3_000_000_000L;
        assertEquals(1_000_000_000L * 1_000_000_000L, pacer.intendedNs(k), "3e9 requests at 3/s take 1e9 s");
        assertEquals(333_333_333, pacer.intendedNs(1), "fractions of a nanosecond round down");
    }

    @Test
    void shouldRefuseNonsense()
    {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopPacer(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopPacer(10, 2, 2));
    }
}
