package io.gyro.ledger;

/**
 * Receives every answered command, implemented by the server. Called on the ledger thread only after the
 * journal holds the command's events (or at once when the journal is off); the slot is valid only during the
 * call. Encode the answer there and flush the connection when {@code endOfBatch} is true.
 */
@FunctionalInterface
public interface LedgerReplyHandler
{
    /**
     * @param cmd        the command with its results.
     * @param sequence   ring sequence of the slot.
     * @param endOfBatch last reply of the batch: flush now.
     */
    void onReply(LedgerCommand cmd, long sequence, boolean endOfBatch);
}
