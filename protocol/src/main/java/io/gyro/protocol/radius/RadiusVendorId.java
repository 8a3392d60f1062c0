package io.gyro.protocol.radius;

/**
 * IANA enterprise numbers of the vendors whose Vendor-Specific attributes the bundled dictionaries
 * describe (FreeRADIUS {@code share/dictionary.*}, see the header of each file).
 */
public final class RadiusVendorId
{
    /** Cisco. */
    public static final int CISCO = 9;
    /** Huawei. */
    public static final int HUAWEI = 2011;
    /** Ericsson AB (formerly Redback). */
    public static final int ERICSSON_AB = 2352;
    /** Juniper Networks (JUNOS). */
    public static final int JUNIPER = 2636;
    /** Juniper ERX / Unisphere (JUNOSe, broadband). */
    public static final int JUNIPER_ERX = 4874;
    /** 3GPP2. */
    public static final int THREE_GPP2 = 5535;
    /** Nokia (formerly Alcatel-Lucent) Service Router. */
    public static final int NOKIA_SR = 6527;
    /** Starent / Cisco StarOS: 2-octet sub-attribute type and length. */
    public static final int STARENT = 8164;
    /** 3GPP (TS 29.061). */
    public static final int THREE_GPP = 10415;
    /** MikroTik. */
    public static final int MIKROTIK = 14988;
    /** WiMAX Forum: 1-octet type and length plus a continuation octet. */
    public static final int WIMAX = 24757;

    private RadiusVendorId()
    {
    }
}
