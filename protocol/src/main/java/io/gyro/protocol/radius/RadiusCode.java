package io.gyro.protocol.radius;

/**
 * RADIUS packet Codes this server understands (RFC 2865 §3, RFC 2866 §3, RFC 5176 §2.3, RFC 5997).
 * Any other Code is "silently discarded" (RFC 2865 §3), which {@link RadiusPacketValidator} reports as
 * {@link RadiusValidationResult#UNKNOWN_CODE}.
 */
public final class RadiusCode
{
    /** Access-Request, RFC 2865 §4.1. */
    public static final int ACCESS_REQUEST = 1;
    /** Access-Accept, RFC 2865 §4.2. */
    public static final int ACCESS_ACCEPT = 2;
    /** Access-Reject, RFC 2865 §4.3. */
    public static final int ACCESS_REJECT = 3;
    /** Accounting-Request, RFC 2866 §4.1. */
    public static final int ACCOUNTING_REQUEST = 4;
    /** Accounting-Response, RFC 2866 §4.2. */
    public static final int ACCOUNTING_RESPONSE = 5;
    /** Access-Challenge, RFC 2865 §4.4. */
    public static final int ACCESS_CHALLENGE = 11;
    /** Status-Server (experimental in RFC 2865 §3, specified by RFC 5997). */
    public static final int STATUS_SERVER = 12;
    /** Status-Client (experimental, RFC 2865 §3). */
    public static final int STATUS_CLIENT = 13;
    /** Disconnect-Request, RFC 5176 §2.3. */
    public static final int DISCONNECT_REQUEST = 40;
    /** Disconnect-ACK, RFC 5176 §2.3. */
    public static final int DISCONNECT_ACK = 41;
    /** Disconnect-NAK, RFC 5176 §2.3. */
    public static final int DISCONNECT_NAK = 42;
    /** CoA-Request, RFC 5176 §2.3. */
    public static final int COA_REQUEST = 43;
    /** CoA-ACK, RFC 5176 §2.3. */
    public static final int COA_ACK = 44;
    /** CoA-NAK, RFC 5176 §2.3. */
    public static final int COA_NAK = 45;

    private RadiusCode()
    {
    }

    /**
     * Whether the Code is one of the constants above.
     *
     * @param code packet Code (0-255).
     * @return true when the packet is one this layer understands.
     */
    public static boolean isKnown(final int code)
    {
        return null != name(code);
    }

    /**
     * The name used by RFCs and FreeRADIUS, e.g. {@code "Accounting-Request"}. Constant strings: no allocation.
     *
     * @param code packet Code.
     * @return the name, or {@code null} for an unknown Code.
     */
    public static String name(final int code)
    {
        switch (code)
        {
            case ACCESS_REQUEST: return "Access-Request";
            case ACCESS_ACCEPT: return "Access-Accept";
            case ACCESS_REJECT: return "Access-Reject";
            case ACCOUNTING_REQUEST: return "Accounting-Request";
            case ACCOUNTING_RESPONSE: return "Accounting-Response";
            case ACCESS_CHALLENGE: return "Access-Challenge";
            case STATUS_SERVER: return "Status-Server";
            case STATUS_CLIENT: return "Status-Client";
            case DISCONNECT_REQUEST: return "Disconnect-Request";
            case DISCONNECT_ACK: return "Disconnect-ACK";
            case DISCONNECT_NAK: return "Disconnect-NAK";
            case COA_REQUEST: return "CoA-Request";
            case COA_ACK: return "CoA-ACK";
            case COA_NAK: return "CoA-NAK";
            default: return null;
        }
    }

    /**
     * Whether the packet is a reply, whose authenticator is the Response Authenticator computed over the
     * request's authenticator (RFC 2865 §3, RFC 2866 §3, RFC 5176 §2.3).
     *
     * @param code packet Code.
     * @return true for Access-Accept/Reject/Challenge, Accounting-Response and the CoA/Disconnect ACK/NAK.
     */
    public static boolean isResponse(final int code)
    {
        switch (code)
        {
            case ACCESS_ACCEPT:
            case ACCESS_REJECT:
            case ACCESS_CHALLENGE:
            case ACCOUNTING_RESPONSE:
            case DISCONNECT_ACK:
            case DISCONNECT_NAK:
            case COA_ACK:
            case COA_NAK:
                return true;
            default:
                return false;
        }
    }

    /**
     * Whether the Request Authenticator is computed as {@code MD5(Code|Id|Length|16 zero octets|Attributes|secret)}
     * rather than chosen at random: Accounting-Request (RFC 2866 §3), CoA-Request and Disconnect-Request
     * (RFC 5176 §2.3). For these the Message-Authenticator is also computed over a zeroed authenticator field.
     *
     * @param code packet Code.
     * @return true for Accounting-Request, CoA-Request and Disconnect-Request.
     */
    public static boolean hasComputedRequestAuthenticator(final int code)
    {
        return ACCOUNTING_REQUEST == code || COA_REQUEST == code || DISCONNECT_REQUEST == code;
    }

    /**
     * Whether the packet is a request whose authenticator is a random nonce (Access-Request, Status-Server,
     * Status-Client; RFC 2865 §3, RFC 5997 §3).
     *
     * @param code packet Code.
     * @return true for requests carrying a random Request Authenticator.
     */
    public static boolean hasRandomRequestAuthenticator(final int code)
    {
        return ACCESS_REQUEST == code || STATUS_SERVER == code || STATUS_CLIENT == code;
    }
}
