package io.gyro.server.radius;

import io.gyro.protocol.radius.RadiusValidationResult;

/**
 * Why a received datagram was silently discarded (RFC 2865 §3, RFC 5080 §2.2.2, RFC 3579 §3.2). A closed set with
 * stable {@link #metricLabel()}s, so it can tag a bounded metric ({@code gyro_radius_drops_total{reason}}).
 */
public enum RadiusDropReason
{
    /** The source address belongs to no configured client (RFC 2865 §3). */
    UNKNOWN_CLIENT("unknown_client"),
    /** The datagram is longer than the 4096-octet maximum (RFC 2865 §3). */
    OVERSIZED("oversized"),
    /** Shorter than the header or than its Length. */
    TRUNCATED("truncated"),
    /** Length below 20. */
    LENGTH_TOO_SMALL("length_too_small"),
    /** Length above 4096. */
    LENGTH_OVER_MAX("length_over_max"),
    /** An attribute Length of 0 or 1. */
    ATTRIBUTE_LENGTH_INVALID("attribute_length_invalid"),
    /** An attribute runs past the packet's Length. */
    ATTRIBUTE_OVERRUN("attribute_overrun"),
    /** A Code no RADIUS layer knows. */
    UNKNOWN_CODE("unknown_code"),
    /** A known Code that this port does not serve (e.g. Accounting-Request on the authentication port). */
    WRONG_PORT("wrong_port"),
    /** The Accounting-Request authenticator does not verify (RFC 2866 §3, RFC 5080 §2.3.3). */
    BAD_AUTHENTICATOR("bad_authenticator"),
    /** The Message-Authenticator is wrong or malformed (RFC 3579 §3.2). */
    BAD_MESSAGE_AUTHENTICATOR("bad_message_authenticator"),
    /** No Message-Authenticator where the client's configuration, EAP or Status-Server requires one. */
    MISSING_MESSAGE_AUTHENTICATOR("missing_message_authenticator"),
    /** A retransmission of a request still being processed (RFC 5080 §2.2.2). */
    DUPLICATE_IN_PROGRESS("duplicate_in_progress"),
    /** The ledger ring is too full for the request's priority: no response, the NAS retries. */
    SHED("shed"),
    /** Every pending-request slot is in use: no response, the NAS retries. */
    PENDING_FULL("pending_full"),
    /** An Access-Request with so many Proxy-States that its response would pass 4096 octets (RFC 2865 §3). */
    RESPONSE_TOO_LARGE("response_too_large"),
    /** A Disconnect/CoA reply that matches no outstanding request, or has the wrong Code for it. */
    UNMATCHED_REPLY("unmatched_reply"),
    /** A Disconnect/CoA reply whose Response Authenticator or Message-Authenticator does not verify. */
    BAD_REPLY_AUTHENTICATOR("bad_reply_authenticator"),
    /** A Disconnect/CoA reply whose Event-Timestamp is not current (RFC 5176 §6.3). */
    STALE_REPLY("stale_reply");

    /** Number of reasons (size of per-reason counter arrays). */
    public static final int COUNT = values().length;

    private final String metricLabel;

    RadiusDropReason(final String metricLabel)
    {
        this.metricLabel = metricLabel;
    }

    /** @return stable lowercase label for metrics and logs. */
    public String metricLabel()
    {
        return metricLabel;
    }

    /**
     * @param result a validator outcome other than OK.
     * @return the matching drop reason.
     */
    public static RadiusDropReason of(final RadiusValidationResult result)
    {
        return switch (result)
        {
            case TRUNCATED, OK -> TRUNCATED;
            case LENGTH_TOO_SMALL -> LENGTH_TOO_SMALL;
            case LENGTH_OVER_MAX -> LENGTH_OVER_MAX;
            case ATTRIBUTE_LENGTH_INVALID -> ATTRIBUTE_LENGTH_INVALID;
            case ATTRIBUTE_OVERRUN -> ATTRIBUTE_OVERRUN;
            case UNKNOWN_CODE -> UNKNOWN_CODE;
        };
    }
}
