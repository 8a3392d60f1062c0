package io.gyro.ledger.internal;

import io.gyro.ledger.AccountSpec;
import io.gyro.ledger.AccountStatus;
import io.gyro.ledger.AccountUpdate;
import io.gyro.ledger.BucketSpec;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.FinalUnitAction;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerLimits;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.ServiceRequest;
import io.gyro.ledger.ServiceResult;
import io.gyro.ledger.SessionEndReason;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.journal.EventEncoder;
import io.gyro.ledger.journal.LedgerEvents;
import io.gyro.ledger.journal.ResultCodec;
import io.gyro.ledger.rating.Rating;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.rating.TariffTable;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

import static io.gyro.ledger.journal.LedgerEvents.RESERVE_FINAL;
import static io.gyro.ledger.journal.LedgerEvents.RESERVE_STARVED;
import static io.gyro.ledger.journal.LedgerEvents.SESSION_CLOSED;
import static io.gyro.ledger.journal.LedgerEvents.SESSION_OPEN;
import static io.gyro.ledger.journal.LedgerEvents.SESSION_TOMBSTONE;

/**
 * Decides: validates a command, rates, picks buckets, and emits events to the {@link EventEncoder}, which
 * journals and applies each one at once. It reads state freely but never writes it (the one exception is popping
 * the derived bucket-expiry index). Every decision is a function of the state and the command, time included,
 * so re-feeding the same commands reproduces the same events byte for byte.
 * <p>
 * Called only on the ledger thread. Network commands allocate nothing.
 */
public final class LedgerProcessor
{
    private static final int NONE = -1;

    private final LedgerState state;
    private final EventEncoder events;
    private final NotificationQueue notifications;
    private final boolean pilotMode;
    private final byte[] pilotIdentity;
    private final long tombstoneMs;
    private final long eventResultRetentionMs;
    private final long eventAnswerRetentionMs;
    private final int eventAnswerCapacity;
    private final long closedSessionRetentionMs;
    private final long defaultSupervisionMs;
    private final long supervisionMarginMs;
    private final long idempotencyRetentionMs;
    private final long defaultRatingGroup;

    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    /** A usage's further buckets and their units, planned before anything is applied (see planFurtherBuckets). */
    private final int[] furtherBuckets = new int[LedgerLimits.MAX_FURTHER_BUCKETS_PER_USAGE];
    private final long[] furtherBucketUnits = new long[LedgerLimits.MAX_FURTHER_BUCKETS_PER_USAGE];
    private final UnsafeBuffer view2 = new UnsafeBuffer(new byte[0]);
    private final SessionTable.Scratch scratch = new SessionTable.Scratch();
    private final java.util.function.LongFunction<Tariff> tariffLookup;
    private final ResultCodec.Reader answerReader = new ResultCodec.Reader();

    /**
     * @param context       concluded context.
     * @param state         state to read.
     * @param events        encoder that journals and applies.
     * @param notifications where side effects wait for the journal.
     */
    public LedgerProcessor(
        final LedgerContext context,
        final LedgerState state,
        final EventEncoder events,
        final NotificationQueue notifications)
    {
        this.state = state;
        this.events = events;
        this.notifications = notifications;
        this.pilotMode = context.pilotMode();
        this.pilotIdentity = context.pilotAccountIdentity().getBytes(StandardCharsets.UTF_8);
        this.tombstoneMs = context.tombstoneMs();
        this.eventResultRetentionMs = context.eventResultRetentionMs();
        this.eventAnswerRetentionMs = context.eventAnswerRetentionMs();
        this.eventAnswerCapacity = context.eventAnswerCapacity();
        this.closedSessionRetentionMs = context.closedSessionRetentionMs();
        this.defaultSupervisionMs = context.defaultSupervisionMs();
        this.supervisionMarginMs = context.supervisionMarginMs();
        this.idempotencyRetentionMs = context.idempotencyRetentionMs();
        this.defaultRatingGroup = context.defaultRatingGroup();
        this.tariffLookup = state.tariffsById::get;
    }

    /**
     * Decide one command: results go into the slot, events into the open journal document (a record is kept
     * only if something changed).
     *
     * @param cmd the command.
     */
    public void process(final LedgerCommand cmd)
    {
        cmd.resetResults();
        final CommandType type = cmd.type;
        if (type == null)
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        events.beginRecord(type.code(), state.lastCommandSeq + 1, cmd.timestampMs);
        switch (type)
        {
            case RESERVE: onReserve(cmd); break;
            case UPDATE: onUpdate(cmd); break;
            case TERMINATE: onTerminate(cmd); break;
            case DIRECT_DEBIT: onDirectDebit(cmd); break;
            case REFUND: onRefund(cmd); break;
            case TOP_UP: onCredit(cmd, LedgerEvents.CREDIT_TOP_UP); break;
            case CHECK_BALANCE: onCheckBalance(cmd); break;
            case PRICE_ENQUIRY: onPriceEnquiry(cmd); break;
            case CREATE_ACCOUNT: onCreateAccount(cmd); break;
            case UPDATE_ACCOUNT: onUpdateAccount(cmd); break;
            case BLOCK_ACCOUNT: onSetStatus(cmd, AccountStatus.BLOCKED); break;
            case UNBLOCK_ACCOUNT: onSetStatus(cmd, AccountStatus.ACTIVE); break;
            case DELETE_ACCOUNT: onDeleteAccount(cmd); break;
            case ADD_IDENTITY: onAddIdentity(cmd); break;
            case ADD_BUCKET: onAddBucket(cmd); break;
            case SET_TARIFFS: onSetTariffs(cmd); break;
            case RELEASE_ORIGIN_SESSIONS: onReleaseOrigin(cmd); break;
            case ABORT_SESSION: onAbortSession(cmd); break;
            case RENAME_SESSION: onRenameSession(cmd); break;
            case RECORD_UNRATED: onRecordUnrated(cmd); break;
            case TICK: onTick(cmd); break;
            case TAKE_SNAPSHOT: break;
            case GET_ACCOUNT: onGetAccount(cmd); break;
            case LIST_SESSIONS: onListSessions(cmd); break;
            case GET_TARIFFS: cmd.payload = state.tariffTable; break;
            case GET_CREDENTIAL: onGetCredential(cmd); break;
            default: cmd.result = LedgerResult.INVALID_ARGUMENT; break;
        }
        if (events.endRecord() > 0)
        {
            cmd.journalSequence = state.lastCommandSeq;
        }
    }

    // ================================================================== session commands

    private void onReserve(final LedgerCommand cmd)
    {
        if (!validSessionCommand(cmd))
        {
            return;
        }
        final Session existing = state.sessions.find(cmd.sessionKey, cmd.sessionKeyLength, cmd.sessionKeyHash());
        if (existing != null && cmd.cumulativeUsage && previousLife(existing))
        {
            events.sessionRemoved(existing.sessionId);
        }
        else if (existing != null)
        {
            if (!answerRepeat(cmd, existing))
            {
                cmd.result = LedgerResult.SESSION_EXISTS;
            }
            return;
        }
        final int account = accountForService(cmd);
        if (account == NONE)
        {
            return;
        }
        final long sessionId = state.nextSessionId;
        events.sessionOpened(sessionId, account, SESSION_OPEN, cmd.cumulativeUsage, cmd.originKey,
            cmd.supervisionMs, wrapped(view, cmd.sessionKey), 0, cmd.sessionKeyLength,
            wrapped(view2, cmd.sessionContext), 0, cmd.sessionContextLength);
        final Session s = state.sessions.byId(sessionId);
        long maxValiditySec = 0;
        int merged = 0;
        for (int i = 0; i < cmd.serviceCount; i++)
        {
            if ((merged & (1 << i)) != 0 || !echoAndValidate(cmd, i))
            {
                continue;
            }
            refuseUnratableRequest(cmd, i);
            int grantIndex = i;
            for (int k = i + 1; k < cmd.serviceCount; k++)
            {
                if (sameRatingGroup(cmd, i, k))
                {
                    merged |= 1 << k;
                    if (echoAndValidate(cmd, k))
                    {
                        refuseUnratableRequest(cmd, k);
                        if (cmd.services[grantIndex].requestedUnits < 0)
                        {
                            grantIndex = k;
                        }
                    }
                }
            }
            maxValiditySec = Math.max(maxValiditySec, reserveService(cmd, s, account, grantIndex));
        }
        commandLevelFromServices(cmd);
        cmd.accountId = account;
        fillBalance(cmd, account);
        if (cmd.result.isSuccess())
        {
            events.answered(sessionId, cmd.requestNumber,
                cmd.timestampMs + supervisionMs(cmd, s, maxValiditySec), cmd);
        }
        else
        {
            // RFC 4006 section 7: a failed CCR-I leaves the session Idle; only the answer is kept for retransmissions.
            events.answered(sessionId, cmd.requestNumber, 0, cmd);
            events.sessionClosed(sessionId, SESSION_CLOSED, SessionEndReason.INITIAL_FAILED.code(),
                cmd.timestampMs + closedSessionRetentionMs);
        }
    }

