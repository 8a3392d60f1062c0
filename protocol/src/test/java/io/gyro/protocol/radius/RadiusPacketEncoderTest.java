package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;

import static io.gyro.protocol.radius.RadiusTestSupport.TESTING123;
import static io.gyro.protocol.radius.RadiusTestSupport.goldenNamedVectors;
import static io.gyro.protocol.radius.RadiusTestSupport.hex;
import static io.gyro.protocol.radius.RadiusTestSupport.readable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encoder layouts (Vendor-Specific formats against FreeRADIUS vectors), limits, and signing order checked
 * against an independent computation with {@link Mac} and {@link MessageDigest}.
 */
class RadiusPacketEncoderTest
{
    private static final Map<String, byte[]> VSA = goldenNamedVectors("freeradius-vsa-attributes");

    private final RadiusTestSupport.TrackedBuffers buffers = new RadiusTestSupport.TrackedBuffers();
    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(authenticators);
    private final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
    private final RadiusAttributeIterator iterator = new RadiusAttributeIterator();

    @AfterEach
    void releaseBuffers()
    {
        buffers.close();
    }

    @Test
    void shouldEncodeVendorSpecificAttributesLikeFreeRadius()
    {
        assertAttributes("starent-vpn-name", out -> encoder.beginVendorSpecific(RadiusVendorId.STARENT)
            .putVendorString(2, "foo").endVendorSpecific());
        assertAttributes("usr-event-id", out -> encoder.beginVendorSpecific(429, RadiusVendorFormat.of(4, 0, false))
            .putVendorInt(0xbfbe, 1234).endVendorSpecific());
        assertAttributes("unknown-vendor-two-subs", out -> encoder.beginVendorSpecific(32768)
            .putVendorBytes(1, hex("abcdef"), 0, 3).putVendorString(2, "aaaaa").endVendorSpecific());
        assertAttributes("wimax-release", out -> encoder.beginVendorSpecific(RadiusVendorId.WIMAX)
            .putVendorBytes(1, hex("0105312e30"), 0, 5).endVendorSpecific());
        assertAttributes("wimax-capability", out -> encoder.beginVendorSpecific(RadiusVendorId.WIMAX)
            .putVendorBytes(1, hex("0105312e30020301"), 0, 8).endVendorSpecific());
        assertAttributes("wimax-flow-descriptor", out -> encoder.beginVendorSpecific(RadiusVendorId.WIMAX)
            .putVendorBytes(28, hex("0104002002040020030600000020"), 0, 14).endVendorSpecific());
    }

