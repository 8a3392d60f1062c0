package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Auth-Session-State} AVP (code 277), RFC 6733 §8.11.
 * <p>
 * A strict enumeration: a value not listed here is 5004 DIAMETER_INVALID_AVP_VALUE.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class AuthSessionState
{
    /** AVP Code of {@code Auth-Session-State}. */
    public static final int AVP_CODE = AvpCode.AUTH_SESSION_STATE;

    /** Vendor-ID of {@code Auth-Session-State}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** STATE_MAINTAINED (0). */
    public static final int STATE_MAINTAINED = 0;

    /** NO_STATE_MAINTAINED (1). */
    public static final int NO_STATE_MAINTAINED = 1;

    private AuthSessionState()
    {
    }
}