    private void onUpdate(final LedgerCommand cmd)
    {
        if (!validSessionCommand(cmd))
        {
            return;
        }
        final Session s = state.sessions.find(cmd.sessionKey, cmd.sessionKeyLength, cmd.sessionKeyHash());
        if (s == null || (cmd.cumulativeUsage && previousLife(s)))
        {
            cmd.result = LedgerResult.UNKNOWN_SESSION;
            return;
        }
        if (answerRepeat(cmd, s))
        {
            return;
        }
        if (s.state == SESSION_CLOSED)
        {
            cmd.result = LedgerResult.UNKNOWN_SESSION;
            return;
        }
        state.hintSession(s);
        final boolean tombstone = s.state == SESSION_TOMBSTONE;
        final int account = s.accountIndex;
        final boolean live = state.accountLive(account);
        long maxValiditySec = 0;
        int merged = 0;
        for (int i = 0; i < cmd.serviceCount; i++)
        {
            if ((merged & (1 << i)) != 0 || !echoAndValidate(cmd, i))
            {
                continue;
            }
            final Reservation held = s.find(ratingGroupKey(cmd.services[i].ratingGroup));
            final Tariff finalTariff = held != null && held.active && held.finalUnits ? held.tariff : null;
            final boolean committed = commitService(cmd, s, i, true);
            if (committed)
            {
                refuseUnratableRequest(cmd, i);
            }
            // RFC 4006 section 8.16: MSCCs of one rating group told apart by Service-Identifier share the group's
            // reservation. All their usage is committed before the group is reserved again, once, for the first of
            // them that asks (the others are answered without a grant).
            int grantIndex = i;
            for (int k = i + 1; k < cmd.serviceCount; k++)
            {
                if (sameRatingGroup(cmd, i, k))
                {
                    merged |= 1 << k;
                    if (echoAndValidate(cmd, k) && commitService(cmd, s, k, true))
                    {
                        refuseUnratableRequest(cmd, k);
                        if (cmd.services[grantIndex].requestedUnits < 0)
                        {
                            grantIndex = k;
                        }
                    }
                }
            }
            if (!committed && grantIndex == i)
            {
                continue;
            }
            if (!tombstone && live && finalTariff != null && grantIndex == i &&
                cmd.services[i].requestedUnits == ServiceRequest.NONE && cmd.services[i].usedUnits >= 0)
            {
                maxValiditySec = Math.max(maxValiditySec, finalUnitsConsumed(cmd, finalTariff, i));
                continue;
            }
            if (!tombstone && live && cmd.services[grantIndex].requestedUnits >= 0)
            {
                if (blockedDenied(cmd, account, cmd.serviceResults[grantIndex]))
                {
                    continue;
                }
                maxValiditySec = Math.max(maxValiditySec, reserveService(cmd, s, account, grantIndex));
            }
        }
        commandLevelFromServices(cmd);
        if (tombstone)
        {
            // Released by supervision: usage within the tombstone time is charged, but the session is gone.
            cmd.result = LedgerResult.UNKNOWN_SESSION;
        }
        else if (!cmd.result.isSuccess() && !s.cumulativeUsage)
        {
            // RFC 4006 section 7 (server): an update not successfully processed debits the used units (done above)
            // and the session goes to Idle. A conforming client ends the service without a CCR-T, so nothing may
            // stay reserved; a tombstone still charges a CCR-T or late report, and keeps this answer for
            // retransmissions. RADIUS has no such rule: its session stays open and later interims are charged.
            releaseAll(s, SessionEndReason.UPDATE_FAILED);
            cmd.accountId = account;
            fillBalance(cmd, account);
            events.answered(s.sessionId, cmd.requestNumber, 0, cmd);
            events.sessionClosed(s.sessionId, SESSION_TOMBSTONE, SessionEndReason.UPDATE_FAILED.code(),
                cmd.timestampMs + tombstoneMs);
            return;
        }
        cmd.accountId = account;
        fillBalance(cmd, account);
        final long deadline = tombstone ? 0 : updateDeadline(cmd, s, maxValiditySec);
        events.answered(s.sessionId, cmd.requestNumber, deadline, cmd);
    }

    /**
     * The interrogation after the final units were used (usage reported, no units requested). RFC 4006 sections
     * 5.6.2 and 5.6.3: for REDIRECT and RESTRICT_ACCESS the answer grants nothing and MUST carry Validity-Time, how
     * long the user stays redirected or restricted before the client asks again; the Final-Unit-Indication is repeated
     * with it. TERMINATE ends the service at the client, so there is nothing to time.
     *
     * @return the validity in seconds, 0 for TERMINATE.
     */
    private long finalUnitsConsumed(final LedgerCommand cmd, final Tariff tariff, final int i)
    {
        if (tariff.finalUnitAction() == FinalUnitAction.TERMINATE)
        {
            return 0;
        }
        final ServiceResult res = cmd.serviceResults[i];
        final long validitySec = Rating.validityTimeSec(tariff, cmd.timestampMs);
        res.validityTimeSec = validitySec;
        res.finalUnits = true;
        res.finalUnitAction = tariff.finalUnitAction();
        res.unitType = tariff.unitType();
        res.tariff = tariff;
        return validitySec;
    }

    /**
     * A session service that asks for units only in kinds its tariff does not count (e.g. only CC-Money, or only
     * seconds for an octets tariff) is refused: RFC 4006 section 8.18 has the server treat a unit type it does not
     * support as an invalid AVP, and section 9.2 names the result, DIAMETER_RATING_FAILED. Granting the tariff's
     * default instead would hand the client a unit type it did not ask for. Its reported usage is still committed.
     */
    private static void refuseUnratableRequest(final LedgerCommand cmd, final int i)
    {
        if (cmd.services[i].requestedUnits == ServiceRequest.UNRATABLE)
        {
            cmd.serviceResults[i].result = LedgerResult.RATING_FAILED;
        }
    }

    /**
     * Supervision deadline after a successful update. RFC 4006 section 13 ties Tcc to the validity of what was
     * granted: an update that grants nothing keeps the deadline set for the grants still held instead of moving it
     * on (to the default hour), which would hold their money long after a silent client has gone. An update that
     * grants some rating groups while the session still holds grants of others it left alone never pulls the
     * deadline in before what was set for those: a data re-grant of 600 s must not release a voice grant of 3600 s
     * the client has no reason to report before its own Validity-Time.
     */
    private long updateDeadline(final LedgerCommand cmd, final Session s, final long maxValiditySec)
    {
        final long own = cmd.timestampMs + supervisionMs(cmd, s, maxValiditySec);
        if (cmd.supervisionMs == 0 && s.supervisionMs == 0 && s.deadlineMs > 0)
        {
            if (maxValiditySec == 0 && s.holdsGrant())
            {
                return s.deadlineMs;
            }
            if (maxValiditySec > 0 && holdsGrantNotRenewed(cmd, s))
            {
                return Math.max(own, s.deadlineMs);
            }
        }
        return own;
    }

    /** Whether the session holds a grant of a rating group this command did not grant. */
    private boolean holdsGrantNotRenewed(final LedgerCommand cmd, final Session s)
    {
        for (int i = 0; i < s.reservationCount; i++)
        {
            final Reservation r = s.reservations[i];
            if (r.active && !grantedBy(cmd, r.ratingGroup))
            {
                return true;
            }
        }
        return false;
    }

    private boolean grantedBy(final LedgerCommand cmd, final long ratingGroup)
    {
        for (int j = 0; j < cmd.serviceCount; j++)
        {
            if (cmd.serviceResults[j].grantedUnits > 0 && ratingGroupKey(cmd.services[j].ratingGroup) == ratingGroup)
            {
                return true;
            }
        }
        return false;
    }

    private void onTerminate(final LedgerCommand cmd)
    {
        if (!validSessionCommand(cmd))
        {
            return;
        }
        final Session s = state.sessions.find(cmd.sessionKey, cmd.sessionKeyLength, cmd.sessionKeyHash());
        if (s == null || (cmd.cumulativeUsage && previousLife(s)))
        {
            cmd.result = LedgerResult.UNKNOWN_SESSION;
            return;
        }
        if (answerRepeat(cmd, s))
        {
            return;
        }
        if (s.state == SESSION_CLOSED)
        {
            cmd.result = LedgerResult.UNKNOWN_SESSION;
            return;
        }
        state.hintSession(s);
        for (int i = 0; i < cmd.serviceCount; i++)
        {
            if (echoAndValidate(cmd, i))
            {
                commitService(cmd, s, i, false);
            }
        }
        releaseAll(s, SessionEndReason.TERMINATED);
        commandLevelFromServices(cmd);
        cmd.accountId = s.accountIndex;
        fillBalance(cmd, s.accountIndex);
        events.answered(s.sessionId, cmd.requestNumber, 0, cmd);
        events.sessionClosed(s.sessionId, SESSION_CLOSED, SessionEndReason.TERMINATED.code(),
            cmd.timestampMs + closedSessionRetentionMs);
    }

    private void onDirectDebit(final LedgerCommand cmd)
    {
        oneShotEvent(cmd, chargeService, true);
    }

    /**
     * REFUND_ACCOUNT (RFC 4006 §6.4): an event whose Requested-Service-Unit says what to give back, priced at the
     * tariff, band and tier in force now, in whole quanta, and credited as money (buckets are not refilled: which
     * bucket paid is not recorded).
     * Like a direct debit it is one-shot per Session-Id, so a retransmission gets the recorded answer and refunds
     * nothing twice. Without services or session it is the admin refund of {@code amountMinor}.
     */
    private void onRefund(final LedgerCommand cmd)
    {
        if (cmd.serviceCount == 0 && cmd.sessionKeyLength == 0)
        {
            onCredit(cmd, LedgerEvents.CREDIT_REFUND);
            return;
        }
        oneShotEvent(cmd, refundService, false);
    }

    /** What a one-shot event does to one of its services. */
    @FunctionalInterface
    private interface EventService
    {
        void apply(LedgerCommand cmd, int account, int service);
    }

    private final EventService chargeService = this::chargeEvent;
    private final EventService refundService = this::refundEvent;

