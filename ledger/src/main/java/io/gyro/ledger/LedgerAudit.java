package io.gyro.ledger;

/**
 * A copy of every account's and bucket's counters plus what open sessions hold, taken on the ledger thread
 * ({@code LedgerStateMachine.audit()}), for the conservation-invariant checker shared through the ledger
 * test-jar. Arrays are indexed by account id and bucket id; {@link #accountExists} marks live accounts.
 * <p>
 * Money: credited (opening + credit limit + top-ups + refunds + limit changes) = available + reserved + consumed,
 * available = balance + credit limit - reserved (money does not expire). Buckets: credited = available + reserved +
 * consumed + expired, available = balance - reserved. Both are bookkeeping identities: every charge moves balance
 * and consumed by the same amount, so they hold for a wrong charge too. The independent figures here are
 * {@link #sessionHeldMinor} and {@link #bucketSessionHeldUnits}, summed over the sessions rather than read from the
 * account counters.
 */
public final class LedgerAudit
{
    /** Live (not deleted) accounts. */
    public final boolean[] accountExists;
    /** Opening balance + credit limit + credits. */
    public final long[] creditedMinor;
    /** Money balance. */
    public final long[] balanceMinor;
    /** Credit limit. */
    public final long[] creditLimitMinor;
    /** Reserved money per the account counter. */
    public final long[] reservedMinor;
    /** Money consumed. */
    public final long[] consumedMinor;
    /** Money held by sessions, summed independently over every session's reservations. */
    public final long[] sessionHeldMinor;
    /** Owning account per bucket. */
    public final int[] bucketAccount;
    /** Units added. */
    public final long[] bucketCreditedUnits;
    /** Units left including reserved. */
    public final long[] bucketBalanceUnits;
    /** Units reserved per the bucket counter. */
    public final long[] bucketReservedUnits;
    /** Units consumed. */
    public final long[] bucketConsumedUnits;
    /** Units expired. */
    public final long[] bucketExpiredUnits;
    /** Whether TICK expired the bucket. */
    public final boolean[] bucketExpired;
    /** Units held by sessions, summed independently over every session's reservations. */
    public final long[] bucketSessionHeldUnits;

    /**
     * @param accounts number of account ids (0 unused).
     * @param buckets  number of bucket ids.
     */
    public LedgerAudit(final int accounts, final int buckets)
    {
        accountExists = new boolean[accounts];
        creditedMinor = new long[accounts];
        balanceMinor = new long[accounts];
        creditLimitMinor = new long[accounts];
        reservedMinor = new long[accounts];
        consumedMinor = new long[accounts];
        sessionHeldMinor = new long[accounts];
        bucketAccount = new int[buckets];
        bucketCreditedUnits = new long[buckets];
        bucketBalanceUnits = new long[buckets];
        bucketReservedUnits = new long[buckets];
        bucketConsumedUnits = new long[buckets];
        bucketExpiredUnits = new long[buckets];
        bucketExpired = new boolean[buckets];
        bucketSessionHeldUnits = new long[buckets];
    }

    /**
     * @param accountId account.
     * @return balance + credit limit - reserved.
     */
    public long availableMinor(final int accountId)
    {
        return balanceMinor[accountId] + creditLimitMinor[accountId] - reservedMinor[accountId];
    }
}
