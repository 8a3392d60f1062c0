package io.gyro.ledger;

/**
 * Watches journal appends for metrics: called on the ledger thread after each document is appended (and msynced
 * under {@link SyncPolicy#BATCH}), before the batch's answers are released, and when appends fail and the ledger
 * stalls until one succeeds. Implementations must not block and should not allocate (a histogram record, a
 * counter add, a volatile write).
 */
@FunctionalInterface
public interface JournalObserver
{
    /** An observer that ignores everything. */
    JournalObserver NONE = (appendNanos, bytes, records) ->
    {
    };

    /**
     * @param appendNanos time the append (and its sync) took, nanoseconds.
     * @param bytes       document length in bytes.
     * @param records     commands (journal records) in the document.
     */
    void documentAppended(long appendNanos, int bytes, int records);

    /**
     * An append failed (disk full, I/O error); the ledger keeps the document and retries.
     *
     * @param error why.
     */
    default void appendFailed(final Throwable error)
    {
    }

    /**
     * The ledger stalled on the journal (first failed append of an outage) or goes on again (first append that
     * succeeded after it). While stalled no answer leaves and the ring fills.
     *
     * @param stalled true when the outage begins, false when it ends.
     */
    default void stalled(final boolean stalled)
    {
    }
}
