package io.gyro.ledger.journal;

import java.nio.ByteOrder;

/**
 * Layout of one journal document (one Chronicle Queue excerpt per Disruptor batch). Fixed-width fields are
 * little-endian; numbers inside events are zigzag LEB128 varints ("var"), times as deltas from the record's time,
 * because journal bandwidth (not CPU) bounds throughput: a commit-and-reserve command takes about 120 bytes.
 * <pre>
 * document:
 *   0  int   magic 'GYJ1' (0x314A5947)
 *   4  short format version (1)               a later Gyro reads every earlier version in place
 *   6  short flags (0)
 *   8  int   record count
 *  12  int   body length (bytes of records)
 *  16  long  command sequence of the first record (the others follow contiguously)
 *  24  long  base time, epoch ms
 *  32  records...
 *  32+body   int CRC32C over bytes [0, 32+body)
 * record (one command):
 *   0  u24   record length (header included)
 *   3  u8    command type code
 *   4  u16   event count
 *   6  var   time minus the previous record's time (the base time for the first)
 *      events...
 * event:
 *   0  u8    event type ({@link EventType})
 *   1  var   payload length (unsigned)
 *      payload: var fields in the order of the {@link LedgerEvents} method; byte fields are var length + bytes;
 *      fields named ...Ms that are deadlines or expiries are deltas from the record's time.
 * </pre>
 */
public final class JournalRecordDescriptor
{
    /** 'G' 'Y' 'J' '1' read as a little-endian int. */
    public static final int DOCUMENT_MAGIC = 0x314A5947;
    /** Version written by this Gyro; readers accept 1..this and refuse newer with a message. */
    public static final int FORMAT_VERSION = 1;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the format version. */
    public static final int VERSION_OFFSET = 4;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = 6;
    /** Offset of the record count. */
    public static final int RECORD_COUNT_OFFSET = 8;
    /** Offset of the body length. */
    public static final int BODY_LENGTH_OFFSET = 12;
    /** Offset of the first record's command sequence. */
    public static final int FIRST_SEQUENCE_OFFSET = 16;
    /** Offset of the base time. */
    public static final int BASE_TIME_OFFSET = 24;
    /** Document header length. */
    public static final int DOCUMENT_HEADER_LENGTH = 32;
    /** CRC32C trailer length. */
    public static final int DOCUMENT_TRAILER_LENGTH = 4;

    /** Offset of the 24-bit record length in a record. */
    public static final int RECORD_LENGTH_OFFSET = 0;
    /** Offset of the command type code. */
    public static final int RECORD_TYPE_OFFSET = 3;
    /** Offset of the event count. */
    public static final int RECORD_EVENT_COUNT_OFFSET = 4;
    /** Fixed part of the record header (the time delta follows). */
    public static final int RECORD_FIXED_HEADER_LENGTH = 6;
    /** Largest record: a 24-bit length. */
    public static final int MAX_RECORD_LENGTH = (1 << 24) - 1;

    /** A record's event count is 16 bits: a TICK caps its deadlines well below this. */
    public static final int MAX_EVENTS_PER_RECORD = 0xFFFF;

    private JournalRecordDescriptor()
    {
    }

    /**
     * Refuse to run on a big-endian platform: fixed-width fields are written in native (little-endian) order.
     *
     * @throws IllegalStateException on a big-endian platform.
     */
    public static void checkPlatform()
    {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN)
        {
            throw new IllegalStateException("Gyro journal and snapshots are little-endian; this platform is not");
        }
    }

    /**
     * Fail clearly on a version this Gyro cannot read.
     *
     * @param version    version found.
     * @param maxVersion newest version this Gyro reads.
     * @param where      what was being read, for the message.
     * @throws JournalFormatException for versions below 1 or above {@code maxVersion}.
     */
    public static void checkVersion(final int version, final int maxVersion, final String where)
    {
        if (version > maxVersion)
        {
            throw new JournalVersionException(where + " has format version " + version + " but this Gyro reads " +
                "versions 1.." + maxVersion + ": it was written by a newer Gyro; run that version or newer");
        }
        if (version < 1)
        {
            throw new JournalFormatException(where + " has an invalid format version " + version);
        }
    }
}
