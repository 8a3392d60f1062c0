package io.gyro.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in the configuration: a whole number and one unit, {@code 250ms}, {@code 30s},
 * {@code 10m}, {@code 1h}, {@code 1d}. A bare number is refused because it would be ambiguous.
 */
public final class Durations
{
    /** Milliseconds per second. */
    public static final long MS_PER_SECOND = 1_000;
    /** Milliseconds per minute. */
    public static final long MS_PER_MINUTE = 60 * MS_PER_SECOND;
    /** Milliseconds per hour. */
    public static final long MS_PER_HOUR = 60 * MS_PER_MINUTE;
    /** Milliseconds per day (24 h: durations are elapsed time, not calendar time). */
    public static final long MS_PER_DAY = 24 * MS_PER_HOUR;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,19})(ms|s|m|h|d)");

    private Durations()
    {
    }

    /**
     * @param text e.g. {@code 600s}.
     * @return the duration in milliseconds.
     * @throws IllegalArgumentException if the text is not a duration or overflows a long.
     */
    public static long parseMillis(final String text)
    {
        final Matcher matcher = DURATION.matcher(null == text ? "" : text);
        if (!matcher.matches())
        {
            throw new IllegalArgumentException(
                "'" + text + "' is not a duration (a whole number with ms, s, m, h or d, e.g. 30s)");
        }
        try
        {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unitMillis(matcher.group(2)));
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", ex);
        }
    }

    /**
     * @param text e.g. {@code 600s} or {@code 10m}.
     * @return the duration in whole seconds.
     * @throws IllegalArgumentException if the text is not a duration or is not a whole number of seconds.
     */
    public static long parseWholeSeconds(final String text)
    {
        final long ms = parseMillis(text);
        if (0 != ms % MS_PER_SECOND)
        {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of seconds");
        }
        return ms / MS_PER_SECOND;
    }

    /**
     * @param ms a duration in milliseconds, not negative.
     * @return the shortest exact text in the largest unit that divides it, e.g. 600000 is {@code 10m}.
     */
    public static String format(final long ms)
    {
        if (0 == ms)
        {
            return "0s";
        }
        if (0 == ms % MS_PER_DAY)
        {
            return ms / MS_PER_DAY + "d";
        }
        if (0 == ms % MS_PER_HOUR)
        {
            return ms / MS_PER_HOUR + "h";
        }
        if (0 == ms % MS_PER_MINUTE)
        {
            return ms / MS_PER_MINUTE + "m";
        }
        if (0 == ms % MS_PER_SECOND)
        {
            return ms / MS_PER_SECOND + "s";
        }
        return ms + "ms";
    }

    private static long unitMillis(final String unit)
    {
        switch (unit)
        {
            case "ms":
                return 1;
            case "s":
                return MS_PER_SECOND;
            case "m":
                return MS_PER_MINUTE;
            case "h":
                return MS_PER_HOUR;
            default:
                return MS_PER_DAY;
        }
    }
}
