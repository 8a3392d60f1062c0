package io.gyro.ledger.internal;

import io.gyro.ledger.AccountStatus;
import io.gyro.ledger.AccountView;
import io.gyro.ledger.BucketView;
import io.gyro.ledger.LedgerAudit;
import io.gyro.ledger.LedgerLimits;
import io.gyro.ledger.SessionView;
import io.gyro.ledger.journal.JournalFormatException;
import io.gyro.ledger.journal.LedgerEvents;
import io.gyro.ledger.rating.Rating;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.rating.TariffCodec;
import io.gyro.ledger.rating.TariffTable;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every balance, bucket, identity, tariff and session: the state one ledger thread owns. It changes only through
 * the {@link LedgerEvents} methods, which apply decided facts and decide nothing, so live processing, replay
 * and restore from a snapshot build the same state. Accounts and buckets live in paged columns indexed by dense
 * ids (account id = index, from 1) to keep 10 M accounts small.
 * Called only on the ledger thread (or the recovery thread before it starts).
 */
public final class LedgerState implements LedgerEvents
{
    static final int STATUS_MASK = 0xFF;
    static final int BILLING_DAY_SHIFT = 8;
    static final int UNIT_TYPE_MASK = 0xFF;
    static final int BUCKET_EXPIRED_FLAG = 0x100;

    long lastCommandSeq;
    long lastTimestampMs;
    int nextAccountIndex = 1;
    int nextBucketIndex;
    long nextSessionId = 1;
    int liveAccounts;
    long unratedRecords;

    TariffTable tariffTable = TariffTable.empty();
    final Long2ObjectHashMap<Tariff> tariffsById = new Long2ObjectHashMap<>();
    /** Every table version ever set, as journaled: snapshots keep them so old grants keep their tariff. */
    final List<byte[]> tariffTableBytes = new ArrayList<>();

    final LongColumn balance = new LongColumn();
    final LongColumn creditLimit = new LongColumn();
    final LongColumn reserved = new LongColumn();
    final LongColumn credited = new LongColumn();
    final LongColumn consumed = new LongColumn();
    final LongColumn lowThreshold = new LongColumn();
    final IntColumn flags = new IntColumn();
    final IntColumn firstBucket = new IntColumn();
    final IntColumn firstIdentity = new IntColumn();

    final LongColumn bucketCredited = new LongColumn();
    final LongColumn bucketBalance = new LongColumn();
    final LongColumn bucketReserved = new LongColumn();
    final LongColumn bucketConsumed = new LongColumn();
    final LongColumn bucketExpired = new LongColumn();
    final LongColumn bucketExpiry = new LongColumn();
    final LongColumn bucketRatingGroup = new LongColumn();
    final IntColumn bucketAccount = new IntColumn();
    final IntColumn bucketNext = new IntColumn();
    final IntColumn bucketFlags = new IntColumn();
    final BucketExpiryHeap bucketExpiries = new BucketExpiryHeap();

    final IdentityIndex identities;
    final Int2ObjectHashMap<byte[]> credentials = new Int2ObjectHashMap<>();
    /** Per account: triples (rating group, billing period, units used in it). Only tiered tariffs add here. */
    final Int2ObjectHashMap<long[]> tierUsage = new Int2ObjectHashMap<>();
    final SessionTable sessions = new SessionTable();
    final IdempotencyStore idempotency = new IdempotencyStore();
    final EventAnswerStore eventAnswers = new EventAnswerStore();
    /** Origin key -> first session id of its current life (see {@link #originEpochAdvanced}); 0 when none. */
    final org.agrona.collections.Long2LongHashMap originBoundaries = new org.agrona.collections.Long2LongHashMap(0);

    private final byte[] scratchBytes = new byte[Math.max(Math.max(LedgerLimits.MAX_IDENTITY_LENGTH,
        LedgerLimits.MAX_IDEMPOTENCY_KEY_LENGTH), LedgerLimits.MAX_SESSION_KEY_LENGTH)];
    private final SessionTable.Scratch scratch = new SessionTable.Scratch();
    /** One command applies several events to the same session: skip the map for the repeats. */
    private Session lastSession;
    private Tariff lastTariff;

