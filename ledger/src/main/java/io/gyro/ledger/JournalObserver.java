package io.gyro.ledger;

/**
 * Watches journal appends for metrics: called on the ledger thread after each document is appended (and msynced
 * under {@link SyncPolicy#BATCH}), before the batch's answers are released. Implementations must not block and
 * should not allocate (a histogram record, a counter add).
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
}
