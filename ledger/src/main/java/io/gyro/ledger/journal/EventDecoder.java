package io.gyro.ledger.journal;

import io.gyro.ledger.CommandType;
import org.agrona.DirectBuffer;

import java.util.zip.CRC32C;

import static io.gyro.ledger.journal.JournalRecordDescriptor.BODY_LENGTH_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.DOCUMENT_HEADER_LENGTH;
import static io.gyro.ledger.journal.JournalRecordDescriptor.DOCUMENT_MAGIC;
import static io.gyro.ledger.journal.JournalRecordDescriptor.DOCUMENT_TRAILER_LENGTH;
import static io.gyro.ledger.journal.JournalRecordDescriptor.EVENT_HEADER_LENGTH;
import static io.gyro.ledger.journal.JournalRecordDescriptor.EVENT_LENGTH_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.EVENT_TYPE_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.MAGIC_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_COUNT_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_EVENT_COUNT_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_HEADER_LENGTH;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_LENGTH_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_SEQUENCE_OFFSET;
import static io.gyro.ledger.journal.JournalRecordDescriptor.RECORD_TIMESTAMP_OFFSET;
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
        for (int r = 0; r < records; r++)
        {
            decodeRecord(handler);
        }
        if (position != limit)
        {
            throw fail("has " + (limit - position) + " bytes after its " + records + " records");
        }
        return records;
    }

    private void decodeRecord(final LedgerEvents handler)
    {
        final int start = position;
        need(RECORD_HEADER_LENGTH, "record header");
        final int recordLength = buffer.getInt(start + RECORD_LENGTH_OFFSET);
        final int type = buffer.getShort(start + RECORD_TYPE_OFFSET);
        final int events = buffer.getShort(start + RECORD_EVENT_COUNT_OFFSET) & 0xFFFF;
        final long seq = buffer.getLong(start + RECORD_SEQUENCE_OFFSET);
        final long timestampMs = buffer.getLong(start + RECORD_TIMESTAMP_OFFSET);
        if (recordLength < RECORD_HEADER_LENGTH || start + recordLength > limit)
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
        position = start + RECORD_HEADER_LENGTH;
        handler.recordStarted(seq, type, timestampMs);
        for (int e = 0; e < events; e++)
        {
            decodeEvent(handler, seq);
        }
        if (position != recordEnd)
        {
            throw fail("record " + seq + " has " + (recordEnd - position) + " bytes after its events");
        }
        limit = savedLimit;
        handler.recordCompleted(seq, type, timestampMs);
    }

    private void decodeEvent(final LedgerEvents h, final long seq)
    {
        need(EVENT_HEADER_LENGTH, "event header");
        final int type = buffer.getShort(position + EVENT_TYPE_OFFSET);
        final int length = buffer.getInt(position + EVENT_LENGTH_OFFSET);
        position += EVENT_HEADER_LENGTH;
        if (length < 0 || position + length > limit)
        {
            throw fail("record " + seq + " has an event of type " + type + " with impossible length " + length);
        }
        final int end = position + length;
        switch (type)
        {
            case EventType.ACCOUNT_CREATED:
                h.accountCreated(i32(), i32(), i32(), i64(), i64(), i64());
                break;
            case EventType.ACCOUNT_UPDATED:
                h.accountUpdated(i32(), i32(), i32(), i64(), i64());
                break;
            case EventType.ACCOUNT_DELETED:
                h.accountDeleted(i32());
                break;
            case EventType.IDENTITY_ADDED:
            {
                final int account = i32();
                final int identityType = i32();
                final int len = bytesLength(end);
                h.identityAdded(account, identityType, buffer, skip(len), len);
                break;
            }
            case EventType.CREDENTIAL_SET:
            {
                final int account = i32();
                final int len = bytesLength(end);
                h.credentialSet(account, buffer, skip(len), len);
                break;
            }
            case EventType.MONEY_CREDITED:
                h.moneyCredited(i32(), i32(), i64());
                break;
            case EventType.MONEY_DEBITED:
                h.moneyDebited(i32(), i64());
                break;
            case EventType.BUCKET_ADDED:
                h.bucketAdded(i32(), i32(), i32(), i64(), i64(), i64());
                break;
            case EventType.BUCKET_EXPIRED:
                h.bucketExpired(i32(), i64());
                break;
            case EventType.TARIFFS_SET:
            {
                final long version = i64();
                final int len = bytesLength(end);
                h.tariffsSet(version, buffer, skip(len), len);
                break;
            }
            case EventType.SESSION_OPENED:
            {
                final long sessionId = i64();
                final int account = i32();
                final int state = i32();
                final boolean cumulative = i32() != 0;
                final long origin = i64();
                final long supervision = i64();
                final int keyLength = bytesLength(end);
                final int keyAt = skip(keyLength);
                final int contextLength = bytesLength(end);
                final int contextAt = skip(contextLength);
                h.sessionOpened(sessionId, account, state, cumulative, origin, supervision, buffer, keyAt, keyLength,
                    buffer, contextAt, contextLength);
                break;
            }
            case EventType.UNITS_RESERVED:
                h.unitsReserved(i64(), i64(), i64(), i64(), i64(), i64(), i64(), i32(), i64(), i64(), i64(), i32());
                break;
            case EventType.USAGE_COMMITTED:
                h.usageCommitted(i64(), i64(), i64(), i64(), i32(), i64(), i64(), i64(), i64(), i64(), i64(), i64(),
                    i32(), i32());
                break;
            case EventType.RESERVATION_RELEASED:
                h.reservationReleased(i64(), i64(), i32(), i64(), i64(), i64(), i32());
                break;
            case EventType.SESSION_CLOSED:
                h.sessionClosed(i64(), i32(), i32(), i64());
                break;
            case EventType.SESSION_REMOVED:
                h.sessionRemoved(i64());
                break;
            case EventType.SESSION_RENAMED:
            {
                final long sessionId = i64();
                final boolean cumulative = i32() != 0;
                final long origin = i64();
                final long supervision = i64();
                final long deadline = i64();
                final int len = bytesLength(end);
                h.sessionRenamed(sessionId, cumulative, origin, supervision, deadline, buffer, skip(len), len);
                break;
            }
            case EventType.ANSWERED:
            {
                final long sessionId = i64();
                final long requestNumber = i64();
                final long deadline = i64();
                final int len = bytesLength(end);
                h.answered(sessionId, requestNumber, deadline, buffer, skip(len), len);
                break;
            }
            case EventType.DIRECT_CHARGED:
                h.directCharged(i32(), i64(), i64(), i32(), i64(), i64(), i32());
                break;
            case EventType.IDEMPOTENCY_RECORDED:
            {
                final int account = i32();
                final long amount = i64();
                final long expires = i64();
                final int len = bytesLength(end);
                h.idempotencyRecorded(account, amount, expires, buffer, skip(len), len);
                break;
            }
            case EventType.IDEMPOTENCY_PURGED:
                h.idempotencyPurged(i64());
                break;
            case EventType.UNRATED_RECORDED:
            {
                final int len = bytesLength(end);
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
    }

    private int i32()
    {
        need(4, "int field");
        final int value = buffer.getInt(position);
        position += 4;
        return value;
    }

    private long i64()
    {
        need(8, "long field");
        final long value = buffer.getLong(position);
        position += 8;
        return value;
    }

    private int bytesLength(final int end)
    {
        final int length = i32();
        if (length < 0 || position + length > end)
        {
            throw fail("has a byte field of impossible length " + length);
        }
        return length;
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
