package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Disconnect-Cause} AVP (code 273), RFC 6733 §5.4.3.
 * <p>
 * A strict enumeration: a value not listed here is 5004 DIAMETER_INVALID_AVP_VALUE.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class DisconnectCause
{
    /** AVP Code of {@code Disconnect-Cause}. */
    public static final int AVP_CODE = AvpCode.DISCONNECT_CAUSE;

    /** Vendor-ID of {@code Disconnect-Cause}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** REBOOTING (0). */
    public static final int REBOOTING = 0;

    /** BUSY (1). */
    public static final int BUSY = 1;

    /** DO_NOT_WANT_TO_TALK_TO_YOU (2). */
    public static final int DO_NOT_WANT_TO_TALK_TO_YOU = 2;

    private DisconnectCause()
    {
    }
}
