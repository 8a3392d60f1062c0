package io.gyro.server.cdr;

import io.gyro.ledger.CommandType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.ServiceResult;
import io.gyro.ledger.SessionEndReason;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.journal.LedgerEvents;
import io.gyro.ledger.journal.LedgerEventsAdapter;
import io.gyro.ledger.journal.ResultCodec;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.rating.TariffCodec;
import io.gyro.ledger.rating.TariffTable;
import io.gyro.server.metrics.JournalTotals;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Follows charging sessions through the journal's events and emits CDR lines: when a session closes (terminated,
 * released by supervision, aborted, blocked, origin restart, account deleted, failed at its initial request), one
 * line per rating group it touched; if a released session (a tombstone) is still charged late usage, a further
 * part when that usage ends; and one line per one-shot event charge or refund.
 * <p>
 * It also keeps the running totals behind the journal-derived metrics: open sessions and what their
 * reservations hold. Runs on the tailer thread only.
 */
final class SessionTracker extends LedgerEventsAdapter
{
    /** Where lines go, in journal order. */
    interface Sink
    {
        /**
         * @param line a line to write; valid only during the call.
         */
        void line(CdrLine line);
    }

    /** Accumulated state of one session, also what a checkpoint stores. */
    static final class Session
    {
        long sessionId;
        int accountId;
        byte[] key;
        byte[] context;
        long openedMs;
        long partStartMs;
        int part = 1;
        int state;
        int endReason;
        int wouldDeny;
        int lastResult;
        boolean activity;
        int groupCount;
        long[] ratingGroup = new long[2];
        int[] unitType = new int[2];
        long[] usedUnits = new long[2];
        long[] chargedMinor = new long[2];
        long[] bucketUnits = new long[2];
        long[] reservedMinor = new long[2];
        long[] reservedUnits = new long[2];
        int[] outcome = new int[2];

        int group(final long rg)
        {
            for (int i = 0; i < groupCount; i++)
            {
                if (ratingGroup[i] == rg)
                {
                    return i;
                }
            }
            if (groupCount == ratingGroup.length)
            {
                final int size = groupCount * 2;
                ratingGroup = Arrays.copyOf(ratingGroup, size);
                unitType = Arrays.copyOf(unitType, size);
                usedUnits = Arrays.copyOf(usedUnits, size);
                chargedMinor = Arrays.copyOf(chargedMinor, size);
                bucketUnits = Arrays.copyOf(bucketUnits, size);
                reservedMinor = Arrays.copyOf(reservedMinor, size);
                reservedUnits = Arrays.copyOf(reservedUnits, size);
                outcome = Arrays.copyOf(outcome, size);
            }
            final int i = groupCount++;
            ratingGroup[i] = rg;
            unitType[i] = 0;
            usedUnits[i] = 0;
            chargedMinor[i] = 0;
            bucketUnits[i] = 0;
            reservedMinor[i] = 0;
            reservedUnits[i] = 0;
            outcome[i] = 0;
            return i;
        }
    }

    /** An event charge or refund seen in the current journal record, written when the record completes. */
    private record EventCharge(int accountId, long ratingGroup, long units, long bucketUnits, long chargedMinor,
        int unitType, String recordType)
    {
    }

    private final Long2ObjectHashMap<Session> sessions = new Long2ObjectHashMap<>();
    private final ResultCodec.Reader resultReader = new ResultCodec.Reader();
    private final LedgerCommand answer = new LedgerCommand();
    /** CDRs need outcomes and units, not the tariff objects a recorded answer names. */
    private static final java.util.function.LongFunction<Tariff> NO_TARIFFS = tariffId -> null;
    private final Sink sink;
    private final JournalTotals totals;
    private final CdrLine line = new CdrLine();
    private TariffTable tariffs = TariffTable.empty();
    private byte[] tariffBytes = new byte[0];
    private final Long2LongHashMap unitTypeByTariffId = new Long2LongHashMap(0);

