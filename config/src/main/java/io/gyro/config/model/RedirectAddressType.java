package io.gyro.config.model;

/** Redirect-Address-Type (AVP 433, RFC 4006 §8.38). */
public enum RedirectAddressType implements ConfigEnum
{
    /** IPv4 address (0). */
    IPV4("ipv4", 0),
    /** IPv6 address (1). */
    IPV6("ipv6", 1),
    /** URL (2), RFC 3986. */
    URL("url", 2),
    /** SIP URI (3), RFC 3261. */
    SIP_URI("sip-uri", 3);

    private final String configName;

    private final int avpValue;

    RedirectAddressType(final String configName, final int avpValue)
    {
        this.configName = configName;
        this.avpValue = avpValue;
    }

    /** @return the Enumerated value of AVP 433. */
    public int avpValue()
    {
        return avpValue;
    }

    @Override
    public String configName()
    {
        return configName;
    }

    @Override
    public String toString()
    {
        return configName;
    }
}
