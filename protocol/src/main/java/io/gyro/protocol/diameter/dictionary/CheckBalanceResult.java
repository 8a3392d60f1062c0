package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Check-Balance-Result} AVP (code 422), RFC 4006 §8.6.
 * <p>
 * An open enumeration: a value not listed here is kept and passed on, never rejected.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class CheckBalanceResult
{
    /** AVP Code of {@code Check-Balance-Result}. */
    public static final int AVP_CODE = AvpCode.CHECK_BALANCE_RESULT;

    /** Vendor-ID of {@code Check-Balance-Result}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** ENOUGH_CREDIT (0). */
    public static final int ENOUGH_CREDIT = 0;

    /** NO_CREDIT (1). */
    public static final int NO_CREDIT = 1;

    private CheckBalanceResult()
    {
    }
}
