package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.netty.buffer.ByteBuf;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import java.util.Arrays;

import static io.gyro.protocol.diameter.DiameterHeaderDescriptor.*;

/**
 * What an answer must copy from its request (RFC 6733 §6.2, PROTOCOLS.md §4 item 9): Hop-by-Hop and
 * End-to-End identifiers, the P bit, the Command Code and Application-ID, the Session-Id AVP and every
 * Proxy-Info AVP in order. Captured as a copy so that the answer can be written after the request buffer is
 * released (the server keeps one per request in flight).
 * <p>
 * Storage grows only for unusually large Proxy-Info chains; the common case never allocates.
 * Not thread safe.
 */
public final class RequestEcho
{
    /** Initial storage: a 256-octet Session-Id AVP (the most Gyro accepts) plus a few Proxy-Info AVPs. */
    public static final int INITIAL_CAPACITY = 512;

    private byte[] storage = new byte[INITIAL_CAPACITY];
    private int commandFlags;
    private int commandCode;
    private long applicationId;
    private int hopByHopId;
    private int endToEndId;
    private int sessionIdAvpLength;
    private int proxyInfoLength;

    /**
     * Copy the echoed parts of a request.
     *
     * @param buffer        holding the request.
     * @param messageOffset of the request header.
     * @param reader        scratch reader used for the walk.
     * @return this for chaining.
     */
    public RequestEcho capture(final ByteBuf buffer, final int messageOffset, final AvpReader reader)
    {
        commandFlags = buffer.getUnsignedByte(messageOffset + FLAGS_OFFSET);
        commandCode = buffer.getUnsignedMedium(messageOffset + COMMAND_CODE_OFFSET);
        applicationId = buffer.getUnsignedInt(messageOffset + APPLICATION_ID_OFFSET);
        hopByHopId = buffer.getInt(messageOffset + HOP_BY_HOP_OFFSET);
        endToEndId = buffer.getInt(messageOffset + END_TO_END_OFFSET);

        int sessionIdOffset = -1;
        int sessionIdLength = 0;
        int proxyInfoTotal = 0;
        reader.wrapMessage(buffer, messageOffset);
        while (reader.next())
        {
            if (0 == reader.vendorId())
            {
                if (AvpCode.SESSION_ID == reader.code() && sessionIdOffset < 0)
                {
                    sessionIdOffset = reader.avpOffset();
                    sessionIdLength = reader.length();
                }
                else if (AvpCode.PROXY_INFO == reader.code())
                {
                    proxyInfoTotal += reader.paddedLength();
                }
            }
        }

        sessionIdAvpLength = sessionIdLength;
        proxyInfoLength = proxyInfoTotal;
        final int sessionIdSlot = AvpDescriptor.paddedLength(sessionIdLength);
        if (sessionIdSlot + proxyInfoTotal > storage.length)
        {
            storage = new byte[sessionIdSlot + proxyInfoTotal];
        }
        if (sessionIdOffset >= 0)
        {
            buffer.getBytes(sessionIdOffset, storage, 0, sessionIdLength);
        }
        if (proxyInfoTotal > 0)
        {
            int position = sessionIdSlot;
            reader.wrapMessage(buffer, messageOffset);
            while (reader.find(AvpCode.PROXY_INFO, 0))
            {
                // The last AVP of a message may lack its pad; the stored copy is always padded with zeros.
                final int available = Math.min(reader.paddedLength(), reader.limit() - reader.avpOffset());
                buffer.getBytes(reader.avpOffset(), storage, position, available);
                Arrays.fill(storage, position + available, position + reader.paddedLength(), (byte)0);
                position += reader.paddedLength();
            }
        }
        return this;
    }

