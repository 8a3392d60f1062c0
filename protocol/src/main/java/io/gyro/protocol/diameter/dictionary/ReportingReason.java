package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Reporting-Reason} AVP (code 872, vendor 10415), TS 32.299 §7.2.175.
 * <p>
 * An open enumeration: a value not listed here is kept and passed on, never rejected.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class ReportingReason
{
    /** AVP Code of {@code Reporting-Reason}. */
    public static final int AVP_CODE = AvpCode.REPORTING_REASON;

    /** Vendor-ID of {@code Reporting-Reason}. */
    public static final int VENDOR_ID = VendorId.TGPP;

    /** THRESHOLD (0). */
    public static final int THRESHOLD = 0;

    /** QHT (1). */
    public static final int QHT = 1;

    /** FINAL (2). */
    public static final int FINAL = 2;

    /** QUOTA_EXHAUSTED (3). */
    public static final int QUOTA_EXHAUSTED = 3;

    /** VALIDITY_TIME (4). */
    public static final int VALIDITY_TIME = 4;

    /** OTHER_QUOTA_TYPE (5). */
    public static final int OTHER_QUOTA_TYPE = 5;

    /** RATING_CONDITION_CHANGE (6). */
    public static final int RATING_CONDITION_CHANGE = 6;

    /** FORCED_REAUTHORISATION (7). */
    public static final int FORCED_REAUTHORISATION = 7;

    /** POOL_EXHAUSTED (8). */
    public static final int POOL_EXHAUSTED = 8;

    /** UNUSED_QUOTA_TIMER (9). */
    public static final int UNUSED_QUOTA_TIMER = 9;

    private ReportingReason()
    {
    }
}
