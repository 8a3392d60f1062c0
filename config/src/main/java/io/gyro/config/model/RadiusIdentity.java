package io.gyro.config.model;

/** A RADIUS attribute that can identify the subscriber in an Access- or Accounting-Request. */
public enum RadiusIdentity implements ConfigEnum
{
    /** User-Name (1), RFC 2865 §5.1. */
    USER_NAME("user-name"),
    /** Calling-Station-Id (31), RFC 2865 §5.31: usually the MSISDN on mobile gateways. */
    CALLING_STATION_ID("calling-station-id"),
    /** 3GPP-IMSI (vendor 10415, type 1), 3GPP TS 29.061 §16.4.7. */
    IMSI_3GPP("3gpp-imsi");

    private final String configName;

    RadiusIdentity(final String configName)
    {
        this.configName = configName;
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
