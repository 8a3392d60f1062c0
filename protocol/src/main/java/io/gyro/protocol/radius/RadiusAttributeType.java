package io.gyro.protocol.radius;

/**
 * Standard attribute Types used by the charging server and its tests. Numbers and names come from the
 * bundled FreeRADIUS dictionaries ({@code dictionary.rfc2865}, {@code .rfc2866}, {@code .rfc2869},
 * {@code .rfc3162}, {@code .rfc3576}, {@code .rfc4372}); the dictionary carries the full set.
 */
public final class RadiusAttributeType
{
    /** User-Name, RFC 2865 §5.1. */
    public static final int USER_NAME = 1;
    /** User-Password, hidden per RFC 2865 §5.2. */
    public static final int USER_PASSWORD = 2;
    /** CHAP-Password, RFC 2865 §5.3. */
    public static final int CHAP_PASSWORD = 3;
    /** NAS-IP-Address, RFC 2865 §5.4. */
    public static final int NAS_IP_ADDRESS = 4;
    /** NAS-Port, RFC 2865 §5.5. */
    public static final int NAS_PORT = 5;
    /** Service-Type, RFC 2865 §5.6. */
    public static final int SERVICE_TYPE = 6;
    /** Framed-Protocol, RFC 2865 §5.7. */
    public static final int FRAMED_PROTOCOL = 7;
    /** Framed-IP-Address, RFC 2865 §5.8. */
    public static final int FRAMED_IP_ADDRESS = 8;
    /** Filter-Id, RFC 2865 §5.11. */
    public static final int FILTER_ID = 11;
    /** Reply-Message, RFC 2865 §5.18. */
    public static final int REPLY_MESSAGE = 18;
    /** State, RFC 2865 §5.24. */
    public static final int STATE = 24;
    /** Class, RFC 2865 §5.25: echoed unchanged in accounting. */
    public static final int CLASS = 25;
    /** Vendor-Specific, RFC 2865 §5.26. */
    public static final int VENDOR_SPECIFIC = 26;
    /** Session-Timeout (seconds), RFC 2865 §5.27. */
    public static final int SESSION_TIMEOUT = 27;
    /** Idle-Timeout (seconds), RFC 2865 §5.28. */
    public static final int IDLE_TIMEOUT = 28;
    /** Termination-Action, RFC 2865 §5.29. */
    public static final int TERMINATION_ACTION = 29;
    /** Called-Station-Id, RFC 2865 §5.30. */
    public static final int CALLED_STATION_ID = 30;
    /** Calling-Station-Id, RFC 2865 §5.31. */
    public static final int CALLING_STATION_ID = 31;
    /** NAS-Identifier, RFC 2865 §5.32. */
    public static final int NAS_IDENTIFIER = 32;
    /** Proxy-State, RFC 2865 §5.33: servers copy every instance, in order, into the reply. */
    public static final int PROXY_STATE = 33;
    /** Acct-Status-Type, RFC 2866 §5.1. */
    public static final int ACCT_STATUS_TYPE = 40;
    /** Acct-Delay-Time (seconds), RFC 2866 §5.2. */
    public static final int ACCT_DELAY_TIME = 41;
    /** Acct-Input-Octets (low 32 bits), RFC 2866 §5.3. */
    public static final int ACCT_INPUT_OCTETS = 42;
    /** Acct-Output-Octets (low 32 bits), RFC 2866 §5.4. */
    public static final int ACCT_OUTPUT_OCTETS = 43;
    /** Acct-Session-Id, RFC 2866 §5.5. */
    public static final int ACCT_SESSION_ID = 44;
    /** Acct-Authentic, RFC 2866 §5.6. */
    public static final int ACCT_AUTHENTIC = 45;
    /** Acct-Session-Time (seconds), RFC 2866 §5.7. */
    public static final int ACCT_SESSION_TIME = 46;
    /** Acct-Input-Packets, RFC 2866 §5.8. */
    public static final int ACCT_INPUT_PACKETS = 47;
    /** Acct-Output-Packets, RFC 2866 §5.9. */
    public static final int ACCT_OUTPUT_PACKETS = 48;
    /** Acct-Terminate-Cause, RFC 2866 §5.10. */
    public static final int ACCT_TERMINATE_CAUSE = 49;
    /** Acct-Multi-Session-Id, RFC 2866 §5.11. */
    public static final int ACCT_MULTI_SESSION_ID = 50;
    /** Acct-Input-Gigawords: times Acct-Input-Octets wrapped 2^32, RFC 2869 §5.1. */
    public static final int ACCT_INPUT_GIGAWORDS = 52;
    /** Acct-Output-Gigawords: times Acct-Output-Octets wrapped 2^32, RFC 2869 §5.2. */
    public static final int ACCT_OUTPUT_GIGAWORDS = 53;
    /** Event-Timestamp (Unix seconds), RFC 2869 §5.3. */
    public static final int EVENT_TIMESTAMP = 55;
    /** CHAP-Challenge, RFC 2865 §5.40. */
    public static final int CHAP_CHALLENGE = 60;
    /** NAS-Port-Type, RFC 2865 §5.41. */
    public static final int NAS_PORT_TYPE = 61;
    /** EAP-Message, RFC 3579 §3.1. */
    public static final int EAP_MESSAGE = 79;
    /** Message-Authenticator (HMAC-MD5), RFC 3579 §3.2. */
    public static final int MESSAGE_AUTHENTICATOR = 80;
    /** Acct-Interim-Interval (seconds), RFC 2869 §5.16. */
    public static final int ACCT_INTERIM_INTERVAL = 85;
    /** NAS-Port-Id, RFC 2869 §5.17. */
    public static final int NAS_PORT_ID = 87;
    /** Chargeable-User-Identity, RFC 4372. */
    public static final int CHARGEABLE_USER_IDENTITY = 89;
    /** NAS-IPv6-Address, RFC 3162 §2.1. */
    public static final int NAS_IPV6_ADDRESS = 95;
    /** Error-Cause, RFC 5176 §3.5. */
    public static final int ERROR_CAUSE = 101;

    private RadiusAttributeType()
    {
    }
}
