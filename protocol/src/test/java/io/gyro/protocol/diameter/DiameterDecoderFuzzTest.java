package io.gyro.protocol.diameter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.base.SessionRequest;
import io.gyro.protocol.diameter.cc.CreditControlAnswerDecoder;
import io.gyro.protocol.diameter.cc.CreditControlAnswerEncoder;
import io.gyro.protocol.diameter.cc.CreditControlRequestDecoder;
import io.gyro.protocol.diameter.cc.MultipleServicesCreditControlDecoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.gyro.protocol.test.GoldenVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Coverage-guided fuzzing (Jazzer) of everything the server does with Diameter bytes before the ledger: framing
 * ({@link DiameterFrameDecoder}, fed in two chunks so that cumulation is exercised), validation, the CCR and MSCC
 * decoders, {@link RequestEcho}, the renderer, the base-message decoders, and the answers the server would write
 * (error answer, CCA with Failed-AVP, the answer to damaged framing).
 * <p>
 * Oracles: nothing throws; frames are exactly the consecutive messages of the stream and a framing error comes
 * once, last, for a reason its header shows; a message the validator accepts keeps the limits the server relies on
 * (Session-Id length, MSCC count) and decodes to the Rating-Groups and usage counters a raw walk of its octets finds;
 * every answer is a well-formed Diameter answer echoing its request's identifiers;
 * every buffer is released (an instrumented allocator counts the bytes still held after each input).
 * <p>
 * Without {@code JAZZER_FUZZ} this runs as a regression test over the seed corpus in
 * {@code DiameterDecoderFuzzTestInputs/} (the golden vectors) and every crash found so far; the build's
 * {@code fuzz-diameter} execution fuzzes it for a bounded time (protocol README, "Fuzzing").
 */
class DiameterDecoderFuzzTest
{
    /** Smallest max-message-length the server can be configured with, so that "too long" is reachable. */
    private static final int MAX_MESSAGE_LENGTH = 4_096;
    /** The server's default MSCC limit (configuration key diameter.max-mscc). */
    private static final int MAX_MSCC = 32;
    private static final DiameterDictionary DICTIONARY = DiameterDictionary.standard();
    private static final byte[] HOST = "gyro.localdomain".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REALM = "localdomain".getBytes(StandardCharsets.US_ASCII);
    private static final String INPUTS =
        "DiameterDecoderFuzzTestInputs/shouldAnswerOrRefuseAnyStreamWithoutThrowingOrLeaking/";