    @Test
    void shouldEncodeAOneShotVendorInteger()
    {
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCESS_ACCEPT, 1).putVendorInt(RadiusVendorId.HUAWEI, 15, 1024).finishUnsigned();
        assertEquals("1a0c000007db0f0600000400", hex(Arrays.copyOfRange(readable(out), 20, 32)));
    }

    @Test
    void shouldPutTheMessageAuthenticatorFirstAndSignTheReplyInOrder() throws Exception
    {
        final byte[] requestAuthenticator = hex("0102030405060708090a0b0c0d0e0f10");
        final ByteBuf out = buffers.empty();
        encoder.startWithMessageAuthenticator(out, RadiusCode.ACCESS_ACCEPT, 200)
            .putInt(RadiusAttributeType.SESSION_TIMEOUT, 3600)
            .putVendorInt(RadiusVendorId.HUAWEI, 15, 1 << 20);
        assertTrue(encoder.hasMessageAuthenticator());
        final int length = encoder.finishResponse(requestAuthenticator, 0, TESTING123);
        assertEquals(out.readableBytes(), length);
        assertEquals(RadiusAttributeType.MESSAGE_AUTHENTICATOR, out.getUnsignedByte(20));
        assertEquals(20, authenticators.findMessageAuthenticator(out, 0));

        // Independent check: HMAC over the reply carrying the request authenticator and a zeroed MA ...
        final byte[] bytes = readable(out);
        final byte[] forHmac = bytes.clone();
        System.arraycopy(requestAuthenticator, 0, forHmac, 4, 16);
        Arrays.fill(forHmac, 22, 38, (byte)0);
        assertArrayEquals(hmacMd5("testing123", forHmac), Arrays.copyOfRange(bytes, 22, 38));
        // ... and the Response Authenticator over the final attributes, MA included.
        final byte[] forMd5 = bytes.clone();
        System.arraycopy(requestAuthenticator, 0, forMd5, 4, 16);
        assertArrayEquals(md5(forMd5, "testing123"), Arrays.copyOfRange(bytes, 4, 20));
        assertTrue(authenticators.verifyResponse(out, 0, requestAuthenticator, 0, TESTING123));
    }

    @Test
    void shouldSignAccountingRequestsWithMessageAuthenticatorOverZerosThenTheRequestAuthenticator() throws Exception
    {
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCOUNTING_REQUEST, 7)
            .putInt(RadiusAttributeType.ACCT_STATUS_TYPE, 1)
            .putString(RadiusAttributeType.ACCT_SESSION_ID, "s-1")
            .putMessageAuthenticator()
            .finishRequest(TESTING123);
        final byte[] bytes = readable(out);
        final int ma = authenticators.findMessageAuthenticator(out, 0);
        final byte[] forHmac = bytes.clone();
        Arrays.fill(forHmac, 4, 20, (byte)0);
        Arrays.fill(forHmac, ma + 2, ma + 18, (byte)0);
        assertArrayEquals(hmacMd5("testing123", forHmac), Arrays.copyOfRange(bytes, ma + 2, ma + 18));
        final byte[] forMd5 = bytes.clone();
        Arrays.fill(forMd5, 4, 20, (byte)0);
        assertArrayEquals(md5(forMd5, "testing123"), Arrays.copyOfRange(bytes, 4, 20));
        assertTrue(authenticators.verifyRequest(out, 0, TESTING123));
    }

    @Test
    void shouldSignStatusServerOverItsOwnRandomAuthenticator() throws Exception
    {
        final byte[] nonce = hex("f0e0d0c0b0a090807060504030201000");
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.STATUS_SERVER, 3, nonce, 0).putMessageAuthenticator().finishRequest(TESTING123);
        final byte[] bytes = readable(out);
        assertArrayEquals(nonce, Arrays.copyOfRange(bytes, 4, 20), "the random authenticator stays");
        final byte[] forHmac = bytes.clone();
        Arrays.fill(forHmac, 22, 38, (byte)0);
        assertArrayEquals(hmacMd5("testing123", forHmac), Arrays.copyOfRange(bytes, 22, 38));
        assertEquals(RadiusMessageAuthenticatorStatus.VALID, authenticators.verifyMessageAuthenticator(out, 0, null, 0, TESTING123));
    }

    @Test
    void shouldEncodeAPacketAtANonZeroWriterIndex()
    {
        final ByteBuf out = buffers.empty();
        out.writeZero(7);
        encoder.start(out, RadiusCode.DISCONNECT_REQUEST, 12).putString(RadiusAttributeType.USER_NAME, "bob")
            .putMessageAuthenticator().finishRequest(TESTING123);
        assertEquals(7, encoder.packetOffset());
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(out, 7, out.writerIndex() - 7));
        assertTrue(authenticators.verifyRequest(out, 7, TESTING123));
        assertEquals(RadiusMessageAuthenticatorStatus.VALID, authenticators.verifyMessageAuthenticator(out, 7, null, 0, TESTING123));
    }

    @Test
    void shouldEncodeUtf8TextWithoutIntermediateCopies()
    {
        final String text = "Zo\u00eb \u2713 \uD83D\uDE00";
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCESS_ACCEPT, 1).putString(RadiusAttributeType.REPLY_MESSAGE, text).finishUnsigned();
        packet.wrap(out);
        assertTrue(packet.findFirst(RadiusAttributeType.REPLY_MESSAGE, iterator));
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, iterator.valueLength());
        assertEquals(text, iterator.stringValue());
    }

    @Test
    void shouldRefuseValuesThatCannotBeEncoded()
    {
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCESS_ACCEPT, 1);
        encoder.putBytes(RadiusAttributeType.CLASS, new byte[253], 0, 253);
        assertThrows(IllegalArgumentException.class, () -> encoder.putBytes(RadiusAttributeType.CLASS, new byte[254], 0, 254));
        assertThrows(IllegalArgumentException.class, () -> encoder.putString(RadiusAttributeType.REPLY_MESSAGE, "x".repeat(254)));
        assertThrows(IllegalArgumentException.class, () -> encoder.putInt(256, 1));
        assertThrows(IllegalArgumentException.class, () -> encoder.putUserPassword(new byte[129], 0, 129, TESTING123));
        assertThrows(IllegalArgumentException.class, () -> encoder.beginVendorSpecific(0x01000000));
        encoder.putMessageAuthenticator();
        assertThrows(IllegalStateException.class, encoder::putMessageAuthenticator);
        assertThrows(IllegalStateException.class, encoder::endVendorSpecific);

        encoder.beginVendorSpecific(RadiusVendorId.HUAWEI);
        assertThrows(IllegalStateException.class, () -> encoder.putInt(RadiusAttributeType.SESSION_TIMEOUT, 1));
        assertThrows(IllegalArgumentException.class, () -> encoder.putVendorInt(256, 1));
        encoder.putVendorBytes(1, new byte[240], 0, 240);
        assertThrows(IllegalArgumentException.class, () -> encoder.putVendorBytes(2, new byte[8], 0, 8));
        encoder.endVendorSpecific();
        assertEquals(248, out.getUnsignedByte(out.writerIndex() - 248 + 1), "2 + 4 + 2 + 240 octets");
    }

    @Test
    void shouldRefuseToGrowBeyondFourThousandNinetySixOctets()
    {
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCOUNTING_RESPONSE, 1);
        for (int i = 0; i < 15; i++)
        {
            encoder.putBytes(RadiusAttributeType.PROXY_STATE, new byte[253], 0, 253);
        }
        assertEquals(20 + 15 * 255, encoder.encodedLength());
        encoder.putBytes(RadiusAttributeType.PROXY_STATE, new byte[249], 0, 249);
        assertEquals(4096, encoder.encodedLength());
        assertThrows(IllegalStateException.class, () -> encoder.putBytes(RadiusAttributeType.PROXY_STATE, new byte[0], 0, 0));
        assertEquals(4096, encoder.finishResponse(new byte[16], 0, TESTING123));
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(out));
    }

    @Test
    void shouldRequireStartBeforeAttributes()
    {
        final RadiusPacketEncoder fresh = new RadiusPacketEncoder(authenticators);
        assertThrows(IllegalStateException.class, () -> fresh.putInt(RadiusAttributeType.SESSION_TIMEOUT, 1));
        assertThrows(IllegalArgumentException.class, () -> fresh.start(buffers.empty(), 256, 0));
    }

    @Test
    void shouldRoundTripUserPasswordsOfEveryLength()
    {
        final byte[] authenticator = hex("00112233445566778899aabbccddeeff");
        final byte[] recovered = new byte[128];
        for (int length = 1; length <= 128; length++)
        {
            final byte[] password = new byte[length];
            Arrays.fill(password, (byte)('a' + length % 26));
            final ByteBuf out = buffers.empty();
            encoder.start(out, RadiusCode.ACCESS_REQUEST, length, authenticator, 0)
                .putUserPassword(password, 0, length, TESTING123).finishRequest(TESTING123);
            assertEquals(Math.max(16, (length + 15) / 16 * 16) + 22, out.readableBytes());
            assertEquals(length, authenticators.unhideUserPassword(out, 0, TESTING123, recovered, 0));
            assertArrayEquals(password, Arrays.copyOf(recovered, length));
        }
        final ByteBuf empty = buffers.empty();
        encoder.start(empty, RadiusCode.ACCESS_REQUEST, 0, authenticator, 0)
            .putUserPassword(new byte[0], 0, 0, TESTING123).finishRequest(TESTING123);
        assertEquals(20 + 18, empty.readableBytes(), "an empty password still fills one 16-octet block");
        assertEquals(0, authenticators.unhideUserPassword(empty, 0, TESTING123, recovered, 0));
    }

    private void assertAttributes(final String vector, final java.util.function.Consumer<ByteBuf> attributes)
    {
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCESS_ACCEPT, 1);
        attributes.accept(out);
        encoder.finishUnsigned();
        assertEquals(hex(VSA.get(vector)), hex(Arrays.copyOfRange(readable(out), 20, out.readableBytes())), vector);
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(out));
    }

    static byte[] hmacMd5(final String key, final byte[] data) throws Exception
    {
        final Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
        return mac.doFinal(data);
    }

    static byte[] md5(final byte[] data, final String secret) throws Exception
    {
        final MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(data);
        md5.update(secret.getBytes(StandardCharsets.UTF_8));
        return md5.digest();
    }

    @Test
    void shouldRefuseToFinishWithAnOpenVendorBlock()
    {
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCESS_ACCEPT, 1).beginVendorSpecific(RadiusVendorId.MIKROTIK).putVendorInt(17, 1);
        assertThrows(IllegalStateException.class, () -> encoder.finishResponse(new byte[16], 0, TESTING123));
        assertEquals(RadiusPacketDescriptor.HEADER_LENGTH, out.getUnsignedShort(2), "Length is not patched");
        encoder.endVendorSpecific();
        assertEquals(32, encoder.finishResponse(new byte[16], 0, TESTING123));
    }
}