    /**
     * A one-shot event (RFC 4006 §6: direct debit or refund): answered once per Session-Id, its answer recorded on
     * a closed session so a retransmission within the retention gets it back and changes nothing.
     *
     * @param debit true for a debit (money or services), false for a refund (services, or money without services).
     */
    private void oneShotEvent(final LedgerCommand cmd, final EventService perService, final boolean debit)
    {
        if (cmd.serviceCount < 0 || cmd.serviceCount > LedgerLimits.MAX_SERVICES ||
            cmd.sessionKeyLength < 0 || cmd.sessionKeyLength > LedgerLimits.MAX_SESSION_KEY_LENGTH)
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        Session s = null;
        if (cmd.sessionKeyLength > 0)
        {
            s = state.sessions.find(cmd.sessionKey, cmd.sessionKeyLength, cmd.sessionKeyHash());
            if (s != null)
            {
                if (answerRepeat(cmd, s))
                {
                    return;
                }
                if (s.state != SESSION_CLOSED)
                {
                    cmd.result = LedgerResult.SESSION_EXISTS;
                    return;
                }
            }
            else
            {
                // RFC 4006 section 6.5, RFC 6733 Appendix C: a buffered event resent long after its session entry
                // is gone still gets its recorded answer and changes nothing.
                final EventAnswerStore.Entry seen = state.eventAnswers.find(cmd.sessionKey, cmd.sessionKeyLength);
                if (seen != null && seen.requestNumber() == cmd.requestNumber)
                {
                    ResultCodec.decode(answerReader.wrap(wrapped(view, seen.answer()), 0, seen.answer().length), cmd,
                        tariffLookup);
                    cmd.duplicate = true;
                    return;
                }
            }
        }
        final int account = accountForService(cmd);
        if (account == NONE)
        {
            return;
        }
        if (cmd.serviceCount == 0)
        {
            final long amount = cmd.amountMinor;
            if (amount <= 0 || amount > LedgerLimits.MAX_AMOUNT_MINOR)
            {
                cmd.result = LedgerResult.INVALID_ARGUMENT;
                return;
            }
            if (!debit)
            {
                if (fits(account, amount, 0, 0, amount, 0))
                {
                    events.moneyCredited(account, LedgerEvents.CREDIT_REFUND, amount);
                }
                else
                {
                    cmd.result = LedgerResult.INVALID_ARGUMENT;
                }
            }
            else if (state.availableMinor(account) < amount && !pilotMode)
            {
                cmd.result = LedgerResult.CREDIT_LIMIT_REACHED;
            }
            else if (!fits(account, -amount, 0, 0, 0, amount))
            {
                cmd.result = LedgerResult.INVALID_ARGUMENT;
            }
            else
            {
                if (state.availableMinor(account) < cmd.amountMinor)
                {
                    wouldDeny(cmd, LedgerResult.CREDIT_LIMIT_REACHED);
                }
                events.moneyDebited(account, cmd.amountMinor);
            }
        }
        else
        {
            for (int i = 0; i < cmd.serviceCount; i++)
            {
                if (echoAndValidate(cmd, i))
                {
                    perService.apply(cmd, account, i);
                }
            }
            commandLevelFromServices(cmd);
        }
        cmd.accountId = account;
        fillBalance(cmd, account);
        if (cmd.sessionKeyLength > 0)
        {
            final long sessionId;
            if (s == null)
            {
                sessionId = state.nextSessionId;
                events.sessionOpened(sessionId, account, SESSION_CLOSED, false, cmd.originKey, 0,
                    wrapped(view, cmd.sessionKey), 0, cmd.sessionKeyLength, wrapped(view2, cmd.sessionContext), 0,
                    cmd.sessionContextLength);
            }
            else
            {
                sessionId = s.sessionId;
            }
            events.answered(sessionId, cmd.requestNumber, 0, cmd);
            events.sessionClosed(sessionId, SESSION_CLOSED, SessionEndReason.EVENT.code(),
                cmd.timestampMs + eventResultRetentionMs);
            if (eventAnswerRetentionMs > 0)
            {
                if (state.eventAnswers.size() >= eventAnswerCapacity &&
                    state.eventAnswers.find(cmd.sessionKey, cmd.sessionKeyLength) == null)
                {
                    events.eventAnswersPurged(cmd.timestampMs, 1);
                }
                final Session closed = state.sessions.byId(sessionId);
                events.eventAnswerRecorded(cmd.requestNumber, cmd.timestampMs + eventAnswerRetentionMs,
                    wrapped(view, cmd.sessionKey), 0, cmd.sessionKeyLength,
                    wrapped(view2, closed.recordedAnswer), 0, closed.recordedAnswerLength);
            }
        }
        if (!debit)
        {
            notifyStarved(account);
        }
    }

