package io.gyro.protocol.diameter.dictionary;

/**
 * Result-Code values (RFC 6733 §7.1, RFC 4006 §9) as an open enum: any Unsigned32 is a valid Result-Code,
 * these are the ones with names. Constants drop the RFC's "DIAMETER_" prefix; {@link #name(int)} returns the
 * full RFC name. Mirrors the {@code <result-code>} entries of the XML; {@code DictionaryConstantsTest} fails
 * when the two disagree.
 * <p>
 * Class is the thousands digit (RFC 6733 §7.1): 1xxx informational, 2xxx success, 3xxx protocol error (sent
 * only with the 'E' bit), 4xxx transient failure, 5xxx permanent failure. An unrecognized class MUST be
 * handled as a permanent failure.
 */
public final class ResultCode
{
    /** Thousands of one Result-Code class (RFC 6733 §7.1: "identified by the thousands digit"). */
    private static final long CLASS_WIDTH = 1000L;

    /** DIAMETER_MULTI_ROUND_AUTH, RFC 6733 §7.1.1. */
    public static final int MULTI_ROUND_AUTH = 1001;
    /** DIAMETER_SUCCESS, RFC 6733 §7.1.2. */
    public static final int SUCCESS = 2001;
    /** DIAMETER_LIMITED_SUCCESS, RFC 6733 §7.1.2 (e.g. an RAA when a CCR-U will follow). */
    public static final int LIMITED_SUCCESS = 2002;
    /** DIAMETER_COMMAND_UNSUPPORTED, RFC 6733 §7.1.3. */
    public static final int COMMAND_UNSUPPORTED = 3001;
    /** DIAMETER_UNABLE_TO_DELIVER, RFC 6733 §7.1.3. */
    public static final int UNABLE_TO_DELIVER = 3002;
    /** DIAMETER_REALM_NOT_SERVED, RFC 6733 §7.1.3. */
    public static final int REALM_NOT_SERVED = 3003;
    /** DIAMETER_TOO_BUSY, RFC 6733 §7.1.3 (only when a specific server was requested). */
    public static final int TOO_BUSY = 3004;
    /** DIAMETER_LOOP_DETECTED, RFC 6733 §7.1.3. */
    public static final int LOOP_DETECTED = 3005;
    /** DIAMETER_REDIRECT_INDICATION, RFC 6733 §7.1.3. */
    public static final int REDIRECT_INDICATION = 3006;
    /** DIAMETER_APPLICATION_UNSUPPORTED, RFC 6733 §7.1.3. */
    public static final int APPLICATION_UNSUPPORTED = 3007;
    /** DIAMETER_INVALID_HDR_BITS, RFC 6733 §7.1.3. */
    public static final int INVALID_HDR_BITS = 3008;
    /** DIAMETER_INVALID_AVP_BITS, RFC 6733 §7.1.3. */
    public static final int INVALID_AVP_BITS = 3009;
    /** DIAMETER_UNKNOWN_PEER, RFC 6733 §7.1.3. */
    public static final int UNKNOWN_PEER = 3010;
    /** DIAMETER_AUTHENTICATION_REJECTED, RFC 6733 §7.1.4. */
    public static final int AUTHENTICATION_REJECTED = 4001;
    /** DIAMETER_OUT_OF_SPACE, RFC 6733 §7.1.4. */
    public static final int OUT_OF_SPACE = 4002;
    /** ELECTION_LOST (no DIAMETER_ prefix in the RFC), RFC 6733 §7.1.4. */
    public static final int ELECTION_LOST = 4003;
    /** DIAMETER_END_USER_SERVICE_DENIED, RFC 4006 §9.1; used units are still debited. */
    public static final int END_USER_SERVICE_DENIED = 4010;
    /** DIAMETER_CREDIT_CONTROL_NOT_APPLICABLE, RFC 4006 §9.1. */
    public static final int CREDIT_CONTROL_NOT_APPLICABLE = 4011;
    /** DIAMETER_CREDIT_LIMIT_REACHED, RFC 4006 §9.1; used units are still debited. */
    public static final int CREDIT_LIMIT_REACHED = 4012;
    /** DIAMETER_AVP_UNSUPPORTED, RFC 6733 §7.1.5 (Failed-AVP MUST be present). */
    public static final int AVP_UNSUPPORTED = 5001;
    /** DIAMETER_UNKNOWN_SESSION_ID, RFC 6733 §7.1.5. */
    public static final int UNKNOWN_SESSION_ID = 5002;
    /** DIAMETER_AUTHORIZATION_REJECTED, RFC 6733 §7.1.5. */
    public static final int AUTHORIZATION_REJECTED = 5003;
    /** DIAMETER_INVALID_AVP_VALUE, RFC 6733 §7.1.5 (Failed-AVP MUST be present). */
    public static final int INVALID_AVP_VALUE = 5004;
    /** DIAMETER_MISSING_AVP, RFC 6733 §7.1.5 (Failed-AVP SHOULD be present). */
    public static final int MISSING_AVP = 5005;
    /** DIAMETER_RESOURCES_EXCEEDED, RFC 6733 §7.1.5. */
    public static final int RESOURCES_EXCEEDED = 5006;
    /** DIAMETER_CONTRADICTING_AVPS, RFC 6733 §7.1.5. */
    public static final int CONTRADICTING_AVPS = 5007;
    /** DIAMETER_AVP_NOT_ALLOWED, RFC 6733 §7.1.5. */
    public static final int AVP_NOT_ALLOWED = 5008;
    /** DIAMETER_AVP_OCCURS_TOO_MANY_TIMES, RFC 6733 §7.1.5. */
    public static final int AVP_OCCURS_TOO_MANY_TIMES = 5009;
    /** DIAMETER_NO_COMMON_APPLICATION, RFC 6733 §7.1.5. */
    public static final int NO_COMMON_APPLICATION = 5010;
    /** DIAMETER_UNSUPPORTED_VERSION, RFC 6733 §7.1.5. */
    public static final int UNSUPPORTED_VERSION = 5011;
    /** DIAMETER_UNABLE_TO_COMPLY, RFC 6733 §7.1.5. */
    public static final int UNABLE_TO_COMPLY = 5012;
    /** DIAMETER_INVALID_BIT_IN_HEADER, RFC 6733 §7.1.5. */
    public static final int INVALID_BIT_IN_HEADER = 5013;
    /** DIAMETER_INVALID_AVP_LENGTH, RFC 6733 §7.1.5. */
    public static final int INVALID_AVP_LENGTH = 5014;
    /** DIAMETER_INVALID_MESSAGE_LENGTH, RFC 6733 §7.1.5. */
    public static final int INVALID_MESSAGE_LENGTH = 5015;
    /** DIAMETER_INVALID_AVP_BIT_COMBO, RFC 6733 §7.1.5. */
    public static final int INVALID_AVP_BIT_COMBO = 5016;
    /** DIAMETER_NO_COMMON_SECURITY, RFC 6733 §7.1.5. */
    public static final int NO_COMMON_SECURITY = 5017;
    /** DIAMETER_USER_UNKNOWN, RFC 4006 §9.2. */
    public static final int USER_UNKNOWN = 5030;
    /** DIAMETER_RATING_FAILED, RFC 4006 §9.2 (Failed-AVP MUST be present). */
    public static final int RATING_FAILED = 5031;

