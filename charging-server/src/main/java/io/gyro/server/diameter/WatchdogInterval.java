package io.gyro.server.diameter;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Tw, the watchdog interval of RFC 3539 §3.4.1 [1]: Twinit plus a jitter drawn uniformly between -2 and +2 seconds
 * "each time the watchdog interval is calculated", so that peers and connections do not fall into step. The draws
 * come from a PRNG seeded once (from {@link SecureRandom} in production, as RFC 3539 asks for a PRNG seeded per
 * RFC 1750; tests may give the seed), never from the connection's identity, which repeats on every start.
 * Not thread safe; one per lane.
 */
final class WatchdogInterval
{
    /** RFC 3539 §3.4.1 [1]: the jitter lies between -2 and +2 seconds. */
    static final long JITTER_MS = 2_000;

    private final long twInitMs;
    private final SplittableRandom random;

    /**
     * @param twInitMs Twinit (RFC 3539 §3.4.1), the configured watchdog interval.
     * @param random   the PRNG, one per lane.
     */
    WatchdogInterval(final long twInitMs, final SplittableRandom random)
    {
        this.twInitMs = twInitMs;
        this.random = random;
    }

    /** @return a PRNG seeded from the system's entropy source, to split one per lane. */
    static SplittableRandom seededRandom()
    {
        return new SplittableRandom(new SecureRandom().nextLong());
    }

    /** @return a fresh Tw in milliseconds, for a timer being (re)set now. */
    long next()
    {
        return twInitMs + random.nextLong(-JITTER_MS, JITTER_MS + 1);
    }
}
