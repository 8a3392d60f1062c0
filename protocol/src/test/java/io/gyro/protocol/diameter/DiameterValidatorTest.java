package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.cc.CreditControlRequestEncoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;
import static org.junit.jupiter.api.Assertions.*;

/**
 * One negative vector per validation rule, each with the Result-Code and the Failed-AVP it must yield
 * (STYLE.md §7: Artio's one invalid example per failure).
 */
class DiameterValidatorTest
{
    private static final DiameterDictionary DICTIONARY = DiameterDictionary.standard();
    private static final byte[] HOST = "gyro.localdomain".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REALM = "localdomain".getBytes(StandardCharsets.US_ASCII);

    private final DiameterValidator validator = new DiameterValidator(DICTIONARY, new long[] {4}, 256);

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A valid CCR-U with one MSCC; {@code extra} appends AVPs before the MSCC closes or after it. */
    static byte[] ccr(final Consumer<DiameterEncoder> insideMscc, final Consumer<DiameterEncoder> afterMscc)
    {
        return ccr(1, 1, insideMscc, afterMscc, "pgw.example;1;1");
    }

    static byte[] ccr(
        final int ccRequestType,
        final long ccRequestNumber,
        final Consumer<DiameterEncoder> insideMscc,
        final Consumer<DiameterEncoder> afterMscc,
        final String sessionId)
    {
        final ByteBuf out = Unpooled.buffer();
        final CreditControlRequestEncoder ccr = new CreditControlRequestEncoder();
        ccr.begin(out, 7, 9, ascii(sessionId), ascii("pgw.example"), ascii("example"), REALM, null,
            ascii("32251@3gpp.org"), ccRequestType, ccRequestNumber);
        ccr.subscriptionId(0, ascii("491700000001"));
        ccr.beginMscc().requestedServiceUnit(new ServiceUnits().markPresent()).ratingGroup(10);
        insideMscc.accept(ccr.encoder());
        ccr.endMscc();
        afterMscc.accept(ccr.encoder());
        ccr.finish();
        final byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    private static final Consumer<DiameterEncoder> NOTHING = encoder -> {};

    private boolean validate(final byte[] message)
    {
        return validator.validate(Unpooled.wrappedBuffer(message), 0);
    }

    /** Write the error answer and return the Failed-AVP's content octets (what is inside group 279). */
    private byte[] failedAvpContent(final byte[] request)
    {
        final ByteBuf requestBuffer = Unpooled.wrappedBuffer(request);
        assertFalse(validator.validate(requestBuffer, 0));
        final RequestEcho echo = new RequestEcho().capture(requestBuffer, 0, new AvpReader());
        final ByteBuf answer = Unpooled.buffer();
        new ErrorAnswerEncoder().write(answer, echo, validator.resultCode(), validator.isProtocolError(), HOST, REALM,
            null, validator.failedAvp(), requestBuffer);
        try
        {
            final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight().wrap(answer, 0);
            assertFalse(header.isRequest());
            assertEquals(validator.isProtocolError(), header.isError());
            assertEquals(7, header.hopByHopId());
            assertEquals(9, header.endToEndId());
            final AvpReader reader = new AvpReader().wrapMessage(answer, 0);
            assertTrue(reader.find(AvpCode.RESULT_CODE, 0));
            assertEquals(validator.resultCode(), reader.uint32());
            final AvpReader search = new AvpReader().wrapMessage(answer, 0);
            if (!search.find(AvpCode.FAILED_AVP, 0))
            {
                return null;
            }
            final byte[] content = new byte[search.dataLength()];
            search.copyData(content, 0, content.length);
            return content;
        }
        finally
        {
            answer.release();
        }
    }

    @Test
    void shouldShowAVisitorEachAcceptedAvpBeforeItsMembersAndOnlyTheMembersItAsksFor()
    {
        final int unknownCode = 99_999;
        final ByteBuf message = Unpooled.wrappedBuffer(
            ccr(NOTHING, encoder -> encoder.uint32(unknownCode, 0, 0, 1)));
        final StringBuilder seenByValidator = new StringBuilder();
        final StringBuilder seenByWalk = new StringBuilder();

        assertTrue(validator.validate(message, 0, recorder(seenByValidator)));
        new AvpReader().wrapMessage(message, 0).accept(recorder(seenByWalk), AvpReader.scratch(4));

        assertEquals(seenByWalk.toString(), seenByValidator.toString());
        final String seen = seenByValidator.toString();
        assertTrue(seen.startsWith(" 0:" + AvpCode.SESSION_ID + " "), seen);
        assertTrue(seen.contains(" 0:" + AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL + " 1:" +
            AvpCode.REQUESTED_SERVICE_UNIT + " 1:" + AvpCode.RATING_GROUP + " "), seen);
        assertTrue(seen.contains(" 0:" + AvpCode.SUBSCRIPTION_ID + " 0:"), "members not asked for: " + seen);
        assertTrue(seen.endsWith(" 0:" + unknownCode + " "), "an unknown AVP without M is shown too: " + seen);
    }

    @Test
    void shouldValidateIdenticallyWithAndWithoutAVisitor()
    {
        final byte[] tooManyRatingGroups = ccr(encoder -> encoder.uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, 11),
            NOTHING);
        assertFalse(validate(tooManyRatingGroups));
        final int resultCode = validator.resultCode();
        assertFalse(validator.validate(Unpooled.wrappedBuffer(tooManyRatingGroups), 0, (reader, depth) -> true));
        assertEquals(ResultCode.AVP_OCCURS_TOO_MANY_TIMES, resultCode);
        assertEquals(resultCode, validator.resultCode());
    }

