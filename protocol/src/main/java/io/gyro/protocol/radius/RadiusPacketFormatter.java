package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Human-readable rendering of any RADIUS packet through a {@link RadiusDictionary}, for logs and the simulator's
 * trace mode:
 * <pre>
 * Accounting-Request(4) id=42 length=79 authenticator=57b3f8122f939d617078e10f9fcab53f {Acct-Status-Type=Interim-Update,
 *   Acct-Session-Id="0000001A", User-Name="alice", NAS-IP-Address=192.0.2.1, ...}
 * </pre>
 * Attributes appear by name with a typed value; secrets (User-Password, CHAP-Password and every {@code encrypt=}
 * attribute) as {@code <hidden>}; unknown attributes FreeRADIUS-style as {@code Attr-N=0x..} or
 * {@code Attr-26.vendor.N=0x..}. Never throws on malformed input: damage is shown as {@code <malformed ...>}.
 * Allocates freely; never call it on the hot path unless tracing is on.
 */
public final class RadiusPacketFormatter
{
    private RadiusPacketFormatter()
    {
    }

    /**
     * Renders the packet at {@code offset}.
     *
     * @param builder    where to append.
     * @param buffer     buffer holding the packet.
     * @param offset     absolute index of the Code octet.
     * @param available  octets received from {@code offset}.
     * @param dictionary names and types.
     * @return {@code builder}.
     */
    public static StringBuilder appendTo(
        final StringBuilder builder, final ByteBuf buffer, final int offset, final int available, final RadiusDictionary dictionary)
    {
        final int readable = RadiusBytes.isReadable(buffer, offset, 0) ?
            Math.max(0, Math.min(available, buffer.writerIndex() - offset)) : 0;
        if (readable < RadiusPacketDescriptor.HEADER_LENGTH)
        {
            builder.append("<truncated RADIUS packet: ").append(readable).append(" octets");
            if (readable > 0)
            {
                builder.append(" 0x");
                RadiusBytes.appendHex(builder, buffer, offset, readable);
            }
            return builder.append('>');
        }

        final int code = buffer.getUnsignedByte(offset);
        final String codeName = RadiusCode.name(code);
        builder.append(null == codeName ? "Code-" + code : codeName).append('(').append(code).append(')')
            .append(" id=").append(buffer.getUnsignedByte(offset + RadiusPacketDescriptor.IDENTIFIER_OFFSET));
        final int length = buffer.getUnsignedShort(offset + RadiusPacketDescriptor.LENGTH_OFFSET);
        builder.append(" length=").append(length);
        if (length < RadiusPacketDescriptor.MIN_PACKET_LENGTH || length > RadiusPacketDescriptor.MAX_PACKET_LENGTH)
        {
            builder.append(" <illegal length>");
        }
        else if (length > readable)
        {
            builder.append(" <truncated: ").append(readable).append(" octets received>");
        }
        builder.append(" authenticator=");
        RadiusBytes.appendHex(builder, buffer, offset + RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);

        final int end = offset + Math.max(RadiusPacketDescriptor.HEADER_LENGTH, Math.min(length, readable));
        final RadiusAttributeIterator iterator = new RadiusAttributeIterator()
            .reset(buffer, offset + RadiusPacketDescriptor.HEADER_LENGTH, end);
        builder.append(" {");
        boolean first = true;
        int consumed = offset + RadiusPacketDescriptor.HEADER_LENGTH;
        while (iterator.next())
        {
            first = separator(builder, first);
            appendAttribute(builder, iterator, dictionary);
            consumed = iterator.attributeOffset() + iterator.length();
        }
        if (iterator.isMalformed())
        {
            separator(builder, first);
            builder.append("<malformed attribute at octet ").append(consumed - offset).append(": 0x");
            RadiusBytes.appendHex(builder, buffer, consumed, end - consumed);
            builder.append('>');
        }
        return builder.append('}');
    }

    private static boolean separator(final StringBuilder builder, final boolean first)
    {
        if (!first)
        {
            builder.append(", ");
        }
        return false;
    }

    private static void appendAttribute(
        final StringBuilder builder, final RadiusAttributeIterator attribute, final RadiusDictionary dictionary)
    {
        final int type = attribute.type();
        final ByteBuf buffer = attribute.buffer();
        if (RadiusAttributeType.VENDOR_SPECIFIC == type && attribute.isVendorSpecific())
        {
            appendVendorSpecific(builder, attribute, dictionary);
            return;
        }
        final RadiusAttributeDefinition definition = dictionary.attribute(type);
        final boolean secret = RadiusAttributeType.USER_PASSWORD == type || RadiusAttributeType.CHAP_PASSWORD == type;
        appendNamedValue(builder, definition, "Attr-" + type, secret, buffer, attribute.valueOffset(), attribute.valueLength());
    }