    private long openSessions;
    private long reservedMinorTotal;
    private final long[] reservedUnitsTotal = new long[UnitType.EVENTS + 1];

    private int recordType;
    private long recordTimestampMs;
    private final List<EventCharge> recordCharges = new ArrayList<>();
    private Session recordOneShot;

    /**
     * @param sink   receives lines.
     * @param totals metric totals (may be null).
     */
    SessionTracker(final Sink sink, final JournalTotals totals)
    {
        this.sink = sink;
        this.totals = totals;
    }

    // ------------------------------------------------------------------ records

    @Override
    public void recordStarted(final long commandSeq, final int commandTypeCode, final long timestampMs)
    {
        recordType = commandTypeCode;
        recordTimestampMs = timestampMs;
        recordCharges.clear();
        recordOneShot = null;
    }

    @Override
    public void recordCompleted(final long commandSeq, final int commandTypeCode, final long timestampMs)
    {
        if (recordCharges.isEmpty() && null == recordOneShot)
        {
            return;
        }
        final Session oneShot = recordOneShot;
        if (recordCharges.isEmpty())
        {
            // A one-shot event that charged nothing (refused, or priced at zero): still one line with its outcome.
            beginLine("event", oneShot, oneShot.accountId);
            line.ratingGroup = oneShot.groupCount > 0 ? oneShot.ratingGroup[0] : -1;
            line.outcome = oneShot.groupCount > 0 && 0 != oneShot.outcome[0] ? oneShot.outcome[0] : oneShot.lastResult;
            sink.line(line);
        }
        for (final EventCharge charge : recordCharges)
        {
            beginLine(charge.recordType(), oneShot, charge.accountId());
            line.ratingGroup = charge.ratingGroup();
            line.setUsed(charge.unitType(), charge.units());
            line.bucketUnits = charge.bucketUnits();
            line.chargedMinor = charge.chargedMinor();
            int outcome = null == oneShot ? 0 : oneShot.lastResult;
            if (null != oneShot)
            {
                for (int i = 0; i < oneShot.groupCount; i++)
                {
                    if (oneShot.ratingGroup[i] == charge.ratingGroup() && 0 != oneShot.outcome[i])
                    {
                        outcome = oneShot.outcome[i];
                    }
                }
            }
            line.outcome = outcome;
            sink.line(line);
        }
        if (null != oneShot)
        {
            sessions.remove(oneShot.sessionId);
        }
        recordCharges.clear();
        recordOneShot = null;
    }

    private void beginLine(final String type, final Session session, final int accountId)
    {
        line.reset();
        line.recordType = type;
        line.accountId = accountId;
        line.startMs = recordTimestampMs;
        line.endMs = recordTimestampMs;
        line.terminationCause = SessionEndReason.EVENT.code();
        line.part = 1;
        if (null != session)
        {
            line.sessionKey = session.key;
            line.context = session.context;
            line.wouldDeny = session.wouldDeny;
        }
    }

    // ------------------------------------------------------------------ tariffs

    @Override
    public void tariffsSet(final long version, final DirectBuffer buffer, final int offset, final int length)
    {
        tariffBytes = new byte[length];
        buffer.getBytes(offset, tariffBytes);
        loadTariffs(tariffBytes);
    }

    private void loadTariffs(final byte[] bytes)
    {
        tariffs = 0 == bytes.length ? TariffTable.empty() : TariffCodec.read(new UnsafeBuffer(bytes), 0, bytes.length);
        for (final Tariff tariff : tariffs.tariffs())
        {
            unitTypeByTariffId.put(tariff.tariffId(), tariff.unitType());
        }
    }

    private int unitTypeOf(final long ratingGroup)
    {
        final Tariff tariff = tariffs.lookup(ratingGroup);
        return null == tariff ? 0 : tariff.unitType();
    }

    // ------------------------------------------------------------------ sessions

