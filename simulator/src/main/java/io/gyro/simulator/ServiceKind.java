package io.gyro.simulator;

/**
 * The three kinds of charging a simulated PGW/BRAS mixes (issue 7): a data bearer (session charging on octets),
 * a voice call (session charging on seconds) and a one-shot event (RFC 4006 §6.3 direct debiting).
 */
public enum ServiceKind
{
    /** Session-based charging on volume; rating group 10 in the demo tariffs. */
    DATA("data", UnitType.OCTETS, 10),
    /** Session-based charging on time; rating group 20 in the demo tariffs. */
    VOICE("voice", UnitType.SECONDS, 20),
    /** Event-based charging, one EVENT request with Requested-Action DIRECT_DEBITING; rating group 30. */
    EVENT("event", UnitType.EVENTS, 30);

    private static final ServiceKind[] VALUES = values();

    private final String label;
    private final UnitType unit;
    private final long defaultRatingGroup;

    ServiceKind(final String label, final UnitType unit, final long defaultRatingGroup)
    {
        this.label = label;
        this.unit = unit;
        this.defaultRatingGroup = defaultRatingGroup;
    }

    /** @return the name used on the command line ({@code data}, {@code voice}, {@code event}). */
    public String label()
    {
        return label;
    }

    /** @return the unit this kind consumes. */
    public UnitType unit()
    {
        return unit;
    }

    /** @return the rating group of the bundled demo tariffs for this kind. */
    public long defaultRatingGroup()
    {
        return defaultRatingGroup;
    }

    /**
     * @param ordinal {@link #ordinal()}.
     * @return the kind, without the array copy of {@code values()}.
     */
    public static ServiceKind of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * @param label {@code data}, {@code voice} or {@code event} (case-insensitive).
     * @return the kind.
     */
    public static ServiceKind parse(final String label)
    {
        for (final ServiceKind kind : VALUES)
        {
            if (kind.label.equalsIgnoreCase(label.trim()))
            {
                return kind;
            }
        }
        throw new IllegalArgumentException("service kind must be data, voice or event: " + label);
    }
}
