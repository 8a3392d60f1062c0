package io.gyro.protocol.diameter.dictionary;

/**
 * Data format of an AVP's value: the basic formats of RFC 6733 §4.2, the derived formats of RFC 6733 §4.3
 * and QoSFilterRule of RFC 7155 §4.1.1.
 * <p>
 * The sizes below are data lengths (the AVP Length minus the 8- or 12-octet header, before padding), the
 * unit a decoder compares against to answer 5014 DIAMETER_INVALID_AVP_LENGTH (RFC 6733 §7.1.5).
 */
public enum AvpType
{
    /** Arbitrary octets (RFC 6733 §4.2). */
    OCTET_STRING("OctetString", -1, 0),
    /** 32-bit signed, network byte order (RFC 6733 §4.2). */
    INTEGER32("Integer32", 4, 4),
    /** 64-bit signed, network byte order (RFC 6733 §4.2). */
    INTEGER64("Integer64", 8, 8),
    /** 32-bit unsigned, network byte order (RFC 6733 §4.2); read into a {@code long}. */
    UNSIGNED32("Unsigned32", 4, 4),
    /** 64-bit unsigned, network byte order (RFC 6733 §4.2); a {@code long} treated as unsigned. */
    UNSIGNED64("Unsigned64", 8, 8),
    /** IEEE 754 single precision (RFC 6733 §4.2). */
    FLOAT32("Float32", 4, 4),
    /** IEEE 754 double precision (RFC 6733 §4.2). */
    FLOAT64("Float64", 8, 8),
    /** A sequence of AVPs, each padded to 4 octets (RFC 6733 §4.4); an empty group is well-formed. */
    GROUPED("Grouped", -1, 0),
    /**
     * 2-octet AddressType (IANA address family: 1 IPv4, 2 IPv6, ...) followed by the address
     * (RFC 6733 §4.3.1). The minimum is the AddressType plus one octet: families other than IPv4 and IPv6
     * (E.164, for instance) have other lengths, so the per-family length check (4 or 16 octets) belongs to
     * the decoder, not to this table.
     */
    ADDRESS("Address", -1, 3),
    /** Seconds since 1900-01-01 00:00 UTC as an unsigned 32-bit NTP timestamp (RFC 6733 §4.3.1). */
    TIME("Time", 4, 4),
    /** UTF-8 text (RFC 6733 §4.3.1). */
    UTF8_STRING("UTF8String", -1, 0),
    /** FQDN or realm as ASCII (RFC 6733 §4.3.1); the RFC tables abbreviate it to "DiamIdent". */
    DIAMETER_IDENTITY("DiameterIdentity", -1, 0),
    /** {@code aaa://host:port;transport=tcp;protocol=diameter} (RFC 6733 §4.3.1); abbreviated "DiamURI". */
    DIAMETER_URI("DiameterURI", -1, 0),
    /** Integer32 whose values are listed by the AVP's definition (RFC 6733 §4.3.1). */
    ENUMERATED("Enumerated", 4, 4),
    /** ASCII ipfw-style filter rule (RFC 6733 §4.3.1). */
    IP_FILTER_RULE("IPFilterRule", -1, 0),
    /** ASCII QoS filter rule (RFC 7155 §4.1.1). */
    QOS_FILTER_RULE("QoSFilterRule", -1, 0);

    private static final AvpType[] VALUES = values();

    private final String dictionaryName;
    private final int fixedDataLength;
    private final int minDataLength;

    AvpType(final String dictionaryName, final int fixedDataLength, final int minDataLength)
    {
        this.dictionaryName = dictionaryName;
        this.fixedDataLength = fixedDataLength;
        this.minDataLength = minDataLength;
    }

    /**
     * The exact data length of fixed-size types (RFC 6733 §4.2: 4 octets for Integer32, Unsigned32, Float32,
     * Enumerated and Time, 8 for Integer64, Unsigned64 and Float64).
     *
     * @return the only valid data length in octets, or -1 for variable-length types
     */
    public int fixedDataLength()
    {
        return fixedDataLength;
    }

    /**
     * The shortest data a value of this type can have; also the length of the zero-filled value placed in
     * Failed-AVP for a missing AVP (RFC 6733 §7.5).
     *
     * @return the minimum data length in octets (equal to {@link #fixedDataLength()} for fixed-size types)
     */
    public int minDataLength()
    {
        return minDataLength;
    }

    /**
     * Whether the value has one fixed length.
     *
     * @return true for the numeric types, Enumerated and Time
     */
    public boolean isFixedLength()
    {
        return fixedDataLength >= 0;
    }

    /**
     * The canonical name used in dictionary files and the RFC tables.
     *
     * @return for example "UTF8String" or "DiameterIdentity"
     */
    public String dictionaryName()
    {
        return dictionaryName;
    }

    /**
     * Maps a type name from a dictionary file. Accepts the canonical names and the abbreviations the RFC 6733
     * §4.5 table uses ("DiamIdent", "DiamURI"). Matching is exact: dictionary files are data we control,
     * and a misspelt type must fail the load rather than be guessed.
     *
     * @param name the value of a {@code <data type="...">} attribute
     * @return the type, or null when the name is not a Diameter data format
     */
    public static AvpType fromDictionaryName(final String name)
    {
        if (null == name)
        {
            return null;
        }
        if ("DiamIdent".equals(name))
        {
            return DIAMETER_IDENTITY;
        }
        if ("DiamURI".equals(name))
        {
            return DIAMETER_URI;
        }
        for (final AvpType type : VALUES)
        {
            if (type.dictionaryName.equals(name))
            {
                return type;
            }
        }
        return null;
    }
}
