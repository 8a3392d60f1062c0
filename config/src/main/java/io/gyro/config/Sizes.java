package io.gyro.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in bytes: a whole number of bytes ({@code 1048576}) or a whole number with a binary (IEC 80000-13)
 * suffix, {@code B}, {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}. SI-looking suffixes ({@code MB},
 * {@code kB}) are refused because people use them for both 10^6 and 2^20.
 */
public final class Sizes
{
    /** Bytes per KiB. */
    public static final long KIB = 1L << 10;
    /** Bytes per MiB. */
    public static final long MIB = 1L << 20;
    /** Bytes per GiB. */
    public static final long GIB = 1L << 30;
    /** Bytes per TiB. */
    public static final long TIB = 1L << 40;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})(B|KiB|MiB|GiB|TiB)?");
    private static final Pattern SI_SIZE = Pattern.compile("\\d+\\s*([kKMGT]B?|[kKMGT]iB)");

    private Sizes()
    {
    }

    /**
     * @param text e.g. {@code 10MiB} or {@code 65536}.
     * @return the size in bytes.
     * @throws IllegalArgumentException if the text is not a size or overflows a long.
     */
    public static long parseBytes(final String text)
    {
        final String candidate = null == text ? "" : text;
        final Matcher matcher = SIZE.matcher(candidate);
        if (!matcher.matches())
        {
            if (SI_SIZE.matcher(candidate).matches())
            {
                throw new IllegalArgumentException(
                    "'" + text + "' is ambiguous: write bytes with KiB, MiB, GiB or TiB (powers of 1024)");
            }
            throw new IllegalArgumentException(
                "'" + text + "' is not a size (bytes, or a whole number with KiB, MiB, GiB or TiB, e.g. 10MiB)");
        }
        try
        {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unitBytes(matcher.group(2)));
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is too large a size", ex);
        }
    }

    /**
     * @param bytes a size, not negative.
     * @return the text in the largest binary unit that divides it exactly, e.g. 10485760 is {@code 10MiB}.
     */
    public static String format(final long bytes)
    {
        if (0 != bytes && 0 == bytes % TIB)
        {
            return bytes / TIB + "TiB";
        }
        if (0 != bytes && 0 == bytes % GIB)
        {
            return bytes / GIB + "GiB";
        }
        if (0 != bytes && 0 == bytes % MIB)
        {
            return bytes / MIB + "MiB";
        }
        if (0 != bytes && 0 == bytes % KIB)
        {
            return bytes / KIB + "KiB";
        }
        return Long.toString(bytes);
    }

    private static long unitBytes(final String unit)
    {
        if (null == unit)
        {
            return 1;
        }
        switch (unit)
        {
            case "KiB":
                return KIB;
            case "MiB":
                return MIB;
            case "GiB":
                return GIB;
            case "TiB":
                return TIB;
            default:
                return 1;
        }
    }
}
