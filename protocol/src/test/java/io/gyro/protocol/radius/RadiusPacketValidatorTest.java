package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static io.gyro.protocol.radius.RadiusTestSupport.TESTING123;
import static io.gyro.protocol.radius.RadiusTestSupport.golden;
import static io.gyro.protocol.radius.RadiusTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Structural validation and robustness: every mutation of the golden vectors is either valid or reported with a
 * reason, and nothing in the package throws or reads outside exact-size buffers while handling it.
 */
class RadiusPacketValidatorTest
{
    private static final List<String> VECTORS = List.of(
        "rfc2865-7.1-access-request", "rfc2865-7.1-access-accept", "rfc2865-7.2-chap-access-request",
        "rfc2865-7.2-access-accept", "rfc2865-7.3-access-request", "rfc2865-7.3-access-challenge",
        "wireshark01-access-request-97", "wireshark01-access-accept-97", "wireshark01-access-request-43",
        "wireshark01-access-reject-43", "wireshark01-access-request-103", "wireshark01-access-challenge-103",
        "rfc5176-disconnect-request-1", "port1700-coa-request-166", "accounting-interim-update-42",
        "accounting-response-42");

    private final RadiusTestSupport.TrackedBuffers buffers = new RadiusTestSupport.TrackedBuffers();
    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(authenticators);
    private final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
    private final RadiusAttributeIterator iterator = new RadiusAttributeIterator();
    private final RadiusVendorAttributeIterator vendorIterator = new RadiusVendorAttributeIterator();
    private final RadiusDictionary dictionary = RadiusDictionary.standard();
    private final byte[] scratch = new byte[RadiusPacketDescriptor.MAX_PACKET_LENGTH];
    private final byte[] requestAuthenticator = new byte[RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];

    @AfterEach
    void releaseBuffers()
    {
        buffers.close();
    }

    @Test
    void shouldAcceptAHeaderOnlyPacket()
    {
        assertEquals(RadiusValidationResult.OK, validate("052a0014c532de9c650792e42587c66fb1aa6ac3"));
    }

    @Test
    void shouldReportTruncatedWhenShorterThanTheHeader()
    {
        final byte[] full = hex("052a0014c532de9c650792e42587c66fb1aa6ac3");
        for (int length = 0; length < RadiusPacketDescriptor.HEADER_LENGTH; length++)
        {
            assertEquals(RadiusValidationResult.TRUNCATED,
                RadiusPacketValidator.validate(buffers.heap(Arrays.copyOf(full, length))), "length " + length);
        }
    }

    @Test
    void shouldReportUnknownCodes()
    {
        final Set<Integer> known = Set.of(1, 2, 3, 4, 5, 11, 12, 13, 40, 41, 42, 43, 44, 45);
        final byte[] bytes = hex("052a0014c532de9c650792e42587c66fb1aa6ac3");
        for (int code = 0; code < 256; code++)
        {
            bytes[0] = (byte)code;
            final RadiusValidationResult result = RadiusPacketValidator.validate(buffers.heap(bytes));
            assertEquals(known.contains(code) ? RadiusValidationResult.OK : RadiusValidationResult.UNKNOWN_CODE, result, "code " + code);
            assertEquals(known.contains(code), RadiusCode.isKnown(code));
        }
    }

    @Test
    void shouldReportLengthBelowTwenty()
    {
        assertEquals(RadiusValidationResult.LENGTH_TOO_SMALL, validate("052a0013c532de9c650792e42587c66fb1aa6ac3"));
        assertEquals(RadiusValidationResult.LENGTH_TOO_SMALL, validate("052a0000c532de9c650792e42587c66fb1aa6ac3"));
    }

    @Test
    void shouldReportLengthAboveFourThousandNinetySixEvenWhenThatManyOctetsArrived()
    {
        final byte[] bytes = new byte[4097];
        bytes[0] = RadiusCode.ACCOUNTING_REQUEST;
        bytes[2] = 0x10;
        bytes[3] = 0x01;
        fillWithAttributes(bytes, 4097);
        assertEquals(RadiusValidationResult.LENGTH_OVER_MAX, RadiusPacketValidator.validate(buffers.heap(bytes)));
        bytes[2] = (byte)0xff;
        bytes[3] = (byte)0xff;
        assertEquals(RadiusValidationResult.LENGTH_OVER_MAX, RadiusPacketValidator.validate(buffers.heap(bytes)));
    }

