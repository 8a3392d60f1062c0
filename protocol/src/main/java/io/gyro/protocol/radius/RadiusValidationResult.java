package io.gyro.protocol.radius;

/**
 * Outcome of {@link RadiusPacketValidator#validate(io.netty.buffer.ByteBuf, int, int)}. Every value other than
 * {@link #OK} means the packet is silently discarded (RFC 2865 §3). The set is closed and each value has a stable
 * lowercase {@link #metricLabel()}, so it can be used as a bounded metric tag
 * ({@code gyro_radius_dropped_total{reason="attribute_overrun"}}).
 */
public enum RadiusValidationResult
{
    /** Well formed. */
    OK("ok"),
    /** The buffer is shorter than the 20-octet header or than the packet's Length (RFC 2865 §3: silently drop). */
    TRUNCATED("truncated"),
    /** Length below the 20-octet minimum (RFC 2865 §3). */
    LENGTH_TOO_SMALL("length_too_small"),
    /** Length above the 4096-octet maximum (RFC 2865 §3). */
    LENGTH_OVER_MAX("length_over_max"),
    /** An attribute Length of 0 or 1 (RFC 2865 §5). */
    ATTRIBUTE_LENGTH_INVALID("attribute_length_invalid"),
    /** An attribute (or its Type/Length header) runs past the end given by the packet's Length. */
    ATTRIBUTE_OVERRUN("attribute_overrun"),
    /** A Code this server does not handle (RFC 2865 §3: silently discarded). */
    UNKNOWN_CODE("unknown_code");

    private final String metricLabel;

    RadiusValidationResult(final String metricLabel)
    {
        this.metricLabel = metricLabel;
    }

    /**
     * Stable lowercase label for metrics and logs.
     *
     * @return e.g. {@code "length_over_max"}.
     */
    public String metricLabel()
    {
        return metricLabel;
    }
}
