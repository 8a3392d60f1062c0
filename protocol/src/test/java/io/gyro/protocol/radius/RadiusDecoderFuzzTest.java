package io.gyro.protocol.radius;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Coverage-guided fuzzing (Jazzer) of what the server does with a RADIUS datagram before the ledger: the structural
 * validator, the attribute and Vendor-Specific iterators (standard, Starent 2+2 and WiMAX layouts), the
 * authenticators (Request/Response Authenticator, Message-Authenticator, User-Password, CHAP), the flyweight's
 * counters, and the formatter. The datagram sits at a non-zero offset of an exact-size buffer, as a receive buffer
 * may hand it over, so that any read outside it throws.
 * <p>
 * Oracles: nothing throws; a packet the validator accepts walks to exactly its Length with no malformed attribute;
 * signing any accepted packet with a secret makes it verify with that secret (requests and replies alike); hiding a
 * password and recovering it gives it back; every buffer is released.
 * <p>
 * Without {@code JAZZER_FUZZ} this runs as a regression test over {@code RadiusDecoderFuzzTestInputs/} (the golden
 * vectors and the FreeRADIUS VSA sequences in an Accounting-Request header) and every crash found so far.
 */
class RadiusDecoderFuzzTest
{
    /** Bytes before the datagram in its buffer: offsets must be honoured, not assumed zero. */
    private static final int LEADING = 3;
    /** The secrets of the golden vectors: RFC 2865 §7 and the Wireshark/FreeRADIUS captures. */
    private static final RadiusSecret[] SECRETS = {RadiusTestSupport.RFC2865_SECRET, RadiusTestSupport.TESTING123};
    private static final RadiusVendorFormat[] FORMATS =
        {RadiusVendorFormat.STANDARD, RadiusVendorFormat.STARENT, RadiusVendorFormat.WIMAX};
    private static final RadiusDictionary DICTIONARY = RadiusDictionary.standard();

    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
    private final RadiusAttributeIterator attributes = new RadiusAttributeIterator();
    private final RadiusVendorAttributeIterator vendorAttributes = new RadiusVendorAttributeIterator();
    private final byte[] value = new byte[256];
    private final byte[] password = new byte[128];
    private final byte[] requestAuthenticator = new byte[16];

    @FuzzTest(maxDuration = "30s")
    void shouldValidateAuthenticateAndRenderAnyDatagramWithoutThrowing(final byte[] datagram)
    {
        final ByteBuf buffer = Unpooled.buffer(LEADING + datagram.length, LEADING + datagram.length);
        buffer.writeZero(LEADING).writeBytes(datagram).readerIndex(LEADING);
        try
        {
            onDatagram(buffer, datagram);
        }
        finally
        {
            assertTrue(buffer.release(), "the datagram buffer is released");
        }
    }

    private void onDatagram(final ByteBuf buffer, final byte[] datagram)
    {
        final int offset = LEADING;
        final int available = datagram.length;
        final RadiusValidationResult result = RadiusPacketValidator.validate(buffer, offset, available);
        assertNotNull(result);
        if (available < RadiusPacketDescriptor.HEADER_LENGTH)
        {
            assertNotEquals(RadiusValidationResult.OK, result, "a datagram shorter than a header is never valid");
        }
        assertNotNull(RadiusPacketFormatter.appendTo(new StringBuilder(), buffer, offset, available, DICTIONARY));

        packet.wrap(buffer, offset, available);
        final boolean valid = RadiusValidationResult.OK == result;
        if (valid)
        {
            final int length = packet.length();
            assertTrue(length >= RadiusPacketDescriptor.MIN_PACKET_LENGTH &&
                length <= RadiusPacketDescriptor.MAX_PACKET_LENGTH && length <= available);
            // The numbers RADIUS charges on, against a walk of the raw octets that shares no code with the flyweight.
            assertEquals(counter64(datagram, length, RadiusAttributeType.ACCT_INPUT_OCTETS,
                RadiusAttributeType.ACCT_INPUT_GIGAWORDS), packet.acctInputOctets64(), "input octets");
            assertEquals(counter64(datagram, length, RadiusAttributeType.ACCT_OUTPUT_OCTETS,
                RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS), packet.acctOutputOctets64(), "output octets");
            packet.hasAttribute(RadiusAttributeType.MESSAGE_AUTHENTICATOR);
        }
        walkAttributes(valid);

        for (final RadiusSecret secret : SECRETS)
        {
            authenticate(buffer, offset, secret);
            if (valid)
            {
                signAndVerify(datagram, secret);
            }
        }
        hideAndRecover(datagram);
    }

