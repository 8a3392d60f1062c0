package io.gyro.ledger.journal;

import org.agrona.DirectBuffer;

/**
 * Every state change of the ledger, in the past tense. Deciding calls these on an {@link EventEncoder}, which
 * journals the event and forwards it to the state; replay decodes the journal with {@link EventDecoder} and
 * calls the same methods on the state; the dump tool prints them. Applying an event never decides anything:
 * every amount, index and deadline is a parameter.
 * <p>
 * Byte parameters are views into the journal bytes, valid only during the call.
 */
public interface LedgerEvents
{
    /** Credit kind: a top-up. */
    int CREDIT_TOP_UP = 1;
    /** Credit kind: a refund. */
    int CREDIT_REFUND = 2;

    /** Session state: open. */
    int SESSION_OPEN = 1;
    /** Session state: released by supervision, origin restart or an operator; late usage still charged. */
    int SESSION_TOMBSTONE = 2;
    /** Session state: closed, only its recorded answer kept for retransmissions. */
    int SESSION_CLOSED = 3;

    /** {@link #unitsReserved} flag: the grant exhausts the balance. */
    int RESERVE_FINAL = 1;
    /** {@link #unitsReserved} flag: nothing could be granted (CREDIT_LIMIT_REACHED); re-authorise after a top-up. */
    int RESERVE_STARVED = 2;

    /**
     * A journal record (one command) begins; replay and the dump only.
     *
     * @param commandSeq      ledger sequence of the record.
     * @param commandTypeCode {@code CommandType.code()}.
     * @param timestampMs     the command's time.
     */
    default void recordStarted(long commandSeq, int commandTypeCode, long timestampMs)
    {
    }

    /**
     * A journal record is complete: the state's last applied sequence becomes {@code commandSeq}.
     *
     * @param commandSeq      ledger sequence of the record.
     * @param commandTypeCode {@code CommandType.code()}.
     * @param timestampMs     the command's time.
     */
    void recordCompleted(long commandSeq, int commandTypeCode, long timestampMs);

    /**
     * @param accountIndex             new account id.
     * @param status                   initial status.
     * @param billingDay               1..28.
     * @param openingMinor             opening balance.
     * @param creditLimitMinor         credit limit.
     * @param lowBalanceThresholdMinor threshold.
     */
    void accountCreated(int accountIndex, int status, int billingDay, long openingMinor, long creditLimitMinor,
        long lowBalanceThresholdMinor);

    /**
     * @param accountIndex             account.
     * @param status                   new status.
     * @param billingDay               new billing day.
     * @param creditLimitMinor         new credit limit (the change counts as a credit).
     * @param lowBalanceThresholdMinor new threshold.
     */
    void accountUpdated(int accountIndex, int status, int billingDay, long creditLimitMinor,
        long lowBalanceThresholdMinor);

    /**
     * @param accountIndex account; its identities are removed, its slot kept.
     */
    void accountDeleted(int accountIndex);

    /**
     * @param accountIndex account.
     * @param identityType type.
     * @param buffer       bytes.
     * @param offset       start.
     * @param length       length.
     */
    void identityAdded(int accountIndex, int identityType, DirectBuffer buffer, int offset, int length);

    /**
     * @param accountIndex account.
     * @param buffer       credential bytes.
     * @param offset       start.
     * @param length       length.
     */
    void credentialSet(int accountIndex, DirectBuffer buffer, int offset, int length);

    /**
     * @param accountIndex account.
     * @param kind         {@link #CREDIT_TOP_UP} or {@link #CREDIT_REFUND}.
     * @param amountMinor  amount credited.
     */
    void moneyCredited(int accountIndex, int kind, long amountMinor);

    /**
     * @param accountIndex account.
     * @param amountMinor  amount debited and consumed (direct debit by amount).
     */
    void moneyDebited(int accountIndex, long amountMinor);

    /**
     * @param accountIndex account.
     * @param bucketIndex  new bucket id.
     * @param unitType     unit type.
     * @param ratingGroup  scope or -1.
     * @param units        units credited.
     * @param expiryMs     expiry or 0.
     */
    void bucketAdded(int accountIndex, int bucketIndex, int unitType, long ratingGroup, long units, long expiryMs);

    /**
     * @param bucketIndex  bucket.
     * @param expiredUnits unreserved units lost; reserved units expire when their reservation ends.
     */
    void bucketExpired(int bucketIndex, long expiredUnits);

