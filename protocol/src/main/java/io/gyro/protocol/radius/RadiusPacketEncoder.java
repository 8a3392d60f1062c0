package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Writes a RADIUS packet straight into a {@link ByteBuf}: reserve the header, append attributes, back-patch the
 * Length, then sign in the order the RFCs require ({@link #finishRequest}, {@link #finishResponse}).
 * <pre>
 * encoder.start(buffer, RadiusCode.ACCESS_ACCEPT, requestId)
 *        .putMessageAuthenticator()                       // first, see below
 *        .putInt(RadiusAttributeType.SESSION_TIMEOUT, 3600)
 *        .putRawAttributes(proxyStates, 0, proxyStatesLength) // RFC 2865 §5.33, in order
 *        .finishResponse(requestAuthenticator, 0, secret);
 * </pre>
 * Message-Authenticator goes first in Access-Accept/Reject/Challenge (the BlastRADIUS hardening FreeRADIUS
 * and the IETF RADEXT drafts adopted), hence {@link #putMessageAuthenticator()} may be called right after
 * {@code start}; it is still legal anywhere. Proxy-State attributes of the request must be copied in order
 * into the reply (RFC 2865 §5.33); tinyradius-netty drops replies without them.
 * <p>
 * Nothing allocates per packet. Values that cannot be encoded (over 253 octets, a packet over 4096 octets,
 * misuse of the vendor block) throw {@link IllegalArgumentException}/{@link IllegalStateException}: those are
 * bugs in the caller, not bad input from the network. Not thread safe; one instance per event loop.
 */
public final class RadiusPacketEncoder
{
    private static final byte[] ZEROS = new byte[RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];

    private final RadiusAuthenticators authenticators;
    private ByteBuf buffer;
    private int packetOffset = -1;
    private int messageAuthenticatorOffset = -1;
    private int vendorAttributeOffset = -1;
    private RadiusVendorFormat vendorFormat;

    /**
     * Creates an encoder that signs with the given per-thread authenticator state.
     *
     * @param authenticators MD5 state of the owning thread.
     */
    public RadiusPacketEncoder(final RadiusAuthenticators authenticators)
    {
        this.authenticators = authenticators;
    }

    /**
     * Starts a packet at the buffer's writer index with a zero authenticator (replies, and requests whose
     * authenticator is computed: Accounting-, CoA- and Disconnect-Request).
     *
     * @param buffer     destination; grows as needed.
     * @param code       packet Code ({@link RadiusCode}).
     * @param identifier 0-255.
     * @return this encoder.
     */
    public RadiusPacketEncoder start(final ByteBuf buffer, final int code, final int identifier)
    {
        return start(buffer, code, identifier, ZEROS, 0);
    }

    /**
     * Starts a packet with an explicit authenticator: the random Request Authenticator of an Access-Request or
     * Status-Server (RFC 2865 §3: unpredictable, from a strong random source, never reused with one secret).
     *
     * @param buffer              destination; grows as needed.
     * @param code                packet Code.
     * @param identifier          0-255.
     * @param authenticator       16 octets for the Authenticator field.
     * @param authenticatorOffset first of the 16 octets.
     * @return this encoder.
     */
    public RadiusPacketEncoder start(
        final ByteBuf buffer, final int code, final int identifier, final byte[] authenticator, final int authenticatorOffset)
    {
        if (code < 0 || code > 255 || identifier < 0 || identifier > 255)
        {
            throw new IllegalArgumentException("code and identifier are single octets: " + code + ", " + identifier);
        }
        this.buffer = buffer;
        this.packetOffset = buffer.writerIndex();
        this.messageAuthenticatorOffset = -1;
        this.vendorAttributeOffset = -1;
        buffer.ensureWritable(RadiusPacketDescriptor.HEADER_LENGTH);
        buffer.writeByte(code);
        buffer.writeByte(identifier);
        buffer.writeShort(RadiusPacketDescriptor.HEADER_LENGTH);
        buffer.writeBytes(authenticator, authenticatorOffset, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
        return this;
    }

    /**
     * Starts a reply whose first attribute is the Message-Authenticator, the order FreeRADIUS and the IETF RADEXT
     * BlastRADIUS guidance use for Access-Accept, Access-Reject and Access-Challenge; {@link #finishResponse} fills it in.
     *
     * @param buffer     destination; grows as needed.
     * @param code       reply Code.
     * @param identifier the request's Identifier.
     * @return this encoder.
     */
    public RadiusPacketEncoder startWithMessageAuthenticator(final ByteBuf buffer, final int code, final int identifier)
    {
        return start(buffer, code, identifier).putMessageAuthenticator();
    }

    /**
     * Absolute index of the packet's Code octet.
     *
     * @return buffer index of the current packet.
     */
    public int packetOffset()
    {
        return packetOffset;
    }

    /**
     * Octets written so far for the current packet.
     *
     * @return current length.
     */
    public int encodedLength()
    {
        return buffer.writerIndex() - packetOffset;
    }

    // ------------------------------------------------------------------ plain attributes

    /**
     * Appends an attribute with an octet-string value.
     *
     * @param type        attribute Type (not 26; use {@link #beginVendorSpecific(int)}).
     * @param value       value octets.
     * @param valueOffset first value octet.
     * @param valueLength 0-253 octets.
     * @return this encoder.
     */
    public RadiusPacketEncoder putBytes(final int type, final byte[] value, final int valueOffset, final int valueLength)
    {
        beginAttribute(type, valueLength);
        buffer.writeBytes(value, valueOffset, valueLength);
        return this;
    }

    /**
     * Appends an attribute whose value is copied from another buffer (zero-copy source, e.g. State or Class from
     * a request).
     *
     * @param type        attribute Type.
     * @param value       source buffer.
     * @param valueIndex  absolute index of the first value octet.
     * @param valueLength 0-253 octets.
     * @return this encoder.
     */
    public RadiusPacketEncoder putBytes(final int type, final ByteBuf value, final int valueIndex, final int valueLength)
    {
        beginAttribute(type, valueLength);
        buffer.writeBytes(value, valueIndex, valueLength);
        return this;
    }

    /**
     * Appends a 32-bit integer attribute (integer, date; RFC 2865 §5).
     *
     * @param type  attribute Type.
     * @param value the value; unsigned on the wire.
     * @return this encoder.
     */
    public RadiusPacketEncoder putInt(final int type, final int value)
    {
        beginAttribute(type, RadiusPacketDescriptor.INTEGER_VALUE_LENGTH);
        buffer.writeInt(value);
        return this;
    }

    /**
     * Appends a text attribute encoded as UTF-8 without intermediate copies (RFC 2865 §5 "text").
     *
     * @param type  attribute Type.
     * @param value the text; at most 253 octets once encoded.
     * @return this encoder.
     */
    public RadiusPacketEncoder putString(final int type, final CharSequence value)
    {
        final int valueLength = ByteBufUtil.utf8Bytes(value);
        beginAttribute(type, valueLength);
        ByteBufUtil.reserveAndWriteUtf8(buffer, value, valueLength);
        return this;
    }

    /**
     * Appends an IPv4 address attribute (ipaddr, RFC 2865 §5).
     *
     * @param type    attribute Type, e.g. {@link RadiusAttributeType#NAS_IP_ADDRESS}.
     * @param address the address as a big-endian int ({@code 192.168.1.16 == 0xc0a80110}).
     * @return this encoder.
     */
    public RadiusPacketEncoder putIpv4Address(final int type, final int address)
    {
        return putInt(type, address);
    }

    /**
     * Appends a User-Password hidden with the authenticator currently in the header and the shared secret
     * (RFC 2865 §5.2). Write the Access-Request's random authenticator with
     * {@link #start(ByteBuf, int, int, byte[], int)} first.
     *
     * @param password       plaintext octets.
     * @param passwordOffset first plaintext octet.
     * @param passwordLength at most 128 octets.
     * @param secret         the shared secret.
     * @return this encoder.
     */
    public RadiusPacketEncoder putUserPassword(
        final byte[] password, final int passwordOffset, final int passwordLength, final RadiusSecret secret)
    {
        if (passwordLength < 0 || passwordLength > RadiusPacketDescriptor.MAX_USER_PASSWORD_LENGTH)
        {
            throw new IllegalArgumentException("User-Password is limited to 128 octets (RFC 2865 §5.2): " + passwordLength);
        }
        final int block = RadiusPacketDescriptor.USER_PASSWORD_BLOCK_LENGTH;
        final int hiddenLength = Math.max(block, (passwordLength + block - 1) / block * block);
        beginAttribute(RadiusAttributeType.USER_PASSWORD, hiddenLength);
        authenticators.hideUserPassword(
            password, passwordOffset, passwordLength,
            buffer, packetOffset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, secret, buffer);
        return this;
    }

    /**
     * Appends a Message-Authenticator (80) with a zero value, filled in by {@link #finishRequest} or
     * {@link #finishResponse}. Call it first in Access-Accept/Reject/Challenge.
     *
     * @return this encoder.
     * @throws IllegalStateException when the packet already has one.
     */
    public RadiusPacketEncoder putMessageAuthenticator()
    {
        if (messageAuthenticatorOffset >= 0)
        {
            throw new IllegalStateException("a packet carries at most one Message-Authenticator (RFC 3579 §3.2)");
        }
        final int attributeOffset = buffer.writerIndex();
        beginAttribute(RadiusAttributeType.MESSAGE_AUTHENTICATOR, RadiusPacketDescriptor.MESSAGE_AUTHENTICATOR_VALUE_LENGTH);
        buffer.writeZero(RadiusPacketDescriptor.MESSAGE_AUTHENTICATOR_VALUE_LENGTH);
        messageAuthenticatorOffset = attributeOffset;
        return this;
    }

    /**
     * Whether {@link #putMessageAuthenticator()} was called for the current packet.
     *
     * @return true when the packet carries a Message-Authenticator placeholder.
     */
    public boolean hasMessageAuthenticator()
    {
        return messageAuthenticatorOffset >= 0;
    }

    /**
     * Appends already-encoded attributes, e.g. Proxy-State copied with
     * {@link RadiusPacketFlyweight#copyAttributes(int, byte[], int)}.
     *
     * @param attributes       encoded TLVs.
     * @param attributesOffset first octet.
     * @param attributesLength octets to append.
     * @return this encoder.
     */
    public RadiusPacketEncoder putRawAttributes(final byte[] attributes, final int attributesOffset, final int attributesLength)
    {
        ensureNoVendorBlock();
        ensureRoom(attributesLength);
        buffer.writeBytes(attributes, attributesOffset, attributesLength);
        return this;
    }

    /**
     * Copies every Proxy-State (33) of a request, in order, into this reply (RFC 2865 §5.33). Reads the request
     * with a bounds-checked walk, so a malformed request copies what precedes the damage.
     *
     * @param request       buffer holding the request.
     * @param requestOffset absolute index of its Code octet.
     * @param available     octets of the request in the buffer (its Length is honoured when smaller).
     * @param iterator      a reusable iterator (to keep this encoder allocation-free).
     * @return this encoder.
     */
    public RadiusPacketEncoder putProxyStates(
        final ByteBuf request, final int requestOffset, final int available, final RadiusAttributeIterator iterator)
    {
        ensureNoVendorBlock();
        if (available < RadiusPacketDescriptor.HEADER_LENGTH)
        {
            return this;
        }
        final int length = Math.min(available, request.getUnsignedShort(requestOffset + RadiusPacketDescriptor.LENGTH_OFFSET));
        iterator.reset(request, requestOffset + RadiusPacketDescriptor.HEADER_LENGTH, requestOffset + length);
        while (iterator.next())
        {
            if (RadiusAttributeType.PROXY_STATE == iterator.type())
            {
                ensureRoom(iterator.length());
                buffer.writeBytes(request, iterator.attributeOffset(), iterator.length());
            }
        }
        return this;
    }

    // ------------------------------------------------------------------ Vendor-Specific

    /**
     * Opens a Vendor-Specific (26) attribute in the vendor's built-in format ({@link RadiusVendorFormat#forVendor}).
     *
     * @param vendorId IANA enterprise number.
     * @return this encoder.
     */
    public RadiusPacketEncoder beginVendorSpecific(final int vendorId)
    {
        return beginVendorSpecific(vendorId, RadiusVendorFormat.forVendor(vendorId));
    }

    /**
     * Opens a Vendor-Specific (26) attribute; add sub-attributes with the {@code putVendor*} methods and close it
     * with {@link #endVendorSpecific()}.
     *
     * @param vendorId IANA enterprise number (high octet 0, RFC 2865 §5.26).
     * @param format   sub-attribute layout.
     * @return this encoder.
     */
    public RadiusPacketEncoder beginVendorSpecific(final int vendorId, final RadiusVendorFormat format)
    {
        if (vendorId < 0 || vendorId > 0x00ffffff)
        {
            throw new IllegalArgumentException("Vendor-Id high-order octet must be 0 (RFC 2865 §5.26): " + vendorId);
        }
        final int attributeOffset = buffer.writerIndex();
        beginAttribute(RadiusAttributeType.VENDOR_SPECIFIC, RadiusPacketDescriptor.VENDOR_ID_LENGTH);
        buffer.writeInt(vendorId);
        vendorAttributeOffset = attributeOffset;
        vendorFormat = format;
        return this;
    }

    /**
     * Appends a sub-attribute with an octet-string value to the open Vendor-Specific attribute.
     *
     * @param vendorType  sub-attribute type.
     * @param value       value octets.
     * @param valueOffset first value octet.
     * @param valueLength value octets.
     * @return this encoder.
     */
    public RadiusPacketEncoder putVendorBytes(
        final int vendorType, final byte[] value, final int valueOffset, final int valueLength)
    {
        beginVendorAttribute(vendorType, valueLength);
        buffer.writeBytes(value, valueOffset, valueLength);
        return this;
    }

    /**
     * Appends a 32-bit integer sub-attribute to the open Vendor-Specific attribute.
     *
     * @param vendorType sub-attribute type.
     * @param value      the value.
     * @return this encoder.
     */
    public RadiusPacketEncoder putVendorInt(final int vendorType, final int value)
    {
        beginVendorAttribute(vendorType, RadiusPacketDescriptor.INTEGER_VALUE_LENGTH);
        buffer.writeInt(value);
        return this;
    }

    /**
     * Appends a UTF-8 text sub-attribute to the open Vendor-Specific attribute.
     *
     * @param vendorType sub-attribute type.
     * @param value      the text.
     * @return this encoder.
     */
    public RadiusPacketEncoder putVendorString(final int vendorType, final CharSequence value)
    {
        final int valueLength = ByteBufUtil.utf8Bytes(value);
        beginVendorAttribute(vendorType, valueLength);
        ByteBufUtil.reserveAndWriteUtf8(buffer, value, valueLength);
        return this;
    }

    /**
     * Closes the open Vendor-Specific attribute and back-patches its Length.
     *
     * @return this encoder.
     */
    public RadiusPacketEncoder endVendorSpecific()
    {
        if (vendorAttributeOffset < 0)
        {
            throw new IllegalStateException("no Vendor-Specific attribute is open");
        }
        buffer.setByte(vendorAttributeOffset + 1, buffer.writerIndex() - vendorAttributeOffset);
        vendorAttributeOffset = -1;
        vendorFormat = null;
        return this;
    }

    /**
     * One Vendor-Specific attribute holding one 32-bit integer sub-attribute, e.g. Huawei-Remanent-Volume.
     *
     * @param vendorId   IANA enterprise number.
     * @param vendorType sub-attribute type.
     * @param value      the value.
     * @return this encoder.
     */
    public RadiusPacketEncoder putVendorInt(final int vendorId, final int vendorType, final int value)
    {
        return beginVendorSpecific(vendorId).putVendorInt(vendorType, value).endVendorSpecific();
    }

    // ------------------------------------------------------------------ finishing

    /**
     * Finishes a request: back-patches Length, then signs in RFC order: Message-Authenticator (if placed) over the
     * packet with its own authenticator (Access-Request, Status-Server) or a zeroed one (Accounting-, CoA- and
     * Disconnect-Request, RFC 5176 §3.4), then the computed Request Authenticator for the latter (RFC 2866 §3).
     *
     * @param secret the shared secret.
     * @return the packet length.
     */
    public int finishRequest(final RadiusSecret secret)
    {
        final int length = patchLength();
        if (!authenticators.signRequest(buffer, packetOffset, secret))
        {
            throw new IllegalStateException("request could not be signed");
        }
        return length;
    }

    /**
     * Finishes a reply: back-patches Length, computes the Message-Authenticator (if placed) with the request's
     * authenticator in the field, then the Response Authenticator (RFC 2865 §3, RFC 3579 §3.2).
     *
     * @param requestAuthenticator       the authenticator of the request being answered.
     * @param requestAuthenticatorOffset first of its 16 octets.
     * @param secret                     the shared secret.
     * @return the packet length.
     */
    public int finishResponse(
        final byte[] requestAuthenticator, final int requestAuthenticatorOffset, final RadiusSecret secret)
    {
        final int length = patchLength();
        if (!authenticators.signResponse(buffer, packetOffset, requestAuthenticator, requestAuthenticatorOffset, secret))
        {
            throw new IllegalStateException("response could not be signed");
        }
        return length;
    }

    /**
     * Back-patches Length without signing (for tests and for callers that sign separately).
     *
     * @return the packet length.
     */
    public int finishUnsigned()
    {
        return patchLength();
    }

    private int patchLength()
    {
        ensureNoVendorBlock();
        final int length = encodedLength();
        buffer.setShort(packetOffset + RadiusPacketDescriptor.LENGTH_OFFSET, length);
        return length;
    }

    // ------------------------------------------------------------------ internals

    private void beginAttribute(final int type, final int valueLength)
    {
        ensureNoVendorBlock();
        if (type < 0 || type > 255)
        {
            throw new IllegalArgumentException("attribute type is a single octet: " + type);
        }
        if (valueLength < 0 || valueLength > RadiusPacketDescriptor.MAX_ATTRIBUTE_VALUE_LENGTH)
        {
            throw new IllegalArgumentException(
                "attribute " + type + " value must be 0-253 octets (RFC 2865 §5): " + valueLength);
        }
        ensureRoom(RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH + valueLength);
        buffer.writeByte(type);
        buffer.writeByte(RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH + valueLength);
    }

    private void beginVendorAttribute(final int vendorType, final int valueLength)
    {
        if (vendorAttributeOffset < 0)
        {
            throw new IllegalStateException("call beginVendorSpecific first");
        }
        final RadiusVendorFormat format = vendorFormat;
        if (vendorType < 0 || vendorType > format.maxType())
        {
            throw new IllegalArgumentException("vendor type out of range for " + format + ": " + vendorType);
        }
        final int subLength = format.headerLength() + valueLength;
        final int vsaLength = buffer.writerIndex() - vendorAttributeOffset + subLength;
        // A one-octet Vendor-Length field caps a sub-attribute at 255 octets, like the outer attribute Length.
        if (valueLength < 0 || vsaLength > RadiusPacketDescriptor.MAX_ATTRIBUTE_LENGTH ||
            (1 == format.lengthLength() && subLength > RadiusPacketDescriptor.MAX_ATTRIBUTE_LENGTH))
        {
            throw new IllegalArgumentException(
                "Vendor-Specific attribute would exceed 255 octets (RFC 2865 §5.26): " + vsaLength);
        }
        if (0 == format.lengthLength() && buffer.writerIndex() - vendorAttributeOffset >
            RadiusPacketDescriptor.ATTRIBUTE_HEADER_LENGTH + RadiusPacketDescriptor.VENDOR_ID_LENGTH)
        {
            throw new IllegalStateException(format + " carries a single sub-attribute per Vendor-Specific");
        }
        ensureRoom(subLength);
        switch (format.typeLength())
        {
            case 1: buffer.writeByte(vendorType); break;
            case 2: buffer.writeShort(vendorType); break;
            default: buffer.writeInt(vendorType); break;
        }
        switch (format.lengthLength())
        {
            case 0: break;
            case 1: buffer.writeByte(subLength); break;
            default: buffer.writeShort(subLength); break;
        }
        if (format.hasContinuation())
        {
            buffer.writeByte(0);
        }
    }

    private void ensureNoVendorBlock()
    {
        if (vendorAttributeOffset >= 0)
        {
            throw new IllegalStateException("a Vendor-Specific attribute is open: call endVendorSpecific first");
        }
        if (packetOffset < 0)
        {
            throw new IllegalStateException("call start first");
        }
    }

    private void ensureRoom(final int additionalLength)
    {
        if (encodedLength() + additionalLength > RadiusPacketDescriptor.MAX_PACKET_LENGTH)
        {
            throw new IllegalStateException(
                "packet would exceed 4096 octets (RFC 2865 §3): " + (encodedLength() + additionalLength));
        }
        buffer.ensureWritable(additionalLength);
    }
}
