package io.gyro.simulator;

import java.time.Duration;
import java.util.Locale;

/** Parses the duration options: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
public final class Durations
{
    private Durations()
    {
    }

    /**
     * @param option name for the error message.
     * @param text   the value.
     * @return the duration, not negative.
     */
    public static Duration parse(final String option, final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        try
        {
            final Duration duration;
            if (value.endsWith("ms"))
            {
                duration = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            else if (value.endsWith("us"))
            {
                duration = Duration.ofNanos(Long.parseLong(value.substring(0, value.length() - 2)) * 1000);
            }
            else if (value.endsWith("s"))
            {
                duration = Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            else if (value.endsWith("m"))
            {
                duration = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
            }
            else if (value.endsWith("h"))
            {
                duration = Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            else
            {
                duration = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
            }
            if (duration.isNegative())
            {
                throw new IllegalArgumentException(option + " must not be negative: " + text);
            }
            return duration;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(option + " must be a duration such as 500ms, 30s, 2m or 1h: " + text, ex);
        }
    }

    /**
     * @param duration to print.
     * @return the shortest of the forms {@link #parse} reads.
     */
    public static String format(final Duration duration)
    {
        final long millis = duration.toMillis();
        if (millis % 1000 != 0)
        {
            return millis + "ms";
        }
        return (millis / 1000) + "s";
    }
}