    /** Counts the bytes of every buffer it hands out until released; no leak detector of its own. */
    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false, true);
    private final DiameterValidator validator =
        new DiameterValidator(DICTIONARY, new long[] {ApplicationIds.CREDIT_CONTROL}, 256);
    private final DiameterValidator onePassValidator =
        new DiameterValidator(DICTIONARY, new long[] {ApplicationIds.CREDIT_CONTROL}, 256);
    private final OnePassDecodeCheck onePass = new OnePassDecodeCheck(validator, onePassValidator);
    private final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight();
    private final CreditControlRequestDecoder ccr = new CreditControlRequestDecoder();
    private final CreditControlAnswerDecoder cca = new CreditControlAnswerDecoder();
    private final RequestEcho echo = new RequestEcho();
    private final AvpReader reader = new AvpReader();
    private final AvpReader answerReader = new AvpReader();
    private final ErrorAnswerEncoder errorAnswer = new ErrorAnswerEncoder();
    private final CreditControlAnswerEncoder ccaError = new CreditControlAnswerEncoder();
    private final DiameterMessageRenderer renderer = new DiameterMessageRenderer(DICTIONARY);
    private final byte[] sessionId = new byte[1024];

    DiameterDecoderFuzzTest()
    {
        // The same limit the server's lanes set (DiameterLane): more MSCCs than diameter.max-mscc is 5009.
        for (final DiameterValidator each : new DiameterValidator[] {validator, onePassValidator})
        {
            each.limitOccurrences(CommandCode.CREDIT_CONTROL, true, VendorId.IETF,
                AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, MAX_MSCC);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void shouldAnswerOrRefuseAnyStreamWithoutThrowingOrLeaking(final byte[] stream)
    {
        final EmbeddedChannel channel = new EmbeddedChannel(new DiameterFrameDecoder(MAX_MESSAGE_LENGTH));
        channel.config().setAllocator(allocator);
        try
        {
            // Two reads, split in the middle: frames that straddle reads must come out whole.
            final int split = stream.length / 2;
            channel.writeInbound(copy(stream, 0, split));
            channel.writeInbound(copy(stream, split, stream.length - split));

            int position = 0;
            boolean failed = false;
            Object message;
            while (null != (message = channel.readInbound()))
            {
                assertFalse(failed, "nothing may follow a framing error");
                if (message instanceof DiameterFramingError error)
                {
                    failed = true;
                    checkFramingError(error, stream, position);
                    continue;
                }
                final ByteBuf frame = (ByteBuf)message;
                try
                {
                    final int length = frame.readableBytes();
                    assertEquals(frame.getUnsignedMedium(frame.readerIndex() + 1), length, "frame = one message");
                    assertArrayEquals(Arrays.copyOfRange(stream, position, position + length), bytes(frame),
                        "frames are the stream's consecutive messages");
                    position += length;
                    // The server reads frames at offset 0 of a slice; do the same.
                    onFrame(frame.slice());
                }
                finally
                {
                    // A retained slice shares the read buffer's count: the allocator's count below proves release.
                    frame.release();
                }
            }
            if (!failed)
            {
                final int left = stream.length - position;
                assertTrue(left < DiameterHeaderDescriptor.HEADER_LENGTH ||
                    left < ((stream[position + 1] & 0xFF) << 16 | (stream[position + 2] & 0xFF) << 8 |
                    (stream[position + 3] & 0xFF)), "only an incomplete message may be left buffered");
            }
        }
        finally
        {
            channel.finishAndReleaseAll();
        }
        assertEquals(0, allocator.metric().usedHeapMemory() + allocator.metric().usedDirectMemory(),
            "every buffer released");
    }

    private ByteBuf copy(final byte[] source, final int offset, final int length)
    {
        return allocator.heapBuffer(length, length).writeBytes(source, offset, length);
    }

    private static byte[] bytes(final ByteBuf buffer)
    {
        final byte[] bytes = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), bytes);
        return bytes;
    }

    private void checkFramingError(final DiameterFramingError error, final byte[] stream, final int position)
    {
        assertArrayEquals(Arrays.copyOfRange(stream, position, position + DiameterHeaderDescriptor.HEADER_LENGTH),
            error.header(), "the error carries the damaged header");
        final int declared = error.declaredLength();
        switch (error.reason())
        {
            case UNSUPPORTED_VERSION -> assertNotEquals(1, stream[position]);
            case INVALID_LENGTH -> assertTrue(declared < 20 || (declared & 3) != 0);
            case TOO_LONG -> assertTrue(declared > MAX_MESSAGE_LENGTH);
            default -> fail("unknown reason " + error.reason());
        }
        if (error.isRequest())
        {
            // What DiameterLane.onFramingError answers before closing.
            final ByteBuf request = Unpooled.wrappedBuffer(error.header());
            echo.capture(request, 0, reader);
            final ByteBuf out = allocator.heapBuffer(128);
            try
            {
                errorAnswer.write(out, echo, error.reason().resultCode(), false, HOST, REALM,
                    "damaged framing: " + error.reason(), null, request);
                checkAnswer(out, request, error.reason().resultCode());
            }
            finally
            {
                assertTrue(out.release());
            }
        }
    }

    /** What the server's lane does with one frame, plus the client-side decoders the simulator uses. */
    private void onFrame(final ByteBuf frame)
    {
        header.wrap(frame, 0);
        final int commandCode = header.commandCode();
        final boolean request = header.isRequest();
        if (CommandCode.CREDIT_CONTROL == commandCode && request)
        {
            onePass.check(frame);
        }
        final boolean valid = validator.validate(frame, 0);
        assertNotNull(renderer.render(frame, 0));

        // Decoded by the lane without validation: DPR and the answers to our RAR/ASR.
        DisconnectPeer.decode(frame, 0);
        SessionRequest.decode(frame, 0);

        if (CommandCode.CREDIT_CONTROL == commandCode && request)
        {
            ccr.wrap(frame, 0);
            ccr.captureEcho(echo, reader);
            touchCreditControlRequest(frame);
            if (valid)
            {
                assertTrue(ccr.sessionIdLength() > 0 && ccr.sessionIdLength() <= 256,
                    "an accepted CCR has a Session-Id the ledger can key on");
                assertTrue(ccr.msccCount() <= MAX_MSCC, "an accepted CCR has at most diameter.max-mscc MSCCs");
                assertChargedFieldsMatchARawWalk(frame);
            }
        }
        else
        {
            echo.capture(frame, 0, reader);
            if (CommandCode.CREDIT_CONTROL == commandCode)
            {
                cca.wrap(frame, 0);
                for (int i = 0; i < Math.min(cca.msccCount(), CreditControlAnswerDecoder.MAX_MSCC); i++)
                {
                    cca.mscc(i).redirectServerAddress();
                }
            }
            else if (CommandCode.CAPABILITIES_EXCHANGE == commandCode && valid)
            {
                // The lane decodes a CER only after the validator accepted it.
                final CapabilitiesExchange cer = CapabilitiesExchange.decode(frame, 0);
                cer.supportsApplication(ApplicationIds.CREDIT_CONTROL);
                cer.inbandSecurityIds();
            }
        }
        assertEquals(header.hopByHopId(), echo.hopByHopId());
        assertEquals(header.endToEndId(), echo.endToEndId());

        if (!request)
        {
            return;
        }
        final ByteBuf out = allocator.heapBuffer(256);
        try
        {
            final long resultCode;
            if (valid)
            {
                // Accepted: the edge answers an unserved command 3001; a CCR's answer is the ledger's business.
                resultCode = ResultCode.COMMAND_UNSUPPORTED;
                errorAnswer.write(out, echo, resultCode, true, HOST, REALM, "not served", null, frame);
            }
            else if (validator.isProtocolError() || CommandCode.CREDIT_CONTROL != commandCode)
            {
                resultCode = validator.resultCode();
                errorAnswer.write(out, echo, resultCode, validator.isProtocolError(), HOST, REALM, null,
                    validator.failedAvp(), frame);
            }
            else
            {
                resultCode = validator.resultCode();
                ccaError.begin(out, echo, resultCode, HOST, REALM, ccr.ccRequestType(), ccr.ccRequestNumber());
                validator.failedAvp().writeTo(ccaError.encoder(), frame);
                ccaError.finish();
            }
            assertNotEquals(ResultCode.SUCCESS, resultCode);
            checkAnswer(out, frame, resultCode);
        }
        finally
        {
            assertTrue(out.release());
        }
    }

    private void touchCreditControlRequest(final ByteBuf frame)
    {
        ccr.copySessionId(sessionId);
        ccr.routeRecordContains(HOST);
        ccr.serviceContextIdEndsWith("@3gpp.org".getBytes(StandardCharsets.US_ASCII));
        touch(ccr.requestedServiceUnit());
        touch(ccr.usedServiceUnit());
        for (int i = 0; i < ccr.subscriptionIdCount(); i++)
        {
            assertTrue(ccr.subscriptionIdDataOffset(i) + ccr.subscriptionIdDataLength(i) <= frame.capacity());
            ccr.text(ccr.subscriptionIdDataOffset(i), ccr.subscriptionIdDataLength(i));
        }
        for (int i = 0; i < Math.min(ccr.msccCount(), CreditControlRequestDecoder.MAX_MSCC); i++)
        {
            final MultipleServicesCreditControlDecoder mscc = ccr.mscc(i);
            mscc.ratingGroup();
            mscc.effectiveReportingReason();
            touch(mscc.requested());
            touch(mscc.used());
            mscc.redirectServerAddress();
        }
    }

    /**
     * What the ledger charges on, decoded a second way. OnePassDecodeCheck compares the decoder with itself (one walk
     * against two), so a fault both share (CC-Input-Octets read where CC-Total-Octets is meant, the wrong MSCC's
     * Rating-Group) would pass it. This walks the raw octets of an accepted CCR with its own AVP header arithmetic
     * (RFC 6733 §4.1) and compares, per MSCC and at command level, the Rating-Group and the sums of the
     * Used-Service-Unit counters (RFC 4006 §8.19: several USUs of one MSCC add up), and their volume (each USU's
     * CC-Total-Octets when it has one, else its input plus output).
     */
    private void assertChargedFieldsMatchARawWalk(final ByteBuf frame)
    {
        final int end = frame.getUnsignedMedium(1);
        final long[] commandLevel = new long[UNIT_SUMS];
        int mscc = 0;
        for (int avp = DiameterHeaderDescriptor.HEADER_LENGTH; avp < end; avp = next(frame, avp))
        {
            if (0 != vendorOf(frame, avp))
            {
                continue;
            }
            final int code = frame.getInt(avp);
            if (AvpCode.USED_SERVICE_UNIT == code)
            {
                addUnits(frame, avp, commandLevel);
            }
            else if (AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL == code)
            {
                long ratingGroup = -1;
                final long[] used = new long[UNIT_SUMS];
                for (int member = dataOffset(frame, avp); member < avp + avpLength(frame, avp);
                    member = next(frame, member))
                {
                    if (0 != vendorOf(frame, member))
                    {
                        continue;
                    }
                    if (AvpCode.RATING_GROUP == frame.getInt(member))
                    {
                        ratingGroup = frame.getUnsignedInt(dataOffset(frame, member));
                    }
                    else if (AvpCode.USED_SERVICE_UNIT == frame.getInt(member))
                    {
                        addUnits(frame, member, used);
                    }
                }
                final MultipleServicesCreditControlDecoder decoded = ccr.mscc(mscc);
                assertEquals(ratingGroup, decoded.ratingGroup(), "Rating-Group of MSCC " + mscc);
                assertUnits(used, decoded.used(), "USU of MSCC " + mscc);
                mscc++;
            }
        }
        assertEquals(mscc, ccr.msccCount(), "MSCCs");
        assertUnits(commandLevel, ccr.usedServiceUnit(), "command-level USU");
    }

    /** Counters summed by the raw walk: CC-Total-, CC-Input-, CC-Output-Octets, CC-Time, CC-Service-Specific-Units. */
    private static final int UNIT_FIELDS = 5;
    /** Where the raw walk sums the volume, after the counters. */
    private static final int VOLUME = UNIT_FIELDS;
    private static final int UNIT_SUMS = UNIT_FIELDS + 1;
    private static final int[] UNIT_CODES = {AvpCode.CC_TOTAL_OCTETS, AvpCode.CC_INPUT_OCTETS, AvpCode.CC_OUTPUT_OCTETS,
        AvpCode.CC_TIME, AvpCode.CC_SERVICE_SPECIFIC_UNITS};

    private static void addUnits(final ByteBuf frame, final int group, final long[] sums)
    {
        final long[] own = new long[UNIT_FIELDS];
        boolean hasTotal = false;
        for (int member = dataOffset(frame, group); member < group + avpLength(frame, group); member = next(frame, member))
        {
            if (0 != vendorOf(frame, member))
            {
                continue;
            }
            final int code = frame.getInt(member);
            for (int field = 0; field < UNIT_FIELDS; field++)
            {
                if (UNIT_CODES[field] == code)
                {
                    // CC-Time is Unsigned32, the others Unsigned64 (RFC 4006 §8.21, §8.23-8.26); a count past a
                    // long's range, and so a sum past it, is taken as Long.MAX_VALUE (ServiceUnits saturates).
                    final long value = AvpCode.CC_TIME == code ? frame.getUnsignedInt(dataOffset(frame, member)) :
                        frame.getLong(dataOffset(frame, member));
                    own[field] = saturatingSum(own[field], value < 0 ? Long.MAX_VALUE : value);
                    hasTotal |= AvpCode.CC_TOTAL_OCTETS == code;
                }
            }
        }
        for (int field = 0; field < UNIT_FIELDS; field++)
        {
            sums[field] = saturatingSum(sums[field], own[field]);
        }
        sums[VOLUME] = saturatingSum(sums[VOLUME], hasTotal ? own[0] : saturatingSum(own[1], own[2]));
    }

    /** The sum of two counts that are never negative, or Long.MAX_VALUE when it passes a long's range. */
    private static long saturatingSum(final long a, final long b)
    {
        try
        {
            return Math.addExact(a, b);
        }
        catch (final ArithmeticException overflow)
        {
            return Long.MAX_VALUE;
        }
    }

    private static void assertUnits(final long[] expected, final ServiceUnits decoded, final String where)
    {
        assertEquals(expected[0], decoded.totalOctets(), where + ": CC-Total-Octets");
        assertEquals(expected[1], decoded.inputOctets(), where + ": CC-Input-Octets");
        assertEquals(expected[2], decoded.outputOctets(), where + ": CC-Output-Octets");
        assertEquals(expected[3], decoded.timeSeconds(), where + ": CC-Time");
        assertEquals(expected[4], decoded.serviceSpecificUnits(), where + ": CC-Service-Specific-Units");
        assertEquals(expected[VOLUME], decoded.volumeOctets(), where + ": volume");
    }

    private static int avpLength(final ByteBuf frame, final int avp)
    {
        return frame.getUnsignedMedium(avp + 5);
    }

    private static int vendorOf(final ByteBuf frame, final int avp)
    {
        return (frame.getByte(avp + 4) & 0x80) != 0 ? frame.getInt(avp + 8) : 0;
    }

    private static int dataOffset(final ByteBuf frame, final int avp)
    {
        return avp + ((frame.getByte(avp + 4) & 0x80) != 0 ? 12 : 8);
    }

    private static int next(final ByteBuf frame, final int avp)
    {
        return avp + (avpLength(frame, avp) + 3 & ~3);
    }

    private static void touch(final ServiceUnits units)
    {
        units.volumeOctets();
        units.timeSeconds();
        units.serviceSpecificUnits();
        units.moneyValueDigits();
    }

    /** An answer the server would write: framed, echoing its request, with a Result-Code, AVPs well formed. */
    private void checkAnswer(final ByteBuf answer, final ByteBuf request, final long resultCode)
    {
        final int length = answer.readableBytes();
        assertEquals(length, answer.getUnsignedMedium(1), "Message Length is the answer's length");
        assertEquals(0, length & 3, "a multiple of 4");
        assertEquals(1, answer.getUnsignedByte(0));
        final DiameterHeaderFlyweight answerHeader = new DiameterHeaderFlyweight().wrap(answer, 0);
        final DiameterHeaderFlyweight requestHeader = new DiameterHeaderFlyweight().wrap(request, 0);
        assertFalse(answerHeader.isRequest());
        assertEquals(requestHeader.commandCode(), answerHeader.commandCode());
        assertEquals(requestHeader.hopByHopId(), answerHeader.hopByHopId());
        assertEquals(requestHeader.endToEndId(), answerHeader.endToEndId());
        assertEquals(requestHeader.isProxiable(), answerHeader.isProxiable(), "RFC 6733 §6.2: P bit copied");
        answerReader.wrapMessage(answer, 0);
        boolean hasResultCode = false;
        while (answerReader.next())
        {
            if (AvpCode.RESULT_CODE == answerReader.code() && 0 == answerReader.vendorId())
            {
                hasResultCode = true;
                assertEquals(resultCode, answerReader.uint32());
            }
        }
        assertEquals(AvpReadError.NONE, answerReader.error(), "the answer's AVPs are well formed");
        assertTrue(hasResultCode);
    }

    /** The seed corpus is the golden vectors, byte for byte; a vector added later must be seeded too. */
    @Test
    void shouldSeedTheFuzzerWithEveryGoldenVector() throws Exception
    {
        final Path golden = Path.of(DiameterGoldenVectorTest.class.getResource("golden").toURI());
        try (Stream<Path> files = Files.list(golden))
        {
            for (final Path file : files.toList())
            {
                final String name = file.getFileName().toString().replace(".hex", "");
                assertArrayEquals(DiameterGoldenVectorTest.vector(name + ".hex"), seed("golden-" + name), name);
            }
        }
        final byte[] cer = GoldenVectors.load(DiameterGoldenVectorTest.class, "golden/cer-go-diameter.hex");
        assertArrayEquals(cer, Arrays.copyOf(seed("stream-cer-then-ccr-u"), cer.length));
    }

    private static byte[] seed(final String name) throws IOException
    {
        try (InputStream in = DiameterDecoderFuzzTest.class.getResourceAsStream(INPUTS + name))
        {
            assertNotNull(in, "seed " + name);
            return in.readAllBytes();
        }
    }
}