    /**
     * @param version table version.
     * @param buffer  table bytes ({@code TariffCodec}).
     * @param offset  start.
     * @param length  length.
     */
    void tariffsSet(long version, DirectBuffer buffer, int offset, int length);

    /**
     * @param sessionId       new session id.
     * @param accountIndex    account.
     * @param state           {@link #SESSION_OPEN} or {@link #SESSION_CLOSED} (one-shot event result).
     * @param cumulativeUsage RADIUS counters.
     * @param originKey       origin.
     * @param supervisionMs   explicit supervision time or 0.
     * @param keyBuffer       key bytes.
     * @param keyOffset       key start.
     * @param keyLength       key length.
     * @param contextBuffer   context bytes.
     * @param contextOffset   context start.
     * @param contextLength   context length.
     */
    void sessionOpened(long sessionId, int accountIndex, int state, boolean cumulativeUsage, long originKey,
        long supervisionMs, DirectBuffer keyBuffer, int keyOffset, int keyLength, DirectBuffer contextBuffer,
        int contextOffset, int contextLength);

    /**
     * A reservation (or a refusal to reserve) for a rating group of a session.
     *
     * @param sessionId         session.
     * @param ratingGroup       rating group.
     * @param serviceIdentifier service identifier or -1.
     * @param tariffId          tariff version rated on.
     * @param priceMinor        price of one quantum in force at the grant.
     * @param quantumUnits      quantum of that tariff.
     * @param grantedUnits      units granted.
     * @param bucketIndex       bucket paying, or -1 for money.
     * @param bucketUnits       units reserved in the bucket.
     * @param reservedMinor     money held.
     * @param validityEndMs     end of validity.
     * @param flags             {@link #RESERVE_FINAL}, {@link #RESERVE_STARVED}.
     */
    void unitsReserved(long sessionId, long ratingGroup, long serviceIdentifier, long tariffId, long priceMinor,
        long quantumUnits, long grantedUnits, int bucketIndex, long bucketUnits, long reservedMinor,
        long validityEndMs, int flags);

    /**
     * Reported usage rated and committed; the rating group's reservation ends.
     *
     * @param sessionId           session.
     * @param ratingGroup         rating group.
     * @param usedUnits           units used since the last report.
     * @param counterAfter        RADIUS cumulative counter after (0 for Diameter).
     * @param bucketIndex         bucket of the reservation or -1.
     * @param bucketReleasedUnits bucket units the reservation held.
     * @param bucketConsumedUnits bucket units consumed (may exceed those held: overage from the same bucket).
     * @param bucketExpiredUnits  held units that return to an expired bucket and so expire.
     * @param releasedMinor       money the reservation held.
     * @param chargedMinor        money charged.
     * @param paidUnitsAfter      session units paid for after this commit (whole quanta plus bucket units).
     * @param overageUnits        usage beyond the grant.
     * @param tierPeriod          billing period to add the usage to, or -1 when the tariff has no tiers.
     * @param reportingReason     Reporting-Reason, journaled for CDRs.
     */
    void usageCommitted(long sessionId, long ratingGroup, long usedUnits, long counterAfter, int bucketIndex,
        long bucketReleasedUnits, long bucketConsumedUnits, long bucketExpiredUnits, long releasedMinor,
        long chargedMinor, long paidUnitsAfter, long overageUnits, int tierPeriod, int reportingReason);

    /**
     * Usage that the reservation's own payer could not cover is paid by a further eligible bucket, before money:
     * written just before the {@link #usageCommitted} it belongs to (whose {@code paidUnitsAfter} includes these
     * units and whose {@code chargedMinor} excludes them), one event per further bucket, in the order buckets pay.
     *
     * @param sessionId   session.
     * @param ratingGroup rating group.
     * @param bucketIndex the further bucket (never the reservation's own).
     * @param units       units it pays, at most what it had available.
     */
    void bucketUnitsConsumed(long sessionId, long ratingGroup, int bucketIndex, long units);

