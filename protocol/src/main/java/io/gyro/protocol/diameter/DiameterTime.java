package io.gyro.protocol.diameter;

/**
 * Conversions for the Diameter Time type (RFC 6733 §4.3.1): the 32-bit seconds field of an NTP timestamp,
 * counted from 1900-01-01 00:00 UTC.
 * <p>
 * The field wraps on 2036-02-07 06:28:16 UTC. Following RFC 2030 §3 (the SNTP extension RFC 6733 requires),
 * a value with the most significant bit set is in 1968-2036 and one with it clear is in 2036-2104.
 */
public final class DiameterTime
{
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    public static final long NTP_TO_UNIX_OFFSET_SECONDS = 2_208_988_800L;
    /** The second count at which the 32-bit field wraps (2036-02-07T06:28:16Z). */
    public static final long NTP_ERA_SECONDS = 1L << 32;

    private DiameterTime()
    {
    }

    /**
     * @param ntpSeconds the Time AVP's four octets as an unsigned value.
     * @return seconds since the Unix epoch.
     */
    public static long toUnixSeconds(final long ntpSeconds)
    {
        final long seconds = ntpSeconds & 0xFFFF_FFFFL;
        final long era = (seconds & 0x8000_0000L) != 0 ? 0 : NTP_ERA_SECONDS;
        return seconds + era - NTP_TO_UNIX_OFFSET_SECONDS;
    }

    /**
     * @param unixSeconds seconds since the Unix epoch, between 1968-01-20 and 2104-02-26.
     * @return the four octets of the Time AVP as an unsigned value.
     */
    public static long fromUnixSeconds(final long unixSeconds)
    {
        return (unixSeconds + NTP_TO_UNIX_OFFSET_SECONDS) & 0xFFFF_FFFFL;
    }
}
