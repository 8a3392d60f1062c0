package io.gyro.server.metrics;

import io.gyro.ledger.LedgerResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;

/**
 * What the journal tailer (the CDR writer's thread) derives from the journal for metrics, so the ledger thread
 * and the event loops do no work for them: open sessions, outstanding reservations in money and in units,
 * pilot-mode would-deny counts, CDRs written and the tailer's lag. Written by the tailer thread only; gauges read
 * the volatile fields from the scrape thread.
 */
public final class JournalTotals
{
    /** Unit labels by the ledger's UnitType value (1 octets, 2 seconds, 3 events). */
    private static final String[] UNITS = {null, "octets", "seconds", "events"};
    /** Would-deny reasons pilot mode reports (LedgerProcessor): unknown subscriber, blocked, no money. */
    private static final LedgerResult[] REASONS = {
        LedgerResult.USER_UNKNOWN, LedgerResult.END_USER_SERVICE_DENIED, LedgerResult.CREDIT_LIMIT_REACHED};

    private final Counter[] wouldDeny = new Counter[REASONS.length + 1];
    private final Counter cdrRecords;
    private final Counter cdrFiles;
    private final Counter cdrWriteErrors;
    private volatile long openSessions;
    private volatile long reservedMinor;
    private final long[] reservedUnits = new long[UNITS.length];
    private volatile long lagMs;
    private volatile int moneyScale = 4;
    private volatile boolean tracking;

    JournalTotals(final MeterRegistry registry)
    {
        Gauge.builder("gyro.sessions.active", this, totals -> totals.tracking ? totals.openSessions : Double.NaN)
            .description("Open charging sessions (Diameter and RADIUS), as of the journal tailer's position")
            .register(registry);
        Gauge.builder("gyro.reservations.money", this,
            totals -> totals.tracking ? totals.reservedMinor / Math.pow(10, totals.moneyScale) : Double.NaN)
            .description("Money held by outstanding reservations, in major currency units")
            .register(registry);
        for (int unit = 1; unit < UNITS.length; unit++)
        {
            final int slot = unit;
            Gauge.builder("gyro.reservations.units", this, totals -> totals.reservedUnits(slot))
                .tag("unit", UNITS[unit])
                .description("Units granted and not yet reported, by unit of the tariff")
                .register(registry);
        }
        for (int i = 0; i <= REASONS.length; i++)
        {
            final String reason = i < REASONS.length ? REASONS[i].name().toLowerCase(Locale.ROOT) : "other";
            wouldDeny[i] = Counter.builder("gyro.pilot.would.deny")
                .tag("reason", reason)
                .description("Pilot mode: requests production would have denied, by reason (answered 2001 instead)")
                .register(registry);
        }
        cdrRecords = Counter.builder("gyro.cdr.records").description("CDR lines written").register(registry);
        cdrFiles = Counter.builder("gyro.cdr.files").description("CDR files completed (rolled)").register(registry);
        cdrWriteErrors = Counter.builder("gyro.cdr.write.errors")
            .description("CDR writes that failed (full disk, I/O error); the writer starts again from its checkpoint")
            .register(registry);
        Gauge.builder("gyro.cdr.lag", this, totals -> totals.lagMs / 1000.0)
            .baseUnit("seconds")
            .description("How far the journal tailer is behind the newest journal record it has seen")
            .register(registry);
    }

    private double reservedUnits(final int unit)
    {
        if (!tracking)
        {
            return Double.NaN;
        }
        synchronized (reservedUnits)
        {
            return reservedUnits[unit];
        }
    }

    /**
     * The tailer starts (or stops) tracking: until then the session and reservation gauges read NaN.
     *
     * @param on         whether the values are valid.
     * @param moneyScale decimal places of the minor unit.
     */
    public void tracking(final boolean on, final int moneyScale)
    {
        this.moneyScale = moneyScale;
        this.tracking = on;
    }

    /**
     * Publish the tailer's running totals.
     *
     * @param sessions      open sessions.
     * @param minor         reserved money, minor units.
     * @param unitsByType   reserved units indexed by UnitType (1..3).
     */
    public void totals(final long sessions, final long minor, final long[] unitsByType)
    {
        openSessions = sessions;
        reservedMinor = minor;
        synchronized (reservedUnits)
        {
            for (int unit = 1; unit < UNITS.length && unit < unitsByType.length; unit++)
            {
                reservedUnits[unit] = unitsByType[unit];
            }
        }
    }

    /**
     * @param reasonCode a {@link LedgerResult} code production would have answered with.
     */
    public void wouldDeny(final int reasonCode)
    {
        for (int i = 0; i < REASONS.length; i++)
        {
            if (REASONS[i].code() == reasonCode)
            {
                wouldDeny[i].increment();
                return;
            }
        }
        wouldDeny[REASONS.length].increment();
    }

    /** One CDR line written. */
    public void cdrRecord()
    {
        cdrRecords.increment();
    }

    /** One failed CDR write (the writer starts again from its checkpoint). */
    public void cdrWriteError()
    {
        cdrWriteErrors.increment();
    }

        /** One CDR file completed. */
    public void cdrFile()
    {
        cdrFiles.increment();
    }

    /**
     * @param ms how far the tailer is behind the newest record it has seen.
     */
    public void lagMs(final long ms)
    {
        lagMs = ms;
    }
}
