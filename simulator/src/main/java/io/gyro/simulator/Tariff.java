package io.gyro.simulator;

import java.util.Locale;

/**
 * The simulator's copy of one server tariff, enough to predict what a session costs: rounding is cumulative per
 * session and rating group (ARCHITECTURE.md §3), so a session that reported {@code U} units in total costs
 * {@code ceil(U / quantum) x price}. For events the quantum is 1, so the cost is {@code count x price}.
 *
 * @param ratingGroup  Rating-Group the tariff prices.
 * @param unit         what it counts.
 * @param quantumUnits units per started quantum (1,048,576 octets for "per started MiB").
 * @param priceMinor   price of one quantum in minor units of the money scale (100 = 0.0100 at scale 4).
 */
public record Tariff(long ratingGroup, UnitType unit, long quantumUnits, long priceMinor)
{
    /** Validates the fields. */
    public Tariff
    {
        if (ratingGroup < 0 || ratingGroup > 0xFFFF_FFFFL)
        {
            throw new IllegalArgumentException("tariff rg must be an Unsigned32: " + ratingGroup);
        }
        if (quantumUnits <= 0)
        {
            throw new IllegalArgumentException("tariff quantum must be positive: " + quantumUnits);
        }
        if (priceMinor < 0)
        {
            throw new IllegalArgumentException("tariff price must not be negative: " + priceMinor);
        }
    }

    /**
     * Cost of a session's total usage on this rating group.
     *
     * @param totalUnits every unit the session reported (and the server accepted) on this rating group.
     * @return {@code ceil(totalUnits / quantum) x price} in minor units.
     */
    public long costMinor(final long totalUnits)
    {
        if (totalUnits <= 0)
        {
            return 0;
        }
        final long quanta = (totalUnits - 1) / quantumUnits + 1;
        return Math.multiplyExact(quanta, priceMinor);
    }

    /**
     * Parse {@code rg=10,unit=octets,quantum=1048576,price=100}.
     *
     * @param text the option value.
     * @return the tariff.
     */
    public static Tariff parse(final String text)
    {
        long ratingGroup = -1;
        UnitType unit = null;
        long quantum = -1;
        long price = -1;
        for (final String part : text.split(","))
        {
            final int equals = part.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalArgumentException("tariff field must be key=value: " + part);
            }
            final String key = part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            final String value = part.substring(equals + 1).trim();
            switch (key)
            {
                case "rg", "rating-group" -> ratingGroup = parseLong(key, value);
                case "unit" -> unit = UnitType.parse(value);
                case "quantum" -> quantum = parseLong(key, value);
                case "price" -> price = parseLong(key, value);
                default -> throw new IllegalArgumentException("unknown tariff field '" + key + "' in " + text);
            }
        }
        if (ratingGroup < 0 || null == unit || quantum < 0 || price < 0)
        {
            throw new IllegalArgumentException("tariff needs rg, unit, quantum and price: " + text);
        }
        return new Tariff(ratingGroup, unit, quantum, price);
    }

    private static long parseLong(final String key, final String value)
    {
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("tariff " + key + " must be an integer: " + value, ex);
        }
    }

    /** @return the option form, as {@link #parse(String)} reads it. */
    public String toOption()
    {
        return "rg=" + ratingGroup + ",unit=" + unit.name().toLowerCase(Locale.ROOT) + ",quantum=" + quantumUnits +
            ",price=" + priceMinor;
    }
}