    @Override
    public void sessionOpened(
        final long sessionId, final int accountIndex, final int state, final boolean cumulativeUsage,
        final long originKey, final long supervisionMs, final DirectBuffer keyBuffer, final int keyOffset,
        final int keyLength, final DirectBuffer contextBuffer, final int contextOffset, final int contextLength)
    {
        final Session s = new Session();
        s.sessionId = sessionId;
        s.accountId = accountIndex;
        s.key = new byte[keyLength];
        keyBuffer.getBytes(keyOffset, s.key);
        s.context = new byte[contextLength];
        contextBuffer.getBytes(contextOffset, s.context);
        s.openedMs = recordTimestampMs;
        s.partStartMs = recordTimestampMs;
        s.state = state;
        sessions.put(sessionId, s);
        if (LedgerEvents.SESSION_OPEN == state)
        {
            openSessions++;
        }
        else
        {
            recordOneShot = s;
        }
    }

    @Override
    public void sessionRenamed(
        final long sessionId, final boolean cumulativeUsage, final long originKey, final long supervisionMs,
        final long deadlineMs, final DirectBuffer keyBuffer, final int keyOffset, final int keyLength)
    {
        final Session s = sessions.get(sessionId);
        if (null != s)
        {
            s.key = new byte[keyLength];
            keyBuffer.getBytes(keyOffset, s.key);
        }
    }

    @Override
    public void unitsReserved(
        final long sessionId, final long ratingGroup, final long serviceIdentifier, final long tariffId,
        final long priceMinor, final long quantumUnits, final long grantedUnits, final int bucketIndex,
        final long bucketUnits, final long reservedMinor, final long validityEndMs, final int flags)
    {
        final Session s = sessions.get(sessionId);
        if (null == s)
        {
            return;
        }
        final int g = s.group(ratingGroup);
        final int unitType = (int)unitTypeByTariffId.get(tariffId);
        if (0 != unitType)
        {
            s.unitType[g] = unitType;
        }
        release(s, g);
        s.reservedMinor[g] = reservedMinor;
        s.reservedUnits[g] = grantedUnits;
        reservedMinorTotal += reservedMinor;
        reservedUnitsTotal[unitIndex(s.unitType[g])] += grantedUnits;
    }

    @Override
    public void bucketUnitsConsumed(
        final long sessionId, final long ratingGroup, final int bucketIndex, final long units)
    {
        final Session s = sessions.get(sessionId);
        if (null != s)
        {
            s.bucketUnits[s.group(ratingGroup)] += units;
        }
    }

    @Override
    public void usageCommitted(
        final long sessionId, final long ratingGroup, final long usedUnits, final long counterAfter,
        final int bucketIndex, final long bucketReleasedUnits, final long bucketConsumedUnits,
        final long bucketExpiredUnits, final long releasedMinor, final long chargedMinor, final long paidUnitsAfter,
        final long overageUnits, final int tierPeriod, final int reportingReason)
    {
        final Session s = sessions.get(sessionId);
        if (null == s)
        {
            return;
        }
        final int g = s.group(ratingGroup);
        if (0 == s.unitType[g])
        {
            s.unitType[g] = unitTypeOf(ratingGroup);
        }
        release(s, g);
        s.usedUnits[g] += usedUnits;
        s.chargedMinor[g] += chargedMinor;
        s.bucketUnits[g] += bucketConsumedUnits;
        if (0 != usedUnits || 0 != chargedMinor)
        {
            s.activity = true;
        }
    }

    @Override
    public void reservationReleased(
        final long sessionId, final long ratingGroup, final int bucketIndex, final long bucketReleasedUnits,
        final long bucketExpiredUnits, final long releasedMinor, final int reason)
    {
        final Session s = sessions.get(sessionId);
        if (null == s)
        {
            return;
        }
        release(s, s.group(ratingGroup));
        if (0 != reason)
        {
            s.endReason = reason;
        }
    }