    private ResultCode()
    {
    }

    /**
     * The RFC name of a Result-Code. Allocation-free for named codes; builds a String only for unknown ones,
     * which are rare and logged.
     *
     * @param code the Result-Code value (an unsigned 32-bit value held in an int)
     * @return e.g. "DIAMETER_SUCCESS", or "UNKNOWN_&lt;n&gt;" with n unsigned decimal for codes without a name
     */
    public static String name(final int code)
    {
        switch (code)
        {
            case MULTI_ROUND_AUTH: return "DIAMETER_MULTI_ROUND_AUTH";
            case SUCCESS: return "DIAMETER_SUCCESS";
            case LIMITED_SUCCESS: return "DIAMETER_LIMITED_SUCCESS";
            case COMMAND_UNSUPPORTED: return "DIAMETER_COMMAND_UNSUPPORTED";
            case UNABLE_TO_DELIVER: return "DIAMETER_UNABLE_TO_DELIVER";
            case REALM_NOT_SERVED: return "DIAMETER_REALM_NOT_SERVED";
            case TOO_BUSY: return "DIAMETER_TOO_BUSY";
            case LOOP_DETECTED: return "DIAMETER_LOOP_DETECTED";
            case REDIRECT_INDICATION: return "DIAMETER_REDIRECT_INDICATION";
            case APPLICATION_UNSUPPORTED: return "DIAMETER_APPLICATION_UNSUPPORTED";
            case INVALID_HDR_BITS: return "DIAMETER_INVALID_HDR_BITS";
            case INVALID_AVP_BITS: return "DIAMETER_INVALID_AVP_BITS";
            case UNKNOWN_PEER: return "DIAMETER_UNKNOWN_PEER";
            case AUTHENTICATION_REJECTED: return "DIAMETER_AUTHENTICATION_REJECTED";
            case OUT_OF_SPACE: return "DIAMETER_OUT_OF_SPACE";
            case ELECTION_LOST: return "ELECTION_LOST";
            case END_USER_SERVICE_DENIED: return "DIAMETER_END_USER_SERVICE_DENIED";
            case CREDIT_CONTROL_NOT_APPLICABLE: return "DIAMETER_CREDIT_CONTROL_NOT_APPLICABLE";
            case CREDIT_LIMIT_REACHED: return "DIAMETER_CREDIT_LIMIT_REACHED";
            case AVP_UNSUPPORTED: return "DIAMETER_AVP_UNSUPPORTED";
            case UNKNOWN_SESSION_ID: return "DIAMETER_UNKNOWN_SESSION_ID";
            case AUTHORIZATION_REJECTED: return "DIAMETER_AUTHORIZATION_REJECTED";
            case INVALID_AVP_VALUE: return "DIAMETER_INVALID_AVP_VALUE";
            case MISSING_AVP: return "DIAMETER_MISSING_AVP";
            case RESOURCES_EXCEEDED: return "DIAMETER_RESOURCES_EXCEEDED";
            case CONTRADICTING_AVPS: return "DIAMETER_CONTRADICTING_AVPS";
            case AVP_NOT_ALLOWED: return "DIAMETER_AVP_NOT_ALLOWED";
            case AVP_OCCURS_TOO_MANY_TIMES: return "DIAMETER_AVP_OCCURS_TOO_MANY_TIMES";
            case NO_COMMON_APPLICATION: return "DIAMETER_NO_COMMON_APPLICATION";
            case UNSUPPORTED_VERSION: return "DIAMETER_UNSUPPORTED_VERSION";
            case UNABLE_TO_COMPLY: return "DIAMETER_UNABLE_TO_COMPLY";
            case INVALID_BIT_IN_HEADER: return "DIAMETER_INVALID_BIT_IN_HEADER";
            case INVALID_AVP_LENGTH: return "DIAMETER_INVALID_AVP_LENGTH";
            case INVALID_MESSAGE_LENGTH: return "DIAMETER_INVALID_MESSAGE_LENGTH";
            case INVALID_AVP_BIT_COMBO: return "DIAMETER_INVALID_AVP_BIT_COMBO";
            case NO_COMMON_SECURITY: return "DIAMETER_NO_COMMON_SECURITY";
            case USER_UNKNOWN: return "DIAMETER_USER_UNKNOWN";
            case RATING_FAILED: return "DIAMETER_RATING_FAILED";
            default: return "UNKNOWN_" + Integer.toUnsignedString(code);
        }
    }