    private void refundEvent(final LedgerCommand cmd, final int account, final int i)
    {
        final ServiceRequest req = cmd.services[i];
        final ServiceResult res = cmd.serviceResults[i];
        final long units = req.requestedUnits > 0 || req.requestedUnits == ServiceRequest.UNRATABLE ?
            req.requestedUnits : req.usedUnits;
        if (units <= 0)
        {
            res.result = units == ServiceRequest.UNRATABLE ? LedgerResult.RATING_FAILED : LedgerResult.INVALID_ARGUMENT;
            return;
        }
        final long ratingGroup = ratingGroupKey(req.ratingGroup);
        final Tariff tariff = state.tariffTable.lookup(ratingGroup);
        if (tariff == null)
        {
            res.result = LedgerResult.RATING_FAILED;
            return;
        }
        res.unitType = tariff.unitType();
        res.tariff = tariff;
        // Priced as chargeEvent prices a debit now (band and the account's current tier), but in whole quanta only:
        // a debit rounds a started quantum up, a refund rounds it down, so it never gives back more than a debit of
        // the same units costs. Tier usage is left as it is: which period the debit counted in is not recorded.
        final int period = tierPeriod(tariff, account, cmd.timestampMs);
        final long price = Rating.pricePerQuantumMinor(tariff, cmd.timestampMs,
            period >= 0 ? state.tierUnits(account, ratingGroup, period) : 0);
        final long amount = Rating.saturatingMultiply(units / tariff.quantumUnits(), price);
        if (amount == Long.MAX_VALUE || !fits(account, amount, 0, 0, amount, 0))
        {
            res.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        if (amount > 0)
        {
            events.moneyCredited(account, LedgerEvents.CREDIT_REFUND, amount);
        }
        res.grantedUnits = units;
    }

    private void chargeEvent(final LedgerCommand cmd, final int account, final int i)
    {
        final ServiceRequest req = cmd.services[i];
        final ServiceResult res = cmd.serviceResults[i];
        final long ratingGroup = ratingGroupKey(req.ratingGroup);
        final Tariff tariff = state.tariffTable.lookup(ratingGroup);
        if (tariff == null)
        {
            res.result = LedgerResult.RATING_FAILED;
            return;
        }
        final long units = eventUnits(req, tariff);
        if (units <= 0)
        {
            res.result = units == ServiceRequest.UNRATABLE ? LedgerResult.RATING_FAILED : LedgerResult.INVALID_ARGUMENT;
            return;
        }
        res.unitType = tariff.unitType();
        res.tariff = tariff;
        final int period = tierPeriod(tariff, account, cmd.timestampMs);
        // One event is paid by one bucket (a usage event names one): the first, in the order buckets pay, that
        // covers it whole, so a bucket too small for it does not send the event to money while another could pay.
        final int bucket = pickBucket(account, tariff.unitType(), ratingGroup, cmd.timestampMs, NONE, units, 0);
        if (bucket >= 0)
        {
            events.directCharged(account, ratingGroup, units, bucket, units, 0, period);
            res.grantedUnits = units;
            return;
        }
        final long price = Rating.pricePerQuantumMinor(tariff, cmd.timestampMs,
            period >= 0 ? state.tierUnits(account, ratingGroup, period) : 0);
        final long cost = Rating.costMinor(units, tariff.quantumUnits(), price);
        if (cost > state.availableMinor(account))
        {
            if (!pilotMode)
            {
                res.result = LedgerResult.CREDIT_LIMIT_REACHED;
                return;
            }
            wouldDeny(cmd, LedgerResult.CREDIT_LIMIT_REACHED);
        }
        if (cost == Long.MAX_VALUE || !fits(account, -cost, 0, 0, 0, cost))
        {
            res.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        events.directCharged(account, ratingGroup, units, NONE, 0, cost, period);
        res.grantedUnits = units;
        res.chargedMinor = cost;
    }

    /**
     * Units a one-time event is rated for. RFC 4006 sections 6.1 and 6.3: the client may name the event by its
     * Service-Identifier alone (the Requested-Service-Unit MAY carry the number of events), and the server SHOULD rate
     * it. Without units that count: one event for an events tariff, otherwise the tariff's default grant, as a
     * session's Requested-Service-Unit without units asks for. A reported zero stays zero (refused).
     */
    private static long eventUnits(final ServiceRequest req, final Tariff tariff)
    {
        if (req.requestedUnits > 0)
        {
            return req.requestedUnits;
        }
        if (req.requestedUnits == ServiceRequest.UNRATABLE || req.usedUnits >= 0 ||
            req.usedUnits == ServiceRequest.UNRATABLE)
        {
            return req.requestedUnits == ServiceRequest.UNRATABLE ? req.requestedUnits : req.usedUnits;
        }
        return tariff.unitType() == UnitType.EVENTS ? 1 : tariff.defaultGrantUnits();
    }

    /**
     * Whether a RADIUS session entry is left from its origin's previous life: closed or tombstoned, and opened before
     * the origin last restarted (Accounting-On/Off). RFC 2866 section 5.1: Accounting-On starts a new life of the
     * NAS, which may number its Acct-Session-Ids from the start again; a key it reuses names a new session, which
     * must neither be answered from the old one's record nor be charged to the old one's subscriber.
     */
    private boolean previousLife(final Session s)
    {
        return s.cumulativeUsage && s.state != SESSION_OPEN && s.sessionId < state.originBoundaries.get(s.originKey);
    }

    /**
     * Retransmission handling (RFC 4006 section 5.1, 3GPP TS 32.299): with request numbers checked (Diameter), an
     * equal number gets the recorded answer and changes nothing; a lower one is refused. RADIUS (cumulative
     * counters) has no request numbers: a repeated Stop for a closed session gets the recorded answer, and a
     * repeated interim commits a zero delta.
     *
     * @return true when the command was answered here.
     */
    private boolean answerRepeat(final LedgerCommand cmd, final Session s)
    {
        if (s.cumulativeUsage || cmd.cumulativeUsage)
        {
            if (s.recordedAnswerLength > 0 && (cmd.type == CommandType.RESERVE ||
                (cmd.type == CommandType.TERMINATE && s.state == SESSION_CLOSED)))
            {
                replayAnswer(cmd, s);
                return true;
            }
            return false;
        }
        if (cmd.requestNumber == s.lastRequestNumber && s.recordedAnswerLength > 0)
        {
            replayAnswer(cmd, s);
            return true;
        }
        if (cmd.requestNumber < s.lastRequestNumber)
        {
            cmd.result = LedgerResult.OUT_OF_SEQUENCE;
            return true;
        }
        return false;
    }

    private void replayAnswer(final LedgerCommand cmd, final Session s)
    {
        ResultCodec.decode(answerReader.wrap(wrapped(view, s.recordedAnswer), 0, s.recordedAnswerLength), cmd,
            tariffLookup);
        cmd.duplicate = true;
    }

    /** Pilot mode reports the first reason production would have denied with. */
    private static void wouldDeny(final LedgerCommand cmd, final LedgerResult reason)
    {
        if (cmd.wouldDenyReason == LedgerResult.SUCCESS)
        {
            cmd.wouldDenyReason = reason;
        }
    }

    private static UnsafeBuffer wrapped(final UnsafeBuffer buffer, final byte[] bytes)
    {
        buffer.wrap(bytes);
        return buffer;
    }

    private boolean validSessionCommand(final LedgerCommand cmd)
    {
        if (cmd.sessionKeyLength <= 0 || cmd.sessionKeyLength > LedgerLimits.MAX_SESSION_KEY_LENGTH ||
            cmd.sessionContextLength < 0 || cmd.sessionContextLength > LedgerLimits.MAX_SESSION_CONTEXT_LENGTH ||
            cmd.serviceCount < 0 || cmd.serviceCount > LedgerLimits.MAX_SERVICES || cmd.supervisionMs < 0)
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return false;
        }
        return true;
    }

    /**
     * Echo the service's identifiers into its result and validate it. A rating group may appear more than once in a
     * command only with a different Service-Identifier each time (RFC 4006 section 8.16: the Service-Identifier names
     * the target of the units); the same pair twice, or a repeated rating group without Service-Identifiers (a
     * service without a rating group counting as the default one), is refused: its usage could be counted twice.
     */
    private boolean echoAndValidate(final LedgerCommand cmd, final int i)
    {
        final ServiceRequest req = cmd.services[i];
        final ServiceResult res = cmd.serviceResults[i];
        res.ratingGroup = req.ratingGroup;
        res.serviceIdentifier = req.serviceIdentifier;
        if (req.ratingGroup < ServiceRequest.NONE ||
            (req.requestedUnits < ServiceRequest.NONE && req.requestedUnits != ServiceRequest.UNRATABLE) ||
            (req.usedUnits < ServiceRequest.NONE && req.usedUnits != ServiceRequest.UNRATABLE))
        {
            res.result = LedgerResult.INVALID_ARGUMENT;
            return false;
        }
        for (int j = 0; j < i; j++)
        {
            if (sameRatingGroup(cmd, j, i) && (req.serviceIdentifier < 0 ||
                cmd.services[j].serviceIdentifier < 0 || cmd.services[j].serviceIdentifier == req.serviceIdentifier))
            {
                res.result = LedgerResult.INVALID_ARGUMENT;
                return false;
            }
        }
        return true;
    }

    private boolean sameRatingGroup(final LedgerCommand cmd, final int i, final int k)
    {
        return ratingGroupKey(cmd.services[i].ratingGroup) == ratingGroupKey(cmd.services[k].ratingGroup);
    }

    /**
     * The rating group a service is rated, reserved and counted under: a service without one (-1) is the configured
     * default rating group's, as the server's edge maps it, so its session usage and its tier usage are kept under
     * the same key the tariff and tier are looked up by.
     */
    private long ratingGroupKey(final long ratingGroup)
    {
        return ratingGroup < 0 ? defaultRatingGroup : ratingGroup;
    }

    /**
     * Resolve the account of a network command, applying pilot mode.
     *
     * @return account index or NONE (the result says why).
     */
    private int accountForService(final LedgerCommand cmd)
    {
        int account = resolveAccount(cmd);
        if (account == NONE)
        {
            if (!pilotMode)
            {
                cmd.result = LedgerResult.USER_UNKNOWN;
                return NONE;
            }
            wouldDeny(cmd, LedgerResult.USER_UNKNOWN);
            account = pilotAccount();
        }
        if (state.status(account) == AccountStatus.BLOCKED)
        {
            if (!pilotMode)
            {
                cmd.result = LedgerResult.END_USER_SERVICE_DENIED;
                return NONE;
            }
            wouldDeny(cmd, LedgerResult.END_USER_SERVICE_DENIED);
        }
        return account;
    }

    private boolean blockedDenied(final LedgerCommand cmd, final int account, final ServiceResult res)
    {
        if (state.status(account) != AccountStatus.BLOCKED)
        {
            return false;
        }
        if (pilotMode)
        {
            wouldDeny(cmd, LedgerResult.END_USER_SERVICE_DENIED);
            return false;
        }
        res.result = LedgerResult.END_USER_SERVICE_DENIED;
        return true;
    }

    private int pilotAccount()
    {
        final int existing = state.identities.lookup(IdentityType.PRIVATE, pilotIdentity, pilotIdentity.length);
        if (existing != IdentityIndex.NONE)
        {
            return existing;
        }
        final int account = state.nextAccountIndex;
        events.accountCreated(account, AccountStatus.ACTIVE, 1, 0, 0, 0);
        events.identityAdded(account, IdentityType.PRIVATE, wrapped(view, pilotIdentity), 0, pilotIdentity.length);
        return account;
    }

    /**
     * Reserve units for one service of a session (the rating group holds no grant at this point).
     *
     * @return validity granted in seconds (0 when nothing was granted).
     */
    private long reserveService(final LedgerCommand cmd, final Session s, final int account, final int i)
    {
        final ServiceRequest req = cmd.services[i];
        final ServiceResult res = cmd.serviceResults[i];
        if (req.requestedUnits < 0)
        {
            return 0;
        }
        final long ratingGroup = ratingGroupKey(req.ratingGroup);
        final Tariff tariff = state.tariffTable.lookup(ratingGroup);
        if (tariff == null)
        {
            res.result = LedgerResult.RATING_FAILED;
            return 0;
        }
        Reservation r = s.find(ratingGroup);
        if (r == null && s.reservationCount >= LedgerLimits.MAX_RATING_GROUPS_PER_SESSION)
        {
            res.result = LedgerResult.LIMIT_EXCEEDED;
            return 0;
        }
        final long nowMs = cmd.timestampMs;
        final long target = req.requestedUnits == 0 ?
            tariff.defaultGrantUnits() : Math.min(req.requestedUnits, tariff.maxGrantUnits());
        final int period = tierPeriod(tariff, account, nowMs);
        final long price = Rating.pricePerQuantumMinor(tariff, nowMs,
            period >= 0 ? state.tierUnits(account, ratingGroup, period) : 0);
        final long quantum = tariff.quantumUnits();
        long validitySec = Rating.validityTimeSec(tariff, nowMs);
        final int bucket = pickBucket(account, tariff.unitType(), ratingGroup, nowMs, NONE);
        final long available = state.availableMinor(account);
        long granted;
        long bucketUnits = 0;
        long reservedMinor = 0;
        if (bucket >= 0)
        {
            granted = Math.min(target, state.bucketAvailable(bucket));
            bucketUnits = granted;
            final long expiryMs = state.bucketExpiry.get(bucket);
            if (expiryMs != 0)
            {
                validitySec = Math.min(validitySec, Math.max(1, (expiryMs - nowMs) / Rating.MS_PER_SECOND));
            }
        }
        else
        {
            final long freeUnits = r == null ? 0 : Math.max(0, r.paidUnits - r.usedUnits);
            granted = Math.min(target, Rating.affordableUnits(available, freeUnits, quantum, price));
            if (granted == 0)
            {
                if (!pilotMode)
                {
                    events.unitsReserved(s.sessionId, ratingGroup, req.serviceIdentifier, tariff.tariffId(), price,
                        quantum, 0, NONE, 0, 0, 0, RESERVE_STARVED);
                    res.result = LedgerResult.CREDIT_LIMIT_REACHED;
                    res.unitType = tariff.unitType();
                    res.tariff = tariff;
                    res.cumulativeUsedUnits = s.find(ratingGroup).usedUnits;
                    return 0;
                }
                wouldDeny(cmd, LedgerResult.CREDIT_LIMIT_REACHED);
                granted = target;
            }
            reservedMinor = Rating.costMinor(Math.max(0, granted - freeUnits), quantum, price);
            if (reservedMinor == Long.MAX_VALUE || !fits(account, 0, 0, reservedMinor, 0, 0))
            {
                // Only pilot mode grants what the money does not cover: a hold no long can count is refused.
                res.result = LedgerResult.INVALID_ARGUMENT;
                return 0;
            }
        }
        boolean finalUnits = false;
        if (!pilotMode && price > 0)
        {
            final long moreBucketUnits = eligibleBucketUnits(account, tariff.unitType(), ratingGroup,
                nowMs) - bucketUnits;
            finalUnits = moreBucketUnits <= 0 && available - reservedMinor < price;
        }
        final long validityEndMs = nowMs + validitySec * Rating.MS_PER_SECOND;
        events.unitsReserved(s.sessionId, ratingGroup, req.serviceIdentifier, tariff.tariffId(), price, quantum,
            granted, bucket, bucketUnits, reservedMinor, validityEndMs, finalUnits ? RESERVE_FINAL : 0);
        r = s.find(ratingGroup);
        res.grantedUnits = granted;
        res.unitType = tariff.unitType();
        res.validityTimeSec = validitySec;
        res.finalUnits = finalUnits;
        res.finalUnitAction = tariff.finalUnitAction();
        final long threshold = tariff.quotaThresholdUnits() > 0 ? Math.min(tariff.quotaThresholdUnits(), granted) : 0;
        switch (tariff.unitType())
        {
            case UnitType.OCTETS: res.volumeThreshold = threshold; break;
            case UnitType.SECONDS: res.timeThreshold = threshold; break;
            default: res.unitThreshold = threshold; break;
        }
        res.quotaHoldingTimeSec = tariff.quotaHoldingTimeSec();
        res.tariff = tariff;
        res.cumulativeUsedUnits = r.usedUnits;
        return validitySec;
    }

    /**
     * Commit reported usage of one service (and end its reservation). Usage is rated at the reservation's
     * price and quantum ("the rate of the reservation consumed"); usage without a reservation at today's price.
     *
     * @return false when the service failed (result set).
     */
    private boolean commitService(final LedgerCommand cmd, final Session s, final int i, final boolean update)
    {
        final ServiceRequest req = cmd.services[i];
        final ServiceResult res = cmd.serviceResults[i];
        final long ratingGroup = ratingGroupKey(req.ratingGroup);
        final Reservation r = s.find(ratingGroup);
        if (req.usedUnits == ServiceRequest.UNRATABLE)
        {
            // RFC 4006 section 9.2: usage in a unit the tariff does not rate is DIAMETER_RATING_FAILED, never free
            // usage; it goes on the journal for revenue assurance and the grant ends like any refused report's.
            events.unratedRecorded(wrapped(view, s.key), 0, s.keyLength);
            if (r != null && r.active)
            {
                release(s, r, 0);
            }
            res.result = LedgerResult.RATING_FAILED;
            return false;
        }
        if (req.usedUnits < 0)
        {
            if (r != null && r.active)
            {
                release(s, r, 0);
            }
            if (r != null)
            {
                res.cumulativeUsedUnits = r.usedUnits;
            }
            return true;
        }
        if (req.usedUnits > LedgerLimits.MAX_REPORTED_UNITS)
        {
            return refuseUsage(s, r, r != null && r.active, res);
        }
        final int account = s.accountIndex;
        if (!state.accountLive(account))
        {
            events.unratedRecorded(wrapped(view, s.key), 0, s.keyLength);
            if (r != null && r.active)
            {
                release(s, r, SessionEndReason.ACCOUNT_DELETED.code());
            }
            res.result = LedgerResult.USER_UNKNOWN;
            return false;
        }
        if (r == null && s.reservationCount >= LedgerLimits.MAX_RATING_GROUPS_PER_SESSION)
        {
            // Refused like usage without a tariff: not charged, but on the journal for revenue assurance.
            events.unratedRecorded(wrapped(view, s.key), 0, s.keyLength);
            res.result = LedgerResult.LIMIT_EXCEEDED;
            return false;
        }
        final Tariff tariff;
        final long price;
        final long quantum;
        final int period;
        if (r != null && r.tariff != null)
        {
            tariff = r.tariff;
            price = r.priceMinor;
            quantum = r.quantumUnits;
            period = tierPeriod(tariff, account, cmd.timestampMs);
        }
        else
        {
            tariff = state.tariffTable.lookup(ratingGroup);
            if (tariff == null)
            {
                events.unratedRecorded(wrapped(view, s.key), 0, s.keyLength);
                res.result = LedgerResult.RATING_FAILED;
                return false;
            }
            quantum = tariff.quantumUnits();
            period = tierPeriod(tariff, account, cmd.timestampMs);
            price = Rating.pricePerQuantumMinor(tariff, cmd.timestampMs,
                period >= 0 ? state.tierUnits(account, ratingGroup, period) : 0);
        }
        final long lastCounter = r == null ? 0 : r.lastCounter;
        final long used;
        final long counterAfter;
        if (s.cumulativeUsage)
        {
            // RFC 2866 section 5.3/5.4: session-cumulative counters; a counter going backwards adds nothing.
            used = Math.max(0, req.usedUnits - lastCounter);
            counterAfter = Math.max(req.usedUnits, lastCounter);
        }
        else
        {
            used = req.usedUnits;
            counterAfter = 0;
        }
        final long usedBefore = r == null ? 0 : r.usedUnits;
        final long paidBefore = r == null ? 0 : r.paidUnits;
        final boolean active = r != null && r.active;
        if (!sumFits(usedBefore, used))
        {
            return refuseUsage(s, r, active, res);
        }
        final long usedAfter = usedBefore + used;
        final long unpaid = Math.max(0, usedAfter - paidBefore);
        final int bucket = active ? r.bucketIndex :
            pickBucket(account, tariff.unitType(), ratingGroup, cmd.timestampMs, NONE);
        final long bucketReleased = active ? r.bucketUnits : 0;
        long bucketConsumed = 0;
        long bucketExpired = 0;
        if (bucket >= 0 && !active)
        {
            // Usage without a held grant (a tombstone, or unreserved usage): buckets still pay first.
            bucketConsumed = Math.min(unpaid, state.bucketAvailable(bucket));
        }
        else if (bucket >= 0)
        {
            if (state.bucketIsExpired(bucket))
            {
                bucketConsumed = Math.min(unpaid, bucketReleased);
                bucketExpired = bucketReleased - bucketConsumed;
            }
            else
            {
                bucketConsumed = Math.min(unpaid, state.bucketAvailable(bucket) + bucketReleased);
            }
        }
        final long overage = Math.max(0, used - (active ? r.grantedUnits : 0));
        // Buckets pay before money (README "Buckets"): what the reservation's own bucket cannot cover goes to the
        // further eligible buckets in pay order. A grant paid by money keeps its granted units on money (they were
        // priced and held so); only its overage goes to the buckets first.
        final int further = planFurtherBuckets(account, tariff.unitType(), ratingGroup, cmd.timestampMs, bucket,
            active && bucket < 0 ? Math.min(overage, unpaid) : unpaid - bucketConsumed);
        long furtherConsumed = 0;
        for (int f = 0; f < further; f++)
        {
            furtherConsumed += furtherBucketUnits[f];
        }
        final long moneyUnits = unpaid - bucketConsumed - furtherConsumed;
        final long quanta = moneyUnits > 0 ? Rating.ceilDiv(moneyUnits, quantum) : 0;
        final long charged = Rating.saturatingMultiply(quanta, price);
        final long paidAfter = Rating.saturatingAdd(Rating.saturatingAdd(paidBefore, bucketConsumed + furtherConsumed),
            Rating.saturatingMultiply(quanta, quantum));
        final long releasedMinor = active ? r.reservedMinor : 0;
        if (charged == Long.MAX_VALUE || !fits(account, -charged, 0, -releasedMinor, 0, charged))
        {
            return refuseUsage(s, r, active, res);
        }
        for (int f = 0; f < further; f++)
        {
            events.bucketUnitsConsumed(s.sessionId, ratingGroup, furtherBuckets[f], furtherBucketUnits[f]);
        }
        events.usageCommitted(s.sessionId, ratingGroup, used, counterAfter, bucket, bucketReleased, bucketConsumed,
            bucketExpired, releasedMinor, charged, paidAfter, overage, period, req.reportingReason);
        res.chargedMinor = charged;
        res.overageUnits = overage;
        res.cumulativeUsedUnits = usedAfter;
        res.unitType = tariff.unitType();
        res.tariff = tariff;
        return true;
    }

    /**
     * Usage whose count or charge no long holds is refused, never applied with wrapping arithmetic; like every
     * refused report it is recorded unrated (for revenue assurance) and its grant ends.
     *
     * @return false (the service failed).
     */
    private boolean refuseUsage(final Session s, final Reservation r, final boolean active, final ServiceResult res)
    {
        events.unratedRecorded(wrapped(view, s.key), 0, s.keyLength);
        if (active)
        {
            release(s, r, 0);
        }
        res.result = LedgerResult.INVALID_ARGUMENT;
        return false;
    }

    private void release(final Session s, final Reservation r, final int reason)
    {
        final int bucket = r.bucketIndex;
        final long expired = bucket >= 0 && state.bucketIsExpired(bucket) ? r.bucketUnits : 0;
        events.reservationReleased(s.sessionId, r.ratingGroup, bucket, r.bucketUnits, expired, r.reservedMinor,
            reason);
    }

    private void releaseAll(final Session s, final SessionEndReason reason)
    {
        for (int i = 0; i < s.reservationCount; i++)
        {
            final Reservation r = s.reservations[i];
            if (r.active)
            {
                release(s, r, reason.code());
            }
        }
    }

    private long supervisionMs(final LedgerCommand cmd, final Session s, final long maxValiditySec)
    {
        if (cmd.supervisionMs > 0)
        {
            return cmd.supervisionMs;
        }
        if (s.supervisionMs > 0)
        {
            return s.supervisionMs;
        }
        if (maxValiditySec > 0)
        {
            return validitySupervisionMs(maxValiditySec);
        }
        return defaultSupervisionMs;
    }

    /**
     * Tcc for grants valid this long. RFC 4006 section 13 has the Validity-Time set Tcc and allows 2 x Validity-Time,
     * so that a transient failure does not send the server Idle. A validity cut to a price-band boundary or a bucket
     * expiry can be a second or two, and twice that leaves a client whose report comes a little late, or after a
     * Tx (10 s) and a retry on another server, with its session released and a 5002: the client always has at least
     * the configured margin past its Validity-Time.
     */
    private long validitySupervisionMs(final long validitySec)
    {
        final long validityMs = validitySec * Rating.MS_PER_SECOND;
        return Math.max(2 * validityMs, validityMs + supervisionMarginMs);
    }

    private void commandLevelFromServices(final LedgerCommand cmd)
    {
        if (cmd.result.isSuccess() && cmd.serviceCount == 1 && !cmd.serviceResults[0].result.isSuccess())
        {
            cmd.result = cmd.serviceResults[0].result;
        }
    }

    private void fillBalance(final LedgerCommand cmd, final int account)
    {
        if (!state.accountLive(account))
        {
            return;
        }
        final long balance = state.balance.get(account);
        cmd.balanceMinor = balance;
        cmd.availableMinor = state.availableMinor(account);
        final long threshold = state.lowThreshold.get(account);
        cmd.lowBalance = threshold > 0 && balance < threshold;
    }

    /**
     * Whether an account's counters stay within a long once the deltas are applied, available money (balance +
     * credit limit - reserved) included. A decision that fails this is refused, never applied: the state adds
     * plainly, and a wrapped balance turns a huge debt into a huge credit.
     */
    private boolean fits(
        final int account,
        final long balanceDelta,
        final long limitDelta,
        final long reservedDelta,
        final long creditedDelta,
        final long consumedDelta)
    {
        final long balance = state.balance.get(account);
        final long limit = state.creditLimit.get(account);
        final long reserved = state.reserved.get(account);
        if (!sumFits(balance, balanceDelta) || !sumFits(limit, limitDelta) || !sumFits(reserved, reservedDelta) ||
            (creditedDelta != 0 && !sumFits(state.credited.get(account), creditedDelta)) ||
            (consumedDelta != 0 && !sumFits(state.consumed.get(account), consumedDelta)))
        {
            return false;
        }
        final long balanceAfter = balance + balanceDelta;
        final long limitAfter = limit + limitDelta;
        return sumFits(balanceAfter, limitAfter) && differenceFits(balanceAfter + limitAfter, reserved + reservedDelta);
    }

    /** @return whether a + b is a long (Hacker's Delight 2-13: overflow iff both operands differ in sign from it). */
    private static boolean sumFits(final long a, final long b)
    {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) >= 0;
    }

