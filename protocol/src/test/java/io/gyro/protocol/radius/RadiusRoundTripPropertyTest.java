package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: any packet the encoder can build validates, iterates back to the same attributes (Vendor-Specific
 * sub-attributes included, in all three formats), and verifies with its secret. Seeded; rerun a failure with
 * {@code -Dradius.seed=<seed printed in the failure>}.
 */
class RadiusRoundTripPropertyTest
{
    private static final int ROUNDS = 1_500;
    private static final int[] CODES = {1, 2, 3, 4, 5, 11, 12, 40, 41, 42, 43, 44, 45};
    private static final int[] VENDORS = {RadiusVendorId.HUAWEI, RadiusVendorId.STARENT, RadiusVendorId.WIMAX, 32_768};

    private final RadiusTestSupport.TrackedBuffers buffers = new RadiusTestSupport.TrackedBuffers();
    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(authenticators);
    private final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
    private final RadiusAttributeIterator iterator = new RadiusAttributeIterator();
    private final RadiusVendorAttributeIterator vendorIterator = new RadiusVendorAttributeIterator();

    /** One expected attribute; {@code subs} is set for Vendor-Specific. */
    private static final class Expected
    {
        final int type;
        final byte[] value;
        final int vendorId;
        final List<int[]> subTypes = new ArrayList<>();
        final List<byte[]> subValues = new ArrayList<>();

        Expected(final int type, final byte[] value, final int vendorId)
        {
            this.type = type;
            this.value = value;
            this.vendorId = vendorId;
        }
    }

    @AfterEach
    void releaseBuffers()
    {
        buffers.close();
    }

