package io.gyro.simulator;

/**
 * The subscribers a run draws from ({@code --subscribers start:count}): MSISDN {@code msisdnStart + i} and IMSI
 * {@code imsiStart + i} for {@code i} in {@code [0, count)}, the layout of the bundled demo data.
 *
 * @param msisdnStart first MSISDN (E.164 digits as a number).
 * @param imsiStart   first IMSI.
 * @param count       number of subscribers.
 */
public record SubscriberRange(long msisdnStart, long imsiStart, int count)
{
    /** First demo MSISDN: 491700000000 (the bundled demo data). */
    public static final long DEMO_MSISDN_START = 491_700_000_000L;
    /** First demo IMSI: 262010000000000. */
    public static final long DEMO_IMSI_START = 262_010_000_000_000L;
    /** Number of demo subscribers. */
    public static final int DEMO_COUNT = 100_000;
    /** E.164 numbers have at most 15 digits (ITU-T E.164 §6), as do IMSIs (3GPP TS 23.003 §2.2). */
    public static final int MAX_DIGITS = 15;
    private static final long MAX_NUMBER = 999_999_999_999_999L;

    /** Validates the range. */
    public SubscriberRange
    {
        if (count <= 0)
        {
            throw new IllegalArgumentException("subscriber count must be positive: " + count);
        }
        if (msisdnStart <= 0 || msisdnStart + count - 1 > MAX_NUMBER)
        {
            throw new IllegalArgumentException("MSISDNs must be 1 to 15 digits: " + msisdnStart + " + " + count);
        }
        if (imsiStart <= 0 || imsiStart + count - 1 > MAX_NUMBER)
        {
            throw new IllegalArgumentException("IMSIs must be 1 to 15 digits: " + imsiStart + " + " + count);
        }
    }

    /** @return the 100,000 demo subscribers. */
    public static SubscriberRange demo()
    {
        return new SubscriberRange(DEMO_MSISDN_START, DEMO_IMSI_START, DEMO_COUNT);
    }

    /**
     * @param text      {@code start:count}, start being the first MSISDN.
     * @param imsiStart first IMSI.
     * @return the range.
     */
    public static SubscriberRange parse(final String text, final long imsiStart)
    {
        final int colon = text.indexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException("subscribers must be start:count: " + text);
        }
        try
        {
            return new SubscriberRange(Long.parseLong(text.substring(0, colon).trim()), imsiStart,
                Integer.parseInt(text.substring(colon + 1).trim()));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("subscribers must be start:count with integers: " + text, ex);
        }
    }

    /**
     * @param index in {@code [0, count)}.
     * @return the MSISDN.
     */
    public long msisdn(final int index)
    {
        return msisdnStart + index;
    }

    /**
     * @param index in {@code [0, count)}.
     * @return the IMSI.
     */
    public long imsi(final int index)
    {
        return imsiStart + index;
    }
}
