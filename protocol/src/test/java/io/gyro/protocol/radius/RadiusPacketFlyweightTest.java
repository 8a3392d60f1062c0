package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.gyro.protocol.radius.RadiusTestSupport.TESTING123;
import static io.gyro.protocol.radius.RadiusTestSupport.golden;
import static io.gyro.protocol.radius.RadiusTestSupport.goldenNamedVectors;
import static io.gyro.protocol.radius.RadiusTestSupport.hex;
import static io.gyro.protocol.radius.RadiusTestSupport.readable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading packets and Vendor-Specific attributes through the flyweight and its iterators, including the
 * FreeRADIUS vendor vectors (Starent 2+2, USR 4+0, WiMAX 1+1+continuation).
 */
class RadiusPacketFlyweightTest
{
    private static final Map<String, byte[]> VSA = goldenNamedVectors("freeradius-vsa-attributes");

    private final RadiusTestSupport.TrackedBuffers buffers = new RadiusTestSupport.TrackedBuffers();
    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(authenticators);
    private final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
    private final RadiusAttributeIterator iterator = new RadiusAttributeIterator();
    private final RadiusVendorAttributeIterator vendor = new RadiusVendorAttributeIterator();

    @AfterEach
    void releaseBuffers()
    {
        buffers.close();
    }

    @Test
    void shouldReadTheHeaderAndCopyTheAuthenticator()
    {
        final byte[] bytes = golden("accounting-interim-update-42");
        packet.wrap(buffers.direct(bytes));
        assertEquals(4, packet.code());
        assertEquals(42, packet.identifier());
        assertEquals(79, packet.length());
        final byte[] authenticator = new byte[18];
        packet.copyAuthenticator(authenticator, 2);
        assertEquals("57b3f8122f939d617078e10f9fcab53f", hex(java.util.Arrays.copyOfRange(authenticator, 2, 18)));
        assertTrue(packet.authenticatorEquals(authenticator, 2));
        authenticator[17] ^= 1;
        assertFalse(packet.authenticatorEquals(authenticator, 2));
    }

    @Test
    void shouldJoinOctetsAndGigawordsIntoSixtyFourBits()
    {
        packet.wrap(buffers.heap(accounting(0xffffffff, 7, -1, -1)));
        assertEquals((7L << 32) + 0xffffffffL, packet.acctInputOctets64());
        assertEquals(RadiusPacketFlyweight.NO_COUNTER, packet.acctOutputOctets64());

        packet.wrap(buffers.heap(accounting(5, -1, 1000, 0)));
        assertEquals(5L, packet.acctInputOctets64(), "missing Gigawords counts as zero");
        assertEquals(1000L, packet.acctOutputOctets64());
    }

    @Test
    void shouldReportNoCounterWhenTheOctetsAttributeIsMalformed()
    {
        final ByteBuf buffer = buffers.heap(hex("04010019 00000000000000000000000000000000 2a05000001"));
        packet.wrap(buffer);
        assertEquals(RadiusPacketFlyweight.NO_COUNTER, packet.acctInputOctets64());
        assertEquals(-7, packet.unsignedInt(RadiusAttributeType.ACCT_INPUT_OCTETS, -7));
    }

    @Test
    void shouldCopyEveryProxyStateInOrderAndReplayIt()
    {
        final ByteBuf request = buffers.empty();
        encoder.start(request, RadiusCode.ACCOUNTING_REQUEST, 9)
            .putBytes(RadiusAttributeType.PROXY_STATE, new byte[] {1, 2, 3}, 0, 3)
            .putInt(RadiusAttributeType.ACCT_STATUS_TYPE, 1)
            .putBytes(RadiusAttributeType.PROXY_STATE, new byte[] {9}, 0, 1)
            .finishRequest(TESTING123);
        packet.wrap(request);
        assertEquals(2, packet.countAttributes(RadiusAttributeType.PROXY_STATE));

        final byte[] kept = new byte[16];
        assertEquals(8, packet.copyAttributes(RadiusAttributeType.PROXY_STATE, kept, 1));
        assertEquals("2105010203210309", hex(java.util.Arrays.copyOfRange(kept, 1, 9)));
        assertEquals(-1, packet.copyAttributes(RadiusAttributeType.PROXY_STATE, new byte[7], 0));

        final byte[] requestAuthenticator = new byte[16];
        packet.copyAuthenticator(requestAuthenticator, 0);
        final ByteBuf replayed = buffers.empty();
        encoder.start(replayed, RadiusCode.ACCOUNTING_RESPONSE, 9).putRawAttributes(kept, 1, 8)
            .finishResponse(requestAuthenticator, 0, TESTING123);
        final ByteBuf copied = buffers.empty();
        encoder.start(copied, RadiusCode.ACCOUNTING_RESPONSE, 9).putProxyStates(request, 0, request.readableBytes(), iterator)
            .finishResponse(requestAuthenticator, 0, TESTING123);
        assertArrayEquals(readable(replayed), readable(copied));
        assertEquals("0509001c", hex(java.util.Arrays.copyOf(readable(copied), 4)));
        assertTrue(authenticators.verifyResponse(copied, 0, requestAuthenticator, 0, TESTING123));
    }