    @Test
    void shouldReadBackEveryGeneratedPacket()
    {
        final long seed = Long.getLong("radius.seed", System.nanoTime());
        final Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++)
        {
            try
            {
                roundTrip(random);
            }
            catch (final AssertionError | RuntimeException ex)
            {
                throw new AssertionError("round-trip failed: rerun with -Dradius.seed=" + seed + " (round " + round + ")", ex);
            }
            if (round % 100 == 99)
            {
                buffers.close();
            }
        }
    }

    private void roundTrip(final Random random)
    {
        final int code = CODES[random.nextInt(CODES.length)];
        final int identifier = random.nextInt(256);
        final byte[] secretBytes = new byte[1 + random.nextInt(80)];
        random.nextBytes(secretBytes);
        final RadiusSecret secret = new RadiusSecret(secretBytes);
        final byte[] requestAuthenticator = new byte[16];
        random.nextBytes(requestAuthenticator);
        final boolean randomAuthenticator = RadiusCode.hasRandomRequestAuthenticator(code);

        final ByteBuf out = buffers.empty();
        out.writeZero(random.nextInt(3));
        if (randomAuthenticator)
        {
            encoder.start(out, code, identifier, requestAuthenticator, 0);
        }
        else
        {
            encoder.start(out, code, identifier);
        }

        final List<Expected> expected = new ArrayList<>();
        byte[] password = null;
        int budget = RadiusPacketDescriptor.MAX_PACKET_LENGTH - RadiusPacketDescriptor.HEADER_LENGTH;
        final boolean withMessageAuthenticator = random.nextInt(3) == 0;
        final int messageAuthenticatorPosition = random.nextInt(4);
        final int attributeCount = random.nextInt(random.nextBoolean() ? 6 : 40);
        for (int i = 0; i < attributeCount; i++)
        {
            if (withMessageAuthenticator && i == messageAuthenticatorPosition && budget >= 18)
            {
                encoder.putMessageAuthenticator();
                expected.add(new Expected(RadiusAttributeType.MESSAGE_AUTHENTICATOR, null, 0));
                budget -= 18;
            }
            final int kind = random.nextInt(10);
            if (kind < 2 && budget >= 20)
            {
                budget -= putVendorSpecific(random, Math.min(budget, 255), expected);
            }
            else if (kind == 2 && RadiusCode.ACCESS_REQUEST == code && null == password && budget >= 130)
            {
                password = new byte[1 + random.nextInt(128)];
                for (int p = 0; p < password.length; p++)
                {
                    password[p] = (byte)(1 + random.nextInt(255));
                }
                encoder.putUserPassword(password, 0, password.length, secret);
                expected.add(new Expected(RadiusAttributeType.USER_PASSWORD, password, 0));
                budget -= 2 + (password.length + 15) / 16 * 16;
            }
            else if (budget >= 2)
            {
                final int type = pickPlainType(random);
                final int length = random.nextInt(Math.min(254, budget - 1));
                final byte[] value = new byte[length];
                random.nextBytes(value);
                if (4 == length && random.nextBoolean())
                {
                    encoder.putInt(type, (value[0] << 24) | ((value[1] & 0xff) << 16) | ((value[2] & 0xff) << 8) | (value[3] & 0xff));
                }
                else
                {
                    encoder.putBytes(type, value, 0, length);
                }
                expected.add(new Expected(type, value, 0));
                budget -= 2 + length;
            }
        }

        final int offset = encoder.packetOffset();
        final int length = RadiusCode.isResponse(code) ?
            encoder.finishResponse(requestAuthenticator, 0, secret) : encoder.finishRequest(secret);
        assertEquals(out.writerIndex() - offset, length);
        assertTrue(length <= RadiusPacketDescriptor.MAX_PACKET_LENGTH);

        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(out, offset, length));
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(out, offset, length + 0));
        packet.wrap(out, offset, length);
        assertEquals(code, packet.code());
        assertEquals(identifier, packet.identifier());
        assertEquals(length, packet.length());

        packet.attributes(iterator);
        for (final Expected attribute : expected)
        {
            assertTrue(iterator.next());
            assertEquals(attribute.type, iterator.type());
            if (RadiusAttributeType.VENDOR_SPECIFIC == attribute.type)
            {
                assertEquals(attribute.vendorId, iterator.vendorId());
                vendorIterator.reset(iterator);
                for (int s = 0; s < attribute.subTypes.size(); s++)
                {
                    assertTrue(vendorIterator.next());
                    assertEquals(attribute.subTypes.get(s)[0], vendorIterator.vendorType());
                    final byte[] value = new byte[vendorIterator.valueLength()];
                    vendorIterator.copyValue(value, 0);
                    assertArrayEquals(attribute.subValues.get(s), value);
                }
                assertFalse(vendorIterator.next());
                assertFalse(vendorIterator.isMalformed());
            }
            else if (RadiusAttributeType.USER_PASSWORD != attribute.type && RadiusAttributeType.MESSAGE_AUTHENTICATOR != attribute.type)
            {
                final byte[] value = new byte[iterator.valueLength()];
                assertEquals(value.length, iterator.copyValue(value, 0));
                assertArrayEquals(attribute.value, value);
            }
        }
        assertFalse(iterator.next());
        assertFalse(iterator.isMalformed());

        if (RadiusCode.isResponse(code))
        {
            assertTrue(authenticators.verifyResponse(out, offset, requestAuthenticator, 0, secret));
        }
        else
        {
            assertTrue(authenticators.verifyRequest(out, offset, secret));
        }
        assertEquals(withMessageAuthenticator && expected.stream().anyMatch(e -> e.type == RadiusAttributeType.MESSAGE_AUTHENTICATOR) ?
                RadiusMessageAuthenticatorStatus.VALID : RadiusMessageAuthenticatorStatus.ABSENT,
            authenticators.verifyMessageAuthenticator(out, offset, requestAuthenticator, 0, secret));
        if (null != password)
        {
            final byte[] recovered = new byte[128];
            final int passwordLength = authenticators.unhideUserPassword(out, offset, secret, recovered, 0);
            assertArrayEquals(password, Arrays.copyOf(recovered, passwordLength));
        }
    }

    private int putVendorSpecific(final Random random, final int room, final List<Expected> expected)
    {
        final int vendorId = VENDORS[random.nextInt(VENDORS.length)];
        final RadiusVendorFormat format = RadiusVendorFormat.forVendor(vendorId);
        final Expected vsa = new Expected(RadiusAttributeType.VENDOR_SPECIFIC, null, vendorId);
        encoder.beginVendorSpecific(vendorId);
        int used = 6;
        final int subCount = 1 + random.nextInt(4);
        for (int s = 0; s < subCount && room - used > format.headerLength(); s++)
        {
            final int maxValue = Math.min(room - used - format.headerLength(), 255 - format.headerLength());
            final int valueLength = random.nextInt(maxValue + 1);
            final byte[] value = new byte[valueLength];
            random.nextBytes(value);
            final int vendorType = random.nextInt(format.maxType() + 1);
            encoder.putVendorBytes(vendorType, value, 0, valueLength);
            vsa.subTypes.add(new int[] {vendorType});
            vsa.subValues.add(value);
            used += format.headerLength() + valueLength;
        }
        encoder.endVendorSpecific();
        expected.add(vsa);
        return used;
    }

    private static int pickPlainType(final Random random)
    {
        while (true)
        {
            final int type = random.nextInt(256);
            if (RadiusAttributeType.VENDOR_SPECIFIC != type && RadiusAttributeType.MESSAGE_AUTHENTICATOR != type &&
                RadiusAttributeType.USER_PASSWORD != type)
            {
                return type;
            }
        }
    }
}