    /**
     * A reservation ends without usage: held money and units return (or expire with their bucket).
     *
     * @param sessionId           session.
     * @param ratingGroup         rating group.
     * @param bucketIndex         bucket or -1.
     * @param bucketReleasedUnits bucket units held.
     * @param bucketExpiredUnits  of which expire with their bucket.
     * @param releasedMinor       money held.
     * @param reason              {@code SessionEndReason.code()}, or 0 for a re-reservation.
     */
    void reservationReleased(long sessionId, long ratingGroup, int bucketIndex, long bucketReleasedUnits,
        long bucketExpiredUnits, long releasedMinor, int reason);

    /**
     * @param sessionId     session.
     * @param state         {@link #SESSION_TOMBSTONE} or {@link #SESSION_CLOSED}.
     * @param reason        {@code SessionEndReason.code()}.
     * @param retainUntilMs when the entry is removed.
     */
    void sessionClosed(long sessionId, int state, int reason, long retainUntilMs);

    /**
     * @param sessionId session to forget.
     */
    void sessionRemoved(long sessionId);

    /**
     * @param sessionId       session.
     * @param cumulativeUsage RADIUS counters from now on.
     * @param originKey       new origin.
     * @param supervisionMs   new explicit supervision or 0.
     * @param deadlineMs      new supervision deadline.
     * @param keyBuffer       new key.
     * @param keyOffset       start.
     * @param keyLength       length.
     */
    void sessionRenamed(long sessionId, boolean cumulativeUsage, long originKey, long supervisionMs, long deadlineMs,
        DirectBuffer keyBuffer, int keyOffset, int keyLength);

    /**
     * The answer given to a session command, recorded for retransmissions.
     *
     * @param sessionId     session.
     * @param requestNumber request number answered.
     * @param deadlineMs    next supervision/retention deadline.
     * @param buffer        answer bytes ({@link ResultCodec}).
     * @param offset        start.
     * @param length        length.
     */
    void answered(long sessionId, long requestNumber, long deadlineMs, DirectBuffer buffer, int offset, int length);

    /**
     * A one-shot event rated and debited at once.
     *
     * @param accountIndex account.
     * @param ratingGroup  rating group.
     * @param units        units charged.
     * @param bucketIndex  bucket paying or -1.
     * @param bucketUnits  bucket units consumed.
     * @param chargedMinor money charged.
     * @param tierPeriod   billing period for tier usage or -1.
     */
    void directCharged(int accountIndex, long ratingGroup, long units, int bucketIndex, long bucketUnits,
        long chargedMinor, int tierPeriod);

    /**
     * @param accountIndex account credited.
     * @param amountMinor  amount.
     * @param expiresAtMs  when the key is forgotten.
     * @param buffer       key bytes.
     * @param offset       start.
     * @param length       length.
     */
    void idempotencyRecorded(int accountIndex, long amountMinor, long expiresAtMs, DirectBuffer buffer, int offset,
        int length);

    /**
     * @param nowMs keys whose expiry is at or before this are forgotten.
     */
    void idempotencyPurged(long nowMs);

    /**
     * @param buffer opaque record.
     * @param offset start.
     * @param length length.
     */
    void unratedRecorded(DirectBuffer buffer, int offset, int length);

    /**
     * The answer of a one-time event, kept by Session-Id for the event-answer retention (RFC 4006 section 6.5).
     *
     * @param requestNumber request number answered.
     * @param expiresAtMs   when it is forgotten.
     * @param keyBuffer     Session-Id bytes.
     * @param keyOffset     start.
     * @param keyLength     length.
     * @param answerBuffer  the answer ({@code ResultCodec}).
     * @param answerOffset  start.
     * @param answerLength  length.
     */
    void eventAnswerRecorded(long requestNumber, long expiresAtMs, DirectBuffer keyBuffer, int keyOffset,
        int keyLength, DirectBuffer answerBuffer, int answerOffset, int answerLength);

    /**
     * @param nowMs       event answers expiring at or before this are forgotten.
     * @param evictOldest then this many of the oldest are forgotten (capacity reached).
     */
    void eventAnswersPurged(long nowMs, int evictOldest);

    /**
     * An origin restarted (RADIUS Accounting-On/Off, a higher Origin-State-Id): its sessions numbered below the
     * boundary belong to its previous life, so a closed or tombstoned one no longer holds its key against a new
     * session of the same name (RFC 2866 section 5.1: a rebooted NAS may count Acct-Session-Ids from the start again).
     *
     * @param originKey         the origin.
     * @param boundarySessionId the first session id of its new life.
     */
    void originEpochAdvanced(long originKey, long boundarySessionId);
}
