package io.gyro.server.radius;

import io.gyro.config.model.RadiusVendor;
import io.gyro.ledger.UnitType;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusPacketEncoder;
import io.gyro.protocol.radius.RadiusVendorId;

/**
 * How a NAS family carries a granted quota (PROTOCOLS.md §3.7): time always as Session-Timeout (RFC 2865 §5.27),
 * volume in the vendor's attribute, in its unit, counting either the whole session or what remains.
 * <p>
 * Sources: attribute numbers from the bundled FreeRADIUS dictionaries. Semantics:
 * <ul>
 * <li>MikroTik Total-Limit (17) + Total-Limit-Gigawords (18): octets for the whole session, in and out together
 *     (MikroTik RouterOS RADIUS documentation) [unverified against a device];</li>
 * <li>Huawei Remanent-Volume (15): kilobytes remaining, 0 logs the user off, 0xFFFFFFFF means no limit (Huawei
 *     NE/ME BRAS attribute pages, PROTOCOLS.md §3.7) [unverified per model and firmware];</li>
 * <li>every other family (generic, and Cisco SSG strings, Juniper tagged service volumes, Starent, Nokia and
 *     Ericsson, whose volume semantics PROTOCOLS.md §6 leaves open) carries no volume attribute here: the server
 *     enforces volume quotas by Disconnect-Request when the ledger can grant no more.</li>
 * </ul>
 * A Session-Timeout sent in a CoA-Request counts the whole session, as in an Access-Accept (RFC 2865 §5.27
 * "maximum number of seconds of service ... before termination of the session") [unverified per NAS].
 */
public enum VendorProfile
{
    /** Standard attributes only: Session-Timeout for time quotas, no volume attribute. */
    GENERIC(VolumeAttribute.NONE),
    /** MikroTik Total-Limit (+ Gigawords), octets of the whole session. */
    MIKROTIK(VolumeAttribute.WHOLE_SESSION_OCTETS),
    /** Huawei Remanent-Volume, kilobytes remaining. */
    HUAWEI(VolumeAttribute.REMAINING_KILOBYTES);

    /** MikroTik-Total-Limit (dictionary.mikrotik). */
    static final int MIKROTIK_TOTAL_LIMIT = 17;
    /** MikroTik-Total-Limit-Gigawords (dictionary.mikrotik): the limit's high 32 bits. */
    static final int MIKROTIK_TOTAL_LIMIT_GIGAWORDS = 18;
    /** Huawei-Remanent-Volume (dictionary.huawei). */
    static final int HUAWEI_REMANENT_VOLUME = 15;
    /** Huawei-Remanent-Volume counts kilobytes (PROTOCOLS.md §3.7). */
    static final long HUAWEI_VOLUME_UNIT_OCTETS = 1024;
    /** Huawei-Remanent-Volume 0xFFFFFFFF means "no limit", so a real quota stays below it. */
    static final long HUAWEI_MAX_QUOTA_KILOBYTES = 0xFFFF_FFFEL;
    /** Session-Timeout is an unsigned 32-bit number of seconds (RFC 2865 §5.27). */
    static final long MAX_SESSION_TIMEOUT_SECONDS = 0xFFFF_FFFFL;

    private enum VolumeAttribute
    {
        NONE,
        WHOLE_SESSION_OCTETS,
        REMAINING_KILOBYTES
    }

    private final VolumeAttribute volume;

    VendorProfile(final VolumeAttribute volume)
    {
        this.volume = volume;
    }

    /**
     * @param vendor the configured NAS family.
     * @return how it carries quota.
     */
    public static VendorProfile of(final RadiusVendor vendor)
    {
        return switch (vendor)
        {
            case MIKROTIK -> MIKROTIK;
            case HUAWEI -> HUAWEI;
            default -> GENERIC;
        };
    }

    /** @return true when the NAS can be told a volume quota. */
    public boolean hasVolumeAttribute()
    {
        return VolumeAttribute.NONE != volume;
    }

    /**
     * @param unitType {@link UnitType} of the tariff the NAS is charged under.
     * @return true when a quota of that unit can be sent to the NAS (Access-Accept, CoA-Request).
     */
    public boolean canCarry(final int unitType)
    {
        return UnitType.SECONDS == unitType || (UnitType.OCTETS == unitType && hasVolumeAttribute());
    }

    /**
     * Append the quota attributes.
     *
     * @param encoder             the packet being written.
     * @param unitType            unit of the grant.
     * @param grantedUnits        units just granted.
     * @param sessionUsedUnits    units the session used so far (0 in an Access-Accept).
     */
    public void putQuota(
        final RadiusPacketEncoder encoder, final int unitType, final long grantedUnits, final long sessionUsedUnits)
    {
        if (UnitType.SECONDS == unitType)
        {
            final long total = Math.min(MAX_SESSION_TIMEOUT_SECONDS, saturatingAdd(sessionUsedUnits, grantedUnits));
            encoder.putInt(RadiusAttributeType.SESSION_TIMEOUT, (int)total);
            return;
        }
        if (UnitType.OCTETS != unitType)
        {
            return;
        }
        switch (volume)
        {
            case WHOLE_SESSION_OCTETS ->
            {
                final long total = saturatingAdd(sessionUsedUnits, grantedUnits);
                encoder.beginVendorSpecific(RadiusVendorId.MIKROTIK)
                    .putVendorInt(MIKROTIK_TOTAL_LIMIT, (int)total);
                if (total >>> 32 != 0)
                {
                    encoder.putVendorInt(MIKROTIK_TOTAL_LIMIT_GIGAWORDS, (int)Math.min(0xFFFF_FFFFL, total >>> 32));
                }
                encoder.endVendorSpecific();
            }
            case REMAINING_KILOBYTES ->
            {
                // Rounded down so the NAS never lets through more than was reserved; a grant under 1 KB still
                // counts 1, because 0 would log the user off at once.
                final long kilobytes = Math.min(HUAWEI_MAX_QUOTA_KILOBYTES,
                    Math.max(1, grantedUnits / HUAWEI_VOLUME_UNIT_OCTETS));
                encoder.putVendorInt(RadiusVendorId.HUAWEI, HUAWEI_REMANENT_VOLUME, (int)kilobytes);
            }
            default ->
            {
            }
        }
    }

    private static long saturatingAdd(final long a, final long b)
    {
        final long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
