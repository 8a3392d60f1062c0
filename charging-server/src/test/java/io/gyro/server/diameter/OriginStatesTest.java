package io.gyro.server.diameter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The server-wide Origin-State-Id table (RFC 6733 §8.16): first sighting, restart, lower values, refusals. */
class OriginStatesTest
{
    private static final long ORIGIN = 0x1234_5678_9ABC_DEF0L;

    private final List<long[]> releases = new ArrayList<>();
    private final OriginStates.Release accept = (origin, previous, current) ->
        releases.add(new long[] {origin, previous, current});
    private final OriginStates.Release refuse = (origin, previous, current) -> false;

    @Test
    void shouldReleaseOnlyWhenAHigherValueFollowsAKnownOne()
    {
        final OriginStates.View lane = new OriginStates().newView();
        assertEquals(7, lane.observe(ORIGIN, 7, accept));
        assertTrue(releases.isEmpty(), "a first sighting is no restart");
        assertEquals(7, lane.observe(ORIGIN, 7, accept));
        assertEquals(8, lane.observe(ORIGIN, 8, accept));
        assertEquals(1, releases.size());
        assertArrayEquals(new long[] {ORIGIN, 7, 8}, releases.get(0));
    }

    @Test
    void shouldKeepTheHighestValueWhenALowerOneArrivesLate()
    {
        final OriginStates.View lane = new OriginStates().newView();
        lane.observe(ORIGIN, 7, accept);
        lane.observe(ORIGIN, 8, accept);
        assertEquals(8, lane.observe(ORIGIN, 7, accept));
        assertEquals(8, lane.observe(ORIGIN, 8, accept));
        assertEquals(1, releases.size(), "8 again after a late 7 is the same incarnation");
    }

    @Test
    void shouldShareValuesBetweenLanes()
    {
        final OriginStates table = new OriginStates();
        final OriginStates.View first = table.newView();
        final OriginStates.View second = table.newView();
        first.observe(ORIGIN, 7, accept);
        second.observe(ORIGIN, 7, accept);
        second.observe(ORIGIN, 8, accept);
        assertEquals(1, releases.size());
        assertEquals(8, first.observe(ORIGIN, 8, accept), "the first lane learns 8 from the table");
        assertEquals(1, releases.size(), "and releases nothing again");
    }

    @Test
    void shouldStoreNothingWhenTheReleaseCannotBePublished()
    {
        final OriginStates.View lane = new OriginStates().newView();
        lane.observe(ORIGIN, 7, accept);
        assertEquals(OriginStates.RELEASE_REFUSED, lane.observe(ORIGIN, 8, refuse));
        assertEquals(8, lane.observe(ORIGIN, 8, accept), "the next request with the new value tries again");
        assertEquals(1, releases.size());
    }

    @Test
    void shouldStopTrackingNewOriginsBeyondTheBound()
    {
        final OriginStates.View lane = new OriginStates(16).newView();
        int untracked = 0;
        for (long origin = 0; origin < 1_000; origin++)
        {
            untracked += OriginStates.UNTRACKED == lane.observe(origin, 1, accept) ? 1 : 0;
        }
        assertTrue(untracked > 0 && untracked < 1_000);
        assertTrue(releases.isEmpty());
    }
}
