package io.gyro.config.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation (RFC 4632 §3.1, RFC 4291 §2.3), e.g. {@code 127.0.0.0/8} or
 * {@code ::1/128}; a bare address means a single host ({@code /32} or {@code /128}).
 * <p>
 * Parsing never resolves a name: only address literals are accepted, so loading a configuration does
 * no DNS look-up. Host bits set below the prefix ({@code 10.0.0.1/8}) are refused rather than silently
 * masked, because that is nearly always a typo for a different network.
 */
public final class Cidr
{
    /** IPv4 address length in octets. */
    public static final int IPV4_LENGTH = 4;
    /** IPv6 address length in octets. */
    public static final int IPV6_LENGTH = 16;

    /** RFC 4291 §2.5.5.2: {@code ::ffff:0:0/96} carries an IPv4 address in its last four octets. */
    private static final int IPV4_MAPPED_PREFIX_OCTETS = 12;

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(final byte[] network, final int prefixLength, final String text)
    {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * @param text {@code address/prefix} or a bare address literal.
     * @return the network.
     * @throws IllegalArgumentException naming what is wrong with the text.
     */
    public static Cidr parse(final String text)
    {
        final String trimmed = text.trim();
        final int slash = trimmed.indexOf('/');
        final byte[] address = parseAddress(-1 == slash ? trimmed : trimmed.substring(0, slash)).getAddress();
        final int maxPrefix = address.length * 8;
        int prefix = maxPrefix;
        if (-1 != slash)
        {
            final String prefixText = trimmed.substring(slash + 1);
            if (!prefixText.matches("\\d{1,3}"))
            {
                throw new IllegalArgumentException("prefix length '" + prefixText + "' is not a number");
            }
            prefix = Integer.parseInt(prefixText);
            if (prefix > maxPrefix)
            {
                throw new IllegalArgumentException("prefix length " + prefix + " exceeds " + maxPrefix);
            }
        }
        for (int bit = prefix; bit < maxPrefix; bit++)
        {
            if (0 != (address[bit >>> 3] & (0x80 >>> (bit & 7))))
            {
                throw new IllegalArgumentException("host bits are set below the /" + prefix + " prefix");
            }
        }
        return new Cidr(address, prefix, -1 == slash ? trimmed + "/" + prefix : trimmed);
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal without any name look-up.
     *
     * @param text the literal; IPv6 zone ids and IPv4-mapped IPv6 forms are refused (write the IPv4 form).
     * @return the address.
     * @throws IllegalArgumentException if the text is not an address literal.
     */
    public static InetAddress parseAddress(final String text)
    {
        try
        {
            if (text.indexOf(':') < 0)
            {
                return InetAddress.getByAddress(parseIpv4(text));
            }
            // Only hex digits, ':' and '.' may reach getByName, which then parses a literal and never does DNS.
            if (!text.matches("[0-9A-Fa-f:.]+") || !(text.charAt(0) == ':' || Character.digit(text.charAt(0), 16) >= 0))
            {
                throw new IllegalArgumentException("not an IPv6 address literal");
            }
            final InetAddress address = InetAddress.getByName(text);
            if (!(address instanceof Inet6Address))
            {
                throw new IllegalArgumentException("IPv4-mapped IPv6 address: write the IPv4 form");
            }
            return address;
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("not an IP address literal", ex);
        }
    }

    private static byte[] parseIpv4(final String text)
    {
        final String[] parts = text.split("\\.", -1);
        if (IPV4_LENGTH != parts.length)
        {
            throw new IllegalArgumentException("not an IPv4 address (four dot-separated numbers)");
        }
        final byte[] address = new byte[IPV4_LENGTH];
        for (int i = 0; i < IPV4_LENGTH; i++)
        {
            // Leading zeros are refused: some tools read "010" as octal 8.
            if (!parts[i].matches("0|[1-9]\\d{0,2}") || Integer.parseInt(parts[i]) > 255)
            {
                throw new IllegalArgumentException("not an IPv4 address (each part 0..255, no leading zeros)");
            }
            address[i] = (byte)Integer.parseInt(parts[i]);
        }
        return address;
    }

    /** @return whether this is an IPv6 network. */
    public boolean isIpv6()
    {
        return IPV6_LENGTH == network.length;
    }

    /** @return the prefix length in bits. */
    public int prefixLength()
    {
        return prefixLength;
    }

    /** @return the network address (a copy). */
    public byte[] networkAddress()
    {
        return network.clone();
    }

    /**
     * @param address a peer's address.
     * @return whether the address lies in this network; an IPv4-mapped IPv6 address matches as IPv4.
     */
    public boolean contains(final InetAddress address)
    {
        final byte[] bytes = address.getAddress();
        return contains(bytes, 0, bytes.length);
    }

    /**
     * Allocation-free membership test for callers that hold the raw address octets.
     *
     * @param address buffer holding the address.
     * @param offset  where the address starts.
     * @param length  4 (IPv4) or 16 (IPv6) octets.
     * @return whether the address lies in this network; an IPv4-mapped IPv6 address matches as IPv4.
     */
    public boolean contains(final byte[] address, final int offset, final int length)
    {
        int start = offset;
        if (IPV6_LENGTH == length && !isIpv6())
        {
            if (!isIpv4Mapped(address, offset))
            {
                return false;
            }
            start = offset + IPV4_MAPPED_PREFIX_OCTETS;
        }
        else if (length != network.length)
        {
            return false;
        }
        return matchesPrefix(address, start, prefixLength);
    }

    /**
     * @param other another network.
     * @return whether the two networks share at least one address.
     */
    public boolean overlaps(final Cidr other)
    {
        if (isIpv6() != other.isIpv6())
        {
            return false;
        }
        return matchesPrefix(other.network, 0, Math.min(prefixLength, other.prefixLength));
    }

    private boolean matchesPrefix(final byte[] address, final int start, final int bits)
    {
        final int fullBytes = bits >>> 3;
        for (int i = 0; i < fullBytes; i++)
        {
            if (network[i] != address[start + i])
            {
                return false;
            }
        }
        final int remainingBits = bits & 7;
        if (0 == remainingBits)
        {
            return true;
        }
        final int mask = (0xFF00 >>> remainingBits) & 0xFF;
        return (network[fullBytes] & mask) == (address[start + fullBytes] & mask);
    }

    private static boolean isIpv4Mapped(final byte[] address, final int offset)
    {
        for (int i = 0; i < 10; i++)
        {
            if (0 != address[offset + i])
            {
                return false;
            }
        }
        return (byte)0xFF == address[offset + 10] && (byte)0xFF == address[offset + 11];
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Cidr && prefixLength == ((Cidr)other).prefixLength &&
            Arrays.equals(network, ((Cidr)other).network);
    }

    @Override
    public int hashCode()
    {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /** @return the network as written in the configuration, with the prefix length always shown. */
    @Override
    public String toString()
    {
        return text;
    }
}
