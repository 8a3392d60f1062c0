package io.gyro.server.ledger;

import io.gyro.ledger.LedgerCommand;

/**
 * Where processed commands go back to: a Diameter or RADIUS lane, or the admin caller table. Both methods run on
 * the ledger's reply thread, after the journal holds the command's events; they must copy what they need out of
 * the slot (it is reused once they return) and never block.
 */
public interface ReplyTarget
{
    /**
     * @param command the processed slot.
     */
    void onReply(LedgerCommand command);

    /** The ledger finished a batch that included replies for this target: time to wake its consumer once. */
    void endOfBatch();
}