    /** @return whether a - b is a long. */
    private static boolean differenceFits(final long a, final long b)
    {
        final long difference = a - b;
        return ((a ^ b) & (a ^ difference)) >= 0;
    }

    private int tierPeriod(final Tariff tariff, final int account, final long nowMs)
    {
        return tariff.tierCount() > 1 ?
            Rating.billingPeriod(nowMs, state.billingDay(account), tariff.utcOffsetSeconds()) : -1;
    }

    /**
     * The bucket that pays next: same unit type, scope matching the rating group (or unscoped), not expired, with
     * units available; scoped before unscoped, then earliest expiry (never-expiring last), then lowest id.
     */
    /**
     * Choose the buckets, besides {@code exclude} (the reservation's own), that pay {@code units} in pay order, each
     * as much as it has available, into {@link #furtherBuckets} and {@link #furtherBucketUnits}; nothing is applied.
     *
     * @return how many buckets pay; their units add up to at most {@code units}.
     */
    private int planFurtherBuckets(
        final int account, final int unitType, final long ratingGroup, final long nowMs, final int exclude,
        final long units)
    {
        int count = 0;
        long left = units;
        while (left > 0 && count < LedgerLimits.MAX_FURTHER_BUCKETS_PER_USAGE)
        {
            final int bucket = pickBucket(account, unitType, ratingGroup, nowMs, exclude, 1, count);
            if (bucket == NONE)
            {
                break;
            }
            final long paid = Math.min(left, state.bucketAvailable(bucket));
            furtherBuckets[count] = bucket;
            furtherBucketUnits[count] = paid;
            count++;
            left -= paid;
        }
        return count;
    }

