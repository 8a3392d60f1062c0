package io.gyro.config.model;

/**
 * The single-writer ledger: its Disruptor ring, journal, snapshots and retention times
 * (ARCHITECTURE.md §2-§4).
 *
 * @param ringSize               Disruptor ring slots (a power of two).
 * @param waitStrategy           how the ledger thread waits for work.
 * @param journalEnabled         whether changes are journaled at all (off: nothing survives a restart).
 * @param journalSync            when the journal forces writes to the device.
 * @param snapshotIntervalMs     how often a snapshot is taken; 0 = only on request.
 * @param snapshotsKept          how many snapshots stay on disk.
 * @param journalRetention       which journal cycle files stay on disk.
 * @param moneyScale             decimal places of the minor unit: 4 means 1.0000 = 10000 minor units.
 * @param shedNewSessionsAt      ring occupancy (0..1) above which new sessions are refused with 3004.
 * @param adminPublishBelow      ring occupancy (0..1) below which admin and import commands may publish.
 * @param tombstoneTimeMs        how long a closed session is remembered, so a retransmitted CCR-T is answered
 *                               from cache and never charged twice.
 * @param eventResultRetentionMs how long a CCR-EVENT result is remembered for retransmissions.
 * @param eventAnswerRetentionMs how long a one-time event's answer is kept by Session-Id (0: not beyond the above).
 * @param eventAnswerCapacity    most one-time event answers kept.
 * @param closedSessionRetentionMs how long a terminated session's answer is remembered for retransmissions.
 * @param defaultSupervisionMs   Tcc session supervision when no Validity-Time applies (RFC 4006 §13).
 * @param supervisionMarginMs    least time a session is kept past the end of its Validity-Time: Tcc =
 *                               max(2 x Validity-Time, Validity-Time + this) (RFC 4006 §13).
 */
public record LedgerConfiguration(
    int ringSize,
    WaitStrategy waitStrategy,
    boolean journalEnabled,
    JournalSync journalSync,
    long snapshotIntervalMs,
    int snapshotsKept,
    JournalRetention journalRetention,
    int moneyScale,
    double shedNewSessionsAt,
    double adminPublishBelow,
    long tombstoneTimeMs,
    long eventResultRetentionMs,
    long eventAnswerRetentionMs,
    int eventAnswerCapacity,
    long closedSessionRetentionMs,
    long defaultSupervisionMs,
    long supervisionMarginMs)
{
    /** @return ring slots in use above which new sessions are shed (occupancy threshold in slots). */
    public int shedNewSessionsAtSlots()
    {
        return (int)Math.floor(ringSize * shedNewSessionsAt);
    }

    /** @return ring slots in use at or above which admin and import commands wait. */
    public int adminPublishBelowSlots()
    {
        return (int)Math.floor(ringSize * adminPublishBelow);
    }

    /** @return minor units per major unit, 10^moneyScale. */
    public long minorUnitsPerMajor()
    {
        long factor = 1;
        for (int i = 0; i < moneyScale; i++)
        {
            factor *= 10;
        }
        return factor;
    }
}