    /**
     * @param expectedAccounts sizing hint for the identity map.
     */
    public LedgerState(final int expectedAccounts)
    {
        identities = new IdentityIndex(expectedAccounts);
    }

    // ------------------------------------------------------------------ reads used by deciding

    /**
     * @return sequence of the last journal record applied.
     */
    public long lastCommandSeq()
    {
        return lastCommandSeq;
    }

    /**
     * @return time of the last command applied.
     */
    public long lastTimestampMs()
    {
        return lastTimestampMs;
    }

    /**
     * @return number of live accounts.
     */
    public int liveAccounts()
    {
        return liveAccounts;
    }

    /**
     * @return account ids are below this.
     */
    public int accountIdLimit()
    {
        return nextAccountIndex;
    }

    /**
     * @return number of buckets ever created.
     */
    public int bucketCount()
    {
        return nextBucketIndex;
    }

    /**
     * @return the session table (read-only use outside this package).
     */
    public SessionTable sessions()
    {
        return sessions;
    }

    /**
     * @return the current tariff table.
     */
    public TariffTable tariffTable()
    {
        return tariffTable;
    }

    /**
     * @param tariffId id.
     * @return tariff version or null.
     */
    public Tariff tariff(final long tariffId)
    {
        return tariffsById.get(tariffId);
    }

    boolean accountLive(final int index)
    {
        return index > 0 && index < nextAccountIndex && status(index) != AccountStatus.DELETED;
    }

    int status(final int index)
    {
        return flags.get(index) & STATUS_MASK;
    }

    int billingDay(final int index)
    {
        return flags.get(index) >>> BILLING_DAY_SHIFT;
    }

    long availableMinor(final int index)
    {
        return balance.get(index) + creditLimit.get(index) - reserved.get(index);
    }

    int bucketUnitType(final int bucket)
    {
        return bucketFlags.get(bucket) & UNIT_TYPE_MASK;
    }

    boolean bucketIsExpired(final int bucket)
    {
        return (bucketFlags.get(bucket) & BUCKET_EXPIRED_FLAG) != 0;
    }

    long bucketAvailable(final int bucket)
    {
        return bucketBalance.get(bucket) - bucketReserved.get(bucket);
    }

    long tierUnits(final int accountIndex, final long ratingGroup, final int period)
    {
        final long[] usage = tierUsage.get(accountIndex);
        if (usage != null)
        {
            for (int i = 0; i < usage.length; i += 3)
            {
                if (usage[i] == ratingGroup)
                {
                    return usage[i + 1] == period ? usage[i + 2] : 0;
                }
            }
        }
        return 0;
    }

    /**
     * Tell the state which session the next events are about, so applying them skips the id lookup. A cache
     * only: it never changes what an event does.
     *
     * @param s session being decided on.
     */
    void hintSession(final Session s)
    {
        lastSession = s;
    }

    // ------------------------------------------------------------------ events

    @Override
    public void recordCompleted(final long commandSeq, final int commandTypeCode, final long timestampMs)
    {
        if (commandSeq != lastCommandSeq + 1)
        {
            throw new JournalFormatException("command sequence gap: after " + lastCommandSeq + " came " + commandSeq +
                ": records are missing from the journal");
        }
        lastCommandSeq = commandSeq;
        lastTimestampMs = timestampMs;
    }

    @Override
    public void accountCreated(
        final int accountIndex,
        final int status,
        final int billingDay,
        final long openingMinor,
        final long creditLimitMinor,
        final long lowBalanceThresholdMinor)
    {
        if (accountIndex != nextAccountIndex)
        {
            throw new IllegalStateException("account " + accountIndex + " created, expected " + nextAccountIndex);
        }
        ensureAccount(accountIndex);
        balance.set(accountIndex, openingMinor);
        creditLimit.set(accountIndex, creditLimitMinor);
        reserved.set(accountIndex, 0);
        credited.set(accountIndex, openingMinor + creditLimitMinor);
        consumed.set(accountIndex, 0);
        lowThreshold.set(accountIndex, lowBalanceThresholdMinor);
        flags.set(accountIndex, status | (billingDay << BILLING_DAY_SHIFT));
        firstBucket.set(accountIndex, 0);
        firstIdentity.set(accountIndex, 0);
        nextAccountIndex = accountIndex + 1;
        liveAccounts++;
    }

