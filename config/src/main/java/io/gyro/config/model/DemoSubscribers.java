package io.gyro.config.model;

/**
 * {@code count} generated subscribers: subscriber i (0-based) has MSISDN {@code msisdnStart + i} and
 * IMSI {@code imsiStart + i}.
 *
 * @param count        how many.
 * @param msisdnStart  MSISDN (E.164 digits) of the first.
 * @param imsiStart    IMSI (E.212 digits) of the first.
 * @param balanceMinor opening balance of each, in minor units.
 * @param password     RADIUS (PAP/CHAP) password of each; prints masked.
 */
public record DemoSubscribers(int count, long msisdnStart, long imsiStart, long balanceMinor, Secret password)
{
    /**
     * @param index 0..count-1.
     * @return the MSISDN of that subscriber.
     */
    public long msisdn(final int index)
    {
        return msisdnStart + checkIndex(index);
    }

    /**
     * @param index 0..count-1.
     * @return the IMSI of that subscriber.
     */
    public long imsi(final int index)
    {
        return imsiStart + checkIndex(index);
    }

    private int checkIndex(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("subscriber " + index + " of " + count);
        }
        return index;
    }
}
