package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code CC-Request-Type} AVP (code 416), RFC 4006 §8.3.
 * <p>
 * A strict enumeration: a value not listed here is 5004 DIAMETER_INVALID_AVP_VALUE.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class CcRequestType
{
    /** AVP Code of {@code CC-Request-Type}. */
    public static final int AVP_CODE = AvpCode.CC_REQUEST_TYPE;

    /** Vendor-ID of {@code CC-Request-Type}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** INITIAL_REQUEST (1). */
    public static final int INITIAL_REQUEST = 1;

    /** UPDATE_REQUEST (2). */
    public static final int UPDATE_REQUEST = 2;

    /** TERMINATION_REQUEST (3). */
    public static final int TERMINATION_REQUEST = 3;

    /** EVENT_REQUEST (4). */
    public static final int EVENT_REQUEST = 4;

    private CcRequestType()
    {
    }
}
