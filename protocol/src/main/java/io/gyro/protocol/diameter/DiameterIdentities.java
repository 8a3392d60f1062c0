package io.gyro.protocol.diameter;

import io.netty.buffer.ByteBuf;

/**
 * Comparing DiameterIdentity values (RFC 6733 §4.3.1): FQDNs, so equal whatever the case of their letters, as DNS
 * names are (RFC 4343). Only the ASCII letters fold; every other octet must match exactly.
 */
public final class DiameterIdentities
{
    private static final int CASE_BIT = 0x20;

    private DiameterIdentities()
    {
    }

    /**
     * @param buffer holding an identity.
     * @param offset of its first octet.
     * @param length its length.
     * @param ascii  the identity to compare with, as octets.
     * @return true when both name the same host or realm.
     */
    public static boolean equalsIgnoreCase(final ByteBuf buffer, final int offset, final int length, final byte[] ascii)
    {
        if (length != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final int a = buffer.getByte(offset + i);
            final int b = ascii[i];
            if (a != b && (!isAsciiLetter(a) || (a | CASE_BIT) != (b | CASE_BIT)))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(final int octet)
    {
        final int lower = octet | CASE_BIT;
        return lower >= 'a' && lower <= 'z';
    }
}
