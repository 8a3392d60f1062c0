package io.gyro.protocol.diameter;

/**
 * Offsets, flags and limits of the Diameter message header (RFC 6733 §3).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Version    |                 Message Length                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Command Flags |                  Command Code                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Application-ID                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Hop-by-Hop Identifier                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      End-to-End Identifier                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class DiameterHeaderDescriptor
{
    /** Offset of the one-octet Version field. */
    public static final int VERSION_OFFSET = 0;
    /** Offset of the three-octet Message Length, which counts the header and every padded AVP. */
    public static final int LENGTH_OFFSET = 1;
    /** Offset of the Command Flags octet. */
    public static final int FLAGS_OFFSET = 4;
    /** Offset of the three-octet Command Code. */
    public static final int COMMAND_CODE_OFFSET = 5;
    /** Offset of the Application-ID. */
    public static final int APPLICATION_ID_OFFSET = 8;
    /** Offset of the Hop-by-Hop Identifier. */
    public static final int HOP_BY_HOP_OFFSET = 12;
    /** Offset of the End-to-End Identifier. */
    public static final int END_TO_END_OFFSET = 16;
    /** The header is always 20 octets, so no message can be shorter (RFC 6733 §3). */
    public static final int HEADER_LENGTH = 20;

    /** The only version defined (RFC 6733 §3: "This Version field MUST be set to 1"). */
    public static final int VERSION = 1;
    /** Largest value the three-octet Message Length can hold. */
    public static final int MAX_ENCODABLE_LENGTH = 0xFF_FFFF;

    /** R bit: the message is a request. */
    public static final int FLAG_REQUEST = 0x80;
    /** P bit: the message may be proxied, relayed or redirected; an answer echoes its request's P bit (§6.2). */
    public static final int FLAG_PROXIABLE = 0x40;
    /** E bit: a protocol error answer (3xxx); never set in a request. */
    public static final int FLAG_ERROR = 0x20;
    /** T bit: potentially retransmitted after a link failover; never set in an answer. */
    public static final int FLAG_RETRANSMITTED = 0x10;
    /** The four low flag bits are reserved: sent as 0 and ignored on receipt (RFC 6733 §3). */
    public static final int FLAGS_RESERVED_MASK = 0x0F;

    private DiameterHeaderDescriptor()
    {
    }
}
