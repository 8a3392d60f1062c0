package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code CC-Unit-Type} AVP (code 454), RFC 4006 §8.32.
 * <p>
 * An open enumeration: a value not listed here is kept and passed on, never rejected.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class CcUnitType
{
    /** AVP Code of {@code CC-Unit-Type}. */
    public static final int AVP_CODE = AvpCode.CC_UNIT_TYPE;

    /** Vendor-ID of {@code CC-Unit-Type}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** TIME (0). */
    public static final int TIME = 0;

    /** MONEY (1). */
    public static final int MONEY = 1;

    /** TOTAL-OCTETS (2). */
    public static final int TOTAL_OCTETS = 2;

    /** INPUT-OCTETS (3). */
    public static final int INPUT_OCTETS = 3;

    /** OUTPUT-OCTETS (4). */
    public static final int OUTPUT_OCTETS = 4;

    /** SERVICE-SPECIFIC-UNITS (5). */
    public static final int SERVICE_SPECIFIC_UNITS = 5;

    private CcUnitType()
    {
    }
}