    /**
     * Copy the echoed parts when a decoder already found the Session-Id AVP in its own walk: the common case (no
     * Proxy-Info) then needs no second walk over the message.
     *
     * @param buffer             holding the request.
     * @param messageOffset      of the request header.
     * @param sessionIdAvpOffset offset of the Session-Id AVP header, or -1 when absent.
     * @param sessionIdAvpLength its AVP Length (unpadded).
     * @param proxyInfoCount     number of Proxy-Info AVPs the decoder saw; when non-zero this falls back to
     *                           {@link #capture(ByteBuf, int, AvpReader)}.
     * @param reader             scratch reader: its view of the buffer is used for the reads.
     * @return this for chaining.
     */
    public RequestEcho capture(
        final ByteBuf buffer,
        final int messageOffset,
        final int sessionIdAvpOffset,
        final int sessionIdAvpLength,
        final int proxyInfoCount,
        final AvpReader reader)
    {
        if (proxyInfoCount > 0)
        {
            return capture(buffer, messageOffset, reader);
        }
        // Read through the reader's view of the buffer: one bounds check per read and no reference-count check,
        // which Netty's getters repeat on every call (this runs once per request).
        final UnsafeBuffer view = reader.wrapMessage(buffer, messageOffset).view();
        final int flagsAndCommandCode = view.getInt(messageOffset + FLAGS_OFFSET, ByteOrder.BIG_ENDIAN);
        commandFlags = flagsAndCommandCode >>> 24;
        commandCode = flagsAndCommandCode & 0xFF_FFFF;
        applicationId = view.getInt(messageOffset + APPLICATION_ID_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
        hopByHopId = view.getInt(messageOffset + HOP_BY_HOP_OFFSET, ByteOrder.BIG_ENDIAN);
        endToEndId = view.getInt(messageOffset + END_TO_END_OFFSET, ByteOrder.BIG_ENDIAN);
        proxyInfoLength = 0;
        if (sessionIdAvpOffset < 0)
        {
            this.sessionIdAvpLength = 0;
            return this;
        }
        if (AvpDescriptor.paddedLength(sessionIdAvpLength) > storage.length)
        {
            storage = new byte[AvpDescriptor.paddedLength(sessionIdAvpLength)];
        }
        view.getBytes(sessionIdAvpOffset, storage, 0, sessionIdAvpLength);
        this.sessionIdAvpLength = sessionIdAvpLength;
        return this;
    }

    /**
     * Copy another echo (for example from a decode-time scratch into a pending-request table entry).
     *
     * @param other to copy.
     * @return this for chaining.
     */
    public RequestEcho copyFrom(final RequestEcho other)
    {
        commandFlags = other.commandFlags;
        commandCode = other.commandCode;
        applicationId = other.applicationId;
        hopByHopId = other.hopByHopId;
        endToEndId = other.endToEndId;
        sessionIdAvpLength = other.sessionIdAvpLength;
        proxyInfoLength = other.proxyInfoLength;
        final int used = AvpDescriptor.paddedLength(sessionIdAvpLength) + proxyInfoLength;
        if (storage.length < used)
        {
            storage = new byte[used];
        }
        System.arraycopy(other.storage, 0, storage, 0, used);
        return this;
    }

    /**
     * Write the answer's header: same Command Code, Application-ID, identifiers; R cleared, P echoed (§6.2).
     *
     * @param encoder wrapped on the answer buffer.
     * @param error   true to set the E bit (protocol errors, 3xxx).
     */
    public void writeAnswerHeader(final DiameterEncoder encoder, final boolean error)
    {
        final int flags = (commandFlags & FLAG_PROXIABLE) | (error ? FLAG_ERROR : 0);
        encoder.header(flags, commandCode, applicationId, hopByHopId, endToEndId);
    }

    /**
     * Write the request's Session-Id AVP, if it had one, octet for octet (§8.8: compared exactly).
     *
     * @param encoder wrapped on the answer buffer.
     */
    public void writeSessionId(final DiameterEncoder encoder)
    {
        if (sessionIdAvpLength > 0)
        {
            encoder.raw(storage, 0, sessionIdAvpLength);
        }
    }

    /**
     * Write every Proxy-Info AVP of the request in its original order (§6.2 item 4).
     *
     * @param encoder wrapped on the answer buffer.
     */
    public void writeProxyInfos(final DiameterEncoder encoder)
    {
        if (proxyInfoLength > 0)
        {
            encoder.raw(storage, AvpDescriptor.paddedLength(sessionIdAvpLength), proxyInfoLength);
        }
    }

    /**
     * Append every Proxy-Info AVP of the request, in its original order, straight into a buffer (an answer replayed
     * from a cache gets the retransmission's own Proxy-Infos, RFC 6733 §3, §6.2); the caller fixes the Message Length.
     *
     * @param buffer written at its writer index.
     * @return the octets written.
     */
    public int writeProxyInfos(final ByteBuf buffer)
    {
        if (proxyInfoLength > 0)
        {
            buffer.writeBytes(storage, AvpDescriptor.paddedLength(sessionIdAvpLength), proxyInfoLength);
        }
        return proxyInfoLength;
    }

    /** @return total octets of the request's Proxy-Info AVPs, padding included (they end every answer). */
    public int proxyInfoLength()
    {
        return proxyInfoLength;
    }

    /** @return the request's Command Flags. */
    public int commandFlags()
    {
        return commandFlags;
    }

    /** @return the request's Command Code. */
    public int commandCode()
    {
        return commandCode;
    }

    /** @return the request's Application-ID. */
    public long applicationId()
    {
        return applicationId;
    }

    /** @return the request's Hop-by-Hop Identifier. */
    public int hopByHopId()
    {
        return hopByHopId;
    }

    /** @return the request's End-to-End Identifier. */
    public int endToEndId()
    {
        return endToEndId;
    }

    /** @return true when the request carried a Session-Id. */
    public boolean hasSessionId()
    {
        return sessionIdAvpLength > 0;
    }
}
