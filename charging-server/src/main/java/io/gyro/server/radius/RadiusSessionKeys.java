package io.gyro.server.radius;

import io.gyro.ledger.LedgerLimits;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * The ledger's session keys for RADIUS, kept apart from Diameter Session-Ids by a leading zero octet (a
 * Session-Id is UTF-8 text beginning with a DiameterIdentity, never with NUL):
 * <pre>
 * accounting session  | 0x00 | 'A' | NAS identity length (1) | NAS identity | Acct-Session-Id |
 * Access reservation  | 0x00 | 'R' | Class value                                            |
 * NAS identity        | kind (1: 'I' NAS-Identifier, '4' NAS-IP-Address, '6' NAS-IPv6-Address, 'S' source) | value |
 * </pre>
 * RFC 2866 §5.5 makes Acct-Session-Id unique per NAS, so (NAS identity, Acct-Session-Id) names one session
 * (PROTOCOLS.md §3.4). The NAS identity also gives the origin key that Accounting-On/Off releases.
 */
public final class RadiusSessionKeys
{
    /** First octet of every RADIUS key. */
    static final byte NAMESPACE = 0;
    /** Second octet of an accounting session key. */
    static final byte ACCOUNTING = 'A';
    /** Second octet of an Access-Accept reservation key. */
    static final byte RESERVATION = 'R';
    /** NAS identity from NAS-Identifier (32). */
    static final byte NAS_IDENTIFIER = 'I';
    /** NAS identity from NAS-IP-Address (4). */
    static final byte NAS_IP_ADDRESS = '4';
    /** NAS identity from NAS-IPv6-Address (95). */
    static final byte NAS_IPV6_ADDRESS = '6';
    /** NAS identity from the datagram's source address (a request with neither attribute, RFC 2866 §4.1 aside). */
    static final byte SOURCE_ADDRESS = 'S';
    /** Largest NAS identity: its kind octet plus an attribute value (RFC 2865 §5: 253 octets). */
    static final int MAX_NAS_IDENTITY_LENGTH = 1 + 253;
    private static final int ACCOUNTING_HEADER_LENGTH = 3;

    private RadiusSessionKeys()
    {
    }

    /**
     * @param key    a session key.
     * @param length its length.
     * @return true when it is a RADIUS key (accounting session or Access reservation).
     */
    public static boolean isRadius(final byte[] key, final int length)
    {
        return length >= 2 && NAMESPACE == key[0] && (ACCOUNTING == key[1] || RESERVATION == key[1]);
    }

    /**
     * Write an accounting session key.
     *
     * @param destination         the key array (a ring slot's).
     * @param nasIdentity         kind octet and value.
     * @param nasIdentityLength   its length.
     * @param packet              buffer holding the Acct-Session-Id.
     * @param acctSessionIdOffset absolute index of its value.
     * @param acctSessionIdLength its length.
     * @return the key length, or -1 when it would exceed {@link LedgerLimits#MAX_SESSION_KEY_LENGTH}.
     */
    static int accounting(
        final byte[] destination,
        final byte[] nasIdentity,
        final int nasIdentityLength,
        final ByteBuf packet,
        final int acctSessionIdOffset,
        final int acctSessionIdLength)
    {
        final int length = ACCOUNTING_HEADER_LENGTH + nasIdentityLength + acctSessionIdLength;
        if (length > LedgerLimits.MAX_SESSION_KEY_LENGTH || length > destination.length)
        {
            return -1;
        }
        destination[0] = NAMESPACE;
        destination[1] = ACCOUNTING;
        destination[2] = (byte)nasIdentityLength;
        System.arraycopy(nasIdentity, 0, destination, ACCOUNTING_HEADER_LENGTH, nasIdentityLength);
        packet.getBytes(acctSessionIdOffset, destination, ACCOUNTING_HEADER_LENGTH + nasIdentityLength,
            acctSessionIdLength);
        return length;
    }

    /**
     * Write an Access-Accept reservation key.
     *
     * @param destination the key array.
     * @param classValue  the Class value naming the reservation.
     * @param offset      first octet of the Class value.
     * @param length      its length.
     * @return the key length.
     */
    static int reservation(final byte[] destination, final byte[] classValue, final int offset, final int length)
    {
        destination[0] = NAMESPACE;
        destination[1] = RESERVATION;
        System.arraycopy(classValue, offset, destination, 2, length);
        return 2 + length;
    }

    /**
     * Write an Access-Accept reservation key from a Class attribute in a packet.
     *
     * @param destination the key array.
     * @param packet      the buffer holding the Class value.
     * @param offset      absolute index of the value.
     * @param length      its length.
     * @return the key length.
     */
    static int reservation(final byte[] destination, final ByteBuf packet, final int offset, final int length)
    {
        destination[0] = NAMESPACE;
        destination[1] = RESERVATION;
        packet.getBytes(offset, destination, 2, length);
        return 2 + length;
    }

    /**
     * @param key    a session key.
     * @param length its length.
     * @return the Acct-Session-Id of an accounting key, or null for any other key.
     */
    public static byte[] acctSessionId(final byte[] key, final int length)
    {
        if (length < ACCOUNTING_HEADER_LENGTH || NAMESPACE != key[0] || ACCOUNTING != key[1])
        {
            return null;
        }
        final int start = ACCOUNTING_HEADER_LENGTH + (key[2] & 0xFF);
        return start > length ? null : Arrays.copyOfRange(key, start, length);
    }

    /**
     * The origin key of a NAS: FNV-1a over a RADIUS marker and the NAS identity, so it never equals the hash of
     * a Diameter Origin-Host (which starts from the plain offset basis).
     *
     * @param nasIdentity       kind octet and value.
     * @param nasIdentityLength its length.
     * @return the key for RELEASE_ORIGIN_SESSIONS.
     */
    static long originKey(final byte[] nasIdentity, final int nasIdentityLength)
    {
        long hash = 0xcbf2_9ce4_8422_2325L;
        hash ^= 'R';
        hash *= 0x0100_0000_01b3L;
        for (int i = 0; i < nasIdentityLength; i++)
        {
            hash ^= nasIdentity[i] & 0xFF;
            hash *= 0x0100_0000_01b3L;
        }
        return hash;
    }
}