    /**
     * RFC 2869 §5.1-5.2 on the raw octets of an accepted packet: Gigawords x 2^32 + Octets, from the first Octets
     * attribute (a value that is not 4 octets counts as absent, like the flyweight's NO_COUNTER) and the first
     * well-formed Gigawords attribute (0 without one).
     */
    private static long counter64(final byte[] packet, final int length, final int octetsType, final int gigawordsType)
    {
        long octets = RadiusPacketFlyweight.NO_COUNTER;
        long gigawords = 0;
        boolean gigawordsSeen = false;
        int position = RadiusPacketDescriptor.HEADER_LENGTH;
        while (position + 2 <= length)
        {
            final int type = packet[position] & 0xFF;
            final int attributeLength = packet[position + 1] & 0xFF;
            assertTrue(attributeLength >= 2 && position + attributeLength <= length, "an accepted packet is well formed");
            if (type == octetsType && RadiusPacketFlyweight.NO_COUNTER == octets)
            {
                if (6 != attributeLength)
                {
                    return RadiusPacketFlyweight.NO_COUNTER;
                }
                octets = unsigned32(packet, position + 2);
            }
            else if (type == gigawordsType && !gigawordsSeen && 6 == attributeLength)
            {
                gigawords = unsigned32(packet, position + 2);
                gigawordsSeen = true;
            }
            position += attributeLength;
        }
        return RadiusPacketFlyweight.NO_COUNTER == octets ? RadiusPacketFlyweight.NO_COUNTER : (gigawords << 32) + octets;
    }

    private static long unsigned32(final byte[] bytes, final int at)
    {
        return (bytes[at] & 0xFFL) << 24 | (bytes[at + 1] & 0xFFL) << 16 | (bytes[at + 2] & 0xFFL) << 8 |
            bytes[at + 3] & 0xFFL;
    }

    private void walkAttributes(final boolean valid)
    {
        if (packet.available() < RadiusPacketDescriptor.HEADER_LENGTH)
        {
            return;
        }
        packet.attributes(attributes);
        int end = packet.attributesOffset();
        while (attributes.next())
        {
            end = attributes.attributeOffset() + attributes.length();
            attributes.copyValue(value, 0);
            if (attributes.hasIntValue())
            {
                attributes.unsignedIntValue();
            }
            if (attributes.isVendorSpecific())
            {
                walkVendorAttributes();
            }
        }
        if (valid)
        {
            assertFalse(attributes.isMalformed(), "an accepted packet has well-formed attributes");
            assertEquals(packet.attributesEnd(), end, "the attributes fill the packet to its Length");
        }
    }

    private void walkVendorAttributes()
    {
        vendorAttributes.reset(attributes);
        walkVendor();
        for (final RadiusVendorFormat format : FORMATS)
        {
            vendorAttributes.reset(attributes, format);
            walkVendor();
        }
    }

    private void walkVendor()
    {
        // Sub-attributes follow one another from just after the Vendor-Id, each value within its own VSA: a reader
        // that skipped or re-read octets, or read past the VSA into the next attribute, would break the chain.
        final int vsaEnd = attributes.valueOffset() + attributes.valueLength();
        int expectedStart = attributes.valueOffset() + 4;
        while (vendorAttributes.next())
        {
            assertEquals(expectedStart, vendorAttributes.subAttributeOffset(), "sub-attributes are contiguous");
            assertTrue(vendorAttributes.valueOffset() >= vendorAttributes.subAttributeOffset() &&
                vendorAttributes.valueOffset() + vendorAttributes.valueLength() <= vsaEnd, "the value lies in its VSA");
            expectedStart = vendorAttributes.valueOffset() + vendorAttributes.valueLength();
            assertEquals(vendorAttributes.valueLength(), vendorAttributes.copyValue(value, 0));
            vendorAttributes.stringValue();
            if (vendorAttributes.hasIntValue())
            {
                vendorAttributes.unsignedIntValue();
            }
        }
    }

    private void authenticate(final ByteBuf buffer, final int offset, final RadiusSecret secret)
    {
        authenticators.verifyRequestAuthenticator(buffer, offset, secret);
        authenticators.findMessageAuthenticator(buffer, offset);
        authenticators.verifyMessageAuthenticator(buffer, offset, null, 0, secret);
        authenticators.verifyMessageAuthenticator(buffer, offset, requestAuthenticator, 0, secret);
        authenticators.verifyRequest(buffer, offset, secret);
        authenticators.verifyResponse(buffer, offset, requestAuthenticator, 0, secret);
        final int plaintext = authenticators.unhideUserPassword(buffer, offset, secret, password, 0);
        assertTrue(plaintext >= RadiusAuthenticators.PASSWORD_MALFORMED && plaintext <= password.length);
        authenticators.verifyChapPassword(buffer, offset, value, 0, 8);
    }