    /** Records " depth:code" per AVP shown; asks for the members of MSCC and of nothing else. */
    private static AvpVisitor recorder(final StringBuilder seen)
    {
        seen.append(' ');
        return (reader, depth) ->
        {
            seen.append(depth).append(':').append(reader.code()).append(' ');
            return AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL == reader.code();
        };
    }

    @Test
    void shouldAcceptValidCcr()
    {
        assertTrue(validate(ccr(NOTHING, NOTHING)));
        assertEquals(ResultCode.SUCCESS, validator.resultCode());
        assertEquals(CommandCode.CREDIT_CONTROL, validator.command().code());
    }

    @Test
    void shouldAnswer3001ForUnknownCommand()
    {
        final byte[] message = ccr(NOTHING, NOTHING);
        message[7] = 0x7F; // command code 0x00017F = 383
        assertNull(failedAvpContent(message));
        assertEquals(ResultCode.COMMAND_UNSUPPORTED, validator.resultCode());
        assertTrue(validator.isProtocolError());
    }

    @Test
    void shouldAnswer3007ForApplicationNotServed()
    {
        final byte[] message = ccr(NOTHING, NOTHING);
        message[8] = 0x01; // 16777220: some other application
        assertFalse(validate(message));
        assertEquals(ResultCode.APPLICATION_UNSUPPORTED, validator.resultCode());
        assertTrue(validator.isProtocolError());
    }