    private int pickBucket(
        final int account, final int unitType, final long ratingGroup, final long nowMs, final int exclude)
    {
        return pickBucket(account, unitType, ratingGroup, nowMs, exclude, 1, 0);
    }

    /**
     * As {@link #pickBucket(int, int, long, long, int)}, among the buckets holding at least {@code minUnits}, also
     * passing over the first {@code planned} entries of {@link #furtherBuckets}.
     */
    private int pickBucket(
        final int account,
        final int unitType,
        final long ratingGroup,
        final long nowMs,
        final int exclude,
        final long minUnits,
        final int planned)
    {
        int best = NONE;
        boolean bestScoped = false;
        long bestExpiry = 0;
        for (int b = state.firstBucket.get(account); b != 0; b = state.bucketNext.get(b - 1))
        {
            final int bucket = b - 1;
            if (bucket == exclude || !eligible(bucket, unitType, ratingGroup, nowMs) ||
                state.bucketAvailable(bucket) < minUnits || isPlanned(bucket, planned))
            {
                continue;
            }
            final boolean scoped = state.bucketRatingGroup.get(bucket) != BucketSpec.ANY_RATING_GROUP;
            final long expiry = state.bucketExpiry.get(bucket);
            final long expiryKey = expiry == 0 ? Long.MAX_VALUE : expiry;
            if (best == NONE || (scoped && !bestScoped) ||
                (scoped == bestScoped && (expiryKey < bestExpiry || (expiryKey == bestExpiry && bucket < best))))
            {
                best = bucket;
                bestScoped = scoped;
                bestExpiry = expiryKey;
            }
        }
        return best;
    }

    private boolean isPlanned(final int bucket, final int planned)
    {
        for (int i = 0; i < planned; i++)
        {
            if (furtherBuckets[i] == bucket)
            {
                return true;
            }
        }
        return false;
    }

    private long eligibleBucketUnits(final int account, final int unitType, final long ratingGroup, final long nowMs)
    {
        long units = 0;
        for (int b = state.firstBucket.get(account); b != 0; b = state.bucketNext.get(b - 1))
        {
            if (eligible(b - 1, unitType, ratingGroup, nowMs))
            {
                units = Rating.saturatingAdd(units, state.bucketAvailable(b - 1));
            }
        }
        return units;
    }

    private boolean eligible(final int bucket, final int unitType, final long ratingGroup, final long nowMs)
    {
        if (state.bucketUnitType(bucket) != unitType || state.bucketIsExpired(bucket) ||
            state.bucketAvailable(bucket) <= 0)
        {
            return false;
        }
        final long expiry = state.bucketExpiry.get(bucket);
        if (expiry != 0 && expiry <= nowMs)
        {
            return false;
        }
        final long scope = state.bucketRatingGroup.get(bucket);
        return scope == BucketSpec.ANY_RATING_GROUP || scope == ratingGroup;
    }

    // ================================================================== account commands

    private int resolveAccount(final LedgerCommand cmd)
    {
        if (cmd.accountId > 0)
        {
            return cmd.accountId < Integer.MAX_VALUE && state.accountLive((int)cmd.accountId) ?
                (int)cmd.accountId : NONE;
        }
        final int count = Math.min(cmd.identityCount, LedgerLimits.MAX_IDENTITIES);
        for (int i = 0; i < count; i++)
        {
            final int type = cmd.identityType[i];
            final int length = cmd.identityLength[i];
            if (length <= 0 || length > LedgerLimits.MAX_IDENTITY_LENGTH)
            {
                continue;
            }
            if (type == IdentityType.ACCOUNT_ID)
            {
                final long id = parseDecimal(cmd.identity[i], length);
                if (id > 0 && id < Integer.MAX_VALUE && state.accountLive((int)id))
                {
                    return (int)id;
                }
                continue;
            }
            final int account = state.identities.lookup(type, cmd.identity[i], length);
            if (account != IdentityIndex.NONE)
            {
                return account;
            }
        }
        return NONE;
    }

    private static long parseDecimal(final byte[] bytes, final int length)
    {
        if (length > 18)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private void onCredit(final LedgerCommand cmd, final int kind)
    {
        final int account = resolveAccount(cmd);
        if (account == NONE)
        {
            cmd.result = LedgerResult.NOT_FOUND;
            return;
        }
        if (cmd.amountMinor <= 0 || cmd.amountMinor > LedgerLimits.MAX_AMOUNT_MINOR ||
            cmd.idempotencyKeyLength < 0 || cmd.idempotencyKeyLength > LedgerLimits.MAX_IDEMPOTENCY_KEY_LENGTH)
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        cmd.accountId = account;
        if (cmd.idempotencyKeyLength > 0)
        {
            final IdempotencyStore.Entry seen = state.idempotency.find(cmd.idempotencyKey, cmd.idempotencyKeyLength);
            if (seen != null)
            {
                // A replay is the same credit again; the same key on another account or amount is a client's mistake
                // (a key derived from a batch id, say), and answering it as a replay would drop that credit silently.
                final boolean sameCredit = seen.accountIndex == account && seen.amountMinor == cmd.amountMinor;
                cmd.result = sameCredit ? LedgerResult.IDEMPOTENT_REPLAY : LedgerResult.IDEMPOTENCY_KEY_REUSED;
                fillBalance(cmd, account);
                return;
            }
        }
        if (!fits(account, cmd.amountMinor, 0, 0, cmd.amountMinor, 0))
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            fillBalance(cmd, account);
            return;
        }
        events.moneyCredited(account, kind, cmd.amountMinor);
        if (cmd.idempotencyKeyLength > 0)
        {
            events.idempotencyRecorded(account, cmd.amountMinor, cmd.timestampMs + idempotencyRetentionMs,
                wrapped(view, cmd.idempotencyKey), 0, cmd.idempotencyKeyLength);
        }
        fillBalance(cmd, account);
        notifyStarved(account);
    }

    private void onCheckBalance(final LedgerCommand cmd)
    {
        final int account = resolveAccount(cmd);
        if (account == NONE)
        {
            cmd.result = LedgerResult.USER_UNKNOWN;
            return;
        }
        cmd.accountId = account;
        fillBalance(cmd, account);
        if (cmd.amountMinor > 0)
        {
            cmd.checkBalanceEnough = state.availableMinor(account) >= cmd.amountMinor;
            return;
        }
        final ServiceRequest req = cmd.serviceCount > 0 ? cmd.services[0] : null;
        if (null != req && req.requestedUnits == ServiceRequest.UNRATABLE)
        {
            // An amount in units the tariff does not count: no balance check can answer for it (RFC 4006 §9.2).
            cmd.result = LedgerResult.RATING_FAILED;
            return;
        }
        final long ratingGroup = ratingGroupKey(req == null ? ServiceRequest.NONE : req.ratingGroup);
        final Tariff tariff = state.tariffTable.lookup(ratingGroup);
        long units = req == null ? 0 : req.requestedUnits > 0 ? req.requestedUnits : Math.max(0, req.usedUnits);
        if (units == 0)
        {
            // RFC 4006 section 6.2: a balance check needs no amount. Enough credit = one quantum can be paid; without
            // a tariff there is no quantum, so any available money.
            if (tariff == null)
            {
                cmd.checkBalanceEnough = state.availableMinor(account) > 0;
                return;
            }
            units = tariff.quantumUnits();
        }
        if (tariff == null)
        {
            cmd.result = LedgerResult.RATING_FAILED;
            return;
        }
        if (eligibleBucketUnits(account, tariff.unitType(), ratingGroup, cmd.timestampMs) >= units)
        {
            cmd.checkBalanceEnough = true;
            return;
        }
        final int period = tierPeriod(tariff, account, cmd.timestampMs);
        final long price = Rating.pricePerQuantumMinor(tariff, cmd.timestampMs,
            period >= 0 ? state.tierUnits(account, ratingGroup, period) : 0);
        cmd.checkBalanceEnough =
            Rating.costMinor(units, tariff.quantumUnits(), price) <= state.availableMinor(account);
    }

