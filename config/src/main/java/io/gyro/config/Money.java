package io.gyro.config;

import java.util.regex.Pattern;

/**
 * Exact conversion between decimal money text ({@code "100.00"}, {@code "0.0100"}, {@code "-5"}) and
 * {@code long} minor units at a fixed scale: at scale 4, {@code "0.0100"} is 100 minor units.
 * <p>
 * Never goes through {@code double} and never rounds: more decimal places than the scale, or an amount
 * that does not fit in a {@code long}, is an error.
 */
public final class Money
{
    /**
     * Largest supported scale: at 9 decimal places a {@code long} still holds about 9.2 billion major units,
     * far above any single balance; a larger scale would squeeze that range for no real-world currency
     * (ISO 4217 minor units go up to 4).
     */
    public static final int MAX_SCALE = 9;

    /**
     * Largest amount a configuration or an operator gives, in minor units: 2^53 - 1, the largest integer every JSON
     * reader holds exactly (an IEEE double), 900 billion currency units at scale 4. It is the ledger's
     * {@code LedgerLimits.MAX_AMOUNT_MINOR} (the two modules do not see each other; a server test checks they agree),
     * which keeps balances and their sums far from a {@code long}'s 2^63.
     */
    public static final long MAX_AMOUNT_MINOR = (1L << 53) - 1;

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private static final long[] POWERS_OF_TEN = new long[MAX_SCALE + 1];

    static
    {
        long power = 1;
        for (int i = 0; i <= MAX_SCALE; i++)
        {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private Money()
    {
    }

    /**
     * @param text  an optional {@code -}, digits, and optionally {@code .} followed by at most
     *              {@code scale} digits; no exponent, no grouping separators, no spaces, no {@code +}.
     * @param scale decimal places of the minor unit, 0..{@link #MAX_SCALE}.
     * @return the amount in minor units.
     * @throws IllegalArgumentException saying what is wrong with the text.
     */
    public static long parse(final String text, final int scale)
    {
        checkScale(scale);
        if (null == text || text.isEmpty())
        {
            throw new IllegalArgumentException("an amount must not be empty");
        }
        if (!DECIMAL.matcher(text).matches())
        {
            throw new IllegalArgumentException(
                "'" + text + "' is not a decimal amount (digits with an optional '.' and fraction, " +
                "optionally a leading '-'; no exponent, spaces or separators)");
        }
        final boolean negative = text.charAt(0) == '-';
        final int start = negative ? 1 : 0;
        final int dot = text.indexOf('.');
        final int decimals = -1 == dot ? 0 : text.length() - dot - 1;
        if (decimals > scale)
        {
            throw new IllegalArgumentException(
                "'" + text + "' has " + decimals + " decimal places; at most " + scale + " are allowed " +
                "(amounts are never rounded)");
        }

        // Accumulate negatively: the negative range of a long is one larger, so Long.MIN_VALUE parses too.
        long minor = 0;
        try
        {
            for (int i = start; i < text.length(); i++)
            {
                if (i == dot)
                {
                    continue;
                }
                final char c = text.charAt(i);
                minor = Math.subtractExact(Math.multiplyExact(minor, 10), c - '0');
            }
            minor = Math.multiplyExact(minor, POWERS_OF_TEN[scale - decimals]);
            return negative ? minor : Math.negateExact(minor);
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException(
                "'" + text + "' is too large: at " + scale + " decimal places amounts must lie within " +
                format(Long.MIN_VALUE, scale) + ".." + format(Long.MAX_VALUE, scale), ex);
        }
    }

    /**
     * @param minor an amount in minor units.
     * @param scale decimal places of the minor unit, 0..{@link #MAX_SCALE}.
     * @return the amount with exactly {@code scale} decimal places, e.g. 100 at scale 4 is {@code "0.0100"}.
     */
    public static String format(final long minor, final int scale)
    {
        checkScale(scale);
        if (0 == scale)
        {
            return Long.toString(minor);
        }
        final long factor = POWERS_OF_TEN[scale];
        // Both quotient and remainder carry the sign; their absolute values cannot overflow for scale >= 1.
        final long major = Math.abs(minor / factor);
        final String fraction = Long.toString(Math.abs(minor % factor));
        final StringBuilder builder = new StringBuilder(24);
        if (minor < 0)
        {
            builder.append('-');
        }
        builder.append(major).append('.');
        for (int i = fraction.length(); i < scale; i++)
        {
            builder.append('0');
        }
        return builder.append(fraction).toString();
    }

    private static void checkScale(final int scale)
    {
        if (scale < 0 || scale > MAX_SCALE)
        {
            throw new IllegalArgumentException("money scale outside allowed range (0-" + MAX_SCALE + "): " + scale);
        }
    }
}
