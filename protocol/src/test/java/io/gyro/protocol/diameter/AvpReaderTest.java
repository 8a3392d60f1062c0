package io.gyro.protocol.diameter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class AvpReaderTest
{
    private static ByteBuf avps(final String hex)
    {
        return Unpooled.wrappedBuffer(io.gyro.protocol.test.GoldenVectors.parse(hex));
    }

    @Test
    void shouldReadVendorAvpAndSkipPadding()
    {
        // 3GPP-RAT-Type (21, V, vendor 10415) "01" + 2 pad octets, then Rating-Group (432) 10.
        final ByteBuf buffer = avps("000000158000000e000028af3031 ffff  000001b04000000c0000000a");
        final AvpReader reader = new AvpReader().wrap(buffer, 0, buffer.writerIndex());
        assertTrue(reader.next());
        assertEquals(21, reader.code());
        assertTrue(reader.isVendorSpecific());
        assertFalse(reader.isMandatory());
        assertEquals(10415, reader.vendorId());
        assertEquals(14, reader.length());
        assertEquals(16, reader.paddedLength());
        assertEquals(2, reader.dataLength());
        assertEquals("01", reader.utf8());
        assertTrue(reader.next());
        assertEquals(432, reader.code());
        assertEquals(10, reader.uint32());
        assertFalse(reader.next());
        assertEquals(AvpReadError.NONE, reader.error());
    }

    @Test
    void shouldWalkGroupedAvps()
    {
        // MSCC { Rating-Group 10, USU { CC-Time 60 } }
        final ByteBuf buffer = avps("000001c840000028 000001b04000000c0000000a 000001ce40000014 000001a44000000c0000003c");
        final AvpReader outer = new AvpReader().wrap(buffer, 0, buffer.writerIndex());
        assertTrue(outer.next());
        final AvpReader inner = new AvpReader().wrapGroup(outer);
        assertTrue(inner.next());
        assertEquals(10, inner.uint32());
        assertTrue(inner.next());
        final AvpReader innermost = new AvpReader().wrapGroup(inner);
        assertTrue(innermost.find(420, 0));
        assertEquals(60, innermost.uint32());
        assertFalse(inner.next());
        assertFalse(outer.next());
    }

    @Test
    void shouldStopOnTruncatedHeader()
    {
        final ByteBuf buffer = avps("000001b04000000c0000000a 000001b0");
        final AvpReader reader = new AvpReader().wrap(buffer, 0, buffer.writerIndex());
        assertTrue(reader.next());
        assertFalse(reader.next());
        assertEquals(AvpReadError.TRUNCATED_HEADER, reader.error());
        assertEquals(12, reader.avpOffset());
        assertFalse(reader.next(), "an error is final");
    }

    @Test
    void shouldKeepARangeThatRunsPastTheBufferInsideTheBuffer()
    {
        // The header and fixed-size values are read without bounds checks: a caller's limit past the end of the
        // memory must be clamped, so the walk reports the damage instead of reading beyond the buffer.
        final ByteBuf buffer = avps("000001b04000000c0000000a 000001b040000010 0000");
        final AvpReader reader = new AvpReader().wrap(buffer, 0, buffer.writerIndex() + 64);
        assertEquals(buffer.capacity(), reader.limit());
        assertTrue(reader.next());
        assertEquals(10, reader.uint32());
        assertFalse(reader.next());
        assertEquals(AvpReadError.OVERRUN, reader.error());
        assertEquals(12, reader.avpOffset());

        final ByteBuf headerOnly = avps("000001b0 4000");
        final AvpReader shortReader = new AvpReader().wrap(headerOnly, 0, 4096);
        assertFalse(shortReader.next());
        assertEquals(AvpReadError.TRUNCATED_HEADER, shortReader.error());
        assertEquals(0, shortReader.int32(), "no value before a well-framed AVP");
    }

    @Test
    void shouldRefuseANegativeOffsetInsteadOfReadingBeforeTheBuffer()
    {
        final ByteBuf buffer = avps("000001b04000000c0000000a");
        assertThrows(IndexOutOfBoundsException.class, () -> new AvpReader().wrap(buffer, -4, buffer.writerIndex()));
        final AvpReader reader = new AvpReader().wrap(buffer, 0, buffer.writerIndex());
        assertThrows(IndexOutOfBoundsException.class, () -> reader.nextAt(-8));
    }

    @Test
    void shouldStopOnLengthShorterThanHeader()
    {
        final ByteBuf buffer = avps("000001b040000007 00000000");
        final AvpReader reader = new AvpReader().wrap(buffer, 0, buffer.writerIndex());
        assertFalse(reader.next());
        assertEquals(AvpReadError.LENGTH_TOO_SMALL, reader.error());

        final ByteBuf vendor = avps("0000001580000009000028af 00000000");
        final AvpReader vendorReader = new AvpReader().wrap(vendor, 0, vendor.writerIndex());
        assertFalse(vendorReader.next(), "a V-bit AVP needs 12 octets of header");
        assertEquals(AvpReadError.LENGTH_TOO_SMALL, vendorReader.error());
    }

    @Test
    void shouldStopOnLengthRunningPastTheRange()
    {
        final ByteBuf buffer = avps("000001b040000010 0000000a");
        final AvpReader reader = new AvpReader().wrap(buffer, 0, buffer.writerIndex());
        assertFalse(reader.next());
        assertEquals(AvpReadError.OVERRUN, reader.error());
    }

    @Test
    void shouldTolerateMissingFinalPad()
    {
        final ByteBuf buffer = avps("000001074000000d 3132333435");
        final AvpReader reader = new AvpReader().wrap(buffer, 0, buffer.writerIndex());
        assertTrue(reader.next());
        assertEquals("12345", reader.utf8());
        assertFalse(reader.next());
        assertEquals(AvpReadError.NONE, reader.error());
    }

    @Test
    void shouldReturnZeroForFixedTypesOfTheWrongLength()
    {
        final ByteBuf buffer = avps("000001b04000000a 0102 0000");
        final AvpReader reader = new AvpReader().wrap(buffer, 0, buffer.writerIndex());
        assertTrue(reader.next());
        assertEquals(0, reader.uint32());
        assertEquals(0, reader.int32());
        assertEquals(0, reader.uint64());
        assertEquals(0, reader.timeUnixSeconds());
    }

    @Test
    void shouldConvertTimeAcrossThe2036Rollover()
    {
        assertEquals(0, DiameterTime.toUnixSeconds(2_208_988_800L));
        // 2036-02-07T06:28:15Z is the last second of era 0; one later the field wraps to 0 (era 1).
        final long lastOfEra0 = Instant.parse("2036-02-07T06:28:15Z").getEpochSecond();
        assertEquals(0xFFFF_FFFFL, DiameterTime.fromUnixSeconds(lastOfEra0));
        assertEquals(0L, DiameterTime.fromUnixSeconds(lastOfEra0 + 1));
        assertEquals(lastOfEra0 + 1, DiameterTime.toUnixSeconds(0));
        final long in2050 = Instant.parse("2050-06-01T00:00:00Z").getEpochSecond();
        assertEquals(in2050, DiameterTime.toUnixSeconds(DiameterTime.fromUnixSeconds(in2050)));
        final long in1990 = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond();
        assertEquals(in1990, DiameterTime.toUnixSeconds(DiameterTime.fromUnixSeconds(in1990)));
    }
}
