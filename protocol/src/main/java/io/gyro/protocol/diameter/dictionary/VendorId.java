package io.gyro.protocol.diameter.dictionary;

/**
 * Vendor-ID values (IANA SMI Network Management Private Enterprise Codes) of the AVPs in the standard
 * dictionary files.
 */
public final class VendorId
{
    /** IETF AVPs: sent without the V bit and without a Vendor-ID field (RFC 6733 §4.1). */
    public static final int IETF = 0;

    /** 3GPP (TS 29.230; freeDiameter dict_dcca_3gpp.csv "@vendor,10415"). */
    public static final int TGPP = 10415;

    private VendorId()
    {
    }
}
