package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Credit-Control-Failure-Handling} AVP (code 427), RFC 4006 §8.14.
 * <p>
 * An open enumeration: a value not listed here is kept and passed on, never rejected.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class CreditControlFailureHandling
{
    /** AVP Code of {@code Credit-Control-Failure-Handling}. */
    public static final int AVP_CODE = AvpCode.CREDIT_CONTROL_FAILURE_HANDLING;

    /** Vendor-ID of {@code Credit-Control-Failure-Handling}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** TERMINATE (0). */
    public static final int TERMINATE = 0;

    /** CONTINUE (1). */
    public static final int CONTINUE = 1;

    /** RETRY_AND_TERMINATE (2). */
    public static final int RETRY_AND_TERMINATE = 2;

    private CreditControlFailureHandling()
    {
    }
}
