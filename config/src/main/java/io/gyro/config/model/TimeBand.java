package io.gyro.config.model;

/**
 * A time-of-day price inside one day of the tariff's time zone: usage in [from, to) costs {@code priceMinor}
 * per quantum instead of the tariff's price. A band never wraps midnight; write two bands instead.
 *
 * @param fromMinuteOfDay first minute of the band, 0..1439.
 * @param toMinuteOfDay   first minute after the band, 1..1440 (24:00).
 * @param priceMinor      price of one quantum inside the band.
 */
public record TimeBand(int fromMinuteOfDay, int toMinuteOfDay, long priceMinor)
{
}
