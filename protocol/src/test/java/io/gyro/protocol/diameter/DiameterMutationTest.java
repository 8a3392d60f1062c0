package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.base.SessionRequest;
import io.gyro.protocol.diameter.cc.CreditControlAnswerDecoder;
import io.gyro.protocol.diameter.cc.CreditControlRequestDecoder;
import io.gyro.protocol.diameter.cc.MultipleServicesCreditControlDecoder;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Mutations of valid messages (truncate, flip, overflow lengths, nest deeply): everything a server does with a
 * framed message must never throw, never read outside the frame (buffers are exactly the frame's size, so an
 * out-of-bounds read throws) and never leak a buffer (every buffer is released and its release asserted; plain
 * heap buffers keep the paranoid leak detector's per-access stack traces out of this hot loop).
 */
class DiameterMutationTest
{
    private static final DiameterDictionary DICTIONARY = DiameterDictionary.standard();
    private static final byte[] HOST = "gyro.localdomain".getBytes(StandardCharsets.US_ASCII);

    private final DiameterValidator validator = new DiameterValidator(DICTIONARY, new long[] {4}, 256);
    /** Checks the error answers, so that the request's validator keeps its verdict. */
    private final DiameterValidator answerValidator = new DiameterValidator(DICTIONARY, new long[] {4}, 256);
    private final OnePassDecodeCheck onePass =
        new OnePassDecodeCheck(validator, new DiameterValidator(DICTIONARY, new long[] {4}, 256));
    private final CreditControlRequestDecoder ccr = new CreditControlRequestDecoder();
    private final CreditControlAnswerDecoder cca = new CreditControlAnswerDecoder();
    private final RequestEcho echo = new RequestEcho();
    private final AvpReader reader = new AvpReader();
    private final ErrorAnswerEncoder errorAnswer = new ErrorAnswerEncoder();
    private final DiameterMessageRenderer renderer = new DiameterMessageRenderer(DICTIONARY);

    private static List<byte[]> seeds()
    {
        final List<byte[]> seeds = new ArrayList<>();
        seeds.add(DiameterGoldenVectorTest.vector("cer-go-diameter.hex"));
        seeds.add(DiameterGoldenVectorTest.vector("ccr-i-go-diameter-nonzero-padding.hex"));
        seeds.add(DiameterGoldenVectorTest.vector("cca-for-go-diameter-ccr.hex"));
        seeds.add(DiameterGoldenVectorTest.vector("ccr-u-handmade.hex"));
        return seeds;
    }

    /** What the server does with a frame: validate, then decode or answer the error. Returns the Result-Code. */
    private long handle(final byte[] bytes)
    {
        final int length = bytes.length;
        if (length < DiameterHeaderDescriptor.HEADER_LENGTH)
        {
            return -1; // the frame decoder never passes this on
        }
        final int declared = ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
        if (bytes[0] != 1 || declared < 20 || (declared & 3) != 0 || declared > length)
        {
            return -1; // framing error or incomplete: handled by DiameterFrameDecoder
        }

        final ByteBuf frame = Unpooled.buffer(declared, declared);
        frame.writeBytes(bytes, 0, declared);
        try
        {
            final int command = frame.getUnsignedMedium(5);
            final boolean request = (frame.getByte(4) & 0x80) != 0;
            if (command == 272 && request)
            {
                onePass.check(frame);
            }
            final boolean valid = validator.validate(frame, 0);
            echo.capture(frame, 0, reader);
            renderer.render(frame, 0);
            if (command == 272 && request)
            {
                ccr.wrap(frame, 0);
                for (int i = 0; i < Math.min(ccr.msccCount(), CreditControlRequestDecoder.MAX_MSCC); i++)
                {
                    final MultipleServicesCreditControlDecoder mscc = ccr.mscc(i);
                    mscc.used().volumeOctets();
                    mscc.redirectServerAddress();
                }
                for (int i = 0; i < ccr.subscriptionIdCount(); i++)
                {
                    ccr.text(ccr.subscriptionIdDataOffset(i), ccr.subscriptionIdDataLength(i));
                }
            }
            else if (command == 272)
            {
                cca.wrap(frame, 0);
                for (int i = 0; i < cca.msccCount(); i++)
                {
                    cca.mscc(i).redirectServerAddress();
                }
            }
            else if (command == 257)
            {
                CapabilitiesExchange.decode(frame, 0).advertisedApplications();
            }
            else
            {
                SessionRequest.decode(frame, 0);
            }

            final int resultCode = validator.resultCode();
            if (!valid)
            {
                final ByteBuf answer = Unpooled.buffer(256);
                final ByteBuf bare = Unpooled.buffer(256);
                try
                {
                    // As the server's DiameterLane does for a message the validator refused: the generic layout,
                    // always with the E bit (RFC 6733 §7.1.3 for 3xxx, §7.1.5 allows it for 5xxx).
                    errorAnswer.write(answer, echo, resultCode, true, HOST, HOST, "mutation", validator.failedAvp(),
                        frame);
                    assertFailedAvpWhereRequired(answer, resultCode);
                    assertResultCode(answer, resultCode);
                    // The Failed-AVP copies the offending AVP, which breaks the dictionary by definition (RFC 6733
                    // §7.5: 1*{AVP}, any AVP); its framing is checked above. Everything else the answer holds is
                    // written or echoed by the encoder and must follow the grammar: check it without the copy.
                    errorAnswer.write(bare, echo, resultCode, true, HOST, HOST, "mutation", null, frame);
                    assertResultCode(bare, resultCode);
                    assertErrorAnswerFollowsTheDictionary(bare, resultCode);
                }
                finally
                {
                    assertTrue(answer.release());
                    assertTrue(bare.release());
                }
            }
            return valid ? ResultCode.SUCCESS : resultCode;
        }
        finally
        {
            assertTrue(frame.release(), "frame leaked");
        }
    }

    private static void assertResultCode(final ByteBuf answer, final int resultCode)
    {
        final AvpReader message = new AvpReader().wrapMessage(answer, 0);
        assertTrue(message.find(AvpCode.RESULT_CODE, 0), "Result-Code missing");
        assertEquals(resultCode, message.uint32(), "Result-Code of the answer");
    }

    /**
     * The error answer follows the dictionary's error-answer grammar (RFC 6733 §7.2), whatever was wrong with the
     * request, with two exceptions that come from the request itself. An answer to a command or application this node
     * does not know echoes that header, so the dictionary cannot place it either: it must be refused for exactly that
     * reason. And the Session-Id and Proxy-Info are copied verbatim (§6.2), damage included: a failure may lie there,
     * and nowhere else (Origin-Host, Origin-Realm, Result-Code, Error-Message, the grammar's required AVPs).
     */
    private void assertErrorAnswerFollowsTheDictionary(final ByteBuf answer, final int resultCode)
    {
        final boolean valid = answerValidator.validate(answer, 0);
        if (ResultCode.COMMAND_UNSUPPORTED == resultCode || ResultCode.APPLICATION_UNSUPPORTED == resultCode)
        {
            assertEquals(resultCode, answerValidator.resultCode(), "the answer echoes the unknown header");
            return;
        }
        if (valid)
        {
            return;
        }
        final int offending = offendingTopLevelAvp(answer);
        assertTrue(AvpCode.SESSION_ID == offending || AvpCode.PROXY_INFO == offending,
            () -> "the error answer for " + resultCode + " breaks the dictionary with " +
            answerValidator.resultCode() + " at AVP " + offending + ", which the encoder wrote itself: " +
            renderer.render(answer, 0));
    }

    /** The top-level AVP the answer validator refused: the outermost AVP of the Failed-AVP it would report. */
    private int offendingTopLevelAvp(final ByteBuf answer)
    {
        final FailedAvp failed = answerValidator.failedAvp();
        if (!failed.isPresent())
        {
            return -1; // a rule of the grammar (a required AVP missing), not one AVP's content
        }
        final ByteBuf scratch = Unpooled.buffer(answer.readableBytes() + 64);
        try
        {
            failed.writeTo(new DiameterEncoder().wrap(scratch), answer);
            final AvpReader outer = new AvpReader().wrap(scratch, 0, scratch.writerIndex());
            assertTrue(outer.next() && AvpCode.FAILED_AVP == outer.code(), "a Failed-AVP");
            final AvpReader inner = new AvpReader().wrapGroup(outer);
            assertTrue(inner.next(), "the Failed-AVP names an AVP");
            return inner.code();
        }
        finally
        {
            assertTrue(scratch.release());
        }
    }

    /**
     * RFC 6733 §7.1.5: 5001, 5004, 5008, 5009 and 5014 answers MUST carry the offending AVP (5005 SHOULD, and the
     * validator always does); whatever the damage, the Failed-AVP written holds well-framed AVPs.
     */
    private static void assertFailedAvpWhereRequired(final ByteBuf answer, final int resultCode)
    {
        final AvpReader message = new AvpReader().wrapMessage(answer, 0);
        final boolean present = message.find(AvpCode.FAILED_AVP, 0);
        if (ResultCode.AVP_UNSUPPORTED == resultCode || ResultCode.INVALID_AVP_VALUE == resultCode ||
            ResultCode.MISSING_AVP == resultCode || ResultCode.AVP_NOT_ALLOWED == resultCode ||
            ResultCode.AVP_OCCURS_TOO_MANY_TIMES == resultCode || ResultCode.INVALID_AVP_LENGTH == resultCode)
        {
            assertTrue(present, "Failed-AVP missing for " + resultCode);
        }
        if (present)
        {
            final AvpReader inside = new AvpReader().wrapGroup(message);
            int count = 0;
            while (inside.next())
            {
                count++;
            }
            assertEquals(AvpReadError.NONE, inside.error(), "Failed-AVP content for " + resultCode);
            assertTrue(count > 0, "Failed-AVP ::= 1*{AVP}");
        }
    }

    @Test
    void shouldSurviveEveryTruncation()
    {
        for (final byte[] seed : seeds())
        {
            for (int length = 20; length < seed.length; length += 4)
            {
                final byte[] truncated = Arrays.copyOf(seed, length);
                truncated[1] = (byte)(length >>> 16);
                truncated[2] = (byte)(length >>> 8);
                truncated[3] = (byte)length;
                handle(truncated);
            }
        }
    }

    @Test
    void shouldSurviveEveryByteFlip()
    {
        final int[] masks = {0xFF, 0x80, 0x40, 0x01};
        for (final byte[] seed : seeds())
        {
            for (int i = 0; i < seed.length; i++)
            {
                for (final int mask : masks)
                {
                    final byte[] mutated = seed.clone();
                    mutated[i] ^= (byte)mask;
                    handle(mutated);
                }
                final byte[] zeroed = seed.clone();
                zeroed[i] = 0;
                handle(zeroed);
            }
        }
    }

    @Test
    void shouldSurviveOverflowingAvpLengths()
    {
        for (final byte[] seed : seeds())
        {
            final ByteBuf buffer = Unpooled.wrappedBuffer(seed);
            final List<Integer> headers = new ArrayList<>();
            collectAvpHeaders(buffer, 20, seed.length, headers, 0);
            for (final int header : headers)
            {
                for (final int length : new int[] {0, 1, 7, 8, 11, 0xFFFFFF, 0x800000, seed.length})
                {
                    final byte[] mutated = seed.clone();
                    mutated[header + 5] = (byte)(length >>> 16);
                    mutated[header + 6] = (byte)(length >>> 8);
                    mutated[header + 7] = (byte)length;
                    final long resultCode = handle(mutated);
                    if (length < AvpDescriptor.HEADER_LENGTH || length > seed.length)
                    {
                        assertNotEquals(ResultCode.SUCCESS, resultCode,
                            "an AVP claiming " + length + " octets cannot be valid");
                    }
                }
            }
        }
    }

    private static void collectAvpHeaders(
        final ByteBuf buffer, final int start, final int limit, final List<Integer> headers, final int depth)
    {
        final AvpReader walker = new AvpReader().wrap(buffer, start, limit);
        while (walker.next())
        {
            headers.add(walker.avpOffset());
            final var definition = DICTIONARY.avp(walker.vendorId(), walker.code());
            if (null != definition && definition.type() == io.gyro.protocol.diameter.dictionary.AvpType.GROUPED &&
                depth < 8)
            {
                collectAvpHeaders(buffer, walker.dataOffset(), walker.dataOffset() + walker.dataLength(), headers,
                    depth + 1);
            }
        }
    }

    @Test
    void shouldSurviveRandomMutations()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final List<byte[]> seeds = seeds();
        try
        {
            for (int round = 0; round < 20_000; round++)
            {
                final byte[] mutated = seeds.get(random.nextInt(seeds.size())).clone();
                final int edits = 1 + random.nextInt(8);
                for (int e = 0; e < edits; e++)
                {
                    final int position = 20 + random.nextInt(mutated.length - 20);
                    mutated[position] = (byte)random.nextInt(256);
                }
                handle(mutated);
            }
        }
        catch (final Throwable failure)
        {
            throw new AssertionError("random mutation failed; seed " + seed, failure);
        }
    }

    @Test
    void shouldRefuseVeryDeepNestingWithoutDeepRecursion()
    {
        final int depth = 10_000;
        final int avpLength = 8;
        final int messageLength = 20 + depth * avpLength;
        final ByteBuf buffer = Unpooled.buffer(messageLength);
        buffer.writeInt(0x0100_0000 | messageLength);
        buffer.writeInt(0xC000_0110);
        buffer.writeInt(4);
        buffer.writeInt(1);
        buffer.writeInt(2);
        for (int i = 0; i < depth; i++)
        {
            buffer.writeInt(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL);
            buffer.writeInt(0x4000_0000 | (messageLength - 20 - i * avpLength));
        }
        final byte[] bytes = new byte[messageLength];
        buffer.getBytes(0, bytes);
        assertNotEquals(ResultCode.SUCCESS, handle(bytes));
    }
}