    private static void appendVendorSpecific(
        final StringBuilder builder, final RadiusAttributeIterator attribute, final RadiusDictionary dictionary)
    {
        final ByteBuf buffer = attribute.buffer();
        final int vendorId = attribute.vendorId();
        final RadiusVendorDefinition vendor = dictionary.vendor(vendorId);
        final RadiusVendorAttributeIterator subAttribute = new RadiusVendorAttributeIterator()
            .reset(attribute, dictionary.vendorFormat(vendorId));
        int count = 0;
        while (subAttribute.next())
        {
            count++;
        }
        if (subAttribute.isMalformed() || 0 == count)
        {
            builder.append("Attr-26.").append(Integer.toUnsignedString(vendorId)).append("=0x");
            RadiusBytes.appendHex(
                builder, buffer, attribute.valueOffset() + RadiusPacketDescriptor.VENDOR_ID_LENGTH,
                attribute.valueLength() - RadiusPacketDescriptor.VENDOR_ID_LENGTH);
            return;
        }
        subAttribute.reset(attribute, dictionary.vendorFormat(vendorId));
        boolean first = true;
        while (subAttribute.next())
        {
            first = separator(builder, first);
            final int vendorType = subAttribute.vendorType();
            final RadiusAttributeDefinition definition = null == vendor ? null : vendor.attribute(vendorType);
            appendNamedValue(
                builder, definition, "Attr-26." + Integer.toUnsignedString(vendorId) + "." + Integer.toUnsignedString(vendorType),
                false, buffer, subAttribute.valueOffset(), subAttribute.valueLength());
            if (subAttribute.hasContinuation())
            {
                builder.append(" <continued>");
            }
        }
    }

    private static void appendNamedValue(
        final StringBuilder builder,
        final RadiusAttributeDefinition definition,
        final String unknownName,
        final boolean forceSecret,
        final ByteBuf buffer,
        final int valueOffset,
        final int valueLength)
    {
        if (null == definition)
        {
            builder.append(unknownName).append("=0x");
            RadiusBytes.appendHex(builder, buffer, valueOffset, valueLength);
            return;
        }
        builder.append(definition.name());
        if (forceSecret || definition.isSecret())
        {
            builder.append("=<hidden>");
            return;
        }

        int offset = valueOffset;
        int length = valueLength;
        if (definition.hasTag() && length > 0)
        {
            // RFC 2868 §3.1: a first octet 0x01-0x1F is a tag; integer values give up their high octet to it.
            final int first = buffer.getUnsignedByte(offset);
            final boolean integerLike = definition.dataType().isInteger();
            if (integerLike && RadiusPacketDescriptor.INTEGER_VALUE_LENGTH == length)
            {
                builder.append(':').append(first).append('=');
                appendNumber(builder, definition, buffer.getUnsignedMedium(offset + 1));
                return;
            }
            if (!integerLike && first <= 0x1f)
            {
                builder.append(':').append(first);
                offset++;
                length--;
            }
        }
        builder.append('=');
        appendValue(builder, definition, buffer, offset, length);
    }

