package io.gyro.ledger;

import java.util.List;

/**
 * GET_ACCOUNT answer: a copy made on the ledger thread, safe to read anywhere.
 *
 * @param accountId                the ledger's account id.
 * @param status                   {@link AccountStatus}.
 * @param balanceMinor             money balance, minor units.
 * @param creditLimitMinor         credit limit.
 * @param reservedMinor            money held by reservations.
 * @param availableMinor           balance + credit limit - reserved.
 * @param consumedMinor            money charged so far.
 * @param creditedMinor            opening balance + credit limit + top-ups, refunds and limit changes.
 * @param lowBalanceThresholdMinor low-balance threshold.
 * @param billingDay               billing day.
 * @param identities               identities as "TYPE:value" text.
 * @param buckets                  buckets.
 * @param openSessions             sessions currently open.
 */
public record AccountView(
    long accountId,
    int status,
    long balanceMinor,
    long creditLimitMinor,
    long reservedMinor,
    long availableMinor,
    long consumedMinor,
    long creditedMinor,
    long lowBalanceThresholdMinor,
    int billingDay,
    List<String> identities,
    List<BucketView> buckets,
    int openSessions)
{
}
