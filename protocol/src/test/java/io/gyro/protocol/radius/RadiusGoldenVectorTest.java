package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import static io.gyro.protocol.radius.RadiusTestSupport.RFC2865_SECRET;
import static io.gyro.protocol.radius.RadiusTestSupport.TESTING123;
import static io.gyro.protocol.radius.RadiusTestSupport.golden;
import static io.gyro.protocol.radius.RadiusTestSupport.hex;
import static io.gyro.protocol.radius.RadiusTestSupport.readable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Public RADIUS vectors in both directions: decode (fields, authenticators, Message-Authenticator, User-Password,
 * CHAP) and encode the same fields back to identical bytes. Sources are in the header of each golden file.
 */
class RadiusGoldenVectorTest
{
    private final RadiusTestSupport.TrackedBuffers buffers = new RadiusTestSupport.TrackedBuffers();
    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(authenticators);
    private final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
    private final RadiusAttributeIterator iterator = new RadiusAttributeIterator();
    private final byte[] plaintext = new byte[RadiusPacketDescriptor.MAX_USER_PASSWORD_LENGTH];

    @AfterEach
    void releaseBuffers()
    {
        buffers.close();
    }

    // ------------------------------------------------------------------ RFC 2865 §7.1

    @Test
    void shouldDecodeRfc2865AccessRequestAndRecoverThePassword()
    {
        final ByteBuf buffer = buffers.heap(golden("rfc2865-7.1-access-request"));
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(buffer));
        packet.wrap(buffer);
        assertEquals(RadiusCode.ACCESS_REQUEST, packet.code());
        assertEquals(0, packet.identifier());
        assertEquals(56, packet.length());
        assertTrue(packet.findFirst(RadiusAttributeType.USER_NAME, iterator));
        assertEquals("nemo", iterator.stringValue());
        assertEquals(0xc0a80110L, packet.unsignedInt(RadiusAttributeType.NAS_IP_ADDRESS, -1));
        assertEquals(3, packet.unsignedInt(RadiusAttributeType.NAS_PORT, -1));