    @Override
    public void accountUpdated(
        final int accountIndex,
        final int status,
        final int billingDay,
        final long creditLimitMinor,
        final long lowBalanceThresholdMinor)
    {
        credited.add(accountIndex, creditLimitMinor - creditLimit.get(accountIndex));
        creditLimit.set(accountIndex, creditLimitMinor);
        lowThreshold.set(accountIndex, lowBalanceThresholdMinor);
        flags.set(accountIndex, status | (billingDay << BILLING_DAY_SHIFT));
    }

    @Override
    public void accountDeleted(final int accountIndex)
    {
        identities.removeAll(firstIdentity.get(accountIndex));
        firstIdentity.set(accountIndex, 0);
        flags.set(accountIndex, AccountStatus.DELETED | (billingDay(accountIndex) << BILLING_DAY_SHIFT));
        credentials.remove(accountIndex);
        tierUsage.remove(accountIndex);
        liveAccounts--;
    }

    @Override
    public void identityAdded(
        final int accountIndex, final int identityType, final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.getBytes(offset, scratchBytes, 0, length);
        firstIdentity.set(accountIndex,
            identities.add(accountIndex, firstIdentity.get(accountIndex), identityType, scratchBytes, length));
    }

    @Override
    public void credentialSet(final int accountIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] credential = new byte[length];
        buffer.getBytes(offset, credential);
        credentials.put(accountIndex, credential);
    }

    @Override
    public void moneyCredited(final int accountIndex, final int kind, final long amountMinor)
    {
        balance.add(accountIndex, amountMinor);
        credited.add(accountIndex, amountMinor);
    }

    @Override
    public void moneyDebited(final int accountIndex, final long amountMinor)
    {
        balance.add(accountIndex, -amountMinor);
        consumed.add(accountIndex, amountMinor);
    }

    @Override
    public void bucketAdded(
        final int accountIndex,
        final int bucketIndex,
        final int unitType,
        final long ratingGroup,
        final long units,
        final long expiryMs)
    {
        if (bucketIndex != nextBucketIndex)
        {
            throw new IllegalStateException("bucket " + bucketIndex + " created, expected " + nextBucketIndex);
        }
        ensureBucket(bucketIndex);
        bucketCredited.set(bucketIndex, units);
        bucketBalance.set(bucketIndex, units);
        bucketReserved.set(bucketIndex, 0);
        bucketConsumed.set(bucketIndex, 0);
        bucketExpired.set(bucketIndex, 0);
        bucketExpiry.set(bucketIndex, expiryMs);
        bucketRatingGroup.set(bucketIndex, ratingGroup);
        bucketAccount.set(bucketIndex, accountIndex);
        bucketFlags.set(bucketIndex, unitType);
        bucketNext.set(bucketIndex, firstBucket.get(accountIndex));
        firstBucket.set(accountIndex, bucketIndex + 1);
        nextBucketIndex = bucketIndex + 1;
        if (expiryMs != 0)
        {
            bucketExpiries.push(expiryMs, bucketIndex);
        }
    }

    @Override
    public void bucketExpired(final int bucketIndex, final long expiredUnits)
    {
        bucketBalance.add(bucketIndex, -expiredUnits);
        bucketExpired.add(bucketIndex, expiredUnits);
        bucketFlags.set(bucketIndex, bucketFlags.get(bucketIndex) | BUCKET_EXPIRED_FLAG);
    }

    @Override
    public void tariffsSet(final long version, final DirectBuffer buffer, final int offset, final int length)
    {
        final TariffTable table = TariffCodec.read(buffer, offset, length);
        for (final Tariff tariff : table.tariffs())
        {
            tariffsById.put(tariff.tariffId(), tariff);
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        tariffTableBytes.add(copy);
        tariffTable = table;
    }

    @Override
    public void sessionOpened(
        final long sessionId,
        final int accountIndex,
        final int state,
        final boolean cumulativeUsage,
        final long originKey,
        final long supervisionMs,
        final DirectBuffer keyBuffer,
        final int keyOffset,
        final int keyLength,
        final DirectBuffer contextBuffer,
        final int contextOffset,
        final int contextLength)
    {
        final Session s = sessions.open(sessionId, accountIndex, originKey, keyBuffer, keyOffset, keyLength);
        s.state = state;
        s.cumulativeUsage = cumulativeUsage;
        s.supervisionMs = supervisionMs;
        contextBuffer.getBytes(contextOffset, s.contextFor(contextLength), 0, contextLength);
        s.contextLength = contextLength;
        nextSessionId = sessionId + 1;
    }

    @Override
    public void unitsReserved(
        final long sessionId,
        final long ratingGroup,
        final long serviceIdentifier,
        final long tariffId,
        final long priceMinor,
        final long quantumUnits,
        final long grantedUnits,
        final int bucketIndex,
        final long bucketUnits,
        final long reservedMinor,
        final long validityEndMs,
        final int reserveFlags)
    {
        final Session s = session(sessionId);
        final Reservation r = s.findOrAdd(ratingGroup);
        if (r.active)
        {
            throw new IllegalStateException("session " + sessionId + " rg " + ratingGroup + " reserved twice");
        }
        r.serviceIdentifier = serviceIdentifier;
        final Tariff cachedTariff = lastTariff;
        r.tariff = cachedTariff != null && cachedTariff.tariffId() == tariffId ? cachedTariff : tariffsById.get(tariffId);
        lastTariff = r.tariff;
        if (r.tariff == null)
        {
            throw new JournalFormatException("reservation refers to unknown tariff " + tariffId);
        }
        r.priceMinor = priceMinor;
        r.quantumUnits = quantumUnits;
        r.finalUnits = (reserveFlags & RESERVE_FINAL) != 0;
        r.starved = (reserveFlags & (RESERVE_FINAL | RESERVE_STARVED)) != 0;
        if (grantedUnits > 0 || reservedMinor > 0 || bucketUnits > 0)
        {
            r.active = true;
            r.grantedUnits = grantedUnits;
            r.bucketIndex = bucketIndex;
            r.bucketUnits = bucketUnits;
            r.reservedMinor = reservedMinor;
            r.validityEndMs = validityEndMs;
            reserved.add(s.accountIndex, reservedMinor);
            if (bucketIndex >= 0)
            {
                bucketReserved.add(bucketIndex, bucketUnits);
            }
        }
    }

    @Override
    public void usageCommitted(
        final long sessionId,
        final long ratingGroup,
        final long usedUnits,
        final long counterAfter,
        final int bucketIndex,
        final long bucketReleasedUnits,
        final long bucketConsumedUnits,
        final long bucketExpiredUnits,
        final long releasedMinor,
        final long chargedMinor,
        final long paidUnitsAfter,
        final long overageUnits,
        final int tierPeriod,
        final int reportingReason)
    {
        final Session s = session(sessionId);
        final Reservation r = s.findOrAdd(ratingGroup);
        final int account = s.accountIndex;
        reserved.add(account, -releasedMinor);
        balance.add(account, -chargedMinor);
        consumed.add(account, chargedMinor);
        if (bucketIndex >= 0)
        {
            bucketReserved.add(bucketIndex, -bucketReleasedUnits);
            bucketBalance.add(bucketIndex, -(bucketConsumedUnits + bucketExpiredUnits));
            bucketConsumed.add(bucketIndex, bucketConsumedUnits);
            bucketExpired.add(bucketIndex, bucketExpiredUnits);
        }
        r.usedUnits += usedUnits;
        r.paidUnits = paidUnitsAfter;
        r.chargedMinor += chargedMinor;
        r.lastCounter = counterAfter;
        r.clearGrant();
        if (tierPeriod >= 0)
        {
            addTierUsage(account, ratingGroup, tierPeriod, usedUnits);
        }
    }

    @Override
    public void bucketUnitsConsumed(
        final long sessionId, final long ratingGroup, final int bucketIndex, final long units)
    {
        bucketBalance.add(bucketIndex, -units);
        bucketConsumed.add(bucketIndex, units);
    }

    @Override
    public void reservationReleased(
        final long sessionId,
        final long ratingGroup,
        final int bucketIndex,
        final long bucketReleasedUnits,
        final long bucketExpiredUnits,
        final long releasedMinor,
        final int reason)
    {
        final Session s = session(sessionId);
        final Reservation r = s.find(ratingGroup);
        if (r == null)
        {
            throw new IllegalStateException("session " + sessionId + " releases unknown rg " + ratingGroup);
        }
        reserved.add(s.accountIndex, -releasedMinor);
        if (bucketIndex >= 0)
        {
            bucketReserved.add(bucketIndex, -bucketReleasedUnits);
            bucketBalance.add(bucketIndex, -bucketExpiredUnits);
            bucketExpired.add(bucketIndex, bucketExpiredUnits);
        }
        r.clearGrant();
    }

    @Override
    public void sessionClosed(final long sessionId, final int state, final int reason, final long retainUntilMs)
    {
        final Session s = session(sessionId);
        s.state = state;
        sessions.schedule(s, retainUntilMs);
    }

    @Override
    public void sessionRemoved(final long sessionId)
    {
        sessions.remove(session(sessionId));
    }

    @Override
    public void sessionRenamed(
        final long sessionId,
        final boolean cumulativeUsage,
        final long originKey,
        final long supervisionMs,
        final long deadlineMs,
        final DirectBuffer keyBuffer,
        final int keyOffset,
        final int keyLength)
    {
        final Session s = session(sessionId);
        sessions.rename(s, keyBuffer, keyOffset, keyLength);
        sessions.changeOrigin(s, originKey);
        s.cumulativeUsage = cumulativeUsage;
        s.supervisionMs = supervisionMs;
        sessions.schedule(s, deadlineMs);
    }

    @Override
    public void answered(
        final long sessionId,
        final long requestNumber,
        final long deadlineMs,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final Session s = session(sessionId);
        s.lastRequestNumber = requestNumber;
        s.recordAnswer(buffer, offset, length);
        if (deadlineMs > 0)
        {
            sessions.schedule(s, deadlineMs);
        }
    }

    @Override
    public void directCharged(
        final int accountIndex,
        final long ratingGroup,
        final long units,
        final int bucketIndex,
        final long bucketUnits,
        final long chargedMinor,
        final int tierPeriod)
    {
        balance.add(accountIndex, -chargedMinor);
        consumed.add(accountIndex, chargedMinor);
        if (bucketIndex >= 0)
        {
            bucketBalance.add(bucketIndex, -bucketUnits);
            bucketConsumed.add(bucketIndex, bucketUnits);
        }
        if (tierPeriod >= 0)
        {
            addTierUsage(accountIndex, ratingGroup, tierPeriod, units);
        }
    }

    @Override
    public void idempotencyRecorded(
        final int accountIndex,
        final long amountMinor,
        final long expiresAtMs,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        buffer.getBytes(offset, scratchBytes, 0, length);
        idempotency.put(scratchBytes, length, accountIndex, amountMinor, expiresAtMs);
    }

    @Override
    public void idempotencyPurged(final long nowMs)
    {
        idempotency.purge(nowMs);
    }

    @Override
    public void eventAnswerRecorded(
        final long requestNumber,
        final long expiresAtMs,
        final DirectBuffer keyBuffer,
        final int keyOffset,
        final int keyLength,
        final DirectBuffer answerBuffer,
        final int answerOffset,
        final int answerLength)
    {
        keyBuffer.getBytes(keyOffset, scratchBytes, 0, keyLength);
        final byte[] answer = new byte[answerLength];
        answerBuffer.getBytes(answerOffset, answer);
        eventAnswers.put(scratchBytes, keyLength, requestNumber, answer, expiresAtMs);
    }

    @Override
    public void eventAnswersPurged(final long nowMs, final int evictOldest)
    {
        eventAnswers.purge(nowMs, evictOldest);
    }

    @Override
    public void originEpochAdvanced(final long originKey, final long boundarySessionId)
    {
        originBoundaries.put(originKey, boundarySessionId);
    }

    @Override
    public void unratedRecorded(final DirectBuffer buffer, final int offset, final int length)
    {
        unratedRecords++;
    }

    // ------------------------------------------------------------------ helpers

    private Session session(final long sessionId)
    {
        final Session cached = lastSession;
        if (cached != null && cached.sessionId == sessionId)
        {
            return cached;
        }
        final Session s = sessions.byId(sessionId);
        lastSession = s;
        if (s == null)
        {
            throw new JournalFormatException("event refers to unknown session " + sessionId);
        }
        return s;
    }

    void ensureAccount(final int index)
    {
        balance.ensure(index);
        creditLimit.ensure(index);
        reserved.ensure(index);
        credited.ensure(index);
        consumed.ensure(index);
        lowThreshold.ensure(index);
        flags.ensure(index);
        firstBucket.ensure(index);
        firstIdentity.ensure(index);
    }

    void ensureBucket(final int index)
    {
        bucketCredited.ensure(index);
        bucketBalance.ensure(index);
        bucketReserved.ensure(index);
        bucketConsumed.ensure(index);
        bucketExpired.ensure(index);
        bucketExpiry.ensure(index);
        bucketRatingGroup.ensure(index);
        bucketAccount.ensure(index);
        bucketNext.ensure(index);
        bucketFlags.ensure(index);
    }

    void addTierUsage(final int accountIndex, final long ratingGroup, final int period, final long units)
    {
        long[] usage = tierUsage.get(accountIndex);
        if (usage != null)
        {
            for (int i = 0; i < usage.length; i += 3)
            {
                if (usage[i] == ratingGroup)
                {
                    if (usage[i + 1] == period)
                    {
                        // Only picks the tier: past a long it stays in the last tier instead of wrapping to the first.
                        usage[i + 2] = Rating.saturatingAdd(usage[i + 2], units);
                    }
                    else if (usage[i + 1] < period)
                    {
                        usage[i + 1] = period;
                        usage[i + 2] = units;
                    }
                    return;
                }
            }
            usage = Arrays.copyOf(usage, usage.length + 3);
        }
        else
        {
            usage = new long[3];
        }
        usage[usage.length - 3] = ratingGroup;
        usage[usage.length - 2] = period;
        usage[usage.length - 1] = units;
        tierUsage.put(accountIndex, usage);
    }

    // ------------------------------------------------------------------ hashing, audit, views

    /**
     * A 64-bit digest of the whole logical state, independent of hash-map layout and pooling, so live, replayed
     * and restored states compare equal exactly when they are the same.
     *
     * @return the hash.
     */
    public long stateHash()
    {
        long h = Hashing.combine(0, lastCommandSeq);
        h = Hashing.combine(h, nextAccountIndex);
        h = Hashing.combine(h, nextBucketIndex);
        h = Hashing.combine(h, nextSessionId);
        h = Hashing.combine(h, liveAccounts);
        h = Hashing.combine(h, unratedRecords);
        h = Hashing.combine(h, tariffTable.version());
        for (final byte[] table : tariffTableBytes)
        {
            h = Hashing.combine(h, Hashing.hash(table, 0, table.length));
        }
        for (int a = 1; a < nextAccountIndex; a++)
        {
            h = Hashing.combine(h, flags.get(a));
            h = Hashing.combine(h, balance.get(a));
            h = Hashing.combine(h, creditLimit.get(a));
            h = Hashing.combine(h, reserved.get(a));
            h = Hashing.combine(h, credited.get(a));
            h = Hashing.combine(h, consumed.get(a));
            h = Hashing.combine(h, lowThreshold.get(a));
            final long[] usage = tierUsage.get(a);
            if (usage != null)
            {
                long u = 0;
                for (int i = 0; i < usage.length; i += 3)
                {
                    u += Hashing.mix(Hashing.combine(Hashing.combine(usage[i], usage[i + 1]), usage[i + 2]));
                }
                h = Hashing.combine(h, u);
            }
            final byte[] credential = credentials.get(a);
            if (credential != null)
            {
                h = Hashing.combine(h, Hashing.hash(credential, 0, credential.length));
            }
            final long[] identityHash = {0};
            identities.forEach(firstIdentity.get(a), (type, bytes, length) ->
                identityHash[0] += Hashing.mix(Hashing.combine(Hashing.hash(bytes, 0, length), type)));
            h = Hashing.combine(h, identityHash[0]);
        }
        for (int b = 0; b < nextBucketIndex; b++)
        {
            h = Hashing.combine(h, bucketAccount.get(b));
            h = Hashing.combine(h, bucketFlags.get(b));
            h = Hashing.combine(h, bucketRatingGroup.get(b));
            h = Hashing.combine(h, bucketExpiry.get(b));
            h = Hashing.combine(h, bucketCredited.get(b));
            h = Hashing.combine(h, bucketBalance.get(b));
            h = Hashing.combine(h, bucketReserved.get(b));
            h = Hashing.combine(h, bucketConsumed.get(b));
            h = Hashing.combine(h, bucketExpired.get(b));
        }
        h = Hashing.combine(h, identities.size());
        final int n = sessions.all(scratch);
        for (int i = 0; i < n; i++)
        {
            final Session s = scratch.get(i);
            h = Hashing.combine(h, s.sessionId);
            h = Hashing.combine(h, Hashing.hash(s.key, 0, s.keyLength));
            h = Hashing.combine(h, Hashing.hash(s.context, 0, s.contextLength));
            h = Hashing.combine(h, s.accountIndex);
            h = Hashing.combine(h, s.originKey);
            h = Hashing.combine(h, s.state);
            h = Hashing.combine(h, s.cumulativeUsage ? 1 : 0);
            h = Hashing.combine(h, s.supervisionMs);
            h = Hashing.combine(h, s.lastRequestNumber);
            h = Hashing.combine(h, Hashing.hash(s.recordedAnswer, 0, s.recordedAnswerLength));
            h = Hashing.combine(h, s.deadlineMs);
            h = Hashing.combine(h, s.heapIndex >= 0 ? 1 : 0);
            for (int r = 0; r < s.reservationCount; r++)
            {
                final Reservation res = s.reservations[r];
                h = Hashing.combine(h, res.ratingGroup);
                h = Hashing.combine(h, res.serviceIdentifier);
                h = Hashing.combine(h, res.tariff == null ? 0 : res.tariff.tariffId());
                h = Hashing.combine(h, res.priceMinor);
                h = Hashing.combine(h, res.quantumUnits);
                h = Hashing.combine(h, res.active ? 1 : 0);
                h = Hashing.combine(h, res.grantedUnits);
                h = Hashing.combine(h, res.bucketIndex);
                h = Hashing.combine(h, res.bucketUnits);
                h = Hashing.combine(h, res.reservedMinor);
                h = Hashing.combine(h, res.validityEndMs);
                h = Hashing.combine(h, (res.finalUnits ? 1 : 0) | (res.starved ? 2 : 0));
                h = Hashing.combine(h, res.usedUnits);
                h = Hashing.combine(h, res.paidUnits);
                h = Hashing.combine(h, res.chargedMinor);
                h = Hashing.combine(h, res.lastCounter);
            }
        }
        scratch.clear(n);
        long idem = 0;
        for (final IdempotencyStore.Entry e : idempotency.entries())
        {
            idem += Hashing.mix(Hashing.combine(Hashing.combine(Hashing.combine(
                Hashing.hash(e.key.bytes(), 0, e.key.length()), e.accountIndex), e.amountMinor), e.expiresAtMs));
        }
        h = Hashing.combine(h, idem);
        long position = 0;
        for (final EventAnswerStore.Entry e : eventAnswers.oldestFirst())
        {
            h = Hashing.combine(h, Hashing.hash(e.key.bytes(), 0, e.key.length()));
            h = Hashing.combine(h, e.requestNumber);
            h = Hashing.combine(h, e.expiresAtMs);
            h = Hashing.combine(h, Hashing.hash(e.answer, 0, e.answer.length));
            position++;
        }
        h = Hashing.combine(h, position);
        long origins = 0;
        final org.agrona.collections.Long2LongHashMap.KeyIterator keys = originBoundaries.keySet().iterator();
        while (keys.hasNext())
        {
            final long origin = keys.nextValue();
            origins += Hashing.mix(Hashing.combine(origin, originBoundaries.get(origin)));
        }
        return Hashing.combine(h, origins);
    }

    /**
     * Copy every counter, and what sessions hold, for the conservation-invariant checker.
     *
     * @return the audit.
     */
    public LedgerAudit audit()
    {
        final LedgerAudit audit = new LedgerAudit(nextAccountIndex, nextBucketIndex);
        for (int a = 1; a < nextAccountIndex; a++)
        {
            audit.accountExists[a] = accountLive(a);
            audit.creditedMinor[a] = credited.get(a);
            audit.balanceMinor[a] = balance.get(a);
            audit.creditLimitMinor[a] = creditLimit.get(a);
            audit.reservedMinor[a] = reserved.get(a);
            audit.consumedMinor[a] = consumed.get(a);
        }
        for (int b = 0; b < nextBucketIndex; b++)
        {
            audit.bucketAccount[b] = bucketAccount.get(b);
            audit.bucketCreditedUnits[b] = bucketCredited.get(b);
            audit.bucketBalanceUnits[b] = bucketBalance.get(b);
            audit.bucketReservedUnits[b] = bucketReserved.get(b);
            audit.bucketConsumedUnits[b] = bucketConsumed.get(b);
            audit.bucketExpiredUnits[b] = bucketExpired.get(b);
            audit.bucketExpired[b] = bucketIsExpired(b);
        }
        final int n = sessions.all(scratch);
        for (int i = 0; i < n; i++)
        {
            final Session s = scratch.get(i);
            for (int r = 0; r < s.reservationCount; r++)
            {
                final Reservation res = s.reservations[r];
                if (res.active)
                {
                    audit.sessionHeldMinor[s.accountIndex] += res.reservedMinor;
                    if (res.bucketIndex >= 0)
                    {
                        audit.bucketSessionHeldUnits[res.bucketIndex] += res.bucketUnits;
                    }
                }
            }
        }
        scratch.clear(n);
        return audit;
    }

    AccountView accountView(final int a)
    {
        final List<String> ids = new ArrayList<>();
        identities.describe(firstIdentity.get(a), ids);
        final List<BucketView> buckets = new ArrayList<>();
        for (int b = firstBucket.get(a); b != 0; b = bucketNext.get(b - 1))
        {
            final int bucket = b - 1;
            buckets.add(new BucketView(bucket, bucketUnitType(bucket), bucketRatingGroup.get(bucket),
                bucketExpiry.get(bucket), bucketIsExpired(bucket), bucketCredited.get(bucket),
                bucketBalance.get(bucket), bucketReserved.get(bucket), bucketConsumed.get(bucket),
                bucketExpired.get(bucket)));
        }
        final int n = sessions.sessionsOfAccount(a, scratch);
        int open = 0;
        for (int i = 0; i < n; i++)
        {
            if (scratch.get(i).state == SESSION_OPEN)
            {
                open++;
            }
        }
        scratch.clear(n);
        return new AccountView(a, status(a), balance.get(a), creditLimit.get(a), reserved.get(a), availableMinor(a),
            consumed.get(a), credited.get(a), lowThreshold.get(a), billingDay(a), List.copyOf(ids),
            List.copyOf(buckets), open);
    }

    List<SessionView> sessionViews(final int a)
    {
        final List<SessionView> views = new ArrayList<>();
        final int n = sessions.sessionsOfAccount(a, scratch);
        for (int i = 0; i < n; i++)
        {
            final Session s = scratch.get(i);
            views.add(new SessionView(s.sessionId, Arrays.copyOf(s.key, s.keyLength),
                Arrays.copyOf(s.context, s.contextLength), s.accountIndex, s.originKey,
                s.state == SESSION_OPEN ? "open" : s.state == SESSION_TOMBSTONE ? "tombstone" : "closed",
                s.reservedMinor(), s.grantedUnits(), s.deadlineMs));
        }
        scratch.clear(n);
        return views;
    }

    /**
     * Approximate heap bytes of the account, bucket and identity structures (memory benchmark).
     *
     * @return bytes.
     */
    public long approximateBytes()
    {
        return balance.allocatedBytes() * 6 + flags.allocatedBytes() * 3 + bucketCredited.allocatedBytes() * 7 +
            bucketAccount.allocatedBytes() * 3 + identities.approximateBytes();
    }
}
