package io.gyro.server.diameter;

import org.agrona.collections.Long2LongHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Origin-State-Id known for each origin (RFC 6733 §8.16), one table for the whole server. Connections are spread
 * over the event loops, and one origin's requests may arrive over several of them (a PGW that reconnects, a DRA
 * pair): a table per loop would miss a restart seen on another loop, and later take the old value it still holds for
 * a second restart, releasing the sessions opened under the new value.
 * <p>
 * Rules:
 * <ul>
 * <li>a value is stored only when it is higher than the one known: a late request of the old incarnation (lower
 * value) changes nothing, because §8.16 lets a receiver infer that only sessions "associated with a lower
 * Origin-State-Id" are gone;</li>
 * <li>a higher value after a known one is a restart: the caller's release is published into the ring under the lock
 * of the origin's stripe, before the new value can be read. A request that any lane judges current (its value not
 * above the stored one) is therefore published after the release, and the ledger, which releases only sessions open
 * when it applies the release, never touches a session opened under the new value;</li>
 * <li>when the release cannot be published (ring full) nothing is stored, so the next request carrying the new
 * value tries again.</li>
 * </ul>
 * The ledger does not record under which Origin-State-Id a session was opened, so the release is "every session of
 * the origin open now", made safe by the ordering above rather than by comparing values.
 * <p>
 * Thread safe. Each lane reads through its own {@link View}, which keeps the values it learnt here: a value never
 * above the shared one, so a request whose value is not above it needs no lock.
 */
final class OriginStates
{
    /** Origins tracked at most: far above the PGWs of a deployment, and a bound against forged Origin-Hosts. */
    static final int MAX_ORIGINS = 1 << 16;
    /** {@link View#observe} result: the origin is not tracked (the table is full). */
    static final long UNTRACKED = -1;
    /** {@link View#observe} result: a restart was seen but its release could not be published; nothing stored. */
    static final long RELEASE_REFUSED = -2;

    private static final Logger LOG = LoggerFactory.getLogger(OriginStates.class);
    private static final int STRIPES = 16;
    private static final long MISSING = -1;

    private final Long2LongHashMap[] stripes = new Long2LongHashMap[STRIPES];
    private final int maxPerStripe;
    private final AtomicBoolean fullReported = new AtomicBoolean();

    OriginStates()
    {
        this(MAX_ORIGINS);
    }

    /**
     * @param maxOrigins most origins tracked.
     */
    OriginStates(final int maxOrigins)
    {
        this.maxPerStripe = Math.max(1, maxOrigins / STRIPES);
        for (int i = 0; i < STRIPES; i++)
        {
            stripes[i] = new Long2LongHashMap(MISSING);
        }
    }

    /** Publishes the release of a restarted origin's sessions. */
    @FunctionalInterface
    interface Release
    {
        /**
         * Called under the origin's lock: publish without blocking.
         *
         * @param originKey     the origin.
         * @param previousState the Origin-State-Id known so far.
         * @param newState      the higher one just received.
         * @return true when published; false leaves the known value as it was.
         */
        boolean publish(long originKey, long previousState, long newState);
    }

    /** @return a lane's reader of this table. Not thread safe; one per lane. */
    View newView()
    {
        return new View();
    }

    private long observe(final long originKey, final long stateId, final Release release)
    {
        final Long2LongHashMap stripe = stripes[(int)(originKey ^ originKey >>> 32) & (STRIPES - 1)];
        synchronized (stripe)
        {
            final long known = stripe.get(originKey);
            if (MISSING == known)
            {
                if (stripe.size() >= maxPerStripe)
                {
                    if (fullReported.compareAndSet(false, true))
                    {
                        LOG.warn("more than {} Diameter origins: restarts of further origins are not detected",
                            maxPerStripe * STRIPES);
                    }
                    return UNTRACKED;
                }
                stripe.put(originKey, stateId);
                return stateId;
            }
            if (stateId <= known)
            {
                return known;
            }
            if (!release.publish(originKey, known, stateId))
            {
                return RELEASE_REFUSED;
            }
            stripe.put(originKey, stateId);
            return stateId;
        }
    }

    /** One lane's access to the table, with the values it already learnt. Not thread safe. */
    final class View
    {
        private final Long2LongHashMap learnt = new Long2LongHashMap(MISSING);

        private View()
        {
        }

        /**
         * Record an Origin-State-Id received from an origin.
         *
         * @param originKey 64-bit key of the Origin-Host.
         * @param stateId   the Origin-State-Id (Unsigned32, so never negative).
         * @param release   called when this value reveals a restart.
         * @return the value now known (at least {@code stateId}), {@link #UNTRACKED} or {@link #RELEASE_REFUSED}.
         */
        long observe(final long originKey, final long stateId, final Release release)
        {
            final long local = learnt.get(originKey);
            if (stateId <= local)
            {
                return local;
            }
            final long known = OriginStates.this.observe(originKey, stateId, release);
            if (known >= 0)
            {
                learnt.put(originKey, known);
            }
            return known;
        }
    }
}
