package io.gyro.perf.jmh.protocol;

import io.gyro.perf.jmh.AbstractBenchmark;
import io.gyro.protocol.diameter.AvpDescriptor;
import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterHeaderDescriptor;
import io.gyro.protocol.diameter.DiameterValidator;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.cc.CreditControlAnswerEncoder;
import io.gyro.protocol.diameter.cc.CreditControlRequestDecoder;
import io.gyro.protocol.diameter.cc.MultipleServicesCreditControlDecoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.test.GoldenVectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Issue 2's codec benchmark: decode a typical Gy CCR-Update and encode its CCA; target 300 ns or less each with 0 bytes
 * allocated per operation ({@code -prof gc}). Two CCR-Us, both with one MSCC ({@link #message}):
 * <ul>
 * <li>{@code golden}: the hand-made golden vector, 29 AVPs in 484 octets (PS-Information included);</li>
 * <li>{@code issueSized}: the size issue 2 names ("about 20 AVPs, about 400 bytes"): the same vector without
 * Service-Information, Event-Timestamp and Origin-State-Id, 21 AVPs in 368 octets.</li>
 * </ul>
 * "Decode" is what the event loop does before publishing to the ring: validate against the dictionary, decode the
 * fields, read the MSCC, and capture what the answer must echo.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CreditControlCodecBenchmark extends AbstractBenchmark
{
    private static final byte[] ORIGIN_HOST = "gyro.localdomain".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ORIGIN_REALM = "localdomain".getBytes(StandardCharsets.US_ASCII);
    /** Levels of members in the golden vector: of MSCC and Service-Information, then of USU and PS-Information. */
    private static final int CCR_NESTED_LEVELS = 2;
    /** Message-level AVPs left out of {@code issueSized}: Service-Information, Event-Timestamp, Origin-State-Id. */
    private static final int[] LEFT_OUT_OF_ISSUE_SIZED =
        {AvpCode.SERVICE_INFORMATION, AvpCode.EVENT_TIMESTAMP, AvpCode.ORIGIN_STATE_ID};

    private final DiameterValidator validator =
        new DiameterValidator(DiameterDictionary.standard(), new long[] {4}, 256);
    private final CreditControlRequestDecoder decoder = new CreditControlRequestDecoder();
    private final CreditControlAnswerEncoder encoder = new CreditControlAnswerEncoder();
    private final RequestEcho echo = new RequestEcho();
    private final AvpReader reader = new AvpReader();
    private final byte[] sessionId = new byte[256];
    private final AvpReader[] walkScratch = AvpReader.scratch(CCR_NESTED_LEVELS);
    private ByteBuf request;
    private ByteBuf answer;

    /** Which CCR-U: {@code golden} or {@code issueSized} (see the class comment). */
    @Param({"golden", "issueSized"})
    public String message;

    /**
     * Load the CCR-U that {@link #message} names into a pooled direct buffer, as it arrives from the socket, and check
     * that it is valid, so that the decode measures the path of a valid request.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final byte[] ccr = GoldenVectors.load(io.gyro.protocol.diameter.DiameterFrameDecoder.class,
            "golden/ccr-u-handmade.hex");
        final byte[] bytes = "issueSized".equals(message) ? withoutMessageAvps(ccr, LEFT_OUT_OF_ISSUE_SIZED) : ccr;
        request = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
        request.writeBytes(bytes);
        answer = PooledByteBufAllocator.DEFAULT.directBuffer(1024);
        echo.capture(request, 0, reader);
        if (!validator.validate(request, 0))
        {
            throw new IllegalStateException("the " + message + " CCR-U is refused: " + validator.resultCode());
        }
    }

    /** Release the buffers. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        request.release();
        answer.release();
    }

    /**
     * Validate and decode in one walk (as the server's lane does), read the MSCC, copy the Session-Id and capture the
     * echo.
     *
     * @return a value derived from the decode so that nothing is eliminated.
     */
    @Benchmark
    public long decodeCcrUpdate()
    {
        if (!decoder.validateAndWrap(validator, request, 0))
        {
            return -validator.resultCode();
        }
        final MultipleServicesCreditControlDecoder mscc = decoder.mscc(0);
        final int sessionIdLength = decoder.copySessionId(sessionId);
        decoder.captureEcho(echo, reader);
        return mscc.used().volumeOctets() + mscc.ratingGroup() + decoder.ccRequestNumber() + sessionIdLength;
    }

    /**
     * The validation half of {@link #decodeCcrUpdate()} alone: the dictionary walk over every AVP and Grouped AVP.
     *
     * @return the Result-Code (2001 when valid).
     */
    @Benchmark
    public int validateCcrUpdate()
    {
        validator.validate(request, 0);
        return validator.resultCode();
    }

    /**
     * Decoding alone, in a walk of its own, on a request known to be valid: wrap, read the MSCC, copy the Session-Id
     * and capture the echo.
     *
     * @return a value derived from the decode so that nothing is eliminated.
     */
    @Benchmark
    public long decodeValidCcrUpdate()
    {
        decoder.wrap(request, 0);
        final MultipleServicesCreditControlDecoder mscc = decoder.mscc(0);
        final int sessionIdLength = decoder.copySessionId(sessionId);
        decoder.captureEcho(echo, reader);
        return mscc.used().volumeOctets() + mscc.ratingGroup() + decoder.ccRequestNumber() + sessionIdLength;
    }

    /**
     * Encode the CCA for that CCR-U: one MSCC granting 10 MiB with Validity-Time.
     *
     * @return the answer's length.
     */
    @Benchmark
    public int encodeCca()
    {
        answer.clear();
        encoder.begin(answer, echo, ResultCode.SUCCESS, ORIGIN_HOST, ORIGIN_REALM, 2, 1);
        encoder.beginMscc()
            .msccGranted(ServiceUnits.TOTAL_OCTETS, 10L << 20)
            .ratingGroup(10)
            .resultCode(ResultCode.SUCCESS)
            .validityTime(600)
            .endMscc();
        return encoder.finish();
    }

    /**
     * The floor under {@link #decodeCcrUpdate()}: walk every AVP of the message, members of its Grouped AVPs included,
     * with nothing checked and nothing kept.
     *
     * @return where the walk ended, so that nothing is eliminated.
     */
    @Benchmark
    public int walkCcrUpdate()
    {
        reader.wrapMessage(request, 0).accept(CreditControlCodecBenchmark::enterGroups, walkScratch);
        return reader.position();
    }

    private static boolean enterGroups(final AvpReader avp, final int depth)
    {
        final int code = avp.code();
        return AvpCode.SUBSCRIPTION_ID == code || AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL == code ||
            AvpCode.REQUESTED_SERVICE_UNIT == code || AvpCode.USED_SERVICE_UNIT == code ||
            AvpCode.SERVICE_INFORMATION == code || AvpCode.PS_INFORMATION == code;
    }

    /** A copy of a message without the message-level AVPs of the given codes, its Message Length fixed. */
    private static byte[] withoutMessageAvps(final byte[] message, final int[] codes)
    {
        final ByteBuffer in = ByteBuffer.wrap(message);
        final ByteBuffer out = ByteBuffer.allocate(message.length);
        out.put(message, 0, DiameterHeaderDescriptor.HEADER_LENGTH);
        int offset = DiameterHeaderDescriptor.HEADER_LENGTH;
        while (offset < message.length)
        {
            // Flags and AVP Length share the word after the code; the length is its low 24 bits (RFC 6733 §4.1).
            final int flagsAndLength = in.getInt(offset + AvpDescriptor.FLAGS_OFFSET);
            final int paddedLength = AvpDescriptor.paddedLength(flagsAndLength & 0xFF_FFFF);
            final int avpCode = in.getInt(offset + AvpDescriptor.CODE_OFFSET);
            if (Arrays.stream(codes).noneMatch(code -> code == avpCode))
            {
                out.put(message, offset, paddedLength);
            }
            offset += paddedLength;
        }
        final int length = out.position();
        // Version and Message Length share the header's first word (RFC 6733 §3).
        final int version = in.get(DiameterHeaderDescriptor.VERSION_OFFSET);
        out.putInt(DiameterHeaderDescriptor.VERSION_OFFSET, version << 24 | length);
        return Arrays.copyOf(out.array(), length);
    }
}