        final int length = authenticators.unhideUserPassword(buffer, 0, RFC2865_SECRET, plaintext, 0);
        assertEquals("arctangent", new String(plaintext, 0, length, StandardCharsets.US_ASCII));
        assertEquals(RadiusMessageAuthenticatorStatus.ABSENT,
            authenticators.verifyMessageAuthenticator(buffer, 0, null, 0, RFC2865_SECRET));
        assertTrue(authenticators.verifyRequest(buffer, 0, RFC2865_SECRET));
    }

    @Test
    void shouldVerifyRfc2865AccessAcceptAndRejectAWrongSecret()
    {
        final byte[] requestAuthenticator = authenticatorOf(golden("rfc2865-7.1-access-request"));
        final ByteBuf accept = buffers.heap(golden("rfc2865-7.1-access-accept"));
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(accept));
        assertTrue(authenticators.verifyResponse(accept, 0, requestAuthenticator, 0, RFC2865_SECRET));
        assertFalse(authenticators.verifyResponse(accept, 0, requestAuthenticator, 0, TESTING123));
        requestAuthenticator[15] ^= 1;
        assertFalse(authenticators.verifyResponseAuthenticator(accept, 0, requestAuthenticator, 0, RFC2865_SECRET));
    }

    @Test
    void shouldEncodeRfc2865AccessRequestToTheSameBytes()
    {
        final byte[] expected = golden("rfc2865-7.1-access-request");
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCESS_REQUEST, 0, authenticatorOf(expected), 0)
            .putString(RadiusAttributeType.USER_NAME, "nemo")
            .putUserPassword(ascii("arctangent"), 0, 10, RFC2865_SECRET)
            .putIpv4Address(RadiusAttributeType.NAS_IP_ADDRESS, 0xc0a80110)
            .putInt(RadiusAttributeType.NAS_PORT, 3);
        assertEquals(56, encoder.finishRequest(RFC2865_SECRET));
        assertBytes(expected, out);
    }

    @Test
    void shouldEncodeRfc2865AccessAcceptToTheSameBytes()
    {
        final byte[] requestAuthenticator = authenticatorOf(golden("rfc2865-7.1-access-request"));
        final ByteBuf out = buffers.empty();
        encoder.start(out, RadiusCode.ACCESS_ACCEPT, 0)
            .putInt(RadiusAttributeType.SERVICE_TYPE, 1)
            .putInt(15, 0)
            .putIpv4Address(14, 0xc0a80103)
            .finishResponse(requestAuthenticator, 0, RFC2865_SECRET);
        assertBytes(golden("rfc2865-7.1-access-accept"), out);
    }

    // ------------------------------------------------------------------ RFC 2865 §7.2 (CHAP)

    @Test
    void shouldVerifyRfc2865ChapPasswordWithTheRequestAuthenticatorAsChallenge()
    {
        final ByteBuf request = buffers.heap(golden("rfc2865-7.2-chap-access-request"));
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(request));
        assertTrue(authenticators.verifyChapPassword(request, 0, ascii("arctangent"), 0, 10));
        assertFalse(authenticators.verifyChapPassword(request, 0, ascii("arctangenT"), 0, 10));
        assertFalse(authenticators.verifyChapPassword(request, 0, ascii("arctangent!"), 0, 11));
        packet.wrap(request);
        assertTrue(packet.findFirst(RadiusAttributeType.USER_NAME, iterator));
        assertEquals("flopsy", iterator.stringValue());
        assertEquals(20, packet.unsignedInt(RadiusAttributeType.NAS_PORT, -1));
        assertEquals(RadiusAuthenticators.PASSWORD_ABSENT, authenticators.unhideUserPassword(request, 0, RFC2865_SECRET, plaintext, 0));
    }

    @Test
    void shouldEncodeRfc2865ChapRequestAndItsAcceptToTheSameBytes() throws Exception
    {
        final byte[] expectedRequest = golden("rfc2865-7.2-chap-access-request");
        final byte[] requestAuthenticator = authenticatorOf(expectedRequest);
        final MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update((byte)22);
        md5.update(ascii("arctangent"));
        md5.update(requestAuthenticator);
        final byte[] chapPassword = new byte[17];
        chapPassword[0] = 22;
        System.arraycopy(md5.digest(), 0, chapPassword, 1, 16);

        final ByteBuf request = buffers.empty();
        encoder.start(request, RadiusCode.ACCESS_REQUEST, 1, requestAuthenticator, 0)
            .putString(RadiusAttributeType.USER_NAME, "flopsy")
            .putBytes(RadiusAttributeType.CHAP_PASSWORD, chapPassword, 0, chapPassword.length)
            .putIpv4Address(RadiusAttributeType.NAS_IP_ADDRESS, 0xc0a80110)
            .putInt(RadiusAttributeType.NAS_PORT, 20)
            .putInt(RadiusAttributeType.SERVICE_TYPE, 2)
            .putInt(RadiusAttributeType.FRAMED_PROTOCOL, 1)
            .finishRequest(RFC2865_SECRET);
        assertBytes(expectedRequest, request);

        final ByteBuf accept = buffers.empty();
        encoder.start(accept, RadiusCode.ACCESS_ACCEPT, 1)
            .putInt(RadiusAttributeType.SERVICE_TYPE, 2)
            .putInt(RadiusAttributeType.FRAMED_PROTOCOL, 1)
            .putIpv4Address(RadiusAttributeType.FRAMED_IP_ADDRESS, 0xfffffffe)
            .putInt(10, 2)
            .putInt(13, 1)
            .putInt(12, 1500)
            .finishResponse(requestAuthenticator, 0, RFC2865_SECRET);
        assertBytes(golden("rfc2865-7.2-access-accept"), accept);
    }

    // ------------------------------------------------------------------ RFC 2865 §7.3 (challenge)

    @Test
    void shouldDecodeAndEncodeRfc2865ChallengeExchange()
    {
        final byte[] requestBytes = golden("rfc2865-7.3-access-request");
        final ByteBuf request = buffers.heap(requestBytes);
        final int length = authenticators.unhideUserPassword(request, 0, RFC2865_SECRET, plaintext, 0);
        assertEquals("challenge", new String(plaintext, 0, length, StandardCharsets.US_ASCII));

        final ByteBuf challenge = buffers.heap(golden("rfc2865-7.3-access-challenge"));
        assertTrue(authenticators.verifyResponse(challenge, 0, authenticatorOf(requestBytes), 0, RFC2865_SECRET));
        packet.wrap(challenge);
        assertTrue(packet.findFirst(RadiusAttributeType.REPLY_MESSAGE, iterator));
        assertEquals("Challenge 32769430.  Enter response at prompt.", iterator.stringValue());
        assertTrue(packet.findFirst(RadiusAttributeType.STATE, iterator));
        assertEquals("32769430", iterator.stringValue());

        final ByteBuf encodedRequest = buffers.empty();
        encoder.start(encodedRequest, RadiusCode.ACCESS_REQUEST, 2, authenticatorOf(requestBytes), 0)
            .putString(RadiusAttributeType.USER_NAME, "mopsy")
            .putUserPassword(ascii("challenge"), 0, 9, RFC2865_SECRET)
            .putIpv4Address(RadiusAttributeType.NAS_IP_ADDRESS, 0xc0a80110)
            .putInt(RadiusAttributeType.NAS_PORT, 7)
            .finishRequest(RFC2865_SECRET);
        assertBytes(requestBytes, encodedRequest);

        final ByteBuf encodedChallenge = buffers.empty();
        encoder.start(encodedChallenge, RadiusCode.ACCESS_CHALLENGE, 2)
            .putString(RadiusAttributeType.REPLY_MESSAGE, "Challenge 32769430.  Enter response at prompt.")
            .putString(RadiusAttributeType.STATE, "32769430")
            .finishResponse(authenticatorOf(requestBytes), 0, RFC2865_SECRET);
        assertBytes(golden("rfc2865-7.3-access-challenge"), encodedChallenge);
    }

    // ------------------------------------------------------------------ Wireshark capture (Message-Authenticator)

    @Test
    void shouldVerifyWiresharkRequestWithMessageAuthenticatorAndEncodeItBack()
    {
        final byte[] requestBytes = golden("wireshark01-access-request-97");
        final ByteBuf request = buffers.heap(requestBytes);
        assertEquals(RadiusMessageAuthenticatorStatus.VALID,
            authenticators.verifyMessageAuthenticator(request, 0, null, 0, TESTING123));
        assertEquals(RadiusMessageAuthenticatorStatus.INVALID,
            authenticators.verifyMessageAuthenticator(request, 0, null, 0, RFC2865_SECRET));
        final int length = authenticators.unhideUserPassword(request, 0, TESTING123, plaintext, 0);
        assertEquals("testing", new String(plaintext, 0, length, StandardCharsets.US_ASCII));

        final ByteBuf encoded = buffers.empty();
        encoder.start(encoded, RadiusCode.ACCESS_REQUEST, 97, authenticatorOf(requestBytes), 0)
            .putString(RadiusAttributeType.USER_NAME, "steve")
            .putUserPassword(ascii("testing"), 0, 7, TESTING123)
            .putIpv4Address(RadiusAttributeType.NAS_IP_ADDRESS, 0xc0a8001c)
            .putInt(RadiusAttributeType.NAS_PORT, 123)
            .putMessageAuthenticator()
            .finishRequest(TESTING123);
        assertBytes(requestBytes, encoded);

        final ByteBuf accept = buffers.heap(golden("wireshark01-access-accept-97"));
        assertTrue(authenticators.verifyResponse(accept, 0, authenticatorOf(requestBytes), 0, TESTING123));
        final ByteBuf encodedAccept = buffers.empty();
        encoder.start(encodedAccept, RadiusCode.ACCESS_ACCEPT, 97)
            .putInt(RadiusAttributeType.SERVICE_TYPE, 2)
            .putInt(RadiusAttributeType.FRAMED_PROTOCOL, 1)
            .putIpv4Address(RadiusAttributeType.FRAMED_IP_ADDRESS, 0xac100321)
            .putIpv4Address(9, 0xffffff00)
            .putInt(10, 3)
            .putString(RadiusAttributeType.FILTER_ID, "std.ppp")
            .putInt(12, 1500)
            .putInt(13, 1)
            .finishResponse(authenticatorOf(requestBytes), 0, TESTING123);
        assertBytes(golden("wireshark01-access-accept-97"), encodedAccept);
    }

    @Test
    void shouldRecoverAWrongPasswordAndEncodeTheReject()
    {
        final byte[] requestBytes = golden("wireshark01-access-request-43");
        final ByteBuf request = buffers.heap(requestBytes);
        assertTrue(authenticators.verifyRequest(request, 0, TESTING123));
        final int length = authenticators.unhideUserPassword(request, 0, TESTING123, plaintext, 0);
        assertEquals("bad_password", new String(plaintext, 0, length, StandardCharsets.US_ASCII));

        final ByteBuf reject = buffers.heap(golden("wireshark01-access-reject-43"));
        assertTrue(authenticators.verifyResponse(reject, 0, authenticatorOf(requestBytes), 0, TESTING123));
        final ByteBuf encoded = buffers.empty();
        encoder.start(encoded, RadiusCode.ACCESS_REJECT, 43).finishResponse(authenticatorOf(requestBytes), 0, TESTING123);
        assertBytes(golden("wireshark01-access-reject-43"), encoded);
    }

    @Test
    void shouldVerifyAndEncodeAnEapChallengeWhoseMessageAuthenticatorUsesTheRequestAuthenticator()
    {
        final byte[] requestBytes = golden("wireshark01-access-request-103");
        final ByteBuf request = buffers.heap(requestBytes);
        assertTrue(authenticators.verifyRequest(request, 0, TESTING123));
        assertEquals(RadiusMessageAuthenticatorStatus.VALID,
            authenticators.verifyMessageAuthenticator(request, 0, null, 0, TESTING123));

        final byte[] requestAuthenticator = authenticatorOf(requestBytes);
        assertArrayEquals(hex("40b664dbf5d681b2adbd1769515118c8"), requestAuthenticator);
        final byte[] challengeBytes = golden("wireshark01-access-challenge-103");
        final ByteBuf challenge = buffers.heap(challengeBytes);
        assertEquals(RadiusMessageAuthenticatorStatus.VALID,
            authenticators.verifyMessageAuthenticator(challenge, 0, requestAuthenticator, 0, TESTING123));
        assertTrue(authenticators.verifyResponse(challenge, 0, requestAuthenticator, 0, TESTING123));
        // The reply's MA is over the request authenticator, not over the reply's own authenticator.
        assertEquals(RadiusMessageAuthenticatorStatus.INVALID,
            authenticators.verifyMessageAuthenticator(challenge, 0, authenticatorOf(challengeBytes), 0, TESTING123));

        final byte[] eap = hex("016700160410ff0bf1d6e401a9cbe5b46eb943e5549a");
        final byte[] state = hex("736f868573088277414ae3f31eac34e9");
        final ByteBuf encoded = buffers.empty();
        encoder.start(encoded, RadiusCode.ACCESS_CHALLENGE, 103)
            .putInt(RadiusAttributeType.SERVICE_TYPE, 2)
            .putInt(RadiusAttributeType.FRAMED_PROTOCOL, 1)
            .putIpv4Address(RadiusAttributeType.FRAMED_IP_ADDRESS, 0xac100321)
            .putIpv4Address(9, 0xffffff00)
            .putInt(10, 3)
            .putString(RadiusAttributeType.FILTER_ID, "std.ppp")
            .putInt(12, 1500)
            .putInt(13, 1)
            .putBytes(RadiusAttributeType.EAP_MESSAGE, eap, 0, eap.length)
            .putMessageAuthenticator()
            .putBytes(RadiusAttributeType.STATE, state, 0, state.length)
            .finishResponse(requestAuthenticator, 0, TESTING123);
        assertBytes(challengeBytes, encoded);
    }

    // ------------------------------------------------------------------ RFC 5176 CoA / Disconnect

    @Test
    void shouldVerifyAndEncodeADisconnectRequestWithMessageAuthenticatorBeforeRequestAuthenticator()
    {
        final byte[] expected = golden("rfc5176-disconnect-request-1");
        final ByteBuf request = buffers.heap(expected);
        assertTrue(authenticators.verifyRequestAuthenticator(request, 0, TESTING123));
        assertEquals(RadiusMessageAuthenticatorStatus.VALID,
            authenticators.verifyMessageAuthenticator(request, 0, null, 0, TESTING123));
        assertTrue(authenticators.verifyRequest(request, 0, TESTING123));
        assertFalse(authenticators.verifyRequest(request, 0, RFC2865_SECRET));

        final ByteBuf encoded = buffers.empty();
        encoder.start(encoded, RadiusCode.DISCONNECT_REQUEST, 1).putMessageAuthenticator().finishRequest(TESTING123);
        assertBytes(expected, encoded);
    }

    @Test
    void shouldVerifyAndEncodeACoaRequest()
    {
        final byte[] expected = golden("port1700-coa-request-166");
        final ByteBuf request = buffers.direct(expected);
        assertTrue(authenticators.verifyRequestAuthenticator(request, 0, TESTING123));
        packet.wrap(request);
        assertTrue(packet.findFirst(RadiusAttributeType.USER_NAME, iterator));
        assertEquals("bob", iterator.stringValue());

        final ByteBuf encoded = buffers.empty();
        encoder.start(encoded, RadiusCode.COA_REQUEST, 166).putString(RadiusAttributeType.USER_NAME, "bob").finishRequest(TESTING123);
        assertBytes(expected, encoded);
    }

    // ------------------------------------------------------------------ accounting (self-computed, see interop test)

    @Test
    void shouldDecodeAccountingInterimWithGigawordsAndEncodeItBack()
    {
        final byte[] expected = golden("accounting-interim-update-42");
        final ByteBuf request = buffers.heap(expected);
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(request));
        assertTrue(authenticators.verifyRequest(request, 0, TESTING123));
        packet.wrap(request);
        assertEquals(RadiusCode.ACCOUNTING_REQUEST, packet.code());
        assertEquals(3, packet.unsignedInt(RadiusAttributeType.ACCT_STATUS_TYPE, -1));
        assertEquals(600, packet.unsignedInt(RadiusAttributeType.ACCT_SESSION_TIME, -1));
        assertEquals(4_294_967_312L, packet.acctInputOctets64());
        assertEquals(1000L, packet.acctOutputOctets64());
        assertTrue(packet.findFirst(RadiusAttributeType.ACCT_SESSION_ID, iterator));
        assertEquals("0000001A", iterator.stringValue());

        final ByteBuf encoded = buffers.empty();
        encodeInterim(encoded);
        assertBytes(expected, encoded);

        final byte[] responseBytes = golden("accounting-response-42");
        final ByteBuf response = buffers.heap(responseBytes);
        assertTrue(authenticators.verifyResponse(response, 0, authenticatorOf(expected), 0, TESTING123));
        final ByteBuf encodedResponse = buffers.empty();
        encoder.start(encodedResponse, RadiusCode.ACCOUNTING_RESPONSE, 42).finishResponse(authenticatorOf(expected), 0, TESTING123);
        assertBytes(responseBytes, encodedResponse);
    }

    void encodeInterim(final ByteBuf out)
    {
        encoder.start(out, RadiusCode.ACCOUNTING_REQUEST, 42)
            .putInt(RadiusAttributeType.ACCT_STATUS_TYPE, 3)
            .putString(RadiusAttributeType.ACCT_SESSION_ID, "0000001A")
            .putString(RadiusAttributeType.USER_NAME, "alice")
            .putIpv4Address(RadiusAttributeType.NAS_IP_ADDRESS, 0xc0000201)
            .putInt(RadiusAttributeType.ACCT_SESSION_TIME, 600)
            .putInt(RadiusAttributeType.ACCT_INPUT_OCTETS, 0x10)
            .putInt(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, 1)
            .putInt(RadiusAttributeType.ACCT_OUTPUT_OCTETS, 1000)
            .putInt(RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS, 0)
            .finishRequest(TESTING123);
    }

    // ------------------------------------------------------------------ every vector: tampering and buffer kinds

    @ParameterizedTest
    @ValueSource(strings = {
        "rfc2865-7.1-access-request", "rfc2865-7.1-access-accept", "rfc2865-7.2-chap-access-request",
        "rfc2865-7.2-access-accept", "rfc2865-7.3-access-request", "rfc2865-7.3-access-challenge",
        "wireshark01-access-request-97", "wireshark01-access-accept-97", "wireshark01-access-request-43",
        "wireshark01-access-reject-43", "wireshark01-access-request-103", "wireshark01-access-challenge-103",
        "rfc5176-disconnect-request-1", "port1700-coa-request-166", "accounting-interim-update-42",
        "accounting-response-42"})
    void shouldValidateEveryVectorAndDetectAnyFlippedAttributeOctet(final String name)
    {
        final byte[] bytes = golden(name);
        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(buffers.direct(bytes)), name);
        final RadiusSecret secret = name.startsWith("rfc2865") ? RFC2865_SECRET : TESTING123;
        final byte[] requestAuthenticator = requestAuthenticatorFor(name);
        // Where the sender included a Message-Authenticator, removing it must count as tampering: a receiver that
        // has seen one from this client requires it (RFC 3579 §3.2; the BlastRADIUS hardening).
        final boolean requireMessageAuthenticator =
            RadiusAuthenticators.NOT_FOUND != authenticators.findMessageAuthenticator(buffers.heap(bytes), 0);
        assertTrue(authentic(buffers.direct(bytes), requestAuthenticator, secret, requireMessageAuthenticator),
            name + " (direct buffer)");

        // Every attribute octet is covered by an authenticator (or, for Access-Request, by a password or MA).
        if (hasIntegrityProtection(name))
        {
            for (int i = RadiusPacketDescriptor.HEADER_LENGTH; i < bytes.length; i++)
            {
                final byte[] tampered = bytes.clone();
                tampered[i] ^= 0x40;
                final ByteBuf buffer = buffers.heap(tampered);
                assertFalse(authentic(buffer, requestAuthenticator, secret, requireMessageAuthenticator), name + " octet " + i);
            }
        }
    }

    private boolean authentic(
        final ByteBuf buffer, final byte[] requestAuthenticator, final RadiusSecret secret, final boolean requireMessageAuthenticator)
    {
        final int code = buffer.getUnsignedByte(0);
        final boolean authentic = RadiusCode.isResponse(code) ?
            authenticators.verifyResponse(buffer, 0, requestAuthenticator, 0, secret) :
            authenticators.verifyRequest(buffer, 0, secret);
        return authentic && (!requireMessageAuthenticator || RadiusMessageAuthenticatorStatus.VALID ==
            authenticators.verifyMessageAuthenticator(buffer, 0, requestAuthenticator, 0, secret));
    }

    private static boolean hasIntegrityProtection(final String name)
    {
        // Access-Requests without Message-Authenticator carry no integrity check at all (RFC 2865 §3).
        return !name.equals("rfc2865-7.1-access-request") && !name.equals("rfc2865-7.2-chap-access-request") &&
            !name.equals("rfc2865-7.3-access-request");
    }

    private static byte[] requestAuthenticatorFor(final String name)
    {
        switch (name)
        {
            case "rfc2865-7.1-access-accept": return authenticatorOf(golden("rfc2865-7.1-access-request"));
            case "rfc2865-7.2-access-accept": return authenticatorOf(golden("rfc2865-7.2-chap-access-request"));
            case "rfc2865-7.3-access-challenge": return authenticatorOf(golden("rfc2865-7.3-access-request"));
            case "wireshark01-access-accept-97": return authenticatorOf(golden("wireshark01-access-request-97"));
            case "wireshark01-access-reject-43": return authenticatorOf(golden("wireshark01-access-request-43"));
            case "wireshark01-access-challenge-103": return authenticatorOf(golden("wireshark01-access-request-103"));
            case "accounting-response-42": return authenticatorOf(golden("accounting-interim-update-42"));
            default: return null;
        }
    }

    static byte[] authenticatorOf(final byte[] packet)
    {
        return Arrays.copyOfRange(packet, RadiusPacketDescriptor.AUTHENTICATOR_OFFSET,
            RadiusPacketDescriptor.AUTHENTICATOR_OFFSET + RadiusPacketDescriptor.AUTHENTICATOR_LENGTH);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertBytes(final byte[] expected, final ByteBuf actual)
    {
        assertEquals(hex(expected), hex(readable(actual)));
    }
}
