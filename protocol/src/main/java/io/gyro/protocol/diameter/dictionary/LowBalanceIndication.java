package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Low-Balance-Indication} AVP (code 2020, vendor 10415), TS 32.299 §7.2.97.
 * <p>
 * An open enumeration: a value not listed here is kept and passed on, never rejected.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class LowBalanceIndication
{
    /** AVP Code of {@code Low-Balance-Indication}. */
    public static final int AVP_CODE = AvpCode.LOW_BALANCE_INDICATION;

    /** Vendor-ID of {@code Low-Balance-Indication}. */
    public static final int VENDOR_ID = VendorId.TGPP;

    /** NOT-APPLICABLE (0). */
    public static final int NOT_APPLICABLE = 0;

    /** YES (1). */
    public static final int YES = 1;

    private LowBalanceIndication()
    {
    }
}
