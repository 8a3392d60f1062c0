package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.dictionary.AvpDefinition;
import io.gyro.protocol.diameter.dictionary.AvpType;
import io.gyro.protocol.diameter.dictionary.CommandDefinition;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.time.Instant;

/**
 * Human-readable rendering of any Diameter message through the dictionary, for logs and the simulator's trace
 * mode (the {@code appendTo(StringBuilder)} habit of SBE and Artio). Allocates; never used on the hot path.
 * Damaged framing is rendered up to the damage and marked, never thrown.
 * <pre>
 * CCR (272) R P app=4 hbh=0x1df4b75e e2e=0xb1b50a4b len=264
 *   Session-Id (263) M = "123456"
 *   Multiple-Services-Credit-Control (456) M
 *     Rating-Group (432) M = 10
 * </pre>
 */
public final class DiameterMessageRenderer
{
    private final DiameterDictionary dictionary;

    /**
     * @param dictionary names and types of AVPs and commands.
     */
    public DiameterMessageRenderer(final DiameterDictionary dictionary)
    {
        this.dictionary = dictionary;
    }

    /**
     * @param buffer holding the message.
     * @param offset of its header.
     * @return the rendering.
     */
    public String render(final ByteBuf buffer, final int offset)
    {
        return appendTo(new StringBuilder(256), buffer, offset).toString();
    }

    /**
     * @param out    to append to.
     * @param buffer holding the message.
     * @param offset of its header.
     * @return {@code out}.
     */
    public StringBuilder appendTo(final StringBuilder out, final ByteBuf buffer, final int offset)
    {
        if (buffer.writerIndex() - offset < DiameterHeaderDescriptor.HEADER_LENGTH)
        {
            return out.append("<truncated header: ").append(buffer.writerIndex() - offset).append(" octets>");
        }
        final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight().wrap(buffer, offset);
        final CommandDefinition command = dictionary.command(header.commandCode());
        if (null != command)
        {
            out.append(header.isRequest() ? command.requestAbbreviation() : command.answerAbbreviation());
        }
        else
        {
            out.append("Unknown-Command");
        }
        out.append(" (").append(header.commandCode()).append(')');
        if (header.isRequest())
        {
            out.append(" R");
        }
        if (header.isProxiable())
        {
            out.append(" P");
        }
        if (header.isError())
        {
            out.append(" E");
        }
        if (header.isRetransmitted())
        {
            out.append(" T");
        }
        out.append(" app=").append(header.applicationId())
            .append(" hbh=0x").append(Integer.toHexString(header.hopByHopId()))
            .append(" e2e=0x").append(Integer.toHexString(header.endToEndId()))
            .append(" len=").append(header.messageLength());
        if (1 != header.version())
        {
            out.append(" version=").append(header.version());
        }
        appendAvps(out, new AvpReader().wrapMessage(buffer, offset), 1);
        return out;
    }

    private void appendAvps(final StringBuilder out, final AvpReader reader, final int depth)
    {
        while (reader.next())
        {
            out.append('\n');
            indent(out, depth);
            final AvpDefinition definition = dictionary.avp(reader.vendorId(), reader.code());
            out.append(null == definition ? "Unknown-AVP" : definition.name())
                .append(" (").append(Integer.toUnsignedString(reader.code()));
            if (0 != reader.vendorId())
            {
                out.append(", vendor ").append(Integer.toUnsignedString(reader.vendorId()));
            }
            out.append(')');
            if (reader.isMandatory())
            {
                out.append(" M");
            }
            if (null == definition)
            {
                out.append(" = 0x").append(ByteBufUtil.hexDump(reader.buffer(), reader.dataOffset(),
                    reader.dataLength()));
                continue;
            }
            if (AvpType.GROUPED == definition.type())
            {
                if (depth < DiameterValidator.MAX_NESTING_DEPTH)
                {
                    appendAvps(out, new AvpReader().wrapGroup(reader), depth + 1);
                }
                else
                {
                    out.append(" <nested too deep>");
                }
                continue;
            }
            out.append(" = ");
            appendValue(out, reader, definition);
        }
        if (AvpReadError.NONE != reader.error())
        {
            out.append('\n');
            indent(out, depth);
            out.append("<").append(reader.error()).append(" at offset ").append(reader.avpOffset()).append('>');
        }
    }

    private static void indent(final StringBuilder out, final int depth)
    {
        for (int i = 0; i < depth; i++)
        {
            out.append("  ");
        }
    }

    private static void appendValue(final StringBuilder out, final AvpReader reader, final AvpDefinition definition)
    {
        final AvpType type = definition.type();
        final int fixed = type.fixedDataLength();
        if (fixed >= 0 && reader.dataLength() != fixed)
        {
            out.append("<bad length ").append(reader.dataLength()).append(">");
            return;
        }
        switch (type)
        {
            case INTEGER32 -> out.append(reader.int32());
            case INTEGER64 -> out.append(reader.int64());
            case UNSIGNED32 -> out.append(reader.uint32());
            case UNSIGNED64 -> out.append(Long.toUnsignedString(reader.uint64()));
            case FLOAT32 -> out.append(reader.float32());
            case FLOAT64 -> out.append(reader.float64());
            case TIME -> out.append(Instant.ofEpochSecond(reader.timeUnixSeconds()));
            case ENUMERATED ->
            {
                final int value = reader.int32();
                final String name = definition.enumName(value);
                out.append(null == name ? "?" : name).append(" (").append(value).append(')');
            }
            case ADDRESS -> appendAddress(out, reader);
            case UTF8_STRING, DIAMETER_IDENTITY, DIAMETER_URI, IP_FILTER_RULE, QOS_FILTER_RULE ->
                out.append('"').append(reader.utf8()).append('"');
            default -> appendOctets(out, reader);
        }
    }

    private static void appendAddress(final StringBuilder out, final AvpReader reader)
    {
        final int family = reader.addressFamily();
        final ByteBuf buffer = reader.buffer();
        final int start = reader.dataOffset() + 2;
        if (1 == family && 6 == reader.dataLength())
        {
            for (int i = 0; i < 4; i++)
            {
                out.append(i > 0 ? "." : "").append(buffer.getUnsignedByte(start + i));
            }
        }
        else if (2 == family && 18 == reader.dataLength())
        {
            for (int i = 0; i < 16; i += 2)
            {
                out.append(i > 0 ? ":" : "").append(Integer.toHexString(buffer.getUnsignedShort(start + i)));
            }
        }
        else
        {
            appendOctets(out, reader);
        }
    }

    private static void appendOctets(final StringBuilder out, final AvpReader reader)
    {
        final ByteBuf buffer = reader.buffer();
        boolean printable = reader.dataLength() > 0;
        for (int i = 0; i < reader.dataLength() && printable; i++)
        {
            final int b = buffer.getUnsignedByte(reader.dataOffset() + i);
            printable = b >= 0x20 && b < 0x7F;
        }
        if (printable)
        {
            out.append('"').append(reader.utf8()).append('"');
        }
        else
        {
            out.append("0x").append(ByteBufUtil.hexDump(buffer, reader.dataOffset(), reader.dataLength()));
        }
    }
}