    private static void appendValue(
        final StringBuilder builder, final RadiusAttributeDefinition definition, final ByteBuf buffer, final int offset, final int length)
    {
        switch (definition.dataType())
        {
            case STRING:
                appendText(builder, buffer, offset, length);
                return;
            case INTEGER:
                if (4 == length)
                {
                    appendNumber(builder, definition, buffer.getUnsignedInt(offset));
                    return;
                }
                break;
            case SIGNED:
                if (4 == length)
                {
                    appendNumber(builder, definition, buffer.getInt(offset));
                    return;
                }
                break;
            case BYTE:
                if (1 == length)
                {
                    appendNumber(builder, definition, buffer.getUnsignedByte(offset));
                    return;
                }
                break;
            case SHORT:
                if (2 == length)
                {
                    appendNumber(builder, definition, buffer.getUnsignedShort(offset));
                    return;
                }
                break;
            case INTEGER64:
                if (8 == length)
                {
                    final long value = buffer.getLong(offset);
                    final String name = definition.valueName(value);
                    builder.append(null == name ? Long.toUnsignedString(value) : name);
                    return;
                }
                break;
            case IPADDR:
                if (4 == length)
                {
                    appendIpv4(builder, buffer, offset);
                    return;
                }
                break;
            case DATE:
                if (4 == length)
                {
                    builder.append(Instant.ofEpochSecond(buffer.getUnsignedInt(offset)));
                    return;
                }
                break;
            case IPV6ADDR:
                if (16 == length)
                {
                    appendIpv6(builder, buffer, offset, 16);
                    return;
                }
                break;
            case IPV6PREFIX:
                // RFC 3162 §2.3: Reserved (1), Prefix-Length (1), Prefix (0-16).
                if (length >= 2 && length <= 18 && buffer.getUnsignedByte(offset + 1) <= 128)
                {
                    appendIpv6(builder, buffer, offset + 2, length - 2);
                    builder.append('/').append(buffer.getUnsignedByte(offset + 1));
                    return;
                }
                break;
            case IFID:
                if (8 == length)
                {
                    for (int i = 0; i < 8; i += 2)
                    {
                        if (i > 0)
                        {
                            builder.append(':');
                        }
                        RadiusBytes.appendHex(builder, buffer, offset + i, 2);
                    }
                    return;
                }
                break;
            case ETHER:
                if (6 == length)
                {
                    for (int i = 0; i < 6; i++)
                    {
                        if (i > 0)
                        {
                            builder.append(':');
                        }
                        RadiusBytes.appendHex(builder, buffer, offset + i, 1);
                    }
                    return;
                }
                break;
            case COMBO_IP:
                if (4 == length)
                {
                    appendIpv4(builder, buffer, offset);
                    return;
                }
                if (16 == length)
                {
                    appendIpv6(builder, buffer, offset, 16);
                    return;
                }
                break;
            case TLV:
                if (appendTlv(builder, definition, buffer, offset, length))
                {
                    return;
                }
                break;
            default:
                break;
        }
        builder.append("0x");
        RadiusBytes.appendHex(builder, buffer, offset, length);
    }

    private static boolean appendTlv(
        final StringBuilder builder, final RadiusAttributeDefinition definition, final ByteBuf buffer, final int offset, final int length)
    {
        // Nested TLVs use one-octet type and length (RFC 6929 §2.3; 3GPP2 and WiMAX do the same). Check the
        // whole chain before printing: half a TLV rendered by name would mislead.
        final RadiusAttributeIterator children = new RadiusAttributeIterator().reset(buffer, offset, offset + length);
        int count = 0;
        while (children.next())
        {
            count++;
        }
        if (children.isMalformed() || 0 == count)
        {
            return false;
        }
        children.reset(buffer, offset, offset + length);
        builder.append('{');
        boolean first = true;
        while (children.next())
        {
            first = separator(builder, first);
            appendNamedValue(
                builder, definition.child(children.type()), definition.name() + "." + children.type(), false,
                buffer, children.valueOffset(), children.valueLength());
        }
        builder.append('}');
        return true;
    }

    private static void appendNumber(final StringBuilder builder, final RadiusAttributeDefinition definition, final long value)
    {
        final String name = definition.valueName(value);
        if (null == name)
        {
            builder.append(value);
        }
        else
        {
            builder.append(name);
        }
    }

    private static void appendIpv4(final StringBuilder builder, final ByteBuf buffer, final int offset)
    {
        builder.append(buffer.getUnsignedByte(offset)).append('.')
            .append(buffer.getUnsignedByte(offset + 1)).append('.')
            .append(buffer.getUnsignedByte(offset + 2)).append('.')
            .append(buffer.getUnsignedByte(offset + 3));
    }

    private static void appendIpv6(final StringBuilder builder, final ByteBuf buffer, final int offset, final int length)
    {
        final byte[] address = new byte[16];
        buffer.getBytes(offset, address, 0, length);
        try
        {
            builder.append(InetAddress.getByAddress(address).getHostAddress());
        }
        catch (final UnknownHostException ex)
        {
            // cannot happen for a 16-octet array; fall back to hex rather than throw from a formatter
            builder.append("0x");
            RadiusBytes.appendHex(builder, buffer, offset, length);
        }
    }

    private static void appendText(final StringBuilder builder, final ByteBuf buffer, final int offset, final int length)
    {
        final byte[] octets = new byte[length];
        buffer.getBytes(offset, octets, 0, length);
        final CharBuffer text;
        try
        {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(octets));
        }
        catch (final CharacterCodingException ex)
        {
            builder.append("0x");
            RadiusBytes.appendHex(builder, buffer, offset, length);
            return;
        }
        builder.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"': builder.append("\\\""); break;
                case '\\': builder.append("\\\\"); break;
                case '\n': builder.append("\\n"); break;
                case '\r': builder.append("\\r"); break;
                case '\t': builder.append("\\t"); break;
                default:
                    if (c < 0x20 || 0x7f == c)
                    {
                        builder.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    }
                    else
                    {
                        builder.append(c);
                    }
                    break;
            }
        }
        builder.append('"');
    }
}
