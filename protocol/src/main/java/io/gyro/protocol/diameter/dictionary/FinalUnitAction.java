package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Final-Unit-Action} AVP (code 449), RFC 4006 §8.35.
 * <p>
 * An open enumeration: a value not listed here is kept and passed on, never rejected.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class FinalUnitAction
{
    /** AVP Code of {@code Final-Unit-Action}. */
    public static final int AVP_CODE = AvpCode.FINAL_UNIT_ACTION;

    /** Vendor-ID of {@code Final-Unit-Action}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** TERMINATE (0). */
    public static final int TERMINATE = 0;

    /** REDIRECT (1). */
    public static final int REDIRECT = 1;

    /** RESTRICT_ACCESS (2). */
    public static final int RESTRICT_ACCESS = 2;

    private FinalUnitAction()
    {
    }
}