    private void onPriceEnquiry(final LedgerCommand cmd)
    {
        if (cmd.serviceCount < 1)
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        final ServiceRequest req = cmd.services[0];
        final ServiceResult res = cmd.serviceResults[0];
        res.ratingGroup = req.ratingGroup;
        res.serviceIdentifier = req.serviceIdentifier;
        final long ratingGroup = ratingGroupKey(req.ratingGroup);
        final Tariff tariff = state.tariffTable.lookup(ratingGroup);
        if (tariff == null)
        {
            cmd.result = LedgerResult.RATING_FAILED;
            res.result = LedgerResult.RATING_FAILED;
            return;
        }
        final long units = eventUnits(req, tariff);
        if (units <= 0)
        {
            cmd.result = units == ServiceRequest.UNRATABLE ? LedgerResult.RATING_FAILED : LedgerResult.INVALID_ARGUMENT;
            return;
        }
        final int account = resolveAccount(cmd);
        long periodUnits = 0;
        if (account != NONE)
        {
            final int period = tierPeriod(tariff, account, cmd.timestampMs);
            periodUnits = period >= 0 ? state.tierUnits(account, ratingGroup, period) : 0;
            cmd.accountId = account;
            fillBalance(cmd, account);
        }
        final long price = Rating.pricePerQuantumMinor(tariff, cmd.timestampMs, periodUnits);
        cmd.costMinor = Rating.costMinor(units, tariff.quantumUnits(), price);
        res.unitType = tariff.unitType();
        res.tariff = tariff;
        res.chargedMinor = cmd.costMinor;
    }

    private void onCreateAccount(final LedgerCommand cmd)
    {
        if (!(cmd.payload instanceof AccountSpec))
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        final AccountSpec spec = (AccountSpec)cmd.payload;
        if (spec.validate() != null)
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        for (int i = 0; i < spec.identityCount(); i++)
        {
            final byte[] identity = spec.identity(i);
            if (state.identities.lookup(spec.identityType(i), identity, identity.length) != IdentityIndex.NONE)
            {
                cmd.result = i == 0 ? LedgerResult.ACCOUNT_EXISTS : LedgerResult.IDENTITY_TAKEN;
                return;
            }
            for (int j = 0; j < i; j++)
            {
                if (spec.identityType(j) == spec.identityType(i) &&
                    java.util.Arrays.equals(spec.identity(j), identity))
                {
                    cmd.result = LedgerResult.INVALID_ARGUMENT;
                    return;
                }
            }
        }
        final int account = state.nextAccountIndex;
        events.accountCreated(account, spec.status(), spec.billingDay(), spec.openingBalanceMinor(),
            spec.creditLimitMinor(), spec.lowBalanceThresholdMinor());
        for (int i = 0; i < spec.identityCount(); i++)
        {
            final byte[] identity = spec.identity(i);
            events.identityAdded(account, spec.identityType(i), wrapped(view, identity), 0, identity.length);
        }
        if (spec.credential() != null)
        {
            events.credentialSet(account, wrapped(view, spec.credential()), 0, spec.credential().length);
        }
        for (final BucketSpec bucket : spec.buckets())
        {
            events.bucketAdded(account, state.nextBucketIndex, bucket.unitType(), bucket.ratingGroup(),
                bucket.units(), bucket.expiryMs());
        }
        cmd.accountId = account;
        fillBalance(cmd, account);
    }

    private void onUpdateAccount(final LedgerCommand cmd)
    {
        final int account = resolveAccount(cmd);
        if (account == NONE)
        {
            cmd.result = LedgerResult.NOT_FOUND;
            return;
        }
        if (!(cmd.payload instanceof AccountUpdate))
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        final AccountUpdate update = (AccountUpdate)cmd.payload;
        final long oldLimit = state.creditLimit.get(account);
        final int oldStatus = state.status(account);
        final long limit = update.creditLimitMinor() != null ? update.creditLimitMinor() : oldLimit;
        final long threshold = update.lowBalanceThresholdMinor() != null ?
            update.lowBalanceThresholdMinor() : state.lowThreshold.get(account);
        final int status = update.status() != null ? update.status() : oldStatus;
        final int billingDay = update.billingDay() != null ? update.billingDay() : state.billingDay(account);
        if (limit < 0 || limit > LedgerLimits.MAX_AMOUNT_MINOR || threshold < 0 ||
            threshold > LedgerLimits.MAX_AMOUNT_MINOR || billingDay < 1 || billingDay > AccountSpec.MAX_BILLING_DAY ||
            (status != AccountStatus.ACTIVE && status != AccountStatus.BLOCKED) ||
            !fits(account, 0, limit - oldLimit, 0, limit - oldLimit, 0))
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        events.accountUpdated(account, status, billingDay, limit, threshold);
        cmd.accountId = account;
        if (status == AccountStatus.BLOCKED && oldStatus != AccountStatus.BLOCKED)
        {
            abortAccountSessions(cmd, account, SessionEndReason.ACCOUNT_BLOCKED, state.nextSessionId);
        }
        else if (limit > oldLimit)
        {
            notifyStarved(account);
        }
        fillBalance(cmd, account);
    }

    private void onSetStatus(final LedgerCommand cmd, final int status)
    {
        final int account = resolveAccount(cmd);
        if (account == NONE)
        {
            cmd.result = LedgerResult.NOT_FOUND;
            return;
        }
        cmd.accountId = account;
        if (status == AccountStatus.BLOCKED && cmd.requestNumber > 0)
        {
            // Continuation of a block (or of an UPDATE_ACCOUNT that blocked): unless unblocked meanwhile.
            if (state.status(account) == AccountStatus.BLOCKED)
            {
                abortAccountSessions(cmd, account, SessionEndReason.ACCOUNT_BLOCKED, cmd.requestNumber);
            }
        }
        else if (state.status(account) != status)
        {
            events.accountUpdated(account, status, state.billingDay(account), state.creditLimit.get(account),
                state.lowThreshold.get(account));
            if (status == AccountStatus.BLOCKED)
            {
                abortAccountSessions(cmd, account, SessionEndReason.ACCOUNT_BLOCKED, state.nextSessionId);
            }
        }
        fillBalance(cmd, account);
    }

    /**
     * The account is deleted by the command that finds none of its sessions open below the boundary left to
     * release. Until then each command releases a bounded share and the account is blocked, so that it opens no
     * new session meanwhile (pilot mode still serves blocked accounts: what such a session opens after the first
     * command is left to end on its own, as every session of a deleted account does). Tombstones and closed
     * entries stay until their own deadlines: removing them all at once is as unbounded as releasing.
     */
    private void onDeleteAccount(final LedgerCommand cmd)
    {
        final int account = resolveAccount(cmd);
        if (account == NONE)
        {
            cmd.result = LedgerResult.NOT_FOUND;
            return;
        }
        cmd.accountId = account;
        final long boundary = cmd.requestNumber > 0 ? cmd.requestNumber : state.nextSessionId;
        if (abortAccountSessions(cmd, account, SessionEndReason.ACCOUNT_DELETED, boundary))
        {
            events.accountDeleted(account);
        }
        else if (state.status(account) != AccountStatus.BLOCKED)
        {
            events.accountUpdated(account, AccountStatus.BLOCKED, state.billingDay(account),
                state.creditLimit.get(account), state.lowThreshold.get(account));
        }
    }

    /**
     * Release the account's open sessions with a session id below {@code boundary}, leave tombstones and tell the
     * network to end them (ASR / Disconnect). At most {@link LedgerLimits#MAX_SESSIONS_RELEASED_PER_COMMAND} per
     * command, so that the record stays within its event limit however many sessions the account has; when more
     * remain the result is {@link LedgerResult#LIMIT_EXCEEDED} and {@code requestNumber} the boundary to repeat
     * the command with. Session ids only grow, so a continuation never touches a session opened after the first
     * command.
     *
     * @return true when no open session below the boundary is left.
     */
    private boolean abortAccountSessions(
        final LedgerCommand cmd, final int account, final SessionEndReason reason, final long boundary)
    {
        final int n = state.sessions.sessionsOfAccount(account, scratch);
        int released = 0;
        boolean done = true;
        for (int i = 0; i < n; i++)
        {
            final Session s = scratch.get(i);
            if (s.state == SESSION_OPEN && s.sessionId < boundary)
            {
                if (released == LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND)
                {
                    done = false;
                    break;
                }
                releaseAll(s, reason);
                notifications.abort(s, reason);
                events.sessionClosed(s.sessionId, SESSION_TOMBSTONE, reason.code(), cmd.timestampMs + tombstoneMs);
                released++;
            }
        }
        scratch.clear(n);
        if (!done)
        {
            cmd.result = LedgerResult.LIMIT_EXCEEDED;
            cmd.requestNumber = boundary;
        }
        return done;
    }

    private void notifyStarved(final int account)
    {
        final int n = state.sessions.sessionsOfAccount(account, scratch);
        for (int i = 0; i < n; i++)
        {
            final Session s = scratch.get(i);
            if (s.state != SESSION_OPEN)
            {
                continue;
            }
            for (int r = 0; r < s.reservationCount; r++)
            {
                if (s.reservations[r].starved)
                {
                    notifications.reauthorize(s);
                    break;
                }
            }
        }
        scratch.clear(n);
    }