    @Test
    void shouldAcceptExactlyFourThousandNinetySixOctets()
    {
        final byte[] bytes = new byte[4096];
        bytes[0] = RadiusCode.ACCOUNTING_REQUEST;
        bytes[2] = 0x10;
        bytes[3] = 0x00;
        fillWithAttributes(bytes, 4096);
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(buffers.heap(bytes)));
        final ByteBuf buffer = buffers.direct(bytes);
        packet.wrap(buffer);
        packet.attributes(iterator);
        int total = RadiusPacketDescriptor.HEADER_LENGTH;
        while (iterator.next())
        {
            total += iterator.length();
        }
        assertFalse(iterator.isMalformed());
        assertEquals(4096, total);
    }

    @Test
    void shouldReportTruncatedWhenLengthExceedsTheReceivedOctets()
    {
        assertEquals(RadiusValidationResult.TRUNCATED, validate("052a0015c532de9c650792e42587c66fb1aa6ac3"));
    }

    @Test
    void shouldReportAttributeLengthZeroAndOne()
    {
        assertEquals(RadiusValidationResult.ATTRIBUTE_LENGTH_INVALID,
            validate("04010018 00000000000000000000000000000000 01000000"));
        assertEquals(RadiusValidationResult.ATTRIBUTE_LENGTH_INVALID,
            validate("04010018 00000000000000000000000000000000 01010000"));
        assertEquals(RadiusValidationResult.ATTRIBUTE_LENGTH_INVALID,
            validate("0401001a 00000000000000000000000000000000 01036101000000"));
    }

    @Test
    void shouldReportAttributesRunningPastLength()
    {
        assertEquals(RadiusValidationResult.ATTRIBUTE_OVERRUN,
            validate("04010018 00000000000000000000000000000000 01056161"));
        // A lone Type octet with no Length octet before the end.
        assertEquals(RadiusValidationResult.ATTRIBUTE_OVERRUN,
            validate("04010015 00000000000000000000000000000000 01"));
        // The overrun is judged against Length, not against the octets received: padding cannot complete it.
        assertEquals(RadiusValidationResult.ATTRIBUTE_OVERRUN,
            validate("04010018 00000000000000000000000000000000 01066161 6161"));
    }

    @Test
    void shouldIgnorePaddingBeyondLength()
    {
        final byte[] interim = golden("accounting-interim-update-42");
        final byte[] padded = Arrays.copyOf(interim, interim.length + 7);
        padded[interim.length] = 0x01;      // a would-be attribute with Length 0
        padded[interim.length + 1] = 0x00;
        final ByteBuf buffer = buffers.heap(padded);
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(buffer));
        assertTrue(authenticators.verifyRequest(buffer, 0, TESTING123));
        packet.wrap(buffer);
        assertEquals(interim.length, packet.attributesEnd());
        packet.attributes(iterator);
        int count = 0;
        while (iterator.next())
        {
            count++;
        }
        assertFalse(iterator.isMalformed());
        assertEquals(9, count);
        assertEquals(4_294_967_312L, packet.acctInputOctets64());
    }

    @Test
    void shouldValidateAPacketAtAnOffsetWithinALargerBuffer()
    {
        final byte[] coa = golden("port1700-coa-request-166");
        final byte[] framed = new byte[coa.length + 12];
        System.arraycopy(coa, 0, framed, 5, coa.length);
        final ByteBuf buffer = buffers.heap(framed);
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(buffer, 5, coa.length));
        assertEquals(RadiusValidationResult.TRUNCATED, RadiusPacketValidator.validate(buffer, 5, coa.length - 1));
        assertEquals(RadiusValidationResult.TRUNCATED, RadiusPacketValidator.validate(buffer, framed.length - 10, 20));
        assertEquals(RadiusValidationResult.TRUNCATED, RadiusPacketValidator.validate(buffer, -1, 20));
        // Claiming octets the buffer never received (past writerIndex, inside capacity) is truncation too.
        final ByteBuf roomy = buffers.track(io.netty.buffer.Unpooled.buffer(256).writeBytes(coa));
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(roomy));
        assertEquals(RadiusValidationResult.TRUNCATED, RadiusPacketValidator.validate(roomy, 0, coa.length + 1));
        assertTrue(authenticators.verifyRequestAuthenticator(buffer, 5, TESTING123));
    }

    @Test
    void shouldExposeStableLowercaseMetricLabels()
    {
        final Set<String> labels = new HashSet<>();
        for (final RadiusValidationResult result : RadiusValidationResult.values())
        {
            assertEquals(result.name().toLowerCase(Locale.ROOT), result.metricLabel());
            assertTrue(labels.add(result.metricLabel()));
        }
        assertEquals(7, labels.size());
        for (final RadiusMessageAuthenticatorStatus status : RadiusMessageAuthenticatorStatus.values())
        {
            assertEquals(status.name().toLowerCase(Locale.ROOT), status.metricLabel());
        }
    }

    // ------------------------------------------------------------------ mutation of every golden vector

    @Test
    void shouldReportTruncationAtEveryLengthWithoutReadingOutOfBounds()
    {
        for (final String name : VECTORS)
        {
            final byte[] full = golden(name);
            for (int length = 0; length < full.length; length++)
            {
                final byte[] truncated = Arrays.copyOf(full, length);
                assertEquals(RadiusValidationResult.TRUNCATED,
                    RadiusPacketValidator.validate(buffers.heap(truncated)), name + " cut to " + length);
                exerciseEverything(buffers.heap(truncated));
                exerciseEverything(buffers.direct(truncated));
            }
        }
    }

    @Test
    void shouldSurviveEverySingleOctetMutation()
    {
        final int[] replacements = {0x00, 0x01, 0x02, 0x1a, 0x7f, 0x80, 0xfe, 0xff};
        int reported = 0;
        int accepted = 0;
        for (final String name : VECTORS)
        {
            final byte[] original = golden(name);
            for (int position = 0; position < original.length; position++)
            {
                for (final int replacement : replacements)
                {
                    final byte[] mutated = original.clone();
                    mutated[position] = (byte)replacement;
                    if (RadiusValidationResult.OK != exerciseEverything(buffers.heap(mutated)))
                    {
                        reported++;
                    }
                    else
                    {
                        accepted++;
                    }
                }
                final byte[] flipped = original.clone();
                flipped[position] ^= 0x55;
                exerciseEverything(buffers.direct(flipped));
            }
        }
        // Both outcomes must occur, so both the rejection path and the full read path were exercised.
        assertTrue(reported > 0 && accepted > 0, "reported " + reported + ", accepted " + accepted);
    }

    @Test
    void shouldSurviveRandomGarbage()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final int[] codes = {1, 2, 3, 4, 5, 11, 12, 40, 41, 42, 43, 44, 45, 7};
        for (int round = 0; round < 20_000; round++)
        {
            final byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            if (bytes.length >= 4)
            {
                bytes[0] = (byte)codes[random.nextInt(codes.length)];
                final int declared = random.nextBoolean() ? bytes.length : random.nextInt(bytes.length + 40);
                bytes[2] = (byte)(declared >>> 8);
                bytes[3] = (byte)declared;
                for (int i = 21; i < bytes.length; i += 1 + random.nextInt(12))
                {
                    bytes[i] = (byte)random.nextInt(14);
                }
            }
            final RadiusValidationResult result = exerciseEverything(buffers.heap(bytes));
            if (RadiusValidationResult.OK == result)
            {
                packet.wrap(buffers.heap(bytes)).attributes(iterator);
                while (iterator.next())
                {
                    assertTrue(iterator.length() >= 2, "seed " + seed);
                }
                assertFalse(iterator.isMalformed(), "seed " + seed + " packet " + hex(bytes));
            }
            if (round % 1000 == 999)
            {
                buffers.close();
            }
        }
    }

    /**
     * Runs every reader of the package over a buffer whose capacity is exactly its content. Any out-of-range
     * read throws {@link IndexOutOfBoundsException} and fails the test.
     */
    private RadiusValidationResult exerciseEverything(final ByteBuf buffer)
    {
        final int available = buffer.readableBytes();
        final RadiusValidationResult result = RadiusPacketValidator.validate(buffer);
        final StringBuilder rendered = RadiusPacketFormatter.appendTo(new StringBuilder(), buffer, 0, available, dictionary);
        assertFalse(rendered.length() == 0);
        if (RadiusValidationResult.OK == result)
        {
            assertFalse(rendered.toString().contains("<malformed"), rendered.toString());
        }

        authenticators.verifyRequest(buffer, 0, TESTING123);
        authenticators.verifyRequestAuthenticator(buffer, 0, TESTING123);
        authenticators.verifyResponse(buffer, 0, requestAuthenticator, 0, TESTING123);
        authenticators.verifyMessageAuthenticator(buffer, 0, requestAuthenticator, 0, TESTING123);
        authenticators.findMessageAuthenticator(buffer, 0);
        authenticators.unhideUserPassword(buffer, 0, TESTING123, scratch, 0);
        authenticators.verifyChapPassword(buffer, 0, scratch, 0, 8);

        if (available >= RadiusPacketDescriptor.HEADER_LENGTH)
        {
            packet.wrap(buffer);
            // The header fields are the input's octets, read here without the flyweight (RFC 2865 §3).
            assertEquals(buffer.getByte(0) & 0xFF, packet.code());
            assertEquals(buffer.getByte(1) & 0xFF, packet.identifier());
            assertEquals((buffer.getByte(2) & 0xFF) << 8 | buffer.getByte(3) & 0xFF, packet.length());
            assertEquals(available, packet.available());
            packet.attributes(iterator);
            while (iterator.next())
            {
                iterator.intValue();
                iterator.copyValue(scratch, 0);
                if (iterator.isVendorSpecific())
                {
                    walkVendor(RadiusVendorFormat.forVendor(iterator.vendorId()));
                    walkVendor(RadiusVendorFormat.STANDARD);
                    walkVendor(RadiusVendorFormat.STARENT);
                    walkVendor(RadiusVendorFormat.WIMAX);
                    walkVendor(RadiusVendorFormat.of(4, 0, false));
                }
            }
            if (RadiusValidationResult.OK != result && available >= packet.length() && packet.length() >= 20 &&
                packet.length() <= RadiusPacketDescriptor.MAX_PACKET_LENGTH && RadiusCode.isKnown(packet.code()))
            {
                assertTrue(iterator.isMalformed(), "validator and iterator disagree on " + hex(RadiusTestSupport.readable(buffer)));
            }
            packet.acctInputOctets64();
            packet.countAttributes(RadiusAttributeType.PROXY_STATE);
            packet.copyAttributes(RadiusAttributeType.USER_NAME, scratch, 0);
            packet.copyAttributes(RadiusAttributeType.USER_NAME, new byte[3], 0);
            packet.hasAttribute(RadiusAttributeType.MESSAGE_AUTHENTICATOR);

            final ByteBuf reply = buffers.empty();
            encoder.start(reply, RadiusCode.ACCOUNTING_RESPONSE, 1)
                .putProxyStates(buffer, 0, available, iterator)
                .finishResponse(requestAuthenticator, 0, TESTING123);
        }
        return result;
    }

    private void walkVendor(final RadiusVendorFormat format)
    {
        vendorIterator.reset(iterator, format);
        while (vendorIterator.next())
        {
            vendorIterator.intValue();
            vendorIterator.copyValue(scratch, 0);
            vendorIterator.hasContinuation();
        }
    }

    private RadiusValidationResult validate(final String hexPacket)
    {
        final RadiusValidationResult result = RadiusPacketValidator.validate(buffers.heap(hex(hexPacket)));
        assertNotEquals(null, result);
        exerciseEverything(buffers.heap(hex(hexPacket)));
        return result;
    }

    private static void fillWithAttributes(final byte[] bytes, final int end)
    {
        int position = RadiusPacketDescriptor.HEADER_LENGTH;
        while (position < end)
        {
            final int length = Math.min(255, end - position);
            if (length == 1)
            {
                throw new IllegalStateException("cannot fill one octet");
            }
            bytes[position] = RadiusAttributeType.CLASS;
            bytes[position + 1] = (byte)length;
            position += length;
        }
    }
}
