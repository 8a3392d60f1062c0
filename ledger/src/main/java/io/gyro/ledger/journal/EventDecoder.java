package io.gyro.ledger.journal;

import io.gyro.ledger.CommandType;
import org.agrona.DirectBuffer;

import java.util.zip.CRC32C;

import static io.gyro.ledger.journal.JournalRecordDescriptor.BASE_TIME_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.BODY_LENGTH_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.DOCUMENT_HEADER_LENGTH;
import static io.gyro.ledger.journal.JournalRecordDescriptor.DOCUMENT_MAGIC;
import static io.gyro.ledger.journal.JournalRecordDescriptor.DOCUMENT_TRAILER_LENGTH;
import static io.gyro.ledger.journal.JournalRecordDescriptor.FIRST_SEQUENCE_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.MAGIC_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_COUNT_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_EVENT_COUNT_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_FIXED_HEADER_LENGTH;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_LENGTH_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_TYPE_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.VERSION_OFFSET;


/**
 * Reads journal documents and drives a {@link LedgerEvents} handler: the state on replay, a printer in the dump
 * tool. Every length is checked against the document; anything inconsistent is a {@link JournalFormatException}
 * naming the document, never a misread.
 */
public final class EventDecoder
{
    private final CRC32C crc = new CRC32C();
    private DirectBuffer buffer;
    private int position;
    private int limit;
    private long whereIndex;
    private String whereName;
    private long previousTimeMs;
    private long recordTimeMs;

    /**
     * Check a document's framing, version and CRC, then decode all its records.
     *
     * @param documentBuffer bytes (a heap buffer: the CRC reads its array).
     * @param offset         start of the document.
     * @param length         document length.
     * @param handler        receives every record and event.
     * @param documentIndex  Chronicle index of the document, for messages.
     * @param journalName    journal directory, for messages.
     * @return number of records decoded.
     */
    public int decodeDocument(
        final DirectBuffer documentBuffer,
        final int offset,
        final int length,
        final LedgerEvents handler,
        final long documentIndex,
        final String journalName)
    {
        return decodeDocument(documentBuffer, offset, length, handler, documentIndex, journalName, 0);
    }