    private void release(final Session s, final int g)
    {
        reservedMinorTotal -= s.reservedMinor[g];
        reservedUnitsTotal[unitIndex(s.unitType[g])] -= s.reservedUnits[g];
        s.reservedMinor[g] = 0;
        s.reservedUnits[g] = 0;
    }

    private static int unitIndex(final int unitType)
    {
        return UnitType.isValid(unitType) ? unitType : 0;
    }

    @Override
    public void answered(
        final long sessionId, final long requestNumber, final long deadlineMs, final DirectBuffer buffer,
        final int offset, final int length)
    {
        Session s = sessions.get(sessionId);
        if (null == s)
        {
            if (recordType != CommandType.DIRECT_DEBIT.code() && recordType != CommandType.REFUND.code())
            {
                return;
            }
            // A one-shot event re-using the Session-Id of an earlier one: its key and context are not kept.
            s = new Session();
            s.sessionId = sessionId;
            s.key = new byte[0];
            s.context = new byte[0];
            s.openedMs = recordTimestampMs;
            s.state = LedgerEvents.SESSION_CLOSED;
            recordOneShot = s;
        }
        // The recorded answer is the ledger's own format: read it with the ledger's decoder, never by offsets.
        final int services = ResultCodec.serviceCount(resultReader.wrap(buffer, offset, length));
        ResultCodec.decode(resultReader.wrap(buffer, offset, length), answer, NO_TARIFFS);
        final int result = answer.result.code();
        final int wouldDeny = answer.wouldDenyReason.code();
        final long accountId = answer.accountId;
        if (0 != accountId)
        {
            s.accountId = (int)accountId;
        }
        s.lastResult = result;
        if (0 != wouldDeny)
        {
            if (0 == s.wouldDeny)
            {
                s.wouldDeny = wouldDeny;
            }
            if (null != totals)
            {
                totals.wouldDeny(wouldDeny);
            }
        }
        for (int i = 0; i < services; i++)
        {
            final ServiceResult service = answer.serviceResults[i];
            final int g = s.group(service.ratingGroup);
            s.outcome[g] = service.result.code();
            if (0 == s.unitType[g] && UnitType.isValid(service.unitType))
            {
                s.unitType[g] = service.unitType;
            }
        }
    }

    @Override
    public void sessionClosed(final long sessionId, final int state, final int reason, final long retainUntilMs)
    {
        final Session s = sessions.get(sessionId);
        if (null == s)
        {
            return;
        }
        s.endReason = reason;
        if (s == recordOneShot)
        {
            return;
        }
        if (LedgerEvents.SESSION_OPEN == s.state)
        {
            openSessions--;
        }
        if (1 == s.part || s.activity)
        {
            emitSession(s);
        }
        if (LedgerEvents.SESSION_CLOSED == state)
        {
            sessions.remove(sessionId);
        }
        else
        {
            startNextPart(s);
            s.state = LedgerEvents.SESSION_TOMBSTONE;
        }
    }

    @Override
    public void sessionRemoved(final long sessionId)
    {
        final Session s = sessions.remove(sessionId);
        if (null == s || s == recordOneShot)
        {
            return;
        }
        if (LedgerEvents.SESSION_OPEN == s.state)
        {
            // Journals from before deletes left tombstones: the session was removed open with its account, its
            // reservations released just before.
            openSessions--;
            if (0 == s.endReason)
            {
                s.endReason = SessionEndReason.ACCOUNT_DELETED.code();
            }
            emitSession(s);
        }
        else if (s.activity)
        {
            emitSession(s);
        }
        for (int g = 0; g < s.groupCount; g++)
        {
            release(s, g);
        }
    }

    private void startNextPart(final Session s)
    {
        s.part++;
        s.partStartMs = recordTimestampMs;
        s.activity = false;
        for (int g = 0; g < s.groupCount; g++)
        {
            s.usedUnits[g] = 0;
            s.chargedMinor[g] = 0;
            s.bucketUnits[g] = 0;
        }
    }

