package io.gyro.config.model;

/** What a tariff counts (RFC 4006 §8.32 CC-Unit-Type). */
public enum UnitType implements ConfigEnum
{
    /** Bytes in both directions: CC-Total-Octets, CC-Unit-Type TOTAL-OCTETS (2). */
    OCTETS("octets", 2),
    /** Seconds: CC-Time, CC-Unit-Type TIME (0). */
    SECONDS("seconds", 0),
    /** Events such as messages: CC-Service-Specific-Units, CC-Unit-Type SERVICE-SPECIFIC-UNITS (5). */
    EVENTS("events", 5);

    private final String configName;

    private final int ccUnitType;

    UnitType(final String configName, final int ccUnitType)
    {
        this.configName = configName;
        this.ccUnitType = ccUnitType;
    }

    /** @return the CC-Unit-Type (AVP 454) value that corresponds. */
    public int ccUnitType()
    {
        return ccUnitType;
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
