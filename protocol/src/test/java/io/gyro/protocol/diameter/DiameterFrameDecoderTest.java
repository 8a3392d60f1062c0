package io.gyro.protocol.diameter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class DiameterFrameDecoderTest
{
    private static final byte[] CER = DiameterGoldenVectorTest.vector("cer-go-diameter.hex");
    private static final byte[] CCR = DiameterGoldenVectorTest.vector("ccr-u-handmade.hex");

    private static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] all = new byte[length];
        int offset = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    private static void assertFrame(final byte[] expected, final Object frame)
    {
        final ByteBuf buffer = assertInstanceOf(ByteBuf.class, frame);
        try
        {
            final byte[] actual = new byte[buffer.readableBytes()];
            buffer.getBytes(buffer.readerIndex(), actual);
            assertArrayEquals(expected, actual);
        }
        finally
        {
            buffer.release();
        }
    }

    @Test
    void shouldSplitMessagesArrivingOneOctetAtATime()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new DiameterFrameDecoder());
        final byte[] stream = concat(CER, CCR);
        for (final byte b : stream)
        {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertFrame(CER, channel.readInbound());
        assertFrame(CCR, channel.readInbound());
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void shouldSplitSeveralMessagesInOneRead()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new DiameterFrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(concat(CCR, CER, CCR)));
        assertFrame(CCR, channel.readInbound());
        assertFrame(CER, channel.readInbound());
        assertFrame(CCR, channel.readInbound());
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void shouldReportUnsupportedVersionAndDiscardTheRest()
    {
        final byte[] bad = CER.clone();
        bad[0] = 2;
        final EmbeddedChannel channel = new EmbeddedChannel(new DiameterFrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(concat(CCR, bad, CCR)));
        assertFrame(CCR, channel.readInbound());
        final DiameterFramingError error = assertInstanceOf(DiameterFramingError.class, channel.readInbound());
        assertEquals(DiameterFramingError.Reason.UNSUPPORTED_VERSION, error.reason());
        assertEquals(5011, error.reason().resultCode());
        assertTrue(error.isRequest());
        assertArrayEquals(Arrays.copyOf(bad, 20), error.header());
        channel.writeInbound(Unpooled.wrappedBuffer(CCR));
        assertNull(channel.readInbound(), "nothing after damaged framing is trusted");
        assertFalse(channel.finish());
    }

    @Test
    void shouldReportLengthsThatCannotBeRight()
    {
        for (final int length : new int[] {0, 19, 22, 4 * 1000 + 2})
        {
            final byte[] bad = CER.clone();
            bad[1] = (byte)(length >>> 16);
            bad[2] = (byte)(length >>> 8);
            bad[3] = (byte)length;
            final EmbeddedChannel channel = new EmbeddedChannel(new DiameterFrameDecoder());
            channel.writeInbound(Unpooled.wrappedBuffer(bad));
            final DiameterFramingError error = assertInstanceOf(DiameterFramingError.class, channel.readInbound());
            assertEquals(DiameterFramingError.Reason.INVALID_LENGTH, error.reason(), "length " + length);
            assertEquals(length, error.declaredLength());
            assertEquals(5015, error.reason().resultCode());
            assertFalse(channel.finish());
        }
    }

    @Test
    void shouldRefuseOverLongMessageFromItsHeaderAlone()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new DiameterFrameDecoder(1024));
        final byte[] header = Arrays.copyOf(CER, 20);
        header[1] = 0x10; // 1 MiB announced
        header[2] = 0;
        header[3] = 0;
        channel.writeInbound(Unpooled.wrappedBuffer(header));
        final DiameterFramingError error = assertInstanceOf(DiameterFramingError.class, channel.readInbound());
        assertEquals(DiameterFramingError.Reason.TOO_LONG, error.reason());
        assertFalse(channel.finish());
    }

    @Test
    void shouldWaitForAWholeHeaderBeforeJudging()
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new DiameterFrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 0, 0}));
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void shouldRejectImpossibleMaximum()
    {
        assertThrows(IllegalArgumentException.class, () -> new DiameterFrameDecoder(19));
        assertThrows(IllegalArgumentException.class, () -> new DiameterFrameDecoder(1 << 24));
    }
}
