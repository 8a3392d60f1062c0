package io.gyro.config.model;

/** The NAS family of a RADIUS client: decides which vendor attributes carry quota (PROTOCOLS.md §3.7). */
public enum RadiusVendor implements ConfigEnum
{
    /** Standard attributes only (Session-Timeout for time quota). */
    GENERIC("generic", 0),
    /** MikroTik (14988): Recv-/Xmit-/Total-Limit (+ Gigawords). */
    MIKROTIK("mikrotik", 14988),
    /** Cisco (9): SSG prepaid QT/QV strings. */
    CISCO("cisco", 9),
    /** Huawei (2011): Remanent-Volume. */
    HUAWEI("huawei", 2011),
    /** Juniper/Unisphere ERX (4874): Service-Volume, Service-Timeout. */
    JUNIPER("juniper", 4874),
    /** Starent / Cisco StarOS (8164): Prepaid-*-Octets, Prepaid-Timeout (2-octet type and length). */
    STARENT("starent", 8164),
    /** Nokia / Alcatel-Lucent SR (6527): Credit-Control-Quota. */
    NOKIA("nokia", 6527),
    /** Ericsson-AB, formerly Redback (2352): Class-Volume-limit. */
    ERICSSON("ericsson", 2352);

    private final String configName;

    private final long vendorId;

    RadiusVendor(final String configName, final long vendorId)
    {
        this.configName = configName;
        this.vendorId = vendorId;
    }

    /** @return the IANA private enterprise number used in Vendor-Specific (26) attributes; 0 for generic. */
    public long vendorId()
    {
        return vendorId;
    }

    @Override
    public String configName()
    {
        return configName;
    }

    @Override
    public String toString()
    {
        return configName;
    }
}
