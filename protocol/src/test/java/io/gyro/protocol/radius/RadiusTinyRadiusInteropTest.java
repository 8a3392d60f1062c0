package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tinyradius.attribute.IntegerAttribute;
import org.tinyradius.attribute.IpAttribute;
import org.tinyradius.attribute.RadiusAttribute;
import org.tinyradius.attribute.StringAttribute;
import org.tinyradius.packet.AccessRequest;
import org.tinyradius.packet.AccountingRequest;
import org.tinyradius.packet.CoaRequest;
import org.tinyradius.packet.RadiusPacket;
import org.tinyradius.util.RadiusException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.gyro.protocol.radius.RadiusTestSupport.TESTING123;
import static io.gyro.protocol.radius.RadiusTestSupport.golden;
import static io.gyro.protocol.radius.RadiusTestSupport.hex;
import static io.gyro.protocol.radius.RadiusTestSupport.readable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In-process interoperability with tinyradius 1.1.3 (an independent RADIUS implementation; no sockets):
 * packets it builds decode and verify with ours, and packets we build pass its decoder and authenticator checks.
 */
class RadiusTinyRadiusInteropTest
{
    private static final String SECRET = "testing123";
    private static final Logger TINYRADIUS_LOGGER = Logger.getLogger("org.tinyradius");

    static
    {
        // tinyradius logs every packet at INFO through commons-logging; route that to JUL and keep warnings only.
        if (null == System.getProperty("org.apache.commons.logging.Log"))
        {
            System.setProperty("org.apache.commons.logging.Log", "org.apache.commons.logging.impl.Jdk14Logger");
        }
        TINYRADIUS_LOGGER.setLevel(Level.WARNING);
    }

    private final RadiusTestSupport.TrackedBuffers buffers = new RadiusTestSupport.TrackedBuffers();
    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(authenticators);
    private final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
    private final RadiusAttributeIterator iterator = new RadiusAttributeIterator();
    private final byte[] plaintext = new byte[128];

    @AfterEach
    void releaseBuffers()
    {
        buffers.close();
    }

    // ------------------------------------------------------------------ tinyradius -> ours