    /**
     * A session command of the base protocol (RFC 6733 §8: STR, ASR, RAR) with the given header application and
     * flags, its request grammar complete: Auth-Application-Id carries the header's application, as §8.4.1 asks.
     */
    private static byte[] sessionCommand(final int flags, final int commandCode, final long applicationId)
    {
        final ByteBuf out = Unpooled.buffer();
        final DiameterEncoder encoder = new DiameterEncoder().wrap(out);
        encoder.header(flags, commandCode, applicationId, 7, 9);
        encoder.utf8(AvpCode.SESSION_ID, FLAG_MANDATORY, 0, "pgw.example;1;1");
        final boolean request = (flags & 0x80) != 0;
        if (!request)
        {
            encoder.uint32(AvpCode.RESULT_CODE, FLAG_MANDATORY, 0, ResultCode.SUCCESS);
        }
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw.example");
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "example");
        if (request)
        {
            encoder.utf8(AvpCode.DESTINATION_REALM, FLAG_MANDATORY, 0, "localdomain");
            if (CommandCode.SESSION_TERMINATION != commandCode)
            {
                encoder.utf8(AvpCode.DESTINATION_HOST, FLAG_MANDATORY, 0, "gyro.localdomain");
            }
            encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, applicationId);
            if (CommandCode.SESSION_TERMINATION == commandCode)
            {
                encoder.int32(AvpCode.TERMINATION_CAUSE, FLAG_MANDATORY, 0, 1);
            }
            if (CommandCode.RE_AUTH == commandCode)
            {
                encoder.int32(AvpCode.RE_AUTH_REQUEST_TYPE, FLAG_MANDATORY, 0, 0);
            }
        }
        encoder.finish();
        final byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    /** Refuse the request and return "Result-Code E-bit Application-Id" of the error answer written for it. */
    private String refusal(final byte[] request)
    {
        final ByteBuf requestBuffer = Unpooled.wrappedBuffer(request);
        assertFalse(validator.validate(requestBuffer, 0));
        final RequestEcho echo = new RequestEcho().capture(requestBuffer, 0, new AvpReader());
        final ByteBuf answer = Unpooled.buffer();
        new ErrorAnswerEncoder().write(answer, echo, validator.resultCode(), validator.isProtocolError(), HOST, REALM,
            null, validator.failedAvp(), requestBuffer);
        try
        {
            final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight().wrap(answer, 0);
            assertEquals(new DiameterHeaderFlyweight().wrap(requestBuffer, 0).hopByHopId(), header.hopByHopId());
            assertFalse(new AvpReader().wrapMessage(answer, 0).find(AvpCode.FAILED_AVP, 0),
                "a header error has no Failed-AVP");
            final AvpReader reader = new AvpReader().wrapMessage(answer, 0);
            assertTrue(reader.find(AvpCode.RESULT_CODE, 0));
            return reader.uint32() + (header.isError() ? " E " : " - ") + header.applicationId();
        }
        finally
        {
            answer.release();
        }
    }

    @Test
    void shouldAnswer3001ForAnStrInTheServedCreditControlApplication()
    {
        // RFC 4006 §5.4: credit control ends its sessions with CCR-T; STR goes to the AAA server. Application 4 is
        // served, STR is not one of its commands: 3001, not 3007 (which would send an agent to another node).
        assertEquals("3001 E 4", refusal(sessionCommand(0xC0, CommandCode.SESSION_TERMINATION, 4)));
    }

    @Test
    void shouldLeaveAValidStrOfTheCommonApplicationToTheNode()
    {
        // The dictionary files STR under 0; whether a node takes it is the node's business (Gyro answers 3001).
        assertTrue(validate(sessionCommand(0xC0, CommandCode.SESSION_TERMINATION, 0)));
    }

    @Test
    void shouldAcceptReAuthAndAbortSessionOfCreditControlBothWays()
    {
        // RFC 4006 §5.5 and RFC 8506 §10.2: an OCS sends RAR and ASR with Application-Id 4 and reads their answers.
        for (final int command : new int[] {CommandCode.RE_AUTH, CommandCode.ABORT_SESSION})
        {
            assertTrue(validate(sessionCommand(0xC0, command, 4)), command + " request: " + validator.resultCode());
            assertTrue(validate(sessionCommand(0x40, command, 4)), command + " answer: " + validator.resultCode());
        }
    }

    @Test
    void shouldAnswer3001ForACommandFiledUnderAnotherServedApplication()
    {
        final byte[] ccrInCommonApplication = ccr(NOTHING, NOTHING);
        ccrInCommonApplication[11] = 0x00; // Application-ID 4 -> 0
        assertEquals("3001 E 0", refusal(ccrInCommonApplication));
        final byte[] cerInCreditControl = DiameterGoldenVectorTest.vector("cer-go-diameter.hex");
        assertEquals(0, Unpooled.wrappedBuffer(cerInCreditControl).getInt(8));
        cerInCreditControl[11] = 0x04;
        assertEquals("3001 E 4", refusal(cerInCreditControl));
    }

    @Test
    void shouldAnswer3007ForAKnownCommandOfAnApplicationNotServed()
    {
        assertEquals("3007 E 16777238",
            refusal(sessionCommand(0xC0, CommandCode.SESSION_TERMINATION, 16_777_238L)));
        assertEquals("3007 E 16777238", refusal(sessionCommand(0xC0, CommandCode.RE_AUTH, 16_777_238L)));
        final byte[] ccrOfAnotherApplication = ccr(NOTHING, NOTHING);
        ccrOfAnotherApplication[8] = 0x01; // 16777220
        assertEquals("3007 E 16777220", refusal(ccrOfAnotherApplication));
    }

    @Test
    void shouldAnswer3007ForAnUnknownCommandOfAnApplicationNotServed()
    {
        final byte[] message = ccr(NOTHING, NOTHING);
        message[7] = 0x7F; // command code 383
        message[8] = 0x01; // 16777220
        assertEquals("3007 E 16777220", refusal(message));
        message[8] = 0x00; // back to 4: served, so the command is what is missing
        assertEquals("3001 E 4", refusal(message));
        message[11] = 0x00; // 0, always served
        assertEquals("3001 E 0", refusal(message));
    }

    @Test
    void shouldAnswer3008ForErrorBitOnRequest()
    {
        final byte[] message = ccr(NOTHING, NOTHING);
        message[4] |= 0x20;
        assertFalse(validate(message));
        assertEquals(ResultCode.INVALID_HDR_BITS, validator.resultCode());
    }

    @Test
    void shouldAnswer3008ForProxiableCer()
    {
        final byte[] cer = DiameterGoldenVectorTest.vector("cer-go-diameter.hex");
        cer[4] |= 0x40;
        assertFalse(validate(cer));
        assertEquals(ResultCode.INVALID_HDR_BITS, validator.resultCode());
    }

    @Test
    void shouldAnswer3009ForVendorBitWithVendorZero()
    {
        final byte[] message = ccr(NOTHING, encoder ->
        {
            encoder.buffer().writeInt(AvpCode.USER_NAME);
            encoder.buffer().writeInt(0xC000_0010); // V and M, length 16
            encoder.buffer().writeInt(0);           // Vendor-ID 0
            encoder.buffer().writeInt(0x61626364);
        });
        final byte[] failed = failedAvpContent(message);
        assertEquals(ResultCode.INVALID_AVP_BITS, validator.resultCode());
        assertEquals(16, failed.length);
        assertEquals(AvpCode.USER_NAME, Unpooled.wrappedBuffer(failed).getInt(0));
    }

    @Test
    void shouldAnswer5001ForUnknownMandatoryAvp()
    {
        final byte[] message = ccr(NOTHING, encoder -> encoder.uint32(99_999, FLAG_MANDATORY, 0, 5));
        final byte[] failed = failedAvpContent(message);
        assertEquals(ResultCode.AVP_UNSUPPORTED, validator.resultCode());
        assertFalse(validator.isProtocolError());
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse("0001869f 4000000c 00000005"), failed);
    }

    @Test
    void shouldAnswer5001InsideGroupedWrappedInItsParent()
    {
        final byte[] message = ccr(encoder -> encoder.uint32(99_999, FLAG_MANDATORY, 10415, 5), NOTHING);
        final byte[] failed = failedAvpContent(message);
        assertEquals(ResultCode.AVP_UNSUPPORTED, validator.resultCode());
        final ByteBuf content = Unpooled.wrappedBuffer(failed);
        final AvpReader reader = new AvpReader().wrap(content, 0, failed.length);
        assertTrue(reader.next());
        assertEquals(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, reader.code());
        final AvpReader inner = new AvpReader().wrapGroup(reader);
        assertTrue(inner.next());
        assertEquals(99_999, inner.code());
        assertEquals(10415, inner.vendorId());
        assertFalse(inner.next());
    }

    @Test
    void shouldIgnoreUnknownAvpWithoutMandatoryBit()
    {
        assertTrue(validate(ccr(encoder -> encoder.uint32(99_999, 0, 0, 5), encoder -> encoder.uint32(99_998, 0, 7, 1))));
    }

    @Test
    void shouldNeverRejectKnownAvpBecauseOfItsMandatoryBit()
    {
        // Product-Name must not carry M and 3GPP-RAT-Type is sent either way in the field (PROTOCOLS.md §4 item 5).
        assertTrue(validate(ccr(encoder -> encoder.octets(AvpCode.TGPP_RAT_TYPE, FLAG_MANDATORY, 10415, new byte[] {6}),
            NOTHING)));
    }

    @Test
    void shouldAnswer5004ForUnknownCcRequestType()
    {
        final byte[] failed = failedAvpContent(ccr(9, 1, NOTHING, NOTHING, "pgw.example;1;1"));
        assertEquals(ResultCode.INVALID_AVP_VALUE, validator.resultCode());
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse("000001a0 4000000c 00000009"), failed);
    }

    @Test
    void shouldAnswer5004ForSessionIdOverTheLimit()
    {
        assertTrue(validate(ccr(1, 1, NOTHING, NOTHING, "s".repeat(256))));
        assertFalse(validate(ccr(1, 1, NOTHING, NOTHING, "s".repeat(257))));
        assertEquals(ResultCode.INVALID_AVP_VALUE, validator.resultCode());
    }

    @Test
    void shouldAnswer5005WithZeroFilledMissingAvp()
    {
        final ByteBuf out = Unpooled.buffer();
        final DiameterEncoder encoder = new DiameterEncoder().wrap(out);
        encoder.header(0xC0, 272, 4, 7, 9);
        encoder.utf8(AvpCode.SESSION_ID, FLAG_MANDATORY, 0, "s;1");
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw.example");
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "example");
        encoder.utf8(AvpCode.DESTINATION_REALM, FLAG_MANDATORY, 0, "localdomain");
        encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, 4);
        encoder.utf8(AvpCode.SERVICE_CONTEXT_ID, FLAG_MANDATORY, 0, "32251@3gpp.org");
        encoder.int32(AvpCode.CC_REQUEST_TYPE, FLAG_MANDATORY, 0, 1);
        encoder.finish();
        final byte[] failed = failedAvpContent(ByteBufUtil.getBytes(out));
        out.release();
        assertEquals(ResultCode.MISSING_AVP, validator.resultCode());
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse("0000019f 4000000c 00000000"), failed);
    }

    @Test
    void shouldAnswer5005ForMissingMemberOfGroupedAvp()
    {
        final byte[] message = ccr(NOTHING, encoder ->
        {
            encoder.beginGroup(AvpCode.SUBSCRIPTION_ID, FLAG_MANDATORY, 0);
            encoder.int32(AvpCode.SUBSCRIPTION_ID_TYPE, FLAG_MANDATORY, 0, 1);
            encoder.endGroup();
        });
        final byte[] failed = failedAvpContent(message);
        assertEquals(ResultCode.MISSING_AVP, validator.resultCode());
        final AvpReader reader = new AvpReader().wrap(Unpooled.wrappedBuffer(failed), 0, failed.length);
        assertTrue(reader.next());
        assertEquals(AvpCode.SUBSCRIPTION_ID, reader.code());
        final AvpReader inner = new AvpReader().wrapGroup(reader);
        assertTrue(inner.next());
        assertEquals(AvpCode.SUBSCRIPTION_ID_DATA, inner.code());
    }

    @Test
    void shouldAnswer5009ForRepeatedSingleAvp()
    {
        final byte[] failed = failedAvpContent(ccr(NOTHING,
            encoder -> encoder.uint32(AvpCode.CC_REQUEST_NUMBER, FLAG_MANDATORY, 0, 2)));
        assertEquals(ResultCode.AVP_OCCURS_TOO_MANY_TIMES, validator.resultCode());
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse("0000019f 4000000c 00000002"), failed);
    }

    @Test
    void shouldAnswer5009BeyondConfiguredMsccLimit()
    {
        validator.limitOccurrences(CommandCode.CREDIT_CONTROL, true, 0, AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, 32);
        assertTrue(validate(ccr(NOTHING, msccs(31))));
        assertFalse(validate(ccr(NOTHING, msccs(32))));
        assertEquals(ResultCode.AVP_OCCURS_TOO_MANY_TIMES, validator.resultCode());
    }

    private static Consumer<DiameterEncoder> msccs(final int count)
    {
        return encoder ->
        {
            for (int i = 0; i < count; i++)
            {
                encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, FLAG_MANDATORY, 0);
                encoder.uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, 100 + i);
                encoder.endGroup();
            }
        };
    }

    @Test
    void shouldAnswer5014ForFixedTypeOfWrongLength()
    {
        final byte[] message = ccr(NOTHING, encoder ->
            encoder.octets(AvpCode.ORIGIN_STATE_ID, FLAG_MANDATORY, 0, new byte[] {1, 2}));
        final byte[] failed = failedAvpContent(message);
        assertEquals(ResultCode.INVALID_AVP_LENGTH, validator.resultCode());
        // Header as received would claim 10; the answer carries the header with a zero value of the right size.
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse("00000116 4000000c 00000000"), failed);
    }

    @Test
    void shouldAnswer5014ForAvpRunningPastTheMessage()
    {
        final byte[] message = ccr(NOTHING, encoder -> encoder.uint32(AvpCode.ORIGIN_STATE_ID, FLAG_MANDATORY, 0, 1));
        message[message.length - 12 + 7] = 0x40; // Origin-State-Id claims 64 octets
        assertFalse(validate(message));
        assertEquals(ResultCode.INVALID_AVP_LENGTH, validator.resultCode());
        assertTrue(validator.failedAvp().isPresent());
        assertEquals(AvpCode.ORIGIN_STATE_ID, validator.failedAvp().code());
    }

    /** The message with {@code trailing} octets appended after its last AVP and its Message Length raised. */
    private static byte[] withTrailing(final byte[] message, final byte... trailing)
    {
        final byte[] longer = java.util.Arrays.copyOf(message, message.length + trailing.length);
        System.arraycopy(trailing, 0, longer, message.length, trailing.length);
        Unpooled.wrappedBuffer(longer).setMedium(1, longer.length);
        return longer;
    }

    @Test
    void shouldAnswer5014WithTheHeaderZeroPaddedWhenFewerOctetsThanAHeaderRemain()
    {
        // RFC 6733 §7.1.5: the incomplete header padded with zeros up to the minimum header length (8).
        final byte[] zeros = failedAvpContent(withTrailing(ccr(NOTHING, NOTHING), new byte[4]));
        assertEquals(ResultCode.INVALID_AVP_LENGTH, validator.resultCode());
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse("00000000 00000008"), zeros);

        // What the octets give of Code and Flags is kept; the V bit goes, since no Vendor-ID follows.
        final byte[] partial = failedAvpContent(withTrailing(ccr(NOTHING, NOTHING), (byte)0, (byte)0, (byte)1,
            (byte)7, (byte)0xC0, (byte)0, (byte)0, (byte)0));
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse("00000107 40000008"), partial);
        final byte[] codeOnly = failedAvpContent(withTrailing(ccr(NOTHING, NOTHING), (byte)0, (byte)0, (byte)1,
            (byte)7));
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse("00000107 00000008"), codeOnly);
    }

    @Test
    void shouldAnswer5014WithTheHeaderZeroPaddedInsideItsGroupedParent()
    {
        final byte[] failed = failedAvpContent(ccr(encoder -> encoder.raw(new byte[4], 0, 4), NOTHING));
        assertEquals(ResultCode.INVALID_AVP_LENGTH, validator.resultCode());
        // Multiple-Services-Credit-Control (456) holding the padded header.
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse("000001c8 40000010 00000000 00000008"), failed);
    }

    @Test
    void shouldAnswer5014WithoutAValueWhenAVendorIdIsCutShort()
    {
        final byte[] failed = failedAvpContent(withTrailing(ccr(NOTHING, NOTHING), (byte)0, (byte)0, (byte)0x03,
            (byte)0xF4, (byte)0xC0, (byte)0, (byte)0, (byte)16));
        assertEquals(ResultCode.INVALID_AVP_LENGTH, validator.resultCode());
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse("000003f4 40000008"), failed);
    }

    /** A valid CER with {@code extra} appended. */
    private static byte[] cer(final Consumer<DiameterEncoder> extra)
    {
        final ByteBuf out = Unpooled.buffer();
        final DiameterEncoder encoder = new DiameterEncoder().wrap(out);
        encoder.header(0x80, 257, 0, 7, 9);
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, "pgw.example");
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, "example");
        encoder.address(AvpCode.HOST_IP_ADDRESS, FLAG_MANDATORY, 0, new byte[] {127, 0, 0, 1});
        encoder.uint32(AvpCode.VENDOR_ID, FLAG_MANDATORY, 0, 0);
        encoder.utf8(AvpCode.PRODUCT_NAME, 0, 0, "test");
        extra.accept(encoder);
        encoder.finish();
        final byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    private static Consumer<DiameterEncoder> vendorSpecificApplicationId(final long auth, final long acct)
    {
        return encoder ->
        {
            encoder.beginGroup(AvpCode.VENDOR_SPECIFIC_APPLICATION_ID, FLAG_MANDATORY, 0);
            encoder.uint32(AvpCode.VENDOR_ID, FLAG_MANDATORY, 0, 10415);
            if (auth >= 0)
            {
                encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, auth);
            }
            if (acct >= 0)
            {
                encoder.uint32(AvpCode.ACCT_APPLICATION_ID, FLAG_MANDATORY, 0, acct);
            }
            encoder.endGroup();
        };
    }

    @Test
    void shouldAcceptVendorSpecificApplicationIdWithExactlyOneApplicationId()
    {
        assertTrue(validate(cer(vendorSpecificApplicationId(4, -1))));
        assertTrue(validate(cer(vendorSpecificApplicationId(-1, 3))));
    }

    @Test
    void shouldAnswer5009WithBothApplicationIdsWhenAVendorSpecificApplicationIdHoldsBoth()
    {
        // RFC 6733 §6.11: Failed-AVP "MUST contain the received Auth-Application-Id AVP and Acct-Application-Id AVP".
        final byte[] failed = failedAvpContent(cer(vendorSpecificApplicationId(4, 3)));
        assertEquals(ResultCode.AVP_OCCURS_TOO_MANY_TIMES, validator.resultCode());
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse(
            "00000104 40000020 00000102 4000000c 00000004 00000103 4000000c 00000003"), failed);
    }

    @Test
    void shouldAnswer5005WhenAVendorSpecificApplicationIdHoldsNeitherApplicationId()
    {
        final byte[] failed = failedAvpContent(cer(vendorSpecificApplicationId(-1, -1)));
        assertEquals(ResultCode.MISSING_AVP, validator.resultCode());
        assertArrayEquals(io.gyro.protocol.test.GoldenVectors.parse(
            "00000104 40000020 00000102 4000000c 00000000 00000103 4000000c 00000000"), failed);
    }

    @Test
    void shouldRefuseGroupedNestingBeyondTheLimit()
    {
        final byte[] message = ccr(encoder ->
        {
            // The MSCC the helper opened is level 0; 15 more put the innermost at the limit.
            for (int i = 0; i < 15; i++)
            {
                encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, FLAG_MANDATORY, 0);
            }
            for (int i = 0; i < 15; i++)
            {
                encoder.endGroup();
            }
        }, NOTHING);
        assertFalse(validate(message));
        assertEquals(ResultCode.INVALID_AVP_VALUE, validator.resultCode());
    }
}
