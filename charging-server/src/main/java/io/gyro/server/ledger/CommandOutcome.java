package io.gyro.server.ledger;

import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerResult;

/**
 * A copy of what the ledger answered to an admin-style call, taken off the ring slot before it is reused.
 *
 * @param result           command-level outcome.
 * @param payload          structured answer of a query or admin command (views), or null.
 * @param accountId        account the command touched, when it names one.
 * @param balanceMinor     balance after the command.
 * @param availableMinor   available money after the command.
 * @param costMinor        price-enquiry cost.
 * @param duplicate        whether a recorded result was returned.
 * @param journalSequence  journal position of the command's events.
 * @param requestNumber    the slot's request number after the command: the session-id boundary a
 *                         {@code LIMIT_EXCEEDED} block, delete or origin release is continued with.
 */
public record CommandOutcome(
    LedgerResult result,
    Object payload,
    long accountId,
    long balanceMinor,
    long availableMinor,
    long costMinor,
    boolean duplicate,
    long journalSequence,
    long requestNumber)
{
    /**
     * @param command a processed slot.
     * @return its outcome.
     */
    public static CommandOutcome of(final LedgerCommand command)
    {
        return new CommandOutcome(command.result, command.payload, command.accountId, command.balanceMinor,
            command.availableMinor, command.costMinor, command.duplicate, command.journalSequence,
            command.requestNumber);
    }

    /**
     * @return true when the command was never published because the ring was above the caller's shedding
     *         threshold (or the ledger was not running): {@link LedgerGateway#call} marks such outcomes with
     *         journal sequence -1.
     */
    public boolean shed()
    {
        return journalSequence < 0;
    }
}