    @Test
    void shouldDecodeATinyRadiusPapAccessRequest() throws IOException
    {
        final AccessRequest request = new AccessRequest("491700000001", "s3cr3t-p\u00e4ss");
        request.setPacketIdentifier(17);
        request.addAttribute(new IpAttribute(RadiusAttributeType.NAS_IP_ADDRESS, "192.0.2.1"));
        final ByteBuf buffer = buffers.heap(encodeRequest(request));

        assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(buffer));
        packet.wrap(buffer);
        assertEquals(RadiusCode.ACCESS_REQUEST, packet.code());
        assertEquals(17, packet.identifier());
        assertTrue(packet.findFirst(RadiusAttributeType.USER_NAME, iterator));
        assertEquals("491700000001", iterator.stringValue());
        assertEquals(0xc0000201L, packet.unsignedInt(RadiusAttributeType.NAS_IP_ADDRESS, -1));
        final int length = authenticators.unhideUserPassword(buffer, 0, TESTING123, plaintext, 0);
        assertEquals("s3cr3t-p\u00e4ss", new String(plaintext, 0, length, StandardCharsets.UTF_8));
        assertTrue(authenticators.verifyRequest(buffer, 0, TESTING123));
    }

    @Test
    void shouldVerifyATinyRadiusChapAccessRequestWithItsChapChallenge() throws IOException
    {
        final AccessRequest request = new AccessRequest("bob", "hello");
        request.setAuthProtocol(AccessRequest.AUTH_CHAP);
        final ByteBuf buffer = buffers.heap(encodeRequest(request));
        packet.wrap(buffer);
        assertTrue(packet.hasAttribute(RadiusAttributeType.CHAP_CHALLENGE));
        assertTrue(authenticators.verifyChapPassword(buffer, 0, ascii("hello"), 0, 5));
        assertFalse(authenticators.verifyChapPassword(buffer, 0, ascii("hellO"), 0, 5));
    }

    @Test
    void shouldVerifyTinyRadiusAccountingStartInterimAndStopWithGigawords() throws IOException
    {
        final int[] statusTypes = {
            AccountingRequest.ACCT_STATUS_TYPE_START, AccountingRequest.ACCT_STATUS_TYPE_INTERIM_UPDATE,
            AccountingRequest.ACCT_STATUS_TYPE_STOP};
        final long[] inputOctets = {0L, 5L * (1L << 32) + 12_345L, 7L * (1L << 32) + 99L};
        for (int i = 0; i < statusTypes.length; i++)
        {
            final AccountingRequest request = new AccountingRequest("alice", statusTypes[i]);
            request.setPacketIdentifier(100 + i);
            request.addAttribute(new StringAttribute(RadiusAttributeType.ACCT_SESSION_ID, "sess-0001"));
            request.addAttribute(new IpAttribute(RadiusAttributeType.NAS_IP_ADDRESS, "192.0.2.1"));
            if (AccountingRequest.ACCT_STATUS_TYPE_START != statusTypes[i])
            {
                request.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_INPUT_OCTETS, (int)inputOctets[i]));
                request.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, (int)(inputOctets[i] >>> 32)));
                request.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_OUTPUT_OCTETS, 0xfffffff0));
                request.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS, 2));
                request.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_SESSION_TIME, 600 * i));
            }
            final ByteBuf buffer = buffers.direct(encodeRequest(request));
            assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(buffer));
            assertTrue(authenticators.verifyRequest(buffer, 0, TESTING123), "status " + statusTypes[i]);
            assertFalse(authenticators.verifyRequest(buffer, 0, RadiusSecret.ofUtf8("other")));
            packet.wrap(buffer);
            assertEquals(statusTypes[i], packet.unsignedInt(RadiusAttributeType.ACCT_STATUS_TYPE, -1));
            if (AccountingRequest.ACCT_STATUS_TYPE_START == statusTypes[i])
            {
                assertEquals(RadiusPacketFlyweight.NO_COUNTER, packet.acctInputOctets64());
            }
            else
            {
                assertEquals(inputOctets[i], packet.acctInputOctets64());
                assertEquals(2L * (1L << 32) + 0xfffffff0L, packet.acctOutputOctets64());
            }
        }
    }

    @Test
    void shouldVerifyTinyRadiusCoaAndDisconnectRequests() throws IOException
    {
        for (final int code : new int[] {RadiusCode.COA_REQUEST, RadiusCode.DISCONNECT_REQUEST})
        {
            final CoaRequest request = new CoaRequest(code);
            request.setPacketIdentifier(33);
            request.addAttribute(new StringAttribute(RadiusAttributeType.USER_NAME, "alice"));
            request.addAttribute(new StringAttribute(RadiusAttributeType.ACCT_SESSION_ID, "sess-0001"));
            request.addAttribute(new IntegerAttribute(RadiusAttributeType.SESSION_TIMEOUT, 60));
            final ByteBuf buffer = buffers.heap(encodeRequest(request));
            assertEquals(RadiusValidationResult.OK, RadiusPacketValidator.validate(buffer));
            assertEquals(code, buffer.getUnsignedByte(0));
            assertTrue(authenticators.verifyRequestAuthenticator(buffer, 0, TESTING123), "code " + code);
            assertTrue(authenticators.verifyRequest(buffer, 0, TESTING123));
        }
    }

    // ------------------------------------------------------------------ ours -> tinyradius

    @Test
    void shouldHaveTinyRadiusAcceptOurAccessAcceptWithMessageAuthenticator() throws Exception
    {
        final AccessRequest request = new AccessRequest("alice", "pw");
        request.setPacketIdentifier(55);
        final ByteBuf requestBuffer = buffers.heap(encodeRequest(request));
        packet.wrap(requestBuffer);
        final byte[] requestAuthenticator = new byte[16];
        packet.copyAuthenticator(requestAuthenticator, 0);
        assertArrayEquals(request.getAuthenticator(), requestAuthenticator);

        final ByteBuf accept = buffers.empty();
        encoder.start(accept, RadiusCode.ACCESS_ACCEPT, packet.identifier())
            .putMessageAuthenticator()
            .putInt(RadiusAttributeType.SESSION_TIMEOUT, 3600)
            .putInt(RadiusAttributeType.ACCT_INTERIM_INTERVAL, 600)
            .putVendorInt(RadiusVendorId.HUAWEI, 15, 1 << 20)
            .finishResponse(requestAuthenticator, 0, TESTING123);

        final RadiusPacket decoded = RadiusPacket.decodeResponsePacket(new ByteArrayInputStream(readable(accept)), SECRET, request);
        assertEquals(RadiusPacket.ACCESS_ACCEPT, decoded.getPacketType());
        assertEquals(55, decoded.getPacketIdentifier());
        assertEquals(3600, ((IntegerAttribute)decoded.getAttribute(RadiusAttributeType.SESSION_TIMEOUT)).getAttributeValueInt());
        final RadiusAttribute messageAuthenticator = decoded.getAttribute(RadiusAttributeType.MESSAGE_AUTHENTICATOR);
        assertEquals(hex(java.util.Arrays.copyOfRange(readable(accept), 22, 38)), hex(messageAuthenticator.getAttributeData()));
        assertEquals(1, decoded.getVendorAttributes(RadiusVendorId.HUAWEI).size());

        // tinyradius checks the Response Authenticator: a reply signed with another secret is refused.
        final ByteBuf forged = buffers.empty();
        encoder.start(forged, RadiusCode.ACCESS_ACCEPT, 55).finishResponse(requestAuthenticator, 0, RadiusSecret.ofUtf8("nope"));
        assertThrows(RadiusException.class,
            () -> RadiusPacket.decodeResponsePacket(new ByteArrayInputStream(readable(forged)), SECRET, request));
    }

    @Test
    void shouldHaveTinyRadiusAcceptOurAccountingResponseWithProxyState() throws Exception
    {
        final AccountingRequest request = new AccountingRequest("alice", AccountingRequest.ACCT_STATUS_TYPE_STOP);
        request.setPacketIdentifier(77);
        request.addAttribute(new RadiusAttribute(RadiusAttributeType.PROXY_STATE, ascii("proxy-1")));
        request.addAttribute(new RadiusAttribute(RadiusAttributeType.PROXY_STATE, ascii("proxy-2")));
        final ByteBuf requestBuffer = buffers.heap(encodeRequest(request));
        assertTrue(authenticators.verifyRequest(requestBuffer, 0, TESTING123));
        packet.wrap(requestBuffer);
        final byte[] requestAuthenticator = new byte[16];
        packet.copyAuthenticator(requestAuthenticator, 0);

        final ByteBuf response = buffers.empty();
        encoder.start(response, RadiusCode.ACCOUNTING_RESPONSE, packet.identifier())
            .putProxyStates(requestBuffer, 0, requestBuffer.readableBytes(), iterator)
            .finishResponse(requestAuthenticator, 0, TESTING123);

        final RadiusPacket decoded = RadiusPacket.decodeResponsePacket(new ByteArrayInputStream(readable(response)), SECRET, request);
        assertEquals(RadiusPacket.ACCOUNTING_RESPONSE, decoded.getPacketType());
        assertEquals(2, decoded.getAttributes(RadiusAttributeType.PROXY_STATE).size());
        assertEquals("proxy-1", new String(((RadiusAttribute)decoded.getAttributes(RadiusAttributeType.PROXY_STATE).get(0))
            .getAttributeData(), StandardCharsets.US_ASCII));
    }

    @Test
    void shouldHaveTinyRadiusVerifyOurAccountingRequestAndEncodeTheSelfComputedVectorIdentically() throws Exception
    {
        // Our encoder -> tinyradius decoder, which recomputes the Request Authenticator (RFC 2866 §3).
        final ByteBuf ours = buffers.empty();
        encoder.start(ours, RadiusCode.ACCOUNTING_REQUEST, 42)
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
        final RadiusPacket decoded = RadiusPacket.decodeRequestPacket(new ByteArrayInputStream(readable(ours)), SECRET);
        assertTrue(decoded instanceof AccountingRequest);
        assertEquals(AccountingRequest.ACCT_STATUS_TYPE_INTERIM_UPDATE, ((AccountingRequest)decoded).getAcctStatusType());
        final byte[] tampered = readable(ours);
        tampered[tampered.length - 1] ^= 1;
        assertThrows(RadiusException.class, () -> RadiusPacket.decodeRequestPacket(new ByteArrayInputStream(tampered), SECRET));

        // The self-computed golden vector (PROTOCOLS.md §5.4) passes tinyradius' check, and tinyradius encodes
        // the same fields to the same octets.
        final byte[] vector = golden("accounting-interim-update-42");
        assertArrayEquals(vector, readable(ours));
        RadiusPacket.decodeRequestPacket(new ByteArrayInputStream(vector), SECRET);
        final AccountingRequest theirs = new AccountingRequest();
        theirs.setPacketIdentifier(42);
        theirs.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_STATUS_TYPE, 3));
        theirs.addAttribute(new StringAttribute(RadiusAttributeType.ACCT_SESSION_ID, "0000001A"));
        theirs.addAttribute(new StringAttribute(RadiusAttributeType.USER_NAME, "alice"));
        theirs.addAttribute(new IpAttribute(RadiusAttributeType.NAS_IP_ADDRESS, "192.0.2.1"));
        theirs.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_SESSION_TIME, 600));
        theirs.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_INPUT_OCTETS, 0x10));
        theirs.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, 1));
        theirs.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_OUTPUT_OCTETS, 1000));
        theirs.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS, 0));
        assertEquals(hex(vector), hex(encodeRequest(theirs)));

        final byte[] response = golden("accounting-response-42");
        final RadiusPacket decodedResponse = RadiusPacket.decodeResponsePacket(new ByteArrayInputStream(response), SECRET, theirs);
        assertEquals(RadiusPacket.ACCOUNTING_RESPONSE, decodedResponse.getPacketType());
    }

    @Test
    void shouldEncodeDisconnectAndCoaRequestsExactlyAsTinyRadiusDoes() throws Exception
    {
        for (final int code : new int[] {RadiusCode.DISCONNECT_REQUEST, RadiusCode.COA_REQUEST})
        {
            final CoaRequest theirs = new CoaRequest(code);
            theirs.setPacketIdentifier(9);
            theirs.addAttribute(new StringAttribute(RadiusAttributeType.USER_NAME, "alice"));
            theirs.addAttribute(new StringAttribute(RadiusAttributeType.ACCT_SESSION_ID, "sess-0001"));
            theirs.addAttribute(new IpAttribute(RadiusAttributeType.NAS_IP_ADDRESS, "192.0.2.1"));

            final ByteBuf ours = buffers.empty();
            encoder.start(ours, code, 9)
                .putString(RadiusAttributeType.USER_NAME, "alice")
                .putString(RadiusAttributeType.ACCT_SESSION_ID, "sess-0001")
                .putIpv4Address(RadiusAttributeType.NAS_IP_ADDRESS, 0xc0000201)
                .finishRequest(TESTING123);
            assertEquals(hex(encodeRequest(theirs)), hex(readable(ours)), "code " + code);

            final RadiusPacket decoded = RadiusPacket.decodeRequestPacket(new ByteArrayInputStream(readable(ours)), SECRET);
            assertEquals(code, decoded.getPacketType());
            assertEquals("alice", decoded.getAttribute(RadiusAttributeType.USER_NAME).getAttributeValue());
        }
    }

    @Test
    void shouldHaveTinyRadiusRecoverThePasswordsWeHideAndVerifyOurChap() throws Exception
    {
        final byte[] nonce = hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        final String password = "correct horse battery staple, and then some more words to pass sixteen";
        final ByteBuf pap = buffers.empty();
        encoder.start(pap, RadiusCode.ACCESS_REQUEST, 5, nonce, 0)
            .putString(RadiusAttributeType.USER_NAME, "carol")
            .putUserPassword(ascii(password), 0, password.length(), TESTING123)
            .finishRequest(TESTING123);
        final AccessRequest decodedPap =
            (AccessRequest)RadiusPacket.decodeRequestPacket(new ByteArrayInputStream(readable(pap)), SECRET);
        assertEquals(password, decodedPap.getUserPassword());
        assertTrue(decodedPap.verifyPassword(password));

        final byte[] challenge = hex("00112233445566778899aabbccddeeff");
        final java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        md5.update((byte)3);
        md5.update(ascii("hello"));
        md5.update(challenge);
        final byte[] chapPassword = new byte[17];
        chapPassword[0] = 3;
        System.arraycopy(md5.digest(), 0, chapPassword, 1, 16);
        final ByteBuf chap = buffers.empty();
        encoder.start(chap, RadiusCode.ACCESS_REQUEST, 6, nonce, 0)
            .putString(RadiusAttributeType.USER_NAME, "carol")
            .putBytes(RadiusAttributeType.CHAP_PASSWORD, chapPassword, 0, 17)
            .putBytes(RadiusAttributeType.CHAP_CHALLENGE, challenge, 0, 16)
            .finishRequest(TESTING123);
        assertTrue(authenticators.verifyChapPassword(chap, 0, ascii("hello"), 0, 5));
        final AccessRequest decodedChap =
            (AccessRequest)RadiusPacket.decodeRequestPacket(new ByteArrayInputStream(readable(chap)), SECRET);
        assertTrue(decodedChap.verifyPassword("hello"));
        assertFalse(decodedChap.verifyPassword("hellO"));
    }

    private static byte[] encodeRequest(final RadiusPacket request) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        request.encodeRequestPacket(out, SECRET);
        return out.toByteArray();
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
