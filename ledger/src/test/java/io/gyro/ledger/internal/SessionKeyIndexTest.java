package io.gyro.ledger.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SessionKeyIndexTest
{
    private static Session session(final String key, final long hash)
    {
        final Session s = new Session();
        final byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, s.keyFor(bytes.length), 0, bytes.length);
        s.keyLength = bytes.length;
        s.keyHash = hash;
        return s;
    }

    private static Session find(final SessionKeyIndex index, final String key, final long hash)
    {
        final byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
        return index.find(hash, bytes, bytes.length);
    }

    @Test
    void shouldTellApartKeysWithTheSameHash()
    {
        final SessionKeyIndex index = new SessionKeyIndex();
        final Session a = session("pgw;1;a", 42);
        final Session b = session("pgw;1;b", 42);
        index.add(a);
        index.add(b);
        assertSame(a, find(index, "pgw;1;a", 42));
        assertSame(b, find(index, "pgw;1;b", 42));
        assertNull(find(index, "pgw;1;c", 42));
        assertNull(find(index, "pgw;1;a", 43), "the same key under another hash is not found");
        index.remove(a);
        assertNull(find(index, "pgw;1;a", 42));
        assertSame(b, find(index, "pgw;1;b", 42), "the entry behind a removed one is still reached");
        assertEquals(1, index.size());
    }

    @Test
    void shouldRefuseToRemoveASessionItDoesNotHold()
    {
        final SessionKeyIndex index = new SessionKeyIndex();
        index.add(session("k1", 7));
        assertThrows(IllegalStateException.class, () -> index.remove(session("k2", 7)));
    }

    /**
     * Random adds and removes against a map, with hashes drawn from a small set (long collision runs) and aimed at the
     * last slots of the table (runs that wrap around to slot 0), across growths: every key is found exactly while it
     * is held.
     */
    @Test
    void shouldAgreeWithAMapUnderChurnCollisionsAndWrapAround()
    {
        final long seed = Long.getLong("gyro.test.seed", System.nanoTime());
        System.out.println("SessionKeyIndexTest seed=" + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        final SessionKeyIndex index = new SessionKeyIndex();
        final Map<String, Session> held = new HashMap<>();
        final List<String> keys = new ArrayList<>();
        for (int step = 0; step < 60_000; step++)
        {
            // Around 200 held (the first table, whose end the colliding hashes aim at), then 3,000 (growths), then
            // around 100 again (removals from long runs).
            final int target = step < 20_000 ? 200 : step < 40_000 ? 3_000 : 100;
            final boolean add = keys.isEmpty() || random.nextInt(100) < (held.size() < target ? 70 : 30);
            if (add)
            {
                final String key = "pgw.example.org;" + step;
                // One in eight on a few homes that straddle the end of a 1024-slot table, the rest spread.
                final long hash = random.nextInt(8) == 0 ? 1019 + random.nextInt(8) : random.nextLong();
                final Session s = session(key, hash);
                index.add(s);
                held.put(key, s);
                keys.add(key);
            }
            else
            {
                final int at = random.nextInt(keys.size());
                final String key = keys.get(at);
                keys.set(at, keys.get(keys.size() - 1));
                keys.remove(keys.size() - 1);
                final Session s = held.remove(key);
                index.remove(s);
                assertNull(find(index, key, s.keyHash), key + " removed at step " + step);
            }
            if (step % 997 == 0)
            {
                for (final Map.Entry<String, Session> e : held.entrySet())
                {
                    assertSame(e.getValue(), find(index, e.getKey(), e.getValue().keyHash), e.getKey());
                }
            }
            assertEquals(held.size(), index.size());
        }
        for (final Map.Entry<String, Session> e : held.entrySet())
        {
            assertSame(e.getValue(), find(index, e.getKey(), e.getValue().keyHash), e.getKey());
        }
    }
}
