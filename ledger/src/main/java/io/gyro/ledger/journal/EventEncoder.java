package io.gyro.ledger.journal;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.CRC32C;

import static io.gyro.ledger.journal.JournalRecordDescriptor.BODY_LENGTH_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.DOCUMENT_HEADER_LENGTH;
import static io.gyro.ledger.journal.JournalRecordDescriptor.DOCUMENT_MAGIC;
import static io.gyro.ledger.journal.JournalRecordDescriptor.DOCUMENT_TRAILER_LENGTH;
import static io.gyro.ledger.journal.JournalRecordDescriptor.EVENT_HEADER_LENGTH;
import static io.gyro.ledger.journal.JournalRecordDescriptor.EVENT_LENGTH_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.FLAGS_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.FORMAT_VERSION;
import static io.gyro.ledger.journal.JournalRecordDescriptor.MAGIC_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.MAX_EVENTS_PER_RECORD;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_COUNT_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_EVENT_COUNT_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_HEADER_LENGTH;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_LENGTH_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_SEQUENCE_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_TIMESTAMP_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_TYPE_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.VERSION_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.EVENT_TYPE_OFFSET;

/**
 * Writes events into the batch's journal document ({@link JournalRecordDescriptor}) and forwards each one, read
 * back from the written bytes, to the state: so the live path applies exactly what replay will apply.
 * <p>
 * Called only on the ledger thread. Allocation-free once the buffer has grown to the largest batch.
 */
public final class EventEncoder implements LedgerEvents
{
    /** Room checked once per event: every fixed-size event fits in this many bytes. */
    private static final int MAX_FIXED_EVENT_LENGTH = 256;

    private final UnsafeBuffer buffer;
    private byte[] array;
    private final CRC32C crc = new CRC32C();
    private LedgerEvents applier;
    private int position = DOCUMENT_HEADER_LENGTH;
    private int documentRecords;
    private int recordStart = -1;
    private int recordEvents;
    private int recordType;
    private long recordSequence;
    private long recordTimestampMs;
    private long eventsWritten;

    /**
     * @param initialCapacity initial document buffer size; it grows (and is then reused) as batches need.
     * @param applier         the state that applies each event.
     */
    public EventEncoder(final int initialCapacity, final LedgerEvents applier)
    {
        this.array = new byte[Math.max(initialCapacity, 4 * MAX_FIXED_EVENT_LENGTH)];
        this.buffer = new UnsafeBuffer(array);
        this.applier = applier;
    }

    /**
     * Make room for {@code bytes} more bytes. Growth only happens here, before an event is written, so byte views
     * handed to the state never outlive the array they point into.
     */
    private void ensure(final int bytes)
    {
        if (position + bytes + DOCUMENT_TRAILER_LENGTH > array.length)
        {
            array = java.util.Arrays.copyOf(array, Math.max(array.length * 2, position + bytes + 1024));
            buffer.wrap(array);
        }
    }

    /**
     * Point at a new state (after recovery replaced it).
     *
     * @param applier state.
     */
    public void applier(final LedgerEvents applier)
    {
        this.applier = applier;
    }

    /** Start a new, empty document. */
    public void beginDocument()
    {
        position = DOCUMENT_HEADER_LENGTH;
        documentRecords = 0;
        recordStart = -1;
    }

    /**
     * @return number of records in the current document.
     */
    public int documentRecords()
    {
        return documentRecords;
    }

    /**
     * @return bytes written to the current document so far (header included, trailer not).
     */
    public int documentPosition()
    {
        return position;
    }

    /**
     * Open a record for one command.
     *
     * @param commandTypeCode command type code.
     * @param commandSeq      sequence the record takes if it gets an event.
     * @param timestampMs     command time.
     */
    public void beginRecord(final int commandTypeCode, final long commandSeq, final long timestampMs)
    {
        recordStart = position;
        recordEvents = 0;
        recordType = commandTypeCode;
        recordSequence = commandSeq;
        recordTimestampMs = timestampMs;
        ensure(RECORD_HEADER_LENGTH);
        position += RECORD_HEADER_LENGTH;
    }

    /**
     * Close the record. A record without events is dropped: nothing changed, nothing to replay.
     *
     * @return number of events in the record (0 = dropped).
     */
    public int endRecord()
    {
        final int start = recordStart;
        recordStart = -1;
        if (recordEvents == 0)
        {
            position = start;
            return 0;
        }
        buffer.putInt(start + RECORD_LENGTH_OFFSET, position - start);
        buffer.putShort(start + RECORD_TYPE_OFFSET, (short)recordType);
        buffer.putShort(start + RECORD_EVENT_COUNT_OFFSET, (short)recordEvents);
        buffer.putLong(start + RECORD_SEQUENCE_OFFSET, recordSequence);
        buffer.putLong(start + RECORD_TIMESTAMP_OFFSET, recordTimestampMs);
        documentRecords++;
        applier.recordCompleted(recordSequence, recordType, recordTimestampMs);
        return recordEvents;
    }

