package io.gyro.ledger;

/** Unit types of tariffs and buckets. The server converts CC-Total-Octets, CC-Time, CC-Service-Specific-Units. */
public final class UnitType
{
    /** Octets (CC-Total-Octets, RFC 4006 section 8.14). */
    public static final int OCTETS = 1;
    /** Seconds (CC-Time, RFC 4006 section 8.21). */
    public static final int SECONDS = 2;
    /** Events (CC-Service-Specific-Units, RFC 4006 section 8.26). */
    public static final int EVENTS = 3;

    private UnitType()
    {
    }

    /**
     * Whether the value is a known unit type.
     *
     * @param unitType candidate.
     * @return true when known.
     */
    public static boolean isValid(final int unitType)
    {
        return unitType >= OCTETS && unitType <= EVENTS;
    }

    /**
     * Name for logs and the journal dump.
     *
     * @param unitType unit type.
     * @return the name.
     */
    public static String name(final int unitType)
    {
        switch (unitType)
        {
            case OCTETS: return "octets";
            case SECONDS: return "seconds";
            case EVENTS: return "events";
            default: return "unit_" + unitType;
        }
    }
}
