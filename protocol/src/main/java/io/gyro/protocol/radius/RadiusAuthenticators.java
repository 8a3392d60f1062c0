package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Every MD5-based RADIUS computation, with one reused {@link MessageDigest} and preallocated scratch arrays so
 * that signing and verifying allocate nothing per packet. Not thread safe: keep one instance per thread
 * (event loop).
 * <table>
 * <caption>What is computed where</caption>
 * <tr><th>Packet</th><th>Authenticator field</th></tr>
 * <tr><td>Access-Request, Status-Server</td><td>16 random octets chosen by the sender (RFC 2865 §3)</td></tr>
 * <tr><td>Accounting-Request, CoA-Request, Disconnect-Request</td>
 *     <td>MD5(Code|Id|Length|16 zero octets|Attributes|secret) (RFC 2866 §3, RFC 5176 §2.3)</td></tr>
 * <tr><td>every reply</td><td>MD5(Code|Id|Length|Request Authenticator|Attributes|secret) (RFC 2865 §3)</td></tr>
 * </table>
 * Message-Authenticator (80) is HMAC-MD5(secret, packet with the attribute's value zeroed) computed over
 * (RFC 3579 §3.2, RFC 5176 §3.4):
 * <ul>
 * <li>Access-Request / Status-Server: the packet with its own Request Authenticator;</li>
 * <li>replies: the packet with the <em>request's</em> authenticator in the field, before the Response
 *     Authenticator is computed;</li>
 * <li>Accounting-, CoA- and Disconnect-Request: the packet with a zeroed authenticator field, before the
 *     Request Authenticator is computed.</li>
 * </ul>
 * HMAC-MD5 is RFC 2104 over the same {@link MessageDigest}, with the key pads kept in {@link RadiusSecret},
 * which avoids {@code Mac.init} copying the key for every packet. Authenticator comparisons are constant time.
 * Methods that read a packet never throw on bad input: they return false (or a status) when the packet's Length
 * is not 20..4096 or extends past the buffer's {@code writerIndex}. Direct buffers are digested through their
 * {@code internalNioBuffer}, so a buffer must not be read by two threads at once while it is being verified (the
 * usual Netty rule for a buffer owned by one event loop).
 */
public final class RadiusAuthenticators
{
    /** {@link #findMessageAuthenticator(ByteBuf, int)}: the packet has no Message-Authenticator. */
    public static final int NOT_FOUND = -1;
    /** {@link #findMessageAuthenticator(ByteBuf, int)}: duplicated, wrong length or broken attribute chain. */
    public static final int MALFORMED = -2;
    /** {@link #unhideUserPassword(ByteBuf, int, RadiusSecret, byte[], int)}: no User-Password attribute. */
    public static final int PASSWORD_ABSENT = -1;
    /** User-Password value not a multiple of 16 octets in 16..128, or the output array too small. */
    public static final int PASSWORD_MALFORMED = -2;

    private static final int MD5_LENGTH = 16;
    private static final byte[] ZEROS = new byte[RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];

    private final MessageDigest md5;
    private final byte[] digest = new byte[MD5_LENGTH];
    private final byte[] innerDigest = new byte[MD5_LENGTH];
    private final byte[] ownAuthenticator = new byte[RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];
    private final byte[] passwordScratch = new byte[RadiusPacketDescriptor.MAX_USER_PASSWORD_LENGTH];
    private final byte[] copyScratch = new byte[RadiusPacketDescriptor.MAX_PACKET_LENGTH];

    /**
     * Creates the per-thread state.
     *
     * @throws IllegalStateException if the platform lacks MD5 (every Java SE platform must provide it).
     */
    public RadiusAuthenticators()
    {
        try
        {
            md5 = MessageDigest.getInstance("MD5");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("MD5 is required of every Java platform", ex);
        }
    }

    // ------------------------------------------------------------------ Request / Response Authenticator

    /**
     * Checks the computed Request Authenticator of an Accounting-, CoA- or Disconnect-Request
     * (RFC 2866 §3, RFC 5176 §2.3). Per RFC 5080 §2.3.3 a failing packet is silently discarded.
     *
     * @param packet buffer holding the request.
     * @param offset absolute index of its Code octet.
     * @param secret the client's shared secret.
     * @return true when the authenticator matches.
     */
    public boolean verifyRequestAuthenticator(final ByteBuf packet, final int offset, final RadiusSecret secret)
    {
        final int length = RadiusBytes.checkedPacketLength(packet, offset);
        if (length < 0)
        {
            return false;
        }
        packetDigest(packet, offset, length, ZEROS, 0, secret);
        return RadiusBytes.constantTimeEquals(
            packet, offset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, digest, 0, MD5_LENGTH);
    }

    /**
     * Computes and writes the Request Authenticator of an Accounting-, CoA- or Disconnect-Request in place.
     * Any Message-Authenticator must already be filled in ({@link #signRequest} does both in order).
     *
     * @param packet buffer holding the complete request (Length set).
     * @param offset absolute index of its Code octet.
     * @param secret the shared secret.
     * @return false when the packet's Length is illegal or past the buffer's written bytes.
     */
    public boolean writeRequestAuthenticator(final ByteBuf packet, final int offset, final RadiusSecret secret)
    {
        final int length = RadiusBytes.checkedPacketLength(packet, offset);
        if (length < 0)
        {
            return false;
        }
        packetDigest(packet, offset, length, ZEROS, 0, secret);
        packet.setBytes(offset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, digest, 0, MD5_LENGTH);
        return true;
    }

    /**
     * Checks the Response Authenticator of a reply (RFC 2865 §3, RFC 2866 §3, RFC 5176 §2.3).
     *
     * @param response                   buffer holding the reply.
     * @param offset                     absolute index of its Code octet.
     * @param requestAuthenticator       the authenticator of the request being answered.
     * @param requestAuthenticatorOffset first of its 16 octets.
     * @param secret                     the shared secret.
     * @return true when the authenticator matches.
     */
    public boolean verifyResponseAuthenticator(
        final ByteBuf response,
        final int offset,
        final byte[] requestAuthenticator,
        final int requestAuthenticatorOffset,
        final RadiusSecret secret)
    {
        final int length = RadiusBytes.checkedPacketLength(response, offset);
        if (length < 0)
        {
            return false;
        }
        packetDigest(response, offset, length, requestAuthenticator, requestAuthenticatorOffset, secret);
        return RadiusBytes.constantTimeEquals(
            response, offset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, digest, 0, MD5_LENGTH);
    }

    /**
     * Computes and writes the Response Authenticator of a reply in place. Any Message-Authenticator must already
     * be filled in ({@link #signResponse} does both in order).
     *
     * @param response                   buffer holding the complete reply (Length set).
     * @param offset                     absolute index of its Code octet.
     * @param requestAuthenticator       the authenticator of the request being answered.
     * @param requestAuthenticatorOffset first of its 16 octets.
     * @param secret                     the shared secret.
     * @return false when the packet's Length is illegal or past the buffer's written bytes.
     */
    public boolean writeResponseAuthenticator(
        final ByteBuf response,
        final int offset,
        final byte[] requestAuthenticator,
        final int requestAuthenticatorOffset,
        final RadiusSecret secret)
    {
        final int length = RadiusBytes.checkedPacketLength(response, offset);
        if (length < 0)
        {
            return false;
        }
        packetDigest(response, offset, length, requestAuthenticator, requestAuthenticatorOffset, secret);
        response.setBytes(offset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, digest, 0, MD5_LENGTH);
        return true;
    }

    // ------------------------------------------------------------------ Message-Authenticator

    /**
     * Finds the Message-Authenticator (80).
     *
     * @param packet buffer holding the packet.
     * @param offset absolute index of its Code octet.
     * @return absolute index of the attribute's Type octet, {@link #NOT_FOUND}, or {@link #MALFORMED} when it
     *     occurs twice, has a Length other than 18, or the packet itself is malformed.
     */
    public int findMessageAuthenticator(final ByteBuf packet, final int offset)
    {
        final int length = RadiusBytes.checkedPacketLength(packet, offset);
        if (length < 0)
        {
            return MALFORMED;
        }
        final int end = offset + length;
        int cursor = offset + RadiusPacketDescriptor.HEADER_LENGTH;
        int found = NOT_FOUND;
        while (cursor < end)
        {
            if (end - cursor < RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH)
            {
                return MALFORMED;
            }
            final int attributeLength = packet.getUnsignedByte(cursor + 1);
            if (attributeLength < RadiusPacketDescriptor.MIN_ATTRIBUTE_LENGTH || attributeLength > end - cursor)
            {
                return MALFORMED;
            }
            if (RadiusAttributeType.MESSAGE_AUTHENTICATOR == packet.getUnsignedByte(cursor))
            {
                // RFC 3579 §3.2: Length = 18; more than one instance cannot be verified unambiguously.
                if (NOT_FOUND != found || RadiusPacketDescriptor.MESSAGE_AUTHENTICATOR_LENGTH != attributeLength)
                {
                    return MALFORMED;
                }
                found = cursor;
            }
            cursor += attributeLength;
        }
        return found;
    }

    /**
     * Checks the Message-Authenticator with the authenticator field chosen by the packet's Code
     * (see the class comment).
     *
     * @param packet                     buffer holding the packet.
     * @param offset                     absolute index of its Code octet.
     * @param requestAuthenticator       for replies: the request's authenticator (a reply checked without it is
     *                                   {@link RadiusMessageAuthenticatorStatus#INVALID}); ignored (may be null) for requests.
     * @param requestAuthenticatorOffset first of its 16 octets.
     * @param secret                     the shared secret.
     * @return the status; only {@link RadiusMessageAuthenticatorStatus#VALID} proves the packet.
     */
    public RadiusMessageAuthenticatorStatus verifyMessageAuthenticator(
        final ByteBuf packet,
        final int offset,
        final byte[] requestAuthenticator,
        final int requestAuthenticatorOffset,
        final RadiusSecret secret)
    {
        final int attributeOffset = findMessageAuthenticator(packet, offset);
        if (NOT_FOUND == attributeOffset)
        {
            return RadiusMessageAuthenticatorStatus.ABSENT;
        }
        if (MALFORMED == attributeOffset)
        {
            return RadiusMessageAuthenticatorStatus.MALFORMED;
        }
        if (!computeMessageAuthenticator(packet, offset, attributeOffset, requestAuthenticator, requestAuthenticatorOffset, secret))
        {
            return RadiusMessageAuthenticatorStatus.INVALID;
        }
        return RadiusBytes.constantTimeEquals(
            packet, attributeOffset + RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH, digest, 0, MD5_LENGTH) ?
            RadiusMessageAuthenticatorStatus.VALID : RadiusMessageAuthenticatorStatus.INVALID;
    }

    /**
     * Computes the Message-Authenticator and writes it into the packet's (single, 18-octet) attribute 80.
     *
     * @param packet                     buffer holding the complete packet (Length set).
     * @param offset                     absolute index of its Code octet.
     * @param requestAuthenticator       for replies: the request's authenticator; ignored (may be null) for requests.
     * @param requestAuthenticatorOffset first of its 16 octets.
     * @param secret                     the shared secret.
     * @return false when there is no usable Message-Authenticator attribute or the packet is malformed.
     */
    public boolean writeMessageAuthenticator(
        final ByteBuf packet,
        final int offset,
        final byte[] requestAuthenticator,
        final int requestAuthenticatorOffset,
        final RadiusSecret secret)
    {
        final int attributeOffset = findMessageAuthenticator(packet, offset);
        if (attributeOffset < 0)
        {
            return false;
        }
        if (!computeMessageAuthenticator(packet, offset, attributeOffset, requestAuthenticator, requestAuthenticatorOffset, secret))
        {
            return false;
        }
        packet.setBytes(attributeOffset + RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH, digest, 0, MD5_LENGTH);
        return true;
    }

    // ------------------------------------------------------------------ signing and verifying in the right order

    /**
     * Signs a finished request: the Message-Authenticator first (if the packet has one), then, for
     * Accounting-, CoA- and Disconnect-Request, the Request Authenticator (RFC 5176 §3.4). Access-Request and
     * Status-Server keep the random authenticator the caller already wrote.
     *
     * @param packet buffer holding the complete request.
     * @param offset absolute index of its Code octet.
     * @param secret the shared secret.
     * @return false when the packet is malformed or carries a broken Message-Authenticator.
     */
    public boolean signRequest(final ByteBuf packet, final int offset, final RadiusSecret secret)
    {
        final int length = RadiusBytes.checkedPacketLength(packet, offset);
        if (length < 0)
        {
            return false;
        }
        final int attributeOffset = findMessageAuthenticator(packet, offset);
        if (MALFORMED == attributeOffset)
        {
            return false;
        }
        if (NOT_FOUND != attributeOffset && !writeMessageAuthenticator(packet, offset, null, 0, secret))
        {
            return false;
        }
        final int code = packet.getUnsignedByte(offset);
        return !RadiusCode.hasComputedRequestAuthenticator(code) || writeRequestAuthenticator(packet, offset, secret);
    }

    /**
     * Signs a finished reply: the Message-Authenticator first (if present) with the request's authenticator in
     * the field, then the Response Authenticator (RFC 3579 §3.2).
     *
     * @param response                   buffer holding the complete reply.
     * @param offset                     absolute index of its Code octet.
     * @param requestAuthenticator       the authenticator of the request being answered.
     * @param requestAuthenticatorOffset first of its 16 octets.
     * @param secret                     the shared secret.
     * @return false when the packet is malformed or carries a broken Message-Authenticator.
     */
    public boolean signResponse(
        final ByteBuf response,
        final int offset,
        final byte[] requestAuthenticator,
        final int requestAuthenticatorOffset,
        final RadiusSecret secret)
    {
        final int attributeOffset = findMessageAuthenticator(response, offset);
        if (MALFORMED == attributeOffset)
        {
            return false;
        }
        if (NOT_FOUND != attributeOffset &&
            !writeMessageAuthenticator(response, offset, requestAuthenticator, requestAuthenticatorOffset, secret))
        {
            return false;
        }
        return writeResponseAuthenticator(response, offset, requestAuthenticator, requestAuthenticatorOffset, secret);
    }

    /**
     * Authenticates a received request: for Accounting-, CoA- and Disconnect-Request the computed Request
     * Authenticator must match; for every request a Message-Authenticator, when present, must be valid.
     * Whether a <em>missing</em> Message-Authenticator is acceptable is left to the caller
     * ({@link #verifyMessageAuthenticator}).
     *
     * @param packet buffer holding the request.
     * @param offset absolute index of its Code octet.
     * @param secret the client's shared secret.
     * @return true when the request may be processed; false also for a reply Code, which is never a valid request.
     */
    public boolean verifyRequest(final ByteBuf packet, final int offset, final RadiusSecret secret)
    {
        if (RadiusBytes.checkedPacketLength(packet, offset) < 0)
        {
            return false;
        }
        final int code = packet.getUnsignedByte(offset);
        if (RadiusCode.isResponse(code) ||
            (RadiusCode.hasComputedRequestAuthenticator(code) && !verifyRequestAuthenticator(packet, offset, secret)))
        {
            return false;
        }
        final RadiusMessageAuthenticatorStatus status = verifyMessageAuthenticator(packet, offset, null, 0, secret);
        return RadiusMessageAuthenticatorStatus.VALID == status || RadiusMessageAuthenticatorStatus.ABSENT == status;
    }

    /**
     * Authenticates a received reply: Response Authenticator, and the Message-Authenticator when present.
     *
     * @param response                   buffer holding the reply.
     * @param offset                     absolute index of its Code octet.
     * @param requestAuthenticator       the authenticator of the request that was sent.
     * @param requestAuthenticatorOffset first of its 16 octets.
     * @param secret                     the shared secret.
     * @return true when the reply is authentic; false for any Code that is not a reply.
     */
    public boolean verifyResponse(
        final ByteBuf response,
        final int offset,
        final byte[] requestAuthenticator,
        final int requestAuthenticatorOffset,
        final RadiusSecret secret)
    {
        if (RadiusBytes.checkedPacketLength(response, offset) < 0 || !RadiusCode.isResponse(response.getUnsignedByte(offset)) ||
            !verifyResponseAuthenticator(response, offset, requestAuthenticator, requestAuthenticatorOffset, secret))
        {
            return false;
        }
        final RadiusMessageAuthenticatorStatus status =
            verifyMessageAuthenticator(response, offset, requestAuthenticator, requestAuthenticatorOffset, secret);
        return RadiusMessageAuthenticatorStatus.VALID == status || RadiusMessageAuthenticatorStatus.ABSENT == status;
    }

    // ------------------------------------------------------------------ User-Password (RFC 2865 §5.2)

    /**
     * Hides a User-Password: pad with NULs to a multiple of 16 (at least 16), then
     * {@code c1 = p1 XOR MD5(S|RA)}, {@code ci = pi XOR MD5(S|c(i-1))} (RFC 2865 §5.2).
     *
     * @param password                   plaintext octets.
     * @param passwordOffset             first plaintext octet.
     * @param passwordLength             plaintext length, at most 128.
     * @param requestAuthenticator       the Access-Request's authenticator.
     * @param requestAuthenticatorOffset first of its 16 octets.
     * @param secret                     the shared secret.
     * @param destination                receives the hidden value.
     * @param destinationOffset          where the first hidden octet goes.
     * @return octets written (16..128), or {@link #PASSWORD_MALFORMED} when the password is longer than 128
     *     octets or the destination too small.
     */
    public int hideUserPassword(
        final byte[] password,
        final int passwordOffset,
        final int passwordLength,
        final byte[] requestAuthenticator,
        final int requestAuthenticatorOffset,
        final RadiusSecret secret,
        final byte[] destination,
        final int destinationOffset)
    {
        final int hiddenLength = hidePassword(
            password, passwordOffset, passwordLength, requestAuthenticator, requestAuthenticatorOffset, secret);
        if (hiddenLength < 0 || destinationOffset < 0 || destinationOffset > destination.length - hiddenLength)
        {
            return PASSWORD_MALFORMED;
        }
        System.arraycopy(passwordScratch, 0, destination, destinationOffset, hiddenLength);
        return hiddenLength;
    }

    /**
     * Hides a User-Password straight into a buffer (used by {@link RadiusPacketEncoder}).
     *
     * @param password                   plaintext octets.
     * @param passwordOffset             first plaintext octet.
     * @param passwordLength             plaintext length, at most 128.
     * @param requestAuthenticator       buffer holding the Access-Request's authenticator.
     * @param requestAuthenticatorIndex  absolute index of its first octet.
     * @param secret                     the shared secret.
     * @param destination                receives the hidden value at its writer index.
     * @return octets written (16..128), or {@link #PASSWORD_MALFORMED} when the password is longer than 128.
     */
    public int hideUserPassword(
        final byte[] password,
        final int passwordOffset,
        final int passwordLength,
        final ByteBuf requestAuthenticator,
        final int requestAuthenticatorIndex,
        final RadiusSecret secret,
        final ByteBuf destination)
    {
        RadiusBytes.copySmall(requestAuthenticator, requestAuthenticatorIndex, ownAuthenticator, 0, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
        final int hiddenLength = hidePassword(password, passwordOffset, passwordLength, ownAuthenticator, 0, secret);
        if (hiddenLength < 0)
        {
            return PASSWORD_MALFORMED;
        }
        destination.writeBytes(passwordScratch, 0, hiddenLength);
        return hiddenLength;
    }

    private int hidePassword(
        final byte[] password,
        final int passwordOffset,
        final int passwordLength,
        final byte[] requestAuthenticator,
        final int requestAuthenticatorOffset,
        final RadiusSecret secret)
    {
        if (passwordLength < 0 || passwordLength > RadiusPacketDescriptor.MAX_USER_PASSWORD_LENGTH)
        {
            return PASSWORD_MALFORMED;
        }
        final int block = RadiusPacketDescriptor.USER_PASSWORD_BLOCK_LENGTH;
        final int hiddenLength = Math.max(block, (passwordLength + block - 1) / block * block);
        for (int i = 0; i < hiddenLength; i++)
        {
            passwordScratch[i] = i < passwordLength ? password[passwordOffset + i] : 0;
        }
        for (int blockStart = 0; blockStart < hiddenLength; blockStart += block)
        {
            md5.reset();
            md5.update(secret.bytes());
            if (0 == blockStart)
            {
                md5.update(requestAuthenticator, requestAuthenticatorOffset, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
            }
            else
            {
                md5.update(passwordScratch, blockStart - block, block);
            }
            finishDigest(digest);
            for (int i = 0; i < block; i++)
            {
                passwordScratch[blockStart + i] ^= digest[i];
            }
        }
        return hiddenLength;
    }

    /**
     * Recovers a hidden User-Password value (RFC 2865 §5.2) and strips the NUL padding.
     *
     * @param buffer                     buffer holding the hidden value.
     * @param valueOffset                absolute index of the first hidden octet.
     * @param valueLength                hidden octets: a multiple of 16 in 16..128.
     * @param requestAuthenticator       the Access-Request's authenticator.
     * @param requestAuthenticatorOffset first of its 16 octets.
     * @param secret                     the shared secret.
     * @param destination                receives the plaintext; needs room for {@code valueLength} octets.
     * @param destinationOffset          where the first plaintext octet goes.
     * @return plaintext length, or {@link #PASSWORD_MALFORMED}.
     */
    public int unhideUserPassword(
        final ByteBuf buffer,
        final int valueOffset,
        final int valueLength,
        final byte[] requestAuthenticator,
        final int requestAuthenticatorOffset,
        final RadiusSecret secret,
        final byte[] destination,
        final int destinationOffset)
    {
        final int block = RadiusPacketDescriptor.USER_PASSWORD_BLOCK_LENGTH;
        if (valueLength < block || valueLength > RadiusPacketDescriptor.MAX_USER_PASSWORD_LENGTH ||
            0 != valueLength % block || !RadiusBytes.isReadable(buffer, valueOffset, valueLength) ||
            destinationOffset < 0 || destinationOffset > destination.length - valueLength)
        {
            return PASSWORD_MALFORMED;
        }
        RadiusBytes.copySmall(buffer, valueOffset, passwordScratch, 0, valueLength);
        for (int blockStart = 0; blockStart < valueLength; blockStart += block)
        {
            md5.reset();
            md5.update(secret.bytes());
            if (0 == blockStart)
            {
                md5.update(requestAuthenticator, requestAuthenticatorOffset, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
            }
            else
            {
                md5.update(passwordScratch, blockStart - block, block);
            }
            finishDigest(digest);
            for (int i = 0; i < block; i++)
            {
                destination[destinationOffset + blockStart + i] = (byte)(passwordScratch[blockStart + i] ^ digest[i]);
            }
        }
        int plaintextLength = valueLength;
        while (plaintextLength > 0 && 0 == destination[destinationOffset + plaintextLength - 1])
        {
            plaintextLength--;
        }
        return plaintextLength;
    }

    /**
     * Recovers the User-Password of an Access-Request, using the packet's own Request Authenticator.
     *
     * @param packet            buffer holding the Access-Request.
     * @param offset            absolute index of its Code octet.
     * @param secret            the client's shared secret.
     * @param destination       receives the plaintext; 128 octets of room always suffice.
     * @param destinationOffset where the first plaintext octet goes.
     * @return plaintext length, {@link #PASSWORD_ABSENT} or {@link #PASSWORD_MALFORMED}.
     */
    public int unhideUserPassword(
        final ByteBuf packet,
        final int offset,
        final RadiusSecret secret,
        final byte[] destination,
        final int destinationOffset)
    {
        final int length = RadiusBytes.checkedPacketLength(packet, offset);
        if (length < 0)
        {
            return PASSWORD_MALFORMED;
        }
        final int attributeOffset = findFirstAttribute(packet, offset, length, RadiusAttributeType.USER_PASSWORD);
        if (attributeOffset < 0)
        {
            return attributeOffset == MALFORMED ? PASSWORD_MALFORMED : PASSWORD_ABSENT;
        }
        RadiusBytes.copySmall(packet, offset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, ownAuthenticator, 0, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
        return unhideUserPassword(
            packet,
            attributeOffset + RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH,
            packet.getUnsignedByte(attributeOffset + 1) - RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH,
            ownAuthenticator,
            0,
            secret,
            destination,
            destinationOffset);
    }

    // ------------------------------------------------------------------ CHAP (RFC 2865 §2.2, §5.3, §5.40)

    /**
     * Verifies CHAP-Password (3) against a known plaintext password:
     * {@code response == MD5(CHAP-Ident | password | challenge)} where the challenge is CHAP-Challenge (60) when
     * present and otherwise the Request Authenticator (RFC 2865 §2.2). Constant-time comparison.
     *
     * @param packet         buffer holding the Access-Request.
     * @param offset         absolute index of its Code octet.
     * @param password       the user's plaintext password.
     * @param passwordOffset first password octet.
     * @param passwordLength password octets.
     * @return true when the CHAP response matches; false when absent, malformed or wrong.
     */
    public boolean verifyChapPassword(
        final ByteBuf packet, final int offset, final byte[] password, final int passwordOffset, final int passwordLength)
    {
        final int length = RadiusBytes.checkedPacketLength(packet, offset);
        if (length < 0)
        {
            return false;
        }
        final int chapOffset = findFirstAttribute(packet, offset, length, RadiusAttributeType.CHAP_PASSWORD);
        if (chapOffset < 0 || RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH + RadiusPacketDescriptor.CHAP_PASSWORD_VALUE_LENGTH !=
            packet.getUnsignedByte(chapOffset + 1))
        {
            return false;
        }
        final int challengeOffset = findFirstAttribute(packet, offset, length, RadiusAttributeType.CHAP_CHALLENGE);
        if (MALFORMED == challengeOffset)
        {
            return false;
        }

        md5.reset();
        md5.update(packet.getByte(chapOffset + RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH));
        md5.update(password, passwordOffset, passwordLength);
        if (NOT_FOUND == challengeOffset)
        {
            updateFrom(packet, offset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
        }
        else
        {
            updateFrom(
                packet,
                challengeOffset + RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH,
                packet.getUnsignedByte(challengeOffset + 1) - RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH);
        }
        finishDigest(digest);
        return RadiusBytes.constantTimeEquals(
            packet, chapOffset + RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH + 1, digest, 0, MD5_LENGTH);
    }

    // ------------------------------------------------------------------ internals

    private void packetDigest(
        final ByteBuf packet,
        final int offset,
        final int length,
        final byte[] authenticatorField,
        final int authenticatorFieldOffset,
        final RadiusSecret secret)
    {
        md5.reset();
        updateFrom(packet, offset, RadiusPacketDescriptor.AUTHENTICATOR_OFFSET);
        md5.update(authenticatorField, authenticatorFieldOffset, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
        updateFrom(packet, offset + RadiusPacketDescriptor.HEADER_LENGTH, length - RadiusPacketDescriptor.HEADER_LENGTH);
        md5.update(secret.bytes());
        finishDigest(digest);
    }

    private boolean computeMessageAuthenticator(
        final ByteBuf packet,
        final int offset,
        final int attributeOffset,
        final byte[] requestAuthenticator,
        final int requestAuthenticatorOffset,
        final RadiusSecret secret)
    {
        final int length = packet.getUnsignedShort(offset + RadiusPacketDescriptor.LENGTH_OFFSET);
        final int code = packet.getUnsignedByte(offset);
        final byte[] field;
        final int fieldOffset;
        if (RadiusCode.hasComputedRequestAuthenticator(code))
        {
            field = ZEROS;
            fieldOffset = 0;
        }
        else if (RadiusCode.isResponse(code))
        {
            // A reply's MA covers the request's authenticator; without it nothing can be proven (a reply code
            // arriving where a request was expected ends here too).
            if (null == requestAuthenticator)
            {
                return false;
            }
            field = requestAuthenticator;
            fieldOffset = requestAuthenticatorOffset;
        }
        else
        {
            RadiusBytes.copySmall(packet, offset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, ownAuthenticator, 0, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
            field = ownAuthenticator;
            fieldOffset = 0;
        }

        final int valueOffset = attributeOffset + RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH;
        final int valueEnd = valueOffset + RadiusPacketDescriptor.MESSAGE_AUTHENTICATOR_VALUE_LENGTH;
        final int attributesOffset = offset + RadiusPacketDescriptor.HEADER_LENGTH;

        // RFC 2104: HMAC = MD5((K ^ opad) | MD5((K ^ ipad) | text)); text = packet with the MA value zeroed.
        md5.reset();
        md5.update(secret.hmacInnerPad());
        updateFrom(packet, offset, RadiusPacketDescriptor.AUTHENTICATOR_OFFSET);
        md5.update(field, fieldOffset, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
        updateFrom(packet, attributesOffset, valueOffset - attributesOffset);
        md5.update(ZEROS, 0, RadiusPacketDescriptor.MESSAGE_AUTHENTICATOR_VALUE_LENGTH);
        updateFrom(packet, valueEnd, offset + length - valueEnd);
        finishDigest(innerDigest);

        md5.reset();
        md5.update(secret.hmacOuterPad());
        md5.update(innerDigest, 0, MD5_LENGTH);
        finishDigest(digest);
        return true;
    }

    private static int findFirstAttribute(final ByteBuf packet, final int offset, final int length, final int type)
    {
        final int end = offset + length;
        int cursor = offset + RadiusPacketDescriptor.HEADER_LENGTH;
        while (cursor < end)
        {
            if (end - cursor < RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH)
            {
                return MALFORMED;
            }
            final int attributeLength = packet.getUnsignedByte(cursor + 1);
            if (attributeLength < RadiusPacketDescriptor.MIN_ATTRIBUTE_LENGTH || attributeLength > end - cursor)
            {
                return MALFORMED;
            }
            if (type == packet.getUnsignedByte(cursor))
            {
                return cursor;
            }
            cursor += attributeLength;
        }
        return NOT_FOUND;
    }

    private void updateFrom(final ByteBuf buffer, final int index, final int length)
    {
        if (length <= 0)
        {
            return;
        }
        if (buffer.hasArray())
        {
            md5.update(buffer.array(), buffer.arrayOffset() + index, length);
        }
        else if (1 == buffer.nioBufferCount())
        {
            // The buffer's cached NIO view: getBytes on a non-Unsafe direct buffer would duplicate() per call, and
            // MessageDigest reuses its own temp array for direct ByteBuffers.
            md5.update(buffer.internalNioBuffer(index, length));
        }
        else
        {
            buffer.getBytes(index, copyScratch, 0, length);
            md5.update(copyScratch, 0, length);
        }
    }

    private void finishDigest(final byte[] output)
    {
        try
        {
            md5.digest(output, 0, MD5_LENGTH);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException("16-octet output always fits an MD5 digest", ex);
        }
    }
}