    /**
     * Check a document's framing, version, CRC and that it continues the command sequence, then decode all its
     * records. Recovery passes the command it expects next, so a journal missing documents (a cycle file deleted or
     * lost) is refused before anything of the document is applied.
     *
     * @param documentBuffer   bytes (a heap buffer: the CRC reads its array).
     * @param offset           start of the document.
     * @param length           document length.
     * @param handler          receives every record and event.
     * @param documentIndex    Chronicle index of the document, for messages.
     * @param journalName      journal directory, for messages.
     * @param expectedFirstSeq the command sequence the document must start with, or 0 to accept any.
     * @return number of records decoded.
     */
    public int decodeDocument(
        final DirectBuffer documentBuffer,
        final int offset,
        final int length,
        final LedgerEvents handler,
        final long documentIndex,
        final String journalName,
        final long expectedFirstSeq)
    {
        whereIndex = documentIndex;
        whereName = journalName;
        buffer = documentBuffer;
        if (length < DOCUMENT_HEADER_LENGTH + DOCUMENT_TRAILER_LENGTH)
        {
            throw fail("is " + length + " bytes, shorter than a document header");
        }
        final int magic = documentBuffer.getInt(offset + MAGIC_OFFSET);
        if (magic != DOCUMENT_MAGIC)
        {
            throw fail("does not start with the Gyro journal magic (found 0x" + Integer.toHexString(magic) + ")");
        }
        final int version = documentBuffer.getShort(offset + VERSION_OFFSET);
        if (version < 1 || version > JournalRecordDescriptor.FORMAT_VERSION)
        {
            JournalRecordDescriptor.checkVersion(version, JournalRecordDescriptor.FORMAT_VERSION,
                "journal document at index 0x" + Long.toHexString(documentIndex) + " of " + journalName);
        }
        final int records = documentBuffer.getInt(offset + RECORD_COUNT_OFFSET);
        final int bodyLength = documentBuffer.getInt(offset + BODY_LENGTH_OFFSET);
        if (bodyLength < 0 || DOCUMENT_HEADER_LENGTH + bodyLength + DOCUMENT_TRAILER_LENGTH != length)
        {
            throw fail("declares a body of " + bodyLength + " bytes in a document of " + length);
        }
        final int crcAt = offset + DOCUMENT_HEADER_LENGTH + bodyLength;
        crc.reset();
        final byte[] array = documentBuffer.byteArray();
        if (array != null)
        {
            crc.update(array, documentBuffer.wrapAdjustment() + offset, DOCUMENT_HEADER_LENGTH + bodyLength);
        }
        else
        {
            for (int i = offset; i < crcAt; i++)
            {
                crc.update(documentBuffer.getByte(i));
            }
        }
        final int expected = documentBuffer.getInt(crcAt);
        if ((int)crc.getValue() != expected)
        {
            throw fail("fails its CRC32C check (stored 0x" + Integer.toHexString(expected) + ", computed 0x" +
                Integer.toHexString((int)crc.getValue()) + "): the journal is damaged");
        }
        position = offset + DOCUMENT_HEADER_LENGTH;
        limit = crcAt;
        final long firstSeq = documentBuffer.getLong(offset + FIRST_SEQUENCE_OFFSET);
        if (expectedFirstSeq > 0 && records > 0 && firstSeq != expectedFirstSeq)
        {
            throw fail("starts at command " + firstSeq + " where command " + expectedFirstSeq + " was expected: the " +
                "journal has a gap (a cycle file deleted or lost); refusing to start");
        }
        previousTimeMs = documentBuffer.getLong(offset + BASE_TIME_OFFSET);
        for (int r = 0; r < records; r++)
        {
            decodeRecord(handler, firstSeq + r);
        }
        if (position != limit)
        {
            throw fail("has " + (limit - position) + " bytes after its " + records + " records");
        }
        return records;
    }

    /**
     * Decode one record on its own (tests and tools; the record's CRC is not checked here).
     *
     * @param recordBuffer   bytes.
     * @param offset         record start.
     * @param length         record length.
     * @param handler        receives the events.
     * @param seq            the record's command sequence.
     * @param previousTimeMs the time its delta is relative to.
     */
    public void decodeRecord(
        final DirectBuffer recordBuffer,
        final int offset,
        final int length,
        final LedgerEvents handler,
        final long seq,
        final long previousTimeMs)
    {
        whereIndex = -1;
        whereName = "(single record)";
        buffer = recordBuffer;
        position = offset;
        limit = offset + length;
        this.previousTimeMs = previousTimeMs;
        decodeRecord(handler, seq);
    }

    private void decodeRecord(final LedgerEvents handler, final long seq)
    {
        final int start = position;
        need(RECORD_FIXED_HEADER_LENGTH, "record header");
        final int recordLength = (buffer.getByte(start + RECORD_LENGTH_OFFSET) & 0xFF) |
            (buffer.getByte(start + RECORD_LENGTH_OFFSET + 1) & 0xFF) << 8 |
            (buffer.getByte(start + RECORD_LENGTH_OFFSET + 2) & 0xFF) << 16;
        final int type = buffer.getByte(start + RECORD_TYPE_OFFSET) & 0xFF;
        final int events = buffer.getShort(start + RECORD_EVENT_COUNT_OFFSET) & 0xFFFF;
        if (recordLength < RECORD_FIXED_HEADER_LENGTH + 1 || start + recordLength > limit)
        {
            throw fail("record " + seq + " has an impossible length " + recordLength);
        }
        if (CommandType.fromCode(type) == null)
        {
            throw fail("record " + seq + " has an unknown command type " + type);
        }
        final int recordEnd = start + recordLength;
        final int savedLimit = limit;
        limit = recordEnd;
        position = start + RECORD_FIXED_HEADER_LENGTH;
        recordTimeMs = previousTimeMs + var();
        previousTimeMs = recordTimeMs;
        handler.recordStarted(seq, type, recordTimeMs);
        for (int e = 0; e < events; e++)
        {
            decodeEvent(handler, seq);
        }
        if (position != recordEnd)
        {
            throw fail("record " + seq + " has " + (recordEnd - position) + " bytes after its events");
        }
        limit = savedLimit;
        handler.recordCompleted(seq, type, recordTimeMs);
    }

