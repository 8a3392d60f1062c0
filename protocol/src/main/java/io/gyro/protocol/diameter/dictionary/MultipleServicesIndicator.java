package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Multiple-Services-Indicator} AVP (code 455), RFC 4006 §8.40.
 * <p>
 * A strict enumeration: a value not listed here is 5004 DIAMETER_INVALID_AVP_VALUE.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class MultipleServicesIndicator
{
    /** AVP Code of {@code Multiple-Services-Indicator}. */
    public static final int AVP_CODE = AvpCode.MULTIPLE_SERVICES_INDICATOR;

    /** Vendor-ID of {@code Multiple-Services-Indicator}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** MULTIPLE_SERVICES_NOT_SUPPORTED (0). */
    public static final int MULTIPLE_SERVICES_NOT_SUPPORTED = 0;

    /** MULTIPLE_SERVICES_SUPPORTED (1). */
    public static final int MULTIPLE_SERVICES_SUPPORTED = 1;

    private MultipleServicesIndicator()
    {
    }
}