    /**
     * @return events written since this encoder was created.
     */
    public long eventsWritten()
    {
        return eventsWritten;
    }

    /**
     * @return events written to the open record so far.
     */
    public int recordEvents()
    {
        return recordEvents;
    }

    /**
     * @return the open record's start offset in the buffer.
     */
    public int recordStart()
    {
        return recordStart;
    }

    /**
     * Write the document header and CRC32C trailer.
     *
     * @return total document length.
     */
    public int finishDocument()
    {
        buffer.putInt(MAGIC_OFFSET, DOCUMENT_MAGIC);
        buffer.putShort(VERSION_OFFSET, (short)FORMAT_VERSION);
        buffer.putShort(FLAGS_OFFSET, (short)0);
        buffer.putInt(RECORD_COUNT_OFFSET, documentRecords);
        buffer.putInt(BODY_LENGTH_OFFSET, position - DOCUMENT_HEADER_LENGTH);
        crc.reset();
        crc.update(array, 0, position);
        buffer.putInt(position, (int)crc.getValue());
        return position + DOCUMENT_TRAILER_LENGTH;
    }

    /**
     * @return the document bytes (valid until the next event grows the buffer).
     */
    public byte[] array()
    {
        return array;
    }

    // ------------------------------------------------------------------ events

    @Override
    public void recordCompleted(final long commandSeq, final int commandTypeCode, final long timestampMs)
    {
        throw new UnsupportedOperationException("records are completed with endRecord()");
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
        final int start = beginEvent(EventType.ACCOUNT_CREATED);
        putInt(accountIndex);
        putInt(status);
        putInt(billingDay);
        putLong(openingMinor);
        putLong(creditLimitMinor);
        putLong(lowBalanceThresholdMinor);
        endEvent(start);
        applier.accountCreated(accountIndex, status, billingDay, openingMinor, creditLimitMinor,
            lowBalanceThresholdMinor);
    }

    @Override
    public void accountUpdated(
        final int accountIndex,
        final int status,
        final int billingDay,
        final long creditLimitMinor,
        final long lowBalanceThresholdMinor)
    {
        final int start = beginEvent(EventType.ACCOUNT_UPDATED);
        putInt(accountIndex);
        putInt(status);
        putInt(billingDay);
        putLong(creditLimitMinor);
        putLong(lowBalanceThresholdMinor);
        endEvent(start);
        applier.accountUpdated(accountIndex, status, billingDay, creditLimitMinor, lowBalanceThresholdMinor);
    }

    @Override
    public void accountDeleted(final int accountIndex)
    {
        final int start = beginEvent(EventType.ACCOUNT_DELETED);
        putInt(accountIndex);
        endEvent(start);
        applier.accountDeleted(accountIndex);
    }

    @Override
    public void identityAdded(
        final int accountIndex, final int identityType, final DirectBuffer src, final int offset, final int length)
    {
        final int start = beginEvent(EventType.IDENTITY_ADDED, length);
        putInt(accountIndex);
        putInt(identityType);
        final int at = putBytes(src, offset, length);
        endEvent(start);
        applier.identityAdded(accountIndex, identityType, buffer, at, length);
    }

    @Override
    public void credentialSet(final int accountIndex, final DirectBuffer src, final int offset, final int length)
    {
        final int start = beginEvent(EventType.CREDENTIAL_SET, length);
        putInt(accountIndex);
        final int at = putBytes(src, offset, length);
        endEvent(start);
        applier.credentialSet(accountIndex, buffer, at, length);
    }

    @Override
    public void moneyCredited(final int accountIndex, final int kind, final long amountMinor)
    {
        final int start = beginEvent(EventType.MONEY_CREDITED);
        putInt(accountIndex);
        putInt(kind);
        putLong(amountMinor);
        endEvent(start);
        applier.moneyCredited(accountIndex, kind, amountMinor);
    }

    @Override
    public void moneyDebited(final int accountIndex, final long amountMinor)
    {
        final int start = beginEvent(EventType.MONEY_DEBITED);
        putInt(accountIndex);
        putLong(amountMinor);
        endEvent(start);
        applier.moneyDebited(accountIndex, amountMinor);
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
        final int start = beginEvent(EventType.BUCKET_ADDED);
        putInt(accountIndex);
        putInt(bucketIndex);
        putInt(unitType);
        putLong(ratingGroup);
        putLong(units);
        putLong(expiryMs);
        endEvent(start);
        applier.bucketAdded(accountIndex, bucketIndex, unitType, ratingGroup, units, expiryMs);
    }

