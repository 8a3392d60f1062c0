package io.gyro.protocol.radius;

import java.util.Locale;

/**
 * Attribute data types of FreeRADIUS dictionaries (RFC 2865 §5, RFC 8044 for the newer names, and the WiMAX
 * Forum additions documented in FreeRADIUS {@code dictionary.wimax}). Used to render values; the wire codec
 * itself is type-agnostic.
 */
public enum RadiusDataType
{
    /** UTF-8 text (RFC 2865 "text", RFC 8044 §3.4). */
    STRING,
    /** Opaque octets (RFC 2865 "string", RFC 8044 §3.5). */
    OCTETS,
    /** Unsigned 32-bit integer (RFC 8044 §3.1). */
    INTEGER,
    /** IPv4 address, 4 octets (RFC 8044 §3.8). */
    IPADDR,
    /** Seconds since 1970-01-01 UTC, 4 octets (RFC 8044 §3.3). */
    DATE,
    /** IPv6 address, 16 octets (RFC 8044 §3.9). */
    IPV6ADDR,
    /** Reserved octet, prefix length, up to 16 prefix octets (RFC 8044 §3.10). */
    IPV6PREFIX,
    /** IPv6 interface id, 8 octets (RFC 8044 §3.7). */
    IFID,
    /** Unsigned 8-bit integer. */
    BYTE,
    /** Unsigned 16-bit integer. */
    SHORT,
    /** Signed 32-bit integer. */
    SIGNED,
    /** Unsigned 64-bit integer (RFC 8044 §3.2). */
    INTEGER64,
    /** Nested type-length-value sub-attributes (RFC 8044 §3.13). */
    TLV,
    /** The Vendor-Specific container (attribute 26, RFC 8044 §3.14). */
    VSA,
    /** Ethernet MAC address, 6 octets. */
    ETHER,
    /** IPv4 (4 octets) or IPv6 (16 octets) depending on the length (WiMAX). */
    COMBO_IP;

    /**
     * Parses a FreeRADIUS type keyword (case-insensitive), without any {@code [size]} suffix.
     *
     * @param keyword e.g. {@code "integer"}, {@code "combo-ip"}.
     * @return the type.
     * @throws IllegalArgumentException for a type this loader does not support.
     */
    public static RadiusDataType parse(final String keyword)
    {
        switch (keyword.toLowerCase(Locale.ROOT))
        {
            case "string": return STRING;
            case "octets": return OCTETS;
            case "integer": return INTEGER;
            case "ipaddr": return IPADDR;
            case "date": return DATE;
            case "ipv6addr": return IPV6ADDR;
            case "ipv6prefix": return IPV6PREFIX;
            case "ifid": return IFID;
            case "byte": return BYTE;
            case "short": return SHORT;
            case "signed": return SIGNED;
            case "integer64": return INTEGER64;
            case "tlv": return TLV;
            case "vsa": return VSA;
            case "ether": return ETHER;
            case "combo-ip": return COMBO_IP;
            default: throw new IllegalArgumentException("unsupported dictionary data type: " + keyword);
        }
    }

    /**
     * Whether values of this type are numbers that VALUE names may describe.
     *
     * @return true for integer, byte, short, signed and integer64.
     */
    public boolean isInteger()
    {
        return this == INTEGER || this == BYTE || this == SHORT || this == SIGNED || this == INTEGER64;
    }
}
