package io.gyro.simulator;

/**
 * Writes decimal digits straight into byte arrays, so that Session-Ids, MSISDNs and IMSIs go on the wire without
 * building a String per request (STYLE.md: no String per request on the hot path).
 */
public final class AsciiDigits
{
    /** Digits of {@link Long#MAX_VALUE}. */
    public static final int MAX_LONG_DIGITS = 19;

    private AsciiDigits()
    {
    }

    /**
     * @param value not negative.
     * @return number of decimal digits.
     */
    public static int length(final long value)
    {
        int digits = 1;
        long rest = value;
        while (rest >= 10)
        {
            rest /= 10;
            digits++;
        }
        return digits;
    }

    /**
     * @param value       not negative.
     * @param destination array.
     * @param offset      first digit position.
     * @return digits written.
     */
    public static int write(final long value, final byte[] destination, final int offset)
    {
        final int digits = length(value);
        writePadded(value, destination, offset, digits);
        return digits;
    }

    /**
     * Write exactly {@code width} digits, zero-padded on the left (the value modulo 10^width).
     *
     * @param value       not negative.
     * @param destination array.
     * @param offset      first digit position.
     * @param width       digits to write.
     */
    public static void writePadded(final long value, final byte[] destination, final int offset, final int width)
    {
        long rest = value;
        for (int i = offset + width - 1; i >= offset; i--)
        {
            destination[i] = (byte)('0' + (int)(rest % 10));
            rest /= 10;
        }
    }

    /**
     * Parse the digits of {@code [from, to)}.
     *
     * @param source array.
     * @param from   first octet.
     * @param to     just past the last octet.
     * @return the value, or -1 when the range is empty, too long or holds a non-digit.
     */
    public static long parse(final byte[] source, final int from, final int to)
    {
        if (to <= from || to - from > MAX_LONG_DIGITS - 1)
        {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++)
        {
            final int digit = source[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
