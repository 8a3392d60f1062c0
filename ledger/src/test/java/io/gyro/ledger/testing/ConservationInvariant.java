package io.gyro.ledger.testing;

import io.gyro.ledger.LedgerAudit;

import java.util.ArrayList;
import java.util.List;

/**
 * The conservation invariant of ARCHITECTURE.md section 3, shared with other modules' tests through the ledger
 * test-jar. What each line can and cannot catch:
 * <ul>
 *     <li><b>Money: credited = balance + credit limit + consumed</b> per account (written as credited = available +
 *     reserved + consumed with available = balance + credit limit - reserved; money does not expire, so there is no
 *     expired term). This is a <b>bookkeeping identity</b>, not a pricing check: every event that charges money
 *     (usage committed, direct charge, debit) takes the same amount off the balance and adds it to consumed, so the
 *     line holds whatever the amount is, doubled, zero or wrongly priced. It catches only an edit that moves one
 *     counter without the other. Checking what was charged needs an expected value from outside the counters: exact
 *     balances in the tests that know them, {@link AnsweredCharges} for generated workloads.</li>
 *     <li><b>Reserved equals what open sessions hold</b>, summed independently over every session's reservations, in
 *     money and in each bucket: this line is independent of the counters and catches reservation bugs (a release
 *     that forgets the account counter, a reservation held twice), not charging bugs.</li>
 *     <li>No counter is negative; an expired bucket has nothing available.</li>
 *     <li>Buckets: credited = available + reserved + consumed + expired, available = balance - reserved. Units do
 *     expire, so the expired term is a real counter here; it is still an identity, for the same reason as money.</li>
 * </ul>
 */
public final class ConservationInvariant
{
    private ConservationInvariant()
    {
    }

    /**
     * @param audit audit from {@code LedgerStateMachine.audit()}.
     * @return every violation found, empty when the invariant holds.
     */
    public static List<String> violations(final LedgerAudit audit)
    {
        final List<String> problems = new ArrayList<>();
        for (int a = 1; a < audit.accountExists.length; a++)
        {
            if (!audit.accountExists[a])
            {
                continue;
            }
            final long available = audit.availableMinor(a);
            final long reserved = audit.reservedMinor[a];
            final long right = available + reserved + audit.consumedMinor[a];
            if (audit.creditedMinor[a] != right)
            {
                problems.add("account " + a + ": credited " + audit.creditedMinor[a] + " != available " + available +
                    " + reserved " + reserved + " + consumed " + audit.consumedMinor[a]);
            }
            if (reserved != audit.sessionHeldMinor[a])
            {
                problems.add("account " + a + ": reserved " + reserved + " but sessions hold " +
                    audit.sessionHeldMinor[a]);
            }
            if (reserved < 0 || audit.consumedMinor[a] < 0)
            {
                problems.add("account " + a + ": negative reserved " + reserved + " or consumed " +
                    audit.consumedMinor[a]);
            }
        }
        for (int b = 0; b < audit.bucketAccount.length; b++)
        {
            if (!audit.accountExists[audit.bucketAccount[b]])
            {
                continue;
            }
            final long reserved = audit.bucketReservedUnits[b];
            final long available = audit.bucketBalanceUnits[b] - reserved;
            final long right = available + reserved + audit.bucketConsumedUnits[b] + audit.bucketExpiredUnits[b];
            if (audit.bucketCreditedUnits[b] != right)
            {
                problems.add("bucket " + b + ": credited " + audit.bucketCreditedUnits[b] + " != available " +
                    available + " + reserved " + reserved + " + consumed " + audit.bucketConsumedUnits[b] +
                    " + expired " + audit.bucketExpiredUnits[b]);
            }
            if (reserved != audit.bucketSessionHeldUnits[b])
            {
                problems.add("bucket " + b + ": reserved " + reserved + " but sessions hold " +
                    audit.bucketSessionHeldUnits[b]);
            }
            if (reserved < 0 || available < 0 || audit.bucketConsumedUnits[b] < 0 || audit.bucketExpiredUnits[b] < 0)
            {
                problems.add("bucket " + b + ": negative counter (available " + available + ", reserved " + reserved +
                    ")");
            }
            if (audit.bucketExpired[b] && available != 0)
            {
                problems.add("bucket " + b + ": expired but " + available + " units still available");
            }
        }
        return problems;
    }

    /**
     * @param audit audit.
     * @throws AssertionError listing every violation.
     */
    public static void assertHolds(final LedgerAudit audit)
    {
        final List<String> problems = violations(audit);
        if (!problems.isEmpty())
        {
            throw new AssertionError("conservation invariant violated:\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * @param audit audit.
     * @return total credited money over live accounts.
     */
    public static long totalCreditedMinor(final LedgerAudit audit)
    {
        long total = 0;
        for (int a = 1; a < audit.accountExists.length; a++)
        {
            if (audit.accountExists[a])
            {
                total += audit.creditedMinor[a];
            }
        }
        return total;
    }
}
