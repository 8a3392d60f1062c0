package io.gyro.simulator;

/**
 * What a tariff counts (RFC 4006 §8.17-8.19 unit AVPs): octets (CC-Total-Octets), seconds (CC-Time) or events
 * (CC-Service-Specific-Units).
 */
public enum UnitType
{
    /** CC-Total-Octets. */
    OCTETS,
    /** CC-Time. */
    SECONDS,
    /** CC-Service-Specific-Units. */
    EVENTS;

    /**
     * @param text {@code octets}, {@code seconds} or {@code events} (case-insensitive; {@code time}, {@code volume}
     *             and {@code units} are accepted as synonyms).
     * @return the unit.
     */
    public static UnitType parse(final String text)
    {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT))
        {
            case "octets", "volume", "bytes" -> OCTETS;
            case "seconds", "time" -> SECONDS;
            case "events", "units" -> EVENTS;
            default -> throw new IllegalArgumentException("unit must be octets, seconds or events: " + text);
        };
    }
}
