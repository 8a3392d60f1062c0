package io.gyro.simulator.load;

/**
 * Intended send times of an open-loop load (STYLE.md §8): request {@code k} of connection {@code c} out of
 * {@code C} is intended for {@code start + (k x C + c) x 1e9 / rate} ns, so the connections interleave evenly and
 * together offer exactly {@code rate} requests per second.
 * <p>
 * The schedule never waits for the system under test: when a request cannot leave on time (no session is ready,
 * the socket is not writable, the tick came late) the next intended time stays in the past and the request leaves
 * as soon as it can, carrying its intended time. Latency is then measured from that time, so a stall of the server
 * shows up in every request it delayed instead of being hidden (no coordinated omission; wrk2, exchange-core
 * {@code plannedTimestamp}).
 * <p>
 * Pure arithmetic on an injected time: no clock is read here. Not thread safe; owned by one event loop.
 */
public final class OpenLoopPacer
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long ratePerSecond;
    private final int connections;
    private final int connectionIndex;
    private long startNs;
    private long emitted;
    private long nextIntendedNs;
    private boolean started;

    /**
     * @param ratePerSecond   requests per second over all connections.
     * @param connections     number of connections sharing the rate.
     * @param connectionIndex this connection, 0-based.
     */
    public OpenLoopPacer(final long ratePerSecond, final int connections, final int connectionIndex)
    {
        if (ratePerSecond <= 0 || connections <= 0 || connectionIndex < 0 || connectionIndex >= connections)
        {
            throw new IllegalArgumentException(
                "rate " + ratePerSecond + ", connection " + connectionIndex + " of " + connections);
        }
        this.ratePerSecond = ratePerSecond;
        this.connections = connections;
        this.connectionIndex = connectionIndex;
    }

    /**
     * Start the schedule.
     *
     * @param startNs time of the run's first request, on the clock the caller passes to {@link #isDue(long)}.
     */
    public void start(final long startNs)
    {
        this.startNs = startNs;
        this.emitted = 0;
        this.started = true;
        this.nextIntendedNs = intendedNs(0);
    }

    /**
     * @param k request index on this connection.
     * @return its intended send time.
     */
    public long intendedNs(final long k)
    {
        final long global = k * connections + connectionIndex;
        // global x 1e9 / rate without overflow: split global into whole seconds of requests and a remainder.
        return startNs + (global / ratePerSecond) * NANOS_PER_SECOND +
            (global % ratePerSecond) * NANOS_PER_SECOND / ratePerSecond;
    }

    /**
     * @param nowNs current time.
     * @return true when the next request's intended time has come.
     */
    public boolean isDue(final long nowNs)
    {
        return started && nextIntendedNs <= nowNs;
    }

    /** @return the intended time of the next request. */
    public long nextIntendedNs()
    {
        return nextIntendedNs;
    }

    /** The next request has been sent: move to the one after it. */
    public void advance()
    {
        emitted++;
        nextIntendedNs = intendedNs(emitted);
    }

    /** @return requests sent on this schedule. */
    public long emitted()
    {
        return emitted;
    }

    /**
     * @param nowNs current time.
     * @return how far the schedule is behind: 0 when on time.
     */
    public long lagNs(final long nowNs)
    {
        return started ? Math.max(0, nowNs - nextIntendedNs) : 0;
    }
}