    /** Signing an accepted packet as a request or as a reply makes it verify: the two sides agree on any input. */
    private void signAndVerify(final byte[] datagram, final RadiusSecret secret)
    {
        final ByteBuf copy = Unpooled.buffer(datagram.length, datagram.length).writeBytes(datagram);
        try
        {
            final int code = copy.getUnsignedByte(0);
            final boolean brokenMessageAuthenticator =
                RadiusAuthenticators.MALFORMED == authenticators.findMessageAuthenticator(copy, 0);
            if (RadiusCode.isResponse(code))
            {
                final boolean signed = authenticators.signResponse(copy, 0, requestAuthenticator, 0, secret);
                assertEquals(!brokenMessageAuthenticator, signed, "any well-formed reply can be signed");
                if (signed)
                {
                    assertTrue(authenticators.verifyResponse(copy, 0, requestAuthenticator, 0, secret),
                        "a signed reply verifies");
                }
            }
            else
            {
                final boolean signed = authenticators.signRequest(copy, 0, secret);
                assertEquals(!brokenMessageAuthenticator, signed, "any well-formed request can be signed");
                if (signed)
                {
                    assertTrue(authenticators.verifyRequest(copy, 0, secret), "a signed request verifies");
                }
            }
        }
        finally
        {
            assertTrue(copy.release());
        }
    }

    /** RFC 2865 §5.2 both ways: what one side hides the other recovers, NUL padding stripped. */
    private void hideAndRecover(final byte[] datagram)
    {
        final int length = Math.min(datagram.length, 128);
        final byte[] hidden = new byte[128];
        final int hiddenLength = authenticators.hideUserPassword(datagram, 0, length, requestAuthenticator, 0,
            SECRETS[0], hidden, 0);
        assertTrue(hiddenLength >= 16 && hiddenLength <= 128 && hiddenLength % 16 == 0);
        // Hidden as RFC 2865 §5.2 says, computed here with the JDK's MD5: c(1) = p(1) xor MD5(S + RA), c(i) = p(i) xor
        // MD5(S + c(i-1)). A round trip alone would pass a hiding that copied the plaintext or used any keystream.
        assertEquals(Math.max(16, (length + 15) / 16 * 16), hiddenLength, "the plaintext padded to 16 octets");
        final byte[] padded = Arrays.copyOf(Arrays.copyOf(datagram, length), hiddenLength);
        byte[] previous = requestAuthenticator;
        for (int block = 0; block < hiddenLength; block += 16)
        {
            // SECRETS[0] is RadiusTestSupport.RFC2865_SECRET, whose octets RadiusSecret does not hand out.
            final byte[] b = md5("xyzzy5461".getBytes(StandardCharsets.UTF_8), previous);
            for (int i = 0; i < 16; i++)
            {
                assertEquals((byte)(padded[block + i] ^ b[i]), hidden[block + i], "hidden octet " + (block + i));
            }
            previous = Arrays.copyOfRange(hidden, block, block + 16);
        }
        final ByteBuf buffer = Unpooled.wrappedBuffer(hidden, 0, hiddenLength);
        final int recovered = authenticators.unhideUserPassword(buffer, 0, hiddenLength, requestAuthenticator, 0,
            SECRETS[0], password, 0);
        int expected = length;
        while (expected > 0 && 0 == datagram[expected - 1])
        {
            expected--;
        }
        assertEquals(expected, recovered);
        assertArrayEquals(Arrays.copyOf(datagram, expected), Arrays.copyOf(password, recovered));
        assertTrue(buffer.release());
    }

    private static byte[] md5(final byte[] first, final byte[] second)
    {
        try
        {
            final MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(first);
            md5.update(second);
            return md5.digest();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /** Every golden packet vector seeds the fuzzer byte for byte. */
    @Test
    void shouldSeedTheFuzzerWithEveryGoldenPacket() throws Exception
    {
        final Path golden = Path.of(RadiusDecoderFuzzTest.class.getResource("golden").toURI());
        try (Stream<Path> files = Files.list(golden))
        {
            for (final Path file : files.toList())
            {
                final String name = file.getFileName().toString().replace(".hex", "");
                if ("freeradius-vsa-attributes".equals(name))
                {
                    continue; // attribute sequences, seeded inside an Accounting-Request header
                }
                try (InputStream in = RadiusDecoderFuzzTest.class.getResourceAsStream(
                    "RadiusDecoderFuzzTestInputs/shouldValidateAuthenticateAndRenderAnyDatagramWithoutThrowing/golden-" +
                    name))
                {
                    assertNotNull(in, name);
                    assertArrayEquals(RadiusTestSupport.golden(name), in.readAllBytes(), name);
                }
            }
        }
    }
}
