package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Subscription-Id-Type} AVP (code 450), RFC 4006 §8.47.
 * <p>
 * A strict enumeration: a value not listed here is 5004 DIAMETER_INVALID_AVP_VALUE.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class SubscriptionIdType
{
    /** AVP Code of {@code Subscription-Id-Type}. */
    public static final int AVP_CODE = AvpCode.SUBSCRIPTION_ID_TYPE;

    /** Vendor-ID of {@code Subscription-Id-Type}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** END_USER_E164 (0). */
    public static final int END_USER_E164 = 0;

    /** END_USER_IMSI (1). */
    public static final int END_USER_IMSI = 1;

    /** END_USER_SIP_URI (2). */
    public static final int END_USER_SIP_URI = 2;

    /** END_USER_NAI (3). */
    public static final int END_USER_NAI = 3;

    /** END_USER_PRIVATE (4). */
    public static final int END_USER_PRIVATE = 4;

    private SubscriptionIdType()
    {
    }
}