    @Test
    void shouldReadAStarentTwoOctetTypeAndLength()
    {
        positionOn("starent-vpn-name");
        assertEquals(RadiusVendorId.STARENT, iterator.vendorId());
        vendor.reset(iterator);
        assertTrue(vendor.next());
        assertEquals(2, vendor.vendorType());
        assertEquals("foo", vendor.stringValue());
        assertFalse(vendor.next());
        assertFalse(vendor.isMalformed());
        // The same octets (00 02 00 07 'foo') read as 1+1 do not parse: the format matters. Type 0 with Length 2 is
        // an empty sub-attribute; then type 0 claims 7 octets where 5 are left.
        vendor.reset(iterator, RadiusVendorFormat.STANDARD);
        assertTrue(vendor.next());
        assertEquals(0, vendor.vendorType());
        assertEquals(0, vendor.valueLength());
        assertFalse(vendor.next());
        assertTrue(vendor.isMalformed());
    }

    @Test
    void shouldReadAFourOctetTypeWithoutLength()
    {
        positionOn("usr-event-id");
        vendor.reset(iterator, RadiusVendorFormat.of(4, 0, false));
        assertTrue(vendor.next());
        assertEquals(0xbfbe, vendor.vendorType());
        assertEquals(1234, vendor.intValue());
        assertFalse(vendor.next());
        assertFalse(vendor.isMalformed());
    }

    @Test
    void shouldReadSeveralStandardSubAttributesInOneVsa()
    {
        positionOn("unknown-vendor-two-subs");
        assertEquals(32768, iterator.vendorId());
        vendor.reset(iterator);
        assertTrue(vendor.next());
        assertEquals(1, vendor.vendorType());
        assertEquals("abcdef", hex(value(vendor)));
        assertTrue(vendor.next());
        assertEquals(2, vendor.vendorType());
        assertEquals("aaaaa", vendor.stringValue());
        assertFalse(vendor.next());
        assertFalse(vendor.isMalformed());
    }

    @Test
    void shouldReadWimaxSubAttributesAndTheContinuationBit()
    {
        positionOn("wimax-capability");
        vendor.reset(iterator);
        assertEquals(RadiusVendorFormat.WIMAX, vendor.format());
        assertTrue(vendor.next());
        assertEquals(1, vendor.vendorType());
        assertFalse(vendor.hasContinuation());
        assertEquals("0105312e30020301", hex(value(vendor)));
        assertFalse(vendor.next());

        final ByteBuf continued = buffers.heap(VSA.get("wimax-continued"));
        iterator.reset(continued, 0, continued.readableBytes());
        assertTrue(iterator.next());
        assertTrue(vendor.reset(iterator).next());
        assertTrue(vendor.hasContinuation());
        assertTrue(iterator.next());
        assertTrue(vendor.reset(iterator).next());
        assertFalse(vendor.hasContinuation());
        assertEquals("020300", hex(value(vendor)));
    }

    @Test
    void shouldStopOnABadWimaxSubAttributeLength()
    {
        // The first sub-attribute claims 10 octets, leaving one octet that cannot hold another header.
        positionOn("wimax-bad-sub-length");
        vendor.reset(iterator);
        assertTrue(vendor.next());
        assertEquals(7, vendor.valueLength());
        assertFalse(vendor.next());
        assertTrue(vendor.isMalformed());
    }

    @Test
    void shouldTreatAShortVendorSpecificAsUnreadable()
    {
        final ByteBuf buffer = buffers.heap(hex("1a05000000"));
        iterator.reset(buffer, 0, 5);
        assertTrue(iterator.next());
        assertFalse(iterator.isVendorSpecific());
        assertEquals(-1, iterator.vendorId());
        assertFalse(vendor.reset(iterator).next());
        assertTrue(vendor.isMalformed());
    }

    @Test
    void shouldStopTheWalkOnABrokenAttributeAndFlagIt()
    {
        final ByteBuf buffer = buffers.heap(hex("01056162630500"));
        iterator.reset(buffer, 0, buffer.readableBytes());
        assertTrue(iterator.next());
        assertEquals("abc", iterator.stringValue());
        assertFalse(iterator.hasIntValue());
        assertEquals(0, iterator.intValue());
        assertFalse(iterator.next());
        assertTrue(iterator.isMalformed());
        assertEquals(-1, iterator.attributeOffset());
    }

    private void positionOn(final String vector)
    {
        final ByteBuf buffer = buffers.heap(VSA.get(vector));
        iterator.reset(buffer, 0, buffer.readableBytes());
        assertTrue(iterator.next());
        assertTrue(iterator.isVendorSpecific());
    }

    private static byte[] value(final RadiusVendorAttributeIterator vendor)
    {
        final byte[] value = new byte[vendor.valueLength()];
        assertEquals(value.length, vendor.copyValue(value, 0));
        return value;
    }

    private byte[] accounting(final int inputOctets, final int inputGigawords, final int outputOctets, final int outputGigawords)
    {
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCOUNTING_REQUEST, 1).putInt(RadiusAttributeType.ACCT_STATUS_TYPE, 3);
        encoder.putInt(RadiusAttributeType.ACCT_INPUT_OCTETS, inputOctets);
        if (inputGigawords >= 0)
        {
            encoder.putInt(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, inputGigawords);
        }
        if (outputOctets >= 0)
        {
            encoder.putInt(RadiusAttributeType.ACCT_OUTPUT_OCTETS, outputOctets);
            encoder.putInt(RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS, outputGigawords);
        }
        encoder.finishRequest(TESTING123);
        return readable(out);
    }
}
