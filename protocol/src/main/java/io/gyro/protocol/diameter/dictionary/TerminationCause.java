package io.gyro.protocol.diameter.dictionary;

/**
 * Values of the {@code Termination-Cause} AVP (code 295), RFC 6733 §8.15 (values: IANA registry, names as in RFC 3588 §8.15 via go-diameter base.xml).
 * <p>
 * An open enumeration: a value not listed here is kept and passed on, never rejected.
 * Mirrors the XML entry; {@code DictionaryConstantsTest} fails when the two disagree.
 */
public final class TerminationCause
{
    /** AVP Code of {@code Termination-Cause}. */
    public static final int AVP_CODE = AvpCode.TERMINATION_CAUSE;

    /** Vendor-ID of {@code Termination-Cause}. */
    public static final int VENDOR_ID = VendorId.IETF;

    /** DIAMETER_LOGOUT (1). */
    public static final int DIAMETER_LOGOUT = 1;

    /** DIAMETER_SERVICE_NOT_PROVIDED (2). */
    public static final int DIAMETER_SERVICE_NOT_PROVIDED = 2;

    /** DIAMETER_BAD_ANSWER (3). */
    public static final int DIAMETER_BAD_ANSWER = 3;

    /** DIAMETER_ADMINISTRATIVE (4). */
    public static final int DIAMETER_ADMINISTRATIVE = 4;

    /** DIAMETER_LINK_BROKEN (5). */
    public static final int DIAMETER_LINK_BROKEN = 5;

    /** DIAMETER_AUTH_EXPIRED (6). */
    public static final int DIAMETER_AUTH_EXPIRED = 6;

    /** DIAMETER_USER_MOVED (7). */
    public static final int DIAMETER_USER_MOVED = 7;

    /** DIAMETER_SESSION_TIMEOUT (8). */
    public static final int DIAMETER_SESSION_TIMEOUT = 8;

    private TerminationCause()
    {
    }
}