    /**
     * @param code a Result-Code value
     * @return true for 1xxx (RFC 6733 §7.1.1)
     */
    public static boolean isInformational(final int code)
    {
        return 1 == resultClass(code);
    }

    /**
     * @param code a Result-Code value
     * @return true for 2xxx (RFC 6733 §7.1.2)
     */
    public static boolean isSuccess(final int code)
    {
        return 2 == resultClass(code);
    }

    /**
     * @param code a Result-Code value
     * @return true for 3xxx, which travel only in answers with the 'E' bit (RFC 6733 §7.1.3)
     */
    public static boolean isProtocolError(final int code)
    {
        return 3 == resultClass(code);
    }

    /**
     * @param code a Result-Code value
     * @return true for 4xxx (RFC 6733 §7.1.4)
     */
    public static boolean isTransientFailure(final int code)
    {
        return 4 == resultClass(code);
    }

    /**
     * @param code a Result-Code value
     * @return true for 5xxx and for any class RFC 6733 §7.1 does not define, which "MUST be handled as a
     * permanent failure"
     */
    public static boolean isPermanentFailure(final int code)
    {
        final long resultClass = resultClass(code);
        return resultClass < 1 || resultClass > 4;
    }

    private static long resultClass(final int code)
    {
        return Integer.toUnsignedLong(code) / CLASS_WIDTH;
    }
}
