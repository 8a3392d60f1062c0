package io.gyro.protocol.radius;

/**
 * Result of checking the Message-Authenticator (80) of a packet (RFC 3579 §3.2, RFC 5176 §3.4).
 * A bounded set with stable {@link #metricLabel()}s.
 */
public enum RadiusMessageAuthenticatorStatus
{
    /** The packet has no Message-Authenticator. Whether that is acceptable is the caller's policy (RFC 3579 §3.2
     *  requires it with EAP-Message; RFC 5997 with Status-Server). */
    ABSENT("absent"),
    /** Present once, 18 octets long, and the HMAC-MD5 matches. */
    VALID("valid"),
    /** Present but the HMAC-MD5 does not match: silently discard (RFC 3579 §3.2). */
    INVALID("invalid"),
    /** Present with a Length other than 18, present more than once, or the attribute chain is broken. */
    MALFORMED("malformed");

    private final String metricLabel;

    RadiusMessageAuthenticatorStatus(final String metricLabel)
    {
        this.metricLabel = metricLabel;
    }

    /**
     * Stable lowercase label for metrics and logs.
     *
     * @return e.g. {@code "invalid"}.
     */
    public String metricLabel()
    {
        return metricLabel;
    }
}
