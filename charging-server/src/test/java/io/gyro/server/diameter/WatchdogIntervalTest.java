package io.gyro.server.diameter;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Tw of RFC 3539 §3.4.1 [1]: Twinit ± 2 s, drawn anew each time the timer is set, from a seeded PRNG. */
class WatchdogIntervalTest
{
    private static final long TW_INIT_MS = 30_000;

    @Test
    void shouldDrawEachIntervalAnewWithinTwoSecondsOfTwinit()
    {
        final WatchdogInterval interval = new WatchdogInterval(TW_INIT_MS, new SplittableRandom(42));
        final Set<Long> seen = new HashSet<>();
        long below = 0;
        long above = 0;
        for (int i = 0; i < 1_000; i++)
        {
            final long tw = interval.next();
            assertTrue(tw >= TW_INIT_MS - 2_000 && tw <= TW_INIT_MS + 2_000, Long.toString(tw));
            seen.add(tw);
            below += tw < TW_INIT_MS ? 1 : 0;
            above += tw > TW_INIT_MS ? 1 : 0;
        }
        assertTrue(seen.size() > 500, "a fresh draw each time, not one value per connection: " + seen.size());
        assertTrue(below > 300 && above > 300, "spread on both sides of Twinit: " + below + " / " + above);
    }

    @Test
    void shouldRepeatItsDrawsForTheSameSeedAndDifferForAnother()
    {
        final WatchdogInterval first = new WatchdogInterval(TW_INIT_MS, new SplittableRandom(7));
        final WatchdogInterval same = new WatchdogInterval(TW_INIT_MS, new SplittableRandom(7));
        final WatchdogInterval other = new WatchdogInterval(TW_INIT_MS, new SplittableRandom(8));
        boolean differs = false;
        for (int i = 0; i < 16; i++)
        {
            final long tw = first.next();
            assertEquals(tw, same.next());
            differs |= tw != other.next();
        }
        assertTrue(differs);
    }

    @Test
    void shouldSeedEachServerDifferently()
    {
        assertNotEquals(WatchdogInterval.seededRandom().nextLong(), WatchdogInterval.seededRandom().nextLong(),
            "seeded from the system's entropy, not from the start order of connections");
    }
}
