package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Requested-Action} AVP (code 436), RFC 4006 §8.41.
 * <p>
 * A strict enumeration: a value not listed here is 5004 DIAMETER_INVALID_AVP_VALUE.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class RequestedAction
{
    /** AVP Code of {@code Requested-Action}. */
    public static final int AVP_CODE = AvpCode.REQUESTED_ACTION;

    /** Vendor-ID of {@code Requested-Action}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** DIRECT_DEBITING (0). */
    public static final int DIRECT_DEBITING = 0;

    /** REFUND_ACCOUNT (1). */
    public static final int REFUND_ACCOUNT = 1;

    /** CHECK_BALANCE (2). */
    public static final int CHECK_BALANCE = 2;

    /** PRICE_ENQUIRY (3). */
    public static final int PRICE_ENQUIRY = 3;

    private RequestedAction()
    {
    }
}
