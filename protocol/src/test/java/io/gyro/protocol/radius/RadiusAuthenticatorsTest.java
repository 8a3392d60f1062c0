package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

import static io.gyro.protocol.radius.RadiusTestSupport.TESTING123;
import static io.gyro.protocol.radius.RadiusTestSupport.golden;
import static io.gyro.protocol.radius.RadiusTestSupport.hex;
import static io.gyro.protocol.radius.RadiusTestSupport.readable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Authenticator primitives checked against the JDK's own HMAC-MD5 and MD5, plus CHAP-Challenge handling,
 * malformed Message-Authenticators, and the no-allocation promise.
 */
class RadiusAuthenticatorsTest
{
    private final RadiusTestSupport.TrackedBuffers buffers = new RadiusTestSupport.TrackedBuffers();
    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(authenticators);

    @AfterEach
    void releaseBuffers()
    {
        buffers.close();
    }

    @Test
    void shouldMatchJdkHmacMd5ForSecretsOfEveryLengthIncludingLongerThanABlock() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        for (int secretLength = 1; secretLength <= 100; secretLength++)
        {
            final byte[] secretBytes = new byte[secretLength];
            random.nextBytes(secretBytes);
            final RadiusSecret secret = new RadiusSecret(secretBytes);
            final byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            final byte[] value = new byte[random.nextInt(200)];
            random.nextBytes(value);

            final ByteBuf out = buffers.empty();
            encoder.start(out, RadiusCode.ACCESS_REQUEST, secretLength, nonce, 0)
                .putBytes(RadiusAttributeType.STATE, value, 0, value.length)
                .putMessageAuthenticator()
                .putString(RadiusAttributeType.USER_NAME, "u" + secretLength)
                .finishRequest(secret);
            final byte[] bytes = readable(out);
            final int ma = authenticators.findMessageAuthenticator(out, 0);
            final byte[] zeroed = bytes.clone();
            Arrays.fill(zeroed, ma + 2, ma + 18, (byte)0);
            final Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(secretBytes, "HmacMD5"));
            assertArrayEquals(mac.doFinal(zeroed), Arrays.copyOfRange(bytes, ma + 2, ma + 18), "seed " + seed);
            assertEquals(RadiusMessageAuthenticatorStatus.VALID,
                authenticators.verifyMessageAuthenticator(buffers.direct(bytes), 0, null, 0, secret), "seed " + seed);
        }
    }

    @Test
    void shouldHideUserPasswordExactlyAsRfc2865Section7Does()
    {
        final byte[] request = golden("rfc2865-7.1-access-request");
        final byte[] hidden = new byte[20];
        final int length = authenticators.hideUserPassword(
            "arctangent".getBytes(StandardCharsets.US_ASCII), 0, 10, request, 4, RadiusTestSupport.RFC2865_SECRET, hidden, 2);
        assertEquals(16, length);
        assertEquals(hex(Arrays.copyOfRange(request, 28, 44)), hex(Arrays.copyOfRange(hidden, 2, 18)));
        assertEquals(RadiusAuthenticators.PASSWORD_MALFORMED, authenticators.hideUserPassword(
            new byte[129], 0, 129, request, 4, TESTING123, new byte[256], 0));
        assertEquals(RadiusAuthenticators.PASSWORD_MALFORMED, authenticators.hideUserPassword(
            new byte[17], 0, 17, request, 4, TESTING123, new byte[31], 0));
    }

    @Test
    void shouldRejectHiddenPasswordsOfIllegalLength()
    {
        final byte[] authenticator = new byte[16];
        final byte[] out = new byte[160];
        final ByteBuf buffer = buffers.heap(new byte[160]);
        for (final int length : new int[] {0, 1, 15, 17, 31, 144})
        {
            assertEquals(RadiusAuthenticators.PASSWORD_MALFORMED,
                authenticators.unhideUserPassword(buffer, 0, length, authenticator, 0, TESTING123, out, 0), "length " + length);
        }
        assertEquals(RadiusAuthenticators.PASSWORD_MALFORMED,
            authenticators.unhideUserPassword(buffer, 150, 16, authenticator, 0, TESTING123, out, 0), "past the buffer");
        assertEquals(RadiusAuthenticators.PASSWORD_MALFORMED,
            authenticators.unhideUserPassword(buffer, 0, 32, authenticator, 0, TESTING123, new byte[31], 0), "no room");
        // 16 legal octets, all zero: the plaintext is MD5(secret + authenticator) itself (RFC 2865 §5.2, c(1) =
        // p(1) xor b(1)), computed here with the JDK, minus the trailing NULs the recovery strips.
        final byte[] digest = md5("testing123".getBytes(StandardCharsets.US_ASCII), authenticator);
        int expected = digest.length;
        while (expected > 0 && 0 == digest[expected - 1])
        {
            expected--;
        }
        assertEquals(expected, authenticators.unhideUserPassword(buffer, 0, 16, authenticator, 0, TESTING123, out, 0));
        assertArrayEquals(Arrays.copyOf(digest, expected), Arrays.copyOf(out, expected));
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
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void shouldUseChapChallengeWhenPresent() throws Exception
    {
        final byte[] nonce = hex("00112233445566778899aabbccddeeff");
        final byte[] challenge = hex("a1a2a3a4a5a6a7a8a9");
        final byte[] password = "s3cret".getBytes(StandardCharsets.US_ASCII);
        final byte[] chap = chapPassword(7, password, challenge);
        final ByteBuf request = buffers.empty();
        encoder.start(request, RadiusCode.ACCESS_REQUEST, 1, nonce, 0)
            .putString(RadiusAttributeType.USER_NAME, "u")
            .putBytes(RadiusAttributeType.CHAP_PASSWORD, chap, 0, chap.length)
            .putBytes(RadiusAttributeType.CHAP_CHALLENGE, challenge, 0, challenge.length)
            .finishRequest(TESTING123);
        assertTrue(authenticators.verifyChapPassword(request, 0, password, 0, password.length));

        // A response computed over the Request Authenticator must not pass when CHAP-Challenge is present.
        final byte[] overAuthenticator = chapPassword(7, password, nonce);
        final ByteBuf wrong = buffers.empty();
        encoder.start(wrong, RadiusCode.ACCESS_REQUEST, 1, nonce, 0)
            .putBytes(RadiusAttributeType.CHAP_PASSWORD, overAuthenticator, 0, 17)
            .putBytes(RadiusAttributeType.CHAP_CHALLENGE, challenge, 0, challenge.length)
            .finishRequest(TESTING123);
        assertFalse(authenticators.verifyChapPassword(wrong, 0, password, 0, password.length));

        final ByteBuf truncatedChap = buffers.empty();
        encoder.start(truncatedChap, RadiusCode.ACCESS_REQUEST, 1, nonce, 0)
            .putBytes(RadiusAttributeType.CHAP_PASSWORD, chap, 0, 16).finishRequest(TESTING123);
        assertFalse(authenticators.verifyChapPassword(truncatedChap, 0, password, 0, password.length));
    }

    @Test
    void shouldReportMalformedMessageAuthenticators()
    {
        final ByteBuf twice = buffers.empty();
        encoder.start(twice, RadiusCode.ACCESS_REQUEST, 1, new byte[16], 0).putMessageAuthenticator()
            .putBytes(RadiusAttributeType.MESSAGE_AUTHENTICATOR, new byte[16], 0, 16).finishUnsigned();
        assertEquals(RadiusAuthenticators.MALFORMED, authenticators.findMessageAuthenticator(twice, 0));
        assertEquals(RadiusMessageAuthenticatorStatus.MALFORMED,
            authenticators.verifyMessageAuthenticator(twice, 0, null, 0, TESTING123));
        assertFalse(authenticators.verifyRequest(twice, 0, TESTING123));
        assertFalse(authenticators.signRequest(twice, 0, TESTING123));

        final ByteBuf shortMa = buffers.empty();
        encoder.start(shortMa, RadiusCode.ACCESS_REQUEST, 1, new byte[16], 0)
            .putBytes(RadiusAttributeType.MESSAGE_AUTHENTICATOR, new byte[15], 0, 15).finishUnsigned();
        assertEquals(RadiusMessageAuthenticatorStatus.MALFORMED,
            authenticators.verifyMessageAuthenticator(shortMa, 0, null, 0, TESTING123));

        final ByteBuf none = buffers.empty();
        encoder.start(none, RadiusCode.ACCESS_ACCEPT, 1).finishUnsigned();
        assertFalse(authenticators.writeMessageAuthenticator(none, 0, new byte[16], 0, TESTING123));
        assertEquals(RadiusMessageAuthenticatorStatus.ABSENT,
            authenticators.verifyMessageAuthenticator(none, 0, new byte[16], 0, TESTING123));
    }

    @Test
    void shouldRefuseRepliesWhereRequestsAreExpectedAndTheOtherWayRound()
    {
        final byte[] reply = golden("accounting-response-42");
        final byte[] request = golden("accounting-interim-update-42");
        final byte[] requestAuthenticator = Arrays.copyOfRange(request, 4, 20);
        assertFalse(authenticators.verifyRequest(buffers.heap(reply), 0, TESTING123));
        assertFalse(authenticators.verifyResponse(buffers.heap(request), 0, requestAuthenticator, 0, TESTING123));
        assertEquals(RadiusMessageAuthenticatorStatus.INVALID, authenticators.verifyMessageAuthenticator(
            buffers.heap(golden("wireshark01-access-challenge-103")), 0, null, 0, TESTING123));
    }

    @Test
    void shouldRefuseEmptySecretsAndNeverPrintOne()
    {
        assertThrows(IllegalArgumentException.class, () -> new RadiusSecret(new byte[0]));
        assertEquals("RadiusSecret[length=10]", TESTING123.toString());
        assertEquals(10, TESTING123.length());
    }

    @Test
    void shouldNotAllocatePerPacketWhenVerifyingAndSigning()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "allocation counter unavailable");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        final byte[] accountingBytes = golden("accounting-interim-update-42");
        final ByteBuf accounting = buffers.untrackedHeap(accountingBytes, accountingBytes.length);
        final ByteBuf directChallenge = buffers.untrackedDirect(golden("wireshark01-access-challenge-103"));
        final byte[] accessRequestBytes = golden("wireshark01-access-request-97");
        final ByteBuf accessRequest = buffers.untrackedHeap(accessRequestBytes, accessRequestBytes.length);
        final byte[] challengeRequestAuthenticator = hex("40b664dbf5d681b2adbd1769515118c8");
        final byte[] password = new byte[128];
        final ByteBuf out = buffers.untrackedHeap(new byte[0], 4096);
        final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
        final byte[] requestAuthenticator = new byte[16];
        final int rounds = 20_000;

        boolean allTrue = true;
        long before = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            // pass 0 warms up (class loading, JIT); pass 1 is measured
            before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < rounds; i++)
            {
                allTrue &= authenticators.verifyRequest(accounting, 0, TESTING123);
                allTrue &= authenticators.verifyResponse(directChallenge, 0, challengeRequestAuthenticator, 0, TESTING123);
                allTrue &= RadiusMessageAuthenticatorStatus.VALID ==
                    authenticators.verifyMessageAuthenticator(accessRequest, 0, null, 0, TESTING123);
                allTrue &= 7 == authenticators.unhideUserPassword(accessRequest, 0, TESTING123, password, 0);
                allTrue &= RadiusValidationResult.OK == RadiusPacketValidator.validate(accounting);
                packet.wrap(accounting);
                packet.copyAuthenticator(requestAuthenticator, 0);
                allTrue &= 4_294_967_312L == packet.acctInputOctets64();
                out.clear();
                encoder.start(out, RadiusCode.ACCOUNTING_RESPONSE, packet.identifier()).putMessageAuthenticator()
                    .finishResponse(requestAuthenticator, 0, TESTING123);
            }
        }
        final long allocatedBytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allTrue);
        // Far below one object per round: a per-packet allocation anywhere would show up as >= 16 B * 20 000.
        assertTrue(allocatedBytes < 64 * 1024, "allocated " + allocatedBytes + " bytes over " + rounds + " rounds");
    }

    private static byte[] chapPassword(final int chapId, final byte[] password, final byte[] challenge) throws Exception
    {
        final MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update((byte)chapId);
        md5.update(password);
        md5.update(challenge);
        final byte[] value = new byte[17];
        value[0] = (byte)chapId;
        System.arraycopy(md5.digest(), 0, value, 1, 16);
        return value;
    }
}
