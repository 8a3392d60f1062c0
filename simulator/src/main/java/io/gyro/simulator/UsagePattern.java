package io.gyro.simulator;

import java.util.SplittableRandom;

/**
 * How much of each grant a simulated subscriber uses before reporting ({@code --usage 0.5..1.0}): a fraction of
 * the last grant drawn uniformly from {@code [min, max]} in steps of 1/1000, from the run's seeded random source.
 * Usage never exceeds the grant (a PGW reports within its quota, RFC 4006 §5.1.2).
 */
public final class UsagePattern
{
    /** Resolution of the fraction: per mille is fine enough for a load pattern and keeps the arithmetic integral. */
    public static final int SCALE = 1000;

    private final int minPermille;
    private final int maxPermille;

    /**
     * @param minPermille lowest fraction of a grant used, in 1/1000.
     * @param maxPermille highest fraction, in 1/1000, at most 1000.
     */
    public UsagePattern(final int minPermille, final int maxPermille)
    {
        if (minPermille < 0 || maxPermille > SCALE || minPermille > maxPermille)
        {
            throw new IllegalArgumentException(
                "usage fractions must satisfy 0 <= min <= max <= 1: " + minPermille + ".." + maxPermille + " per mille");
        }
        this.minPermille = minPermille;
        this.maxPermille = maxPermille;
    }

    /**
     * @param text {@code 0.5..1.0} (a range), {@code 0.8} (a fixed fraction) or {@code full} (= 1.0).
     * @return the pattern.
     */
    public static UsagePattern parse(final String text)
    {
        final String trimmed = text.trim();
        if ("full".equalsIgnoreCase(trimmed))
        {
            return new UsagePattern(SCALE, SCALE);
        }
        final int dots = trimmed.indexOf("..");
        if (dots < 0)
        {
            final int fixed = permille(trimmed);
            return new UsagePattern(fixed, fixed);
        }
        return new UsagePattern(permille(trimmed.substring(0, dots)), permille(trimmed.substring(dots + 2)));
    }

    private static int permille(final String fraction)
    {
        try
        {
            return new java.math.BigDecimal(fraction.trim()).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP)
                .intValueExact();
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("usage fraction must be a number between 0 and 1: " + fraction, ex);
        }
    }

    /**
     * @param grantedUnits the last grant.
     * @param random       the caller's random source.
     * @return units used out of it, {@code 0 <= used <= grantedUnits}.
     */
    public long usedOf(final long grantedUnits, final SplittableRandom random)
    {
        if (grantedUnits <= 0)
        {
            return 0;
        }
        final int permille = minPermille == maxPermille ? minPermille : minPermille + random.nextInt(maxPermille - minPermille + 1);
        // grant x permille / 1000 without overflowing for grants near Long.MAX_VALUE.
        return grantedUnits / SCALE * permille + grantedUnits % SCALE * permille / SCALE;
    }

    /** @return lowest fraction in 1/1000. */
    public int minPermille()
    {
        return minPermille;
    }

    /** @return highest fraction in 1/1000. */
    public int maxPermille()
    {
        return maxPermille;
    }

    @Override
    public String toString()
    {
        return (minPermille / 1000.0) + ".." + (maxPermille / 1000.0);
    }
}
