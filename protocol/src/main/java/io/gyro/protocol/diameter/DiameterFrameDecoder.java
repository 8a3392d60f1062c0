package io.gyro.protocol.diameter;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

import static io.gyro.protocol.diameter.DiameterHeaderDescriptor.*;

/**
 * Splits a Diameter byte stream into messages (RFC 6733 §3: 3-octet Message Length at offset 1, header
 * included) and passes each on as a zero-copy {@link ByteBuf#retainedSlice(int, int) retained slice}; the next
 * handler releases it.
 * <p>
 * A damaged header (version not 1, length under 20 or not a multiple of 4, length over the configured maximum) is
 * passed on once as a {@link DiameterFramingError}; from then on every byte is discarded, because the stream
 * can no longer be split reliably, and the handler is expected to close the connection. An over-long frame is
 * refused from its header alone, so nothing unbounded is ever buffered. One instance per channel.
 */
public final class DiameterFrameDecoder extends ByteToMessageDecoder
{
    /** Default largest message accepted: far above any Gy CCR (about 1 KiB), well under the 16 MiB field. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 64 * 1024;

    private final int maxMessageLength;
    private boolean failed;

    /**
     * @param maxMessageLength largest Message Length accepted, at least the header length.
     */
    public DiameterFrameDecoder(final int maxMessageLength)
    {
        if (maxMessageLength < HEADER_LENGTH || maxMessageLength > MAX_ENCODABLE_LENGTH)
        {
            throw new IllegalArgumentException("maxMessageLength out of range (20-16777215): " + maxMessageLength);
        }
        this.maxMessageLength = maxMessageLength;
    }

    /** A decoder with {@link #DEFAULT_MAX_MESSAGE_LENGTH}. */
    public DiameterFrameDecoder()
    {
        this(DEFAULT_MAX_MESSAGE_LENGTH);
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
    {
        if (failed)
        {
            in.skipBytes(in.readableBytes());
            return;
        }

        while (in.readableBytes() >= HEADER_LENGTH)
        {
            final int start = in.readerIndex();
            final int version = in.getUnsignedByte(start + VERSION_OFFSET);
            final int length = in.getUnsignedMedium(start + LENGTH_OFFSET);

            final DiameterFramingError.Reason reason;
            if (VERSION != version)
            {
                reason = DiameterFramingError.Reason.UNSUPPORTED_VERSION;
            }
            else if (length < HEADER_LENGTH || (length & 3) != 0)
            {
                reason = DiameterFramingError.Reason.INVALID_LENGTH;
            }
            else if (length > maxMessageLength)
            {
                reason = DiameterFramingError.Reason.TOO_LONG;
            }
            else
            {
                if (in.readableBytes() < length)
                {
                    return;
                }
                out.add(in.retainedSlice(start, length));
                in.skipBytes(length);
                continue;
            }

            final byte[] header = new byte[HEADER_LENGTH];
            in.getBytes(start, header);
            in.skipBytes(in.readableBytes());
            failed = true;
            out.add(new DiameterFramingError(reason, header, length));
            return;
        }
    }
}
