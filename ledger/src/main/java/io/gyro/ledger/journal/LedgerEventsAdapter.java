package io.gyro.ledger.journal;

import org.agrona.DirectBuffer;

/** {@link LedgerEvents} with every method doing nothing: extend it to watch a few events (tests, tools). */
public class LedgerEventsAdapter implements LedgerEvents
{
    @Override
    public void recordCompleted(final long commandSeq, final int commandTypeCode, final long timestampMs)
    {
    }

    @Override
    public void accountCreated(final int accountIndex, final int status, final int billingDay, final long openingMinor, final long creditLimitMinor, final long lowBalanceThresholdMinor)
    {
    }

    @Override
    public void accountUpdated(final int accountIndex, final int status, final int billingDay, final long creditLimitMinor, final long lowBalanceThresholdMinor)
    {
    }

    @Override
    public void accountDeleted(final int accountIndex)
    {
    }

    @Override
    public void identityAdded(final int accountIndex, final int identityType, final DirectBuffer buffer, final int offset, final int length)
    {
    }

    @Override
    public void credentialSet(final int accountIndex, final DirectBuffer buffer, final int offset, final int length)
    {
    }

    @Override
    public void moneyCredited(final int accountIndex, final int kind, final long amountMinor)
    {
    }

    @Override
    public void moneyDebited(final int accountIndex, final long amountMinor)
    {
    }

    @Override
    public void bucketAdded(final int accountIndex, final int bucketIndex, final int unitType, final long ratingGroup, final long units, final long expiryMs)
    {
    }

    @Override
    public void bucketExpired(final int bucketIndex, final long expiredUnits)
    {
    }

    @Override
    public void tariffsSet(final long version, final DirectBuffer buffer, final int offset, final int length)
    {
    }

    @Override
    public void sessionOpened(final long sessionId, final int accountIndex, final int state, final boolean cumulativeUsage, final long originKey, final long supervisionMs, final DirectBuffer keyBuffer, final int keyOffset, final int keyLength, final DirectBuffer contextBuffer, final int contextOffset, final int contextLength)
    {
    }

    @Override
    public void unitsReserved(final long sessionId, final long ratingGroup, final long serviceIdentifier, final long tariffId, final long priceMinor, final long quantumUnits, final long grantedUnits, final int bucketIndex, final long bucketUnits, final long reservedMinor, final long validityEndMs, final int flags)
    {
    }

    @Override
    public void usageCommitted(final long sessionId, final long ratingGroup, final long usedUnits, final long counterAfter, final int bucketIndex, final long bucketReleasedUnits, final long bucketConsumedUnits, final long bucketExpiredUnits, final long releasedMinor, final long chargedMinor, final long paidUnitsAfter, final long overageUnits, final int tierPeriod, final int reportingReason)
    {
    }

    @Override
    public void reservationReleased(final long sessionId, final long ratingGroup, final int bucketIndex, final long bucketReleasedUnits, final long bucketExpiredUnits, final long releasedMinor, final int reason)
    {
    }

    @Override
    public void sessionClosed(final long sessionId, final int state, final int reason, final long retainUntilMs)
    {
    }

    @Override
    public void sessionRemoved(final long sessionId)
    {
    }

    @Override
    public void sessionRenamed(final long sessionId, final boolean cumulativeUsage, final long originKey, final long supervisionMs, final long deadlineMs, final DirectBuffer keyBuffer, final int keyOffset, final int keyLength)
    {
    }

    @Override
    public void answered(final long sessionId, final long requestNumber, final long deadlineMs, final DirectBuffer buffer, final int offset, final int length)
    {
    }

    @Override
    public void directCharged(final int accountIndex, final long ratingGroup, final long units, final int bucketIndex, final long bucketUnits, final long chargedMinor, final int tierPeriod)
    {
    }

    @Override
    public void idempotencyRecorded(final int accountIndex, final long amountMinor, final long expiresAtMs, final DirectBuffer buffer, final int offset, final int length)
    {
    }

    @Override
    public void idempotencyPurged(final long nowMs)
    {
    }

    @Override
    public void unratedRecorded(final DirectBuffer buffer, final int offset, final int length)
    {
    }

    @Override
    public void eventAnswerRecorded(final long requestNumber, final long expiresAtMs, final DirectBuffer keyBuffer,
        final int keyOffset, final int keyLength, final DirectBuffer answerBuffer, final int answerOffset,
        final int answerLength)
    {
    }

    @Override
    public void eventAnswersPurged(final long nowMs, final int evictOldest)
    {
    }

    @Override
    public void bucketUnitsConsumed(
        final long sessionId, final long ratingGroup, final int bucketIndex, final long units)
    {
    }

    @Override
    public void originEpochAdvanced(final long originKey, final long boundarySessionId)
    {
    }
}
