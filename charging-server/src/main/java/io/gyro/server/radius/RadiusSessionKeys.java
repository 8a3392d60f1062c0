package io.gyro.server.radius;

import io.gyro.ledger.LedgerLimits;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The ledger's session keys for RADIUS, kept apart from Diameter Session-Ids by a leading zero octet (a
 * Session-Id is UTF-8 text beginning with a DiameterIdentity, never with NUL):
 * <pre>
 * accounting session  | 0x00 | 'N' | NAS scope length (1) | NAS scope | Acct-Session-Id |
 * Access reservation  | 0x00 | 'R' | Class value                                      |
 * NAS scope           | client id (8) | source (5 or 17), only when the client is a network | NAS identity |
 * source              | 'S' | source address (4 or 16) |
 * NAS identity        | kind (1: 'I' NAS-Identifier, '4' NAS-IP-Address, '6' NAS-IPv6-Address, 'S' source) | value |
 * </pre>
 * RFC 2866 §5.5 makes Acct-Session-Id unique per NAS, so (NAS, Acct-Session-Id) names one session (PROTOCOLS.md
 * §3.4). The NAS is what the shared secret authenticated, not only what the request declares: RFC 2865 §3 chooses
 * the secret by source address and §5.4 forbids choosing it by NAS-IP-Address, and neither NAS-IP-Address (§5.4,
 * only "SHOULD be unique") nor NAS-Identifier (§5.32) is unique, so the declared identity alone would let two NASes
 * share sessions and let one end another's. The scope therefore starts with the configured client, and for a
 * client entry that is a network (several NASes behind one secret) with the source address, which is the only thing
 * that tells those NASes apart; within one source the declared identity still separates the NASes behind a proxy.
 * The scope also gives the origin key that Accounting-On/Off releases, so a NAS releases only its own sessions.
 * <p>
 * Keys of the first layout ({@code 'A'}: the declared identity alone) may still be in a journal written before;
 * they are recognised as RADIUS keys but never built again.
 */
public final class RadiusSessionKeys
{
    /** First octet of every RADIUS key. */
    static final byte NAMESPACE = 0;
    /** Second octet of an accounting session key. */
    static final byte ACCOUNTING = 'N';
    /** Second octet of an accounting session key of the first layout (declared NAS identity only). */
    static final byte LEGACY_ACCOUNTING = 'A';
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
    /**
     * Octets of a client id: the first 8 of SHA-256 over the client's configured name. 64 bits make an accidental
     * collision between two of a few thousand names about 2^-41 likely, and {@link NasClients} refuses a
     * configuration where one happens; a hash keeps the key short whatever the name's length (up to 255).
     */
    static final int CLIENT_ID_LENGTH = 8;
    /** The source part of a scope: kind octet plus an IPv6 address at most. */
    static final int MAX_SOURCE_LENGTH = 1 + 16;
    /** Largest NAS scope. */
    static final int MAX_NAS_SCOPE_LENGTH = CLIENT_ID_LENGTH + MAX_SOURCE_LENGTH + MAX_NAS_IDENTITY_LENGTH;
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
        return length >= 2 && NAMESPACE == key[0] &&
            (ACCOUNTING == key[1] || RESERVATION == key[1] || LEGACY_ACCOUNTING == key[1]);
    }

    /**
     * The stable id of a configured client, computed once at configuration load. Its name, not its position in
     * {@code radius.clients}, so that reordering the list or adding a client leaves every session key as it was.
     *
     * @param name the client's configured name (unique, ModelBuilder checks).
     * @return {@link #CLIENT_ID_LENGTH} octets.
     */
    static byte[] clientId(final String name)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, CLIENT_ID_LENGTH);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java platform has SHA-256", ex);
        }
    }

    /**
     * Write the NAS scope of a request.
     *
     * @param destination at least {@link #MAX_NAS_SCOPE_LENGTH} octets.
     * @param client      the configured client the source address matched.
     * @param source      the datagram's source address octets.
     * @param sourceLength 4 or 16.
     * @return where the NAS identity goes (the scope's length so far).
     */
    static int scope(final byte[] destination, final NasClient client, final byte[] source, final int sourceLength)
    {
        System.arraycopy(client.keyId(), 0, destination, 0, CLIENT_ID_LENGTH);
        if (!client.sharedNetwork())
        {
            return CLIENT_ID_LENGTH;
        }
        destination[CLIENT_ID_LENGTH] = SOURCE_ADDRESS;
        System.arraycopy(source, 0, destination, CLIENT_ID_LENGTH + 1, sourceLength);
        return CLIENT_ID_LENGTH + 1 + sourceLength;
    }

    /**
     * Write an accounting session key.
     *
     * @param destination         the key array (a ring slot's).
     * @param nasScope            client id, source when the client is a network, NAS identity.
     * @param nasScopeLength      its length.
     * @param packet              buffer holding the Acct-Session-Id.
     * @param acctSessionIdOffset absolute index of its value.
     * @param acctSessionIdLength its length.
     * @return the key length, or -1 when it would exceed {@link LedgerLimits#MAX_SESSION_KEY_LENGTH}.
     */
    static int accounting(
        final byte[] destination,
        final byte[] nasScope,
        final int nasScopeLength,
        final ByteBuf packet,
        final int acctSessionIdOffset,
        final int acctSessionIdLength)
    {
        final int length = ACCOUNTING_HEADER_LENGTH + nasScopeLength + acctSessionIdLength;
        if (length > LedgerLimits.MAX_SESSION_KEY_LENGTH || length > destination.length || nasScopeLength > 0xFF)
        {
            return -1;
        }
        destination[0] = NAMESPACE;
        destination[1] = ACCOUNTING;
        destination[2] = (byte)nasScopeLength;
        System.arraycopy(nasScope, 0, destination, ACCOUNTING_HEADER_LENGTH, nasScopeLength);
        packet.getBytes(acctSessionIdOffset, destination, ACCOUNTING_HEADER_LENGTH + nasScopeLength,
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
        if (length < ACCOUNTING_HEADER_LENGTH || NAMESPACE != key[0] ||
            (ACCOUNTING != key[1] && LEGACY_ACCOUNTING != key[1]))
        {
            return null;
        }
        final int start = ACCOUNTING_HEADER_LENGTH + (key[2] & 0xFF);
        return start > length ? null : Arrays.copyOfRange(key, start, length);
    }

    /**
     * The origin key of a NAS: FNV-1a over a RADIUS marker and the NAS scope, so it never equals the hash of
     * a Diameter Origin-Host (which starts from the plain offset basis).
     *
     * @param nasScope       client id, source when the client is a network, NAS identity.
     * @param nasScopeLength its length.
     * @return the key for RELEASE_ORIGIN_SESSIONS.
     */
    static long originKey(final byte[] nasScope, final int nasScopeLength)
    {
        long hash = 0xcbf2_9ce4_8422_2325L;
        hash ^= 'R';
        hash *= 0x0100_0000_01b3L;
        for (int i = 0; i < nasScopeLength; i++)
        {
            hash ^= nasScope[i] & 0xFF;
            hash *= 0x0100_0000_01b3L;
        }
        return hash;
    }
}