    private void decodeEvent(final LedgerEvents h, final long seq)
    {
        need(2, "event header");
        final int type = buffer.getByte(position) & 0xFF;
        position++;
        final long declared = unsigned();
        if (declared < 0 || position + declared > limit)
        {
            throw fail("record " + seq + " has an event of type " + type + " with impossible length " + declared);
        }
        final int length = (int)declared;
        final int end = position + length;
        final int savedLimit = limit;
        limit = end;
        switch (type)
        {
            case EventType.ACCOUNT_CREATED:
                h.accountCreated(i32(), i32(), i32(), var(), var(), var());
                break;
            case EventType.ACCOUNT_UPDATED:
                h.accountUpdated(i32(), i32(), i32(), var(), var());
                break;
            case EventType.ACCOUNT_DELETED:
                h.accountDeleted(i32());
                break;
            case EventType.IDENTITY_ADDED:
            {
                final int account = i32();
                final int identityType = i32();
                final int len = bytesLength();
                h.identityAdded(account, identityType, buffer, skip(len), len);
                break;
            }
            case EventType.CREDENTIAL_SET:
            {
                final int account = i32();
                final int len = bytesLength();
                h.credentialSet(account, buffer, skip(len), len);
                break;
            }
            case EventType.MONEY_CREDITED:
                h.moneyCredited(i32(), i32(), var());
                break;
            case EventType.MONEY_DEBITED:
                h.moneyDebited(i32(), var());
                break;
            case EventType.BUCKET_ADDED:
                h.bucketAdded(i32(), i32(), i32(), var(), var(), time());
                break;
            case EventType.BUCKET_EXPIRED:
                h.bucketExpired(i32(), var());
                break;
            case EventType.TARIFFS_SET:
            {
                final long version = var();
                final int len = bytesLength();
                h.tariffsSet(version, buffer, skip(len), len);
                break;
            }
            case EventType.SESSION_OPENED:
            {
                final long sessionId = var();
                final int account = i32();
                final int state = i32();
                final boolean cumulative = var() != 0;
                final long origin = var();
                final long supervision = var();
                final int keyLength = bytesLength();
                final int keyAt = skip(keyLength);
                final int contextLength = bytesLength();
                final int contextAt = skip(contextLength);
                h.sessionOpened(sessionId, account, state, cumulative, origin, supervision, buffer, keyAt, keyLength,
                    buffer, contextAt, contextLength);
                break;
            }
            case EventType.UNITS_RESERVED:
                h.unitsReserved(var(), var(), var(), var(), var(), var(), var(), i32(), var(), var(), time(), i32());
                break;
            case EventType.USAGE_COMMITTED:
                h.usageCommitted(var(), var(), var(), var(), i32(), var(), var(), var(), var(), var(), var(), var(),
                    i32(), i32());
                break;
            case EventType.BUCKET_UNITS_CONSUMED:
                h.bucketUnitsConsumed(var(), var(), i32(), var());
                break;
            case EventType.RESERVATION_RELEASED:
                h.reservationReleased(var(), var(), i32(), var(), var(), var(), i32());
                break;
            case EventType.SESSION_CLOSED:
                h.sessionClosed(var(), i32(), i32(), time());
                break;
            case EventType.SESSION_REMOVED:
                h.sessionRemoved(var());
                break;
            case EventType.SESSION_RENAMED:
            {
                final long sessionId = var();
                final boolean cumulative = var() != 0;
                final long origin = var();
                final long supervision = var();
                final long deadline = time();
                final int len = bytesLength();
                h.sessionRenamed(sessionId, cumulative, origin, supervision, deadline, buffer, skip(len), len);
                break;
            }
            case EventType.ANSWERED:
            {
                final long sessionId = var();
                final long requestNumber = var();
                final long deadline = time();
                final int len = bytesLength();
                h.answered(sessionId, requestNumber, deadline, buffer, skip(len), len);
                break;
            }
            case EventType.DIRECT_CHARGED:
                h.directCharged(i32(), var(), var(), i32(), var(), var(), i32());
                break;
            case EventType.IDEMPOTENCY_RECORDED:
            {
                final int account = i32();
                final long amount = var();
                final long expires = time();
                final int len = bytesLength();
                h.idempotencyRecorded(account, amount, expires, buffer, skip(len), len);
                break;
            }
            case EventType.IDEMPOTENCY_PURGED:
                h.idempotencyPurged(time());
                break;
            case EventType.EVENT_ANSWER_RECORDED:
            {
                final long requestNumber = var();
                final long expires = time();
                final int keyLength = bytesLength();
                final int keyAt = skip(keyLength);
                final int answerLength = bytesLength();
                final int answerAt = skip(answerLength);
                h.eventAnswerRecorded(requestNumber, expires, buffer, keyAt, keyLength, buffer, answerAt, answerLength);
                break;
            }
            case EventType.ORIGIN_EPOCH_ADVANCED:
            {
                final long origin = var();
                h.originEpochAdvanced(origin, var());
                break;
            }
            case EventType.EVENT_ANSWERS_PURGED:
            {
                final long now = time();
                h.eventAnswersPurged(now, i32());
                break;
            }
            case EventType.UNRATED_RECORDED:
            {
                final int len = bytesLength();
                h.unratedRecorded(buffer, skip(len), len);
                break;
            }
            default:
                throw fail("record " + seq + " has an unknown event type " + type +
                    ": written by a newer Gyro, or damaged");
        }
        if (position != end)
        {
            throw fail("record " + seq + " event " + EventType.name(type) + " declares " + length +
                " bytes but its fields take " + (position - (end - length)));
        }
        limit = savedLimit;
    }