    @Override
    public void bucketExpired(final int bucketIndex, final long expiredUnits)
    {
        final int start = beginEvent(EventType.BUCKET_EXPIRED);
        putInt(bucketIndex);
        putLong(expiredUnits);
        endEvent(start);
        applier.bucketExpired(bucketIndex, expiredUnits);
    }

    @Override
    public void tariffsSet(final long version, final DirectBuffer src, final int offset, final int length)
    {
        final int start = beginEvent(EventType.TARIFFS_SET, length);
        putLong(version);
        final int at = putBytes(src, offset, length);
        endEvent(start);
        applier.tariffsSet(version, buffer, at, length);
    }

    /**
     * Journal a tariff table already serialised into this encoder's own buffer would alias; so tables are
     * written here directly.
     *
     * @param version table version.
     * @param table   the table payload.
     */
    public void tariffsSet(final long version, final io.gyro.ledger.rating.TariffTable table)
    {
        final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
        final int length = io.gyro.ledger.rating.TariffCodec.write(table, version, scratch, 0);
        final int start = beginEvent(EventType.TARIFFS_SET, length);
        putLong(version);
        final int at = putBytes(scratch, 0, length);
        endEvent(start);
        applier.tariffsSet(version, buffer, at, length);
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
        final int start = beginEvent(EventType.SESSION_OPENED, keyLength + contextLength);
        putLong(sessionId);
        putInt(accountIndex);
        putInt(state);
        putInt(cumulativeUsage ? 1 : 0);
        putLong(originKey);
        putLong(supervisionMs);
        final int keyAt = putBytes(keyBuffer, keyOffset, keyLength);
        final int contextAt = putBytes(contextBuffer, contextOffset, contextLength);
        endEvent(start);
        applier.sessionOpened(sessionId, accountIndex, state, cumulativeUsage, originKey, supervisionMs,
            buffer, keyAt, keyLength, buffer, contextAt, contextLength);
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
        final int flags)
    {
        final int start = beginEvent(EventType.UNITS_RESERVED);
        putLong(sessionId);
        putLong(ratingGroup);
        putLong(serviceIdentifier);
        putLong(tariffId);
        putLong(priceMinor);
        putLong(quantumUnits);
        putLong(grantedUnits);
        putInt(bucketIndex);
        putLong(bucketUnits);
        putLong(reservedMinor);
        putLong(validityEndMs);
        putInt(flags);
        endEvent(start);
        applier.unitsReserved(sessionId, ratingGroup, serviceIdentifier, tariffId, priceMinor, quantumUnits,
            grantedUnits, bucketIndex, bucketUnits, reservedMinor, validityEndMs, flags);
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
        final int start = beginEvent(EventType.USAGE_COMMITTED);
        putLong(sessionId);
        putLong(ratingGroup);
        putLong(usedUnits);
        putLong(counterAfter);
        putInt(bucketIndex);
        putLong(bucketReleasedUnits);
        putLong(bucketConsumedUnits);
        putLong(bucketExpiredUnits);
        putLong(releasedMinor);
        putLong(chargedMinor);
        putLong(paidUnitsAfter);
        putLong(overageUnits);
        putInt(tierPeriod);
        putInt(reportingReason);
        endEvent(start);
        applier.usageCommitted(sessionId, ratingGroup, usedUnits, counterAfter, bucketIndex, bucketReleasedUnits,
            bucketConsumedUnits, bucketExpiredUnits, releasedMinor, chargedMinor, paidUnitsAfter, overageUnits,
            tierPeriod, reportingReason);
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
        final int start = beginEvent(EventType.RESERVATION_RELEASED);
        putLong(sessionId);
        putLong(ratingGroup);
        putInt(bucketIndex);
        putLong(bucketReleasedUnits);
        putLong(bucketExpiredUnits);
        putLong(releasedMinor);
        putInt(reason);
        endEvent(start);
        applier.reservationReleased(sessionId, ratingGroup, bucketIndex, bucketReleasedUnits, bucketExpiredUnits,
            releasedMinor, reason);
    }

    @Override
    public void sessionClosed(final long sessionId, final int state, final int reason, final long retainUntilMs)
    {
        final int start = beginEvent(EventType.SESSION_CLOSED);
        putLong(sessionId);
        putInt(state);
        putInt(reason);
        putLong(retainUntilMs);
        endEvent(start);
        applier.sessionClosed(sessionId, state, reason, retainUntilMs);
    }

    @Override
    public void sessionRemoved(final long sessionId)
    {
        final int start = beginEvent(EventType.SESSION_REMOVED);
        putLong(sessionId);
        endEvent(start);
        applier.sessionRemoved(sessionId);
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
        final int start = beginEvent(EventType.SESSION_RENAMED, keyLength);
        putLong(sessionId);
        putInt(cumulativeUsage ? 1 : 0);
        putLong(originKey);
        putLong(supervisionMs);
        putLong(deadlineMs);
        final int at = putBytes(keyBuffer, keyOffset, keyLength);
        endEvent(start);
        applier.sessionRenamed(sessionId, cumulativeUsage, originKey, supervisionMs, deadlineMs, buffer, at,
            keyLength);
    }

