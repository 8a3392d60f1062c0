package io.gyro.ledger.journal;

import java.nio.ByteOrder;

/**
 * Layout of one journal document (one Chronicle Queue excerpt per Disruptor batch), little-endian.
 * <pre>
 * document:
 *   0  int   magic 'GYJ1' (0x314A5947)
 *   4  short format version (1)               a later Gyro reads every earlier version in place
 *   6  short flags (0)
 *   8  int   record count
 *  12  int   body length (bytes of records)
 *  16  records...
 *  16+body   int CRC32C over bytes [0, 16+body)
 * record (one command):
 *   0  int   record length (header included)
 *   4  short command type code
 *   6  short event count
 *   8  long  command sequence (contiguous from 1 across the whole journal)
 *  16  long  command timestamp, epoch ms
 *  24  events...
 * event:
 *   0  short event type ({@link EventType})
 *   2  short reserved (0)
 *   4  int   payload length
 *   8  payload
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
    /** Document header length. */
    public static final int DOCUMENT_HEADER_LENGTH = 16;
    /** CRC32C trailer length. */
    public static final int DOCUMENT_TRAILER_LENGTH = 4;

    /** Offset of the record length in a record. */
    public static final int RECORD_LENGTH_OFFSET = 0;
    /** Offset of the command type code. */
    public static final int RECORD_TYPE_OFFSET = 4;
    /** Offset of the event count. */
    public static final int RECORD_EVENT_COUNT_OFFSET = 6;
    /** Offset of the command sequence. */
    public static final int RECORD_SEQUENCE_OFFSET = 8;
    /** Offset of the timestamp. */
    public static final int RECORD_TIMESTAMP_OFFSET = 16;
    /** Record header length. */
    public static final int RECORD_HEADER_LENGTH = 24;

    /** Offset of the event type in an event. */
    public static final int EVENT_TYPE_OFFSET = 0;
    /** Offset of the payload length. */
    public static final int EVENT_LENGTH_OFFSET = 4;
    /** Event header length. */
    public static final int EVENT_HEADER_LENGTH = 8;

    /** A record's event count is a short: a TICK caps its deadlines well below this. */
    public static final int MAX_EVENTS_PER_RECORD = Short.MAX_VALUE;

    /**
     * Refuse to run on a big-endian platform: records are written with native (little-endian) order.
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

    private JournalRecordDescriptor()
    {
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