    private long unsigned()
    {
        long v = 0;
        int shift = 0;
        while (true)
        {
            if (position >= limit || shift > 63)
            {
                throw fail("ends inside a number");
            }
            final byte b = buffer.getByte(position++);
            v |= (long)(b & 0x7F) << shift;
            if (b >= 0)
            {
                return v;
            }
            shift += 7;
        }
    }

    private long var()
    {
        final long v = unsigned();
        return (v >>> 1) ^ -(v & 1);
    }

    private int i32()
    {
        final long v = var();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)
        {
            throw fail("has an int field out of range: " + v);
        }
        return (int)v;
    }

    private long time()
    {
        final long v = unsigned();
        if (v == 0)
        {
            return 0;
        }
        final long zigzag = v - 1;
        return recordTimeMs + ((zigzag >>> 1) ^ -(zigzag & 1));
    }

    private int bytesLength()
    {
        final long length = unsigned();
        if (length < 0 || position + length > limit)
        {
            throw fail("has a byte field of impossible length " + length);
        }
        return (int)length;
    }

    private int skip(final int length)
    {
        final int at = position;
        position += length;
        return at;
    }

    private void need(final int bytes, final String what)
    {
        if (position + bytes > limit)
        {
            throw fail("ends inside a " + what);
        }
    }

    private JournalFormatException fail(final String problem)
    {
        return new JournalFormatException("journal document at index 0x" + Long.toHexString(whereIndex) + " of " +
            whereName + " " + problem);
    }
}