    private void emitSession(final Session s)
    {
        final int groups = Math.max(1, s.groupCount);
        for (int g = 0; g < groups; g++)
        {
            line.reset();
            line.recordType = "session";
            line.sessionKey = s.key;
            line.context = s.context;
            line.accountId = s.accountId;
            line.part = s.part;
            line.startMs = s.partStartMs;
            line.endMs = recordTimestampMs;
            line.terminationCause = s.endReason;
            line.wouldDeny = s.wouldDeny;
            if (g < s.groupCount)
            {
                line.ratingGroup = s.ratingGroup[g];
                line.setUsed(0 != s.unitType[g] ? s.unitType[g] : unitTypeOf(s.ratingGroup[g]), s.usedUnits[g]);
                line.bucketUnits = s.bucketUnits[g];
                line.chargedMinor = s.chargedMinor[g];
                line.outcome = 0 != s.outcome[g] ? s.outcome[g] : s.lastResult;
            }
            else
            {
                line.ratingGroup = -1;
                line.outcome = s.lastResult;
            }
            sink.line(line);
        }
    }

    // ------------------------------------------------------------------ event charges

    @Override
    public void directCharged(
        final int accountIndex, final long ratingGroup, final long units, final int bucketIndex,
        final long bucketUnits, final long chargedMinor, final int tierPeriod)
    {
        recordCharges.add(new EventCharge(accountIndex, ratingGroup, units, bucketIndex >= 0 ? bucketUnits : 0,
            chargedMinor, unitTypeOf(ratingGroup), "event"));
    }

    @Override
    public void moneyDebited(final int accountIndex, final long amountMinor)
    {
        if (recordType == CommandType.DIRECT_DEBIT.code())
        {
            recordCharges.add(new EventCharge(accountIndex, -1, 0, 0, amountMinor, 0, "event"));
        }
    }

    @Override
    public void moneyCredited(final int accountIndex, final int kind, final long amountMinor)
    {
        if (LedgerEvents.CREDIT_REFUND == kind && recordType == CommandType.REFUND.code())
        {
            recordCharges.add(new EventCharge(accountIndex, -1, 0, 0, -amountMinor, 0, "refund"));
        }
    }

    // ------------------------------------------------------------------ totals and checkpoints

    /** Publish the running totals to the metrics. */
    void publishTotals()
    {
        if (null != totals)
        {
            totals.totals(openSessions, reservedMinorTotal, reservedUnitsTotal);
        }
    }

    /** @return the sessions being followed (for the checkpoint). */
    Long2ObjectHashMap<Session> sessions()
    {
        return sessions;
    }

    /** @return the tariff table bytes last journaled (for the checkpoint). */
    byte[] tariffBytes()
    {
        return tariffBytes;
    }

    /**
     * Restore from a checkpoint.
     *
     * @param tariffTableBytes tariff table bytes.
     * @param restored         sessions.
     */
    void restore(final byte[] tariffTableBytes, final List<Session> restored)
    {
        tariffBytes = tariffTableBytes;
        loadTariffs(tariffTableBytes);
        for (final Session s : restored)
        {
            sessions.put(s.sessionId, s);
            if (LedgerEvents.SESSION_OPEN == s.state)
            {
                openSessions++;
            }
            for (int g = 0; g < s.groupCount; g++)
            {
                reservedMinorTotal += s.reservedMinor[g];
                reservedUnitsTotal[unitIndex(s.unitType[g])] += s.reservedUnits[g];
            }
        }
        publishTotals();
    }

    /** @return outcome name for a result code (for lines). */
    static String outcomeName(final int code)
    {
        final LedgerResult result = LedgerResult.fromCode(code);
        return null == result ? "code_" + code : result.name().toLowerCase(java.util.Locale.ROOT);
    }
}
