package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Direct-Debiting-Failure-Handling} AVP (code 428), RFC 4006 §8.15.
 * <p>
 * An open enumeration: a value not listed here is kept and passed on, never rejected.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class DirectDebitingFailureHandling
{
    /** AVP Code of {@code Direct-Debiting-Failure-Handling}. */
    public static final int AVP_CODE = AvpCode.DIRECT_DEBITING_FAILURE_HANDLING;

    /** Vendor-ID of {@code Direct-Debiting-Failure-Handling}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** TERMINATE_OR_BUFFER (0). */
    public static final int TERMINATE_OR_BUFFER = 0;

    /** CONTINUE (1). */
    public static final int CONTINUE = 1;

    private DirectDebitingFailureHandling()
    {
    }
}