    private void onAddIdentity(final LedgerCommand cmd)
    {
        if (cmd.accountId <= 0 || cmd.accountId >= Integer.MAX_VALUE || !state.accountLive((int)cmd.accountId))
        {
            cmd.result = LedgerResult.NOT_FOUND;
            return;
        }
        final int account = (int)cmd.accountId;
        final int type = cmd.identityType[0];
        final int length = cmd.identityLength[0];
        if (cmd.identityCount < 1 || !IdentityType.isValid(type) || type == IdentityType.ACCOUNT_ID ||
            length <= 0 || length > LedgerLimits.MAX_IDENTITY_LENGTH)
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        final int owner = state.identities.lookup(type, cmd.identity[0], length);
        if (owner == account)
        {
            return;
        }
        if (owner != IdentityIndex.NONE)
        {
            cmd.result = LedgerResult.IDENTITY_TAKEN;
            return;
        }
        if (state.identities.count(state.firstIdentity.get(account)) >= LedgerLimits.MAX_IDENTITIES_PER_ACCOUNT)
        {
            cmd.result = LedgerResult.LIMIT_EXCEEDED;
            return;
        }
        events.identityAdded(account, type, wrapped(view, cmd.identity[0]), 0, length);
    }

    private void onAddBucket(final LedgerCommand cmd)
    {
        final int account = resolveAccount(cmd);
        if (account == NONE)
        {
            cmd.result = LedgerResult.NOT_FOUND;
            return;
        }
        if (!(cmd.payload instanceof BucketSpec) || ((BucketSpec)cmd.payload).validate() != null)
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        final BucketSpec spec = (BucketSpec)cmd.payload;
        events.bucketAdded(account, state.nextBucketIndex, spec.unitType(), spec.ratingGroup(), spec.units(),
            spec.expiryMs());
        cmd.accountId = account;
        fillBalance(cmd, account);
        notifyStarved(account);
    }

    private void onSetTariffs(final LedgerCommand cmd)
    {
        if (!(cmd.payload instanceof TariffTable))
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        events.tariffsSet(state.tariffTable.version() + 1, (TariffTable)cmd.payload);
    }

    private void onReleaseOrigin(final LedgerCommand cmd)
    {
        // Bounded per command so that one record stays within its event limit; the boundary keeps continuations
        // away from sessions the origin opened after the first command (session ids only grow).
        final long boundary = cmd.requestNumber > 0 ? cmd.requestNumber : state.nextSessionId;
        if (cmd.requestNumber <= 0 && cmd.originKey != 0)
        {
            events.originEpochAdvanced(cmd.originKey, boundary);
        }
        cmd.requestNumber = boundary;
        final int n = state.sessions.sessionsOfOrigin(cmd.originKey, scratch);
        int released = 0;
        for (int i = 0; i < n; i++)
        {
            final Session s = scratch.get(i);
            if (s.state == SESSION_OPEN && s.sessionId < boundary)
            {
                if (released == LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND)
                {
                    cmd.result = LedgerResult.LIMIT_EXCEEDED;
                    break;
                }
                releaseAll(s, SessionEndReason.ORIGIN_RELEASED);
                events.sessionClosed(s.sessionId, SESSION_TOMBSTONE, SessionEndReason.ORIGIN_RELEASED.code(),
                    cmd.timestampMs + tombstoneMs);
                released++;
            }
        }
        scratch.clear(n);
    }

    private void onAbortSession(final LedgerCommand cmd)
    {
        if (cmd.sessionKeyLength <= 0 || cmd.sessionKeyLength > LedgerLimits.MAX_SESSION_KEY_LENGTH)
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        final Session s = state.sessions.find(cmd.sessionKey, cmd.sessionKeyLength, cmd.sessionKeyHash());
        if (s == null || s.state != SESSION_OPEN)
        {
            cmd.result = LedgerResult.UNKNOWN_SESSION;
            return;
        }
        releaseAll(s, SessionEndReason.ADMINISTRATIVE);
        notifications.abort(s, SessionEndReason.ADMINISTRATIVE);
        events.sessionClosed(s.sessionId, SESSION_TOMBSTONE, SessionEndReason.ADMINISTRATIVE.code(),
            cmd.timestampMs + tombstoneMs);
        cmd.accountId = s.accountIndex;
    }

    private void onRenameSession(final LedgerCommand cmd)
    {
        if (cmd.sessionKeyLength <= 0 || cmd.sessionKeyLength > LedgerLimits.MAX_SESSION_KEY_LENGTH ||
            cmd.newSessionKeyLength <= 0 || cmd.newSessionKeyLength > LedgerLimits.MAX_SESSION_KEY_LENGTH ||
            cmd.supervisionMs < 0)
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        final Session s = state.sessions.find(cmd.sessionKey, cmd.sessionKeyLength, cmd.sessionKeyHash());
        if (s == null || s.state != SESSION_OPEN)
        {
            cmd.result = LedgerResult.UNKNOWN_SESSION;
            return;
        }
        final Session taken = state.sessions.find(cmd.newSessionKey, cmd.newSessionKeyLength);
        if (taken != null && !(cmd.cumulativeUsage && previousLife(taken)))
        {
            cmd.result = LedgerResult.SESSION_EXISTS;
            return;
        }
        if (taken != null)
        {
            events.sessionRemoved(taken.sessionId);
        }
        long maxValiditySec = 0;
        for (int i = 0; i < s.reservationCount; i++)
        {
            final Reservation r = s.reservations[i];
            if (r.active)
            {
                maxValiditySec = Math.max(maxValiditySec,
                    Math.max(0, (r.validityEndMs - cmd.timestampMs) / Rating.MS_PER_SECOND));
            }
        }
        final long supervision = cmd.supervisionMs > 0 ? cmd.supervisionMs :
            maxValiditySec > 0 ? validitySupervisionMs(maxValiditySec) : defaultSupervisionMs;
        events.sessionRenamed(s.sessionId, cmd.cumulativeUsage, cmd.originKey != 0 ? cmd.originKey : s.originKey,
            cmd.supervisionMs, cmd.timestampMs + supervision, wrapped(view, cmd.newSessionKey), 0,
            cmd.newSessionKeyLength);
        cmd.accountId = s.accountIndex;
    }

    private void onRecordUnrated(final LedgerCommand cmd)
    {
        if (cmd.sessionContextLength <= 0 || cmd.sessionContextLength > LedgerLimits.MAX_SESSION_CONTEXT_LENGTH)
        {
            cmd.result = LedgerResult.INVALID_ARGUMENT;
            return;
        }
        events.unratedRecorded(wrapped(view, cmd.sessionContext), 0, cmd.sessionContextLength);
    }

    /**
     * Deadlines due at the command's time, in a fixed order: (1) sessions by (deadline, session id): open ones
     * are released (not charged) and become tombstones, tombstones and closed entries are removed; (2) buckets by
     * (expiry, bucket id): unreserved units expire; (3) idempotency keys past retention are forgotten. At most
     * {@link LedgerLimits#MAX_DEADLINES_PER_TICK} sessions and buckets, and {@link LedgerLimits#MAX_EVENTS_PER_TICK}
     * events, per tick; when more are due the result is {@link LedgerResult#LIMIT_EXCEEDED}, so that the caller ticks
     * again at once: sessions may end faster than one tick's budget a second (every refused CCR-I and every CCR-T
     * leaves a closed entry to forget), and entries left behind would pile up without bound.
     */
    private void onTick(final LedgerCommand cmd)
    {
        final long nowMs = cmd.timestampMs;
        int budget = LedgerLimits.MAX_DEADLINES_PER_TICK;
        boolean eventsSpent = false;
        Session s;
        while (budget > 0 && (s = state.sessions.peekDue(nowMs)) != null)
        {
            // Releasing writes one event per reservation plus the close; the count is an upper bound.
            final int eventsNeeded = s.state == SESSION_OPEN ? s.reservationCount + 1 : 1;
            if (events.recordEvents() + eventsNeeded > LedgerLimits.MAX_EVENTS_PER_TICK)
            {
                eventsSpent = true;
                break;
            }
            budget--;
            if (s.state == SESSION_OPEN)
            {
                releaseAll(s, SessionEndReason.SUPERVISION_EXPIRED);
                notifications.expired(s);
                events.sessionClosed(s.sessionId, SESSION_TOMBSTONE, SessionEndReason.SUPERVISION_EXPIRED.code(),
                    nowMs + tombstoneMs);
            }
            else
            {
                events.sessionRemoved(s.sessionId);
            }
        }
        while (budget > 0 && !eventsSpent && state.bucketExpiries.hasDue(nowMs))
        {
            if (events.recordEvents() >= LedgerLimits.MAX_EVENTS_PER_TICK)
            {
                eventsSpent = true;
                break;
            }
            final int bucket = state.bucketExpiries.pop();
            if (state.bucketIsExpired(bucket) || !state.accountLive(state.bucketAccount.get(bucket)))
            {
                continue;
            }
            budget--;
            events.bucketExpired(bucket, state.bucketAvailable(bucket));
        }
        if (state.idempotency.hasExpired(nowMs))
        {
            events.idempotencyPurged(nowMs);
        }
        if (state.eventAnswers.hasExpired(nowMs))
        {
            events.eventAnswersPurged(nowMs, 0);
        }
        if ((budget == 0 || eventsSpent) &&
            (state.sessions.peekDue(nowMs) != null || state.bucketExpiries.hasDue(nowMs)))
        {
            cmd.result = LedgerResult.LIMIT_EXCEEDED;
        }
    }

    private void onGetAccount(final LedgerCommand cmd)
    {
        final int account = resolveAccount(cmd);
        if (account == NONE)
        {
            cmd.result = LedgerResult.NOT_FOUND;
            return;
        }
        cmd.accountId = account;
        fillBalance(cmd, account);
        cmd.payload = state.accountView(account);
    }

    private void onGetCredential(final LedgerCommand cmd)
    {
        final int account = resolveAccount(cmd);
        if (account == NONE)
        {
            cmd.result = LedgerResult.NOT_FOUND;
            return;
        }
        cmd.accountId = account;
        fillBalance(cmd, account);
        final byte[] credential = state.credentials.get(account);
        cmd.payload = credential == null ? null : credential.clone();
    }

    private void onListSessions(final LedgerCommand cmd)
    {
        final int account = resolveAccount(cmd);
        if (account == NONE)
        {
            cmd.result = LedgerResult.NOT_FOUND;
            return;
        }
        cmd.accountId = account;
        cmd.payload = state.sessionViews(account);
    }
}