    @Override
    public void answered(
        final long sessionId,
        final long requestNumber,
        final long deadlineMs,
        final DirectBuffer src,
        final int offset,
        final int length)
    {
        final int start = beginEvent(EventType.ANSWERED, length);
        putLong(sessionId);
        putLong(requestNumber);
        putLong(deadlineMs);
        final int at = putBytes(src, offset, length);
        endEvent(start);
        applier.answered(sessionId, requestNumber, deadlineMs, buffer, at, length);
    }

    /**
     * Record a session command's answer, encoding it straight into the journal.
     *
     * @param sessionId     session.
     * @param requestNumber request number.
     * @param deadlineMs    next deadline.
     * @param command       the answered command.
     */
    public void answered(
        final long sessionId, final long requestNumber, final long deadlineMs, final io.gyro.ledger.LedgerCommand command)
    {
        final int start = beginEvent(EventType.ANSWERED,
            ResultCodec.HEADER_LENGTH + command.serviceCount * ResultCodec.SERVICE_LENGTH);
        putLong(sessionId);
        putLong(requestNumber);
        putLong(deadlineMs);
        final int lengthAt = position;
        position += 4;
        final int at = position;
        final int length = ResultCodec.encode(command, buffer, at);
        buffer.putInt(lengthAt, length);
        position += length;
        endEvent(start);
        applier.answered(sessionId, requestNumber, deadlineMs, buffer, at, length);
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
        final int start = beginEvent(EventType.DIRECT_CHARGED);
        putInt(accountIndex);
        putLong(ratingGroup);
        putLong(units);
        putInt(bucketIndex);
        putLong(bucketUnits);
        putLong(chargedMinor);
        putInt(tierPeriod);
        endEvent(start);
        applier.directCharged(accountIndex, ratingGroup, units, bucketIndex, bucketUnits, chargedMinor, tierPeriod);
    }

    @Override
    public void idempotencyRecorded(
        final int accountIndex,
        final long amountMinor,
        final long expiresAtMs,
        final DirectBuffer src,
        final int offset,
        final int length)
    {
        final int start = beginEvent(EventType.IDEMPOTENCY_RECORDED, length);
        putInt(accountIndex);
        putLong(amountMinor);
        putLong(expiresAtMs);
        final int at = putBytes(src, offset, length);
        endEvent(start);
        applier.idempotencyRecorded(accountIndex, amountMinor, expiresAtMs, buffer, at, length);
    }

    @Override
    public void idempotencyPurged(final long nowMs)
    {
        final int start = beginEvent(EventType.IDEMPOTENCY_PURGED);
        putLong(nowMs);
        endEvent(start);
        applier.idempotencyPurged(nowMs);
    }

    @Override
    public void unratedRecorded(final DirectBuffer src, final int offset, final int length)
    {
        final int start = beginEvent(EventType.UNRATED_RECORDED, length);
        final int at = putBytes(src, offset, length);
        endEvent(start);
        applier.unratedRecorded(buffer, at, length);
    }

    // ------------------------------------------------------------------ helpers

    private int beginEvent(final int type)
    {
        return beginEvent(type, 0);
    }

    private int beginEvent(final int type, final int variableBytes)
    {
        if (recordStart < 0)
        {
            throw new IllegalStateException("event outside a record");
        }
        if (recordEvents >= MAX_EVENTS_PER_RECORD)
        {
            throw new IllegalStateException("record exceeds " + MAX_EVENTS_PER_RECORD + " events");
        }
        ensure(MAX_FIXED_EVENT_LENGTH + variableBytes);
        final int start = position;
        buffer.putShort(start + EVENT_TYPE_OFFSET, (short)type);
        buffer.putShort(start + EVENT_TYPE_OFFSET + 2, (short)0);
        position = start + EVENT_HEADER_LENGTH;
        recordEvents++;
        eventsWritten++;
        return start;
    }

    private void endEvent(final int start)
    {
        buffer.putInt(start + EVENT_LENGTH_OFFSET, position - start - EVENT_HEADER_LENGTH);
    }

    private void putInt(final int value)
    {
        buffer.putInt(position, value);
        position += 4;
    }

    private void putLong(final long value)
    {
        buffer.putLong(position, value);
        position += 8;
    }

    private int putBytes(final DirectBuffer src, final int offset, final int length)
    {
        buffer.putInt(position, length);
        position += 4;
        final int at = position;
        if (length > 0)
        {
            buffer.putBytes(at, src, offset, length);
        }
        position += length;
        return at;
    }
}
