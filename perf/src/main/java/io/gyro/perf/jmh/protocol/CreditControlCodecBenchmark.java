package io.gyro.perf.jmh.protocol;

import io.gyro.perf.jmh.AbstractBenchmark;
import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterValidator;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.cc.CreditControlAnswerEncoder;
import io.gyro.protocol.diameter.cc.CreditControlRequestDecoder;
import io.gyro.protocol.diameter.cc.MultipleServicesCreditControlDecoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Issue 2's codec benchmark: decode a typical Gy CCR-Update (one MSCC, the hand-made golden vector) and encode its
 * CCA; target 300 ns or less each with 0 bytes allocated per operation ({@code -prof gc}).
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

    private final DiameterValidator validator =
        new DiameterValidator(DiameterDictionary.standard(), new long[] {4}, 256);
    private final CreditControlRequestDecoder decoder = new CreditControlRequestDecoder();
    private final CreditControlAnswerEncoder encoder = new CreditControlAnswerEncoder();
    private final RequestEcho echo = new RequestEcho();
    private final AvpReader reader = new AvpReader();
    private final byte[] sessionId = new byte[256];
    private ByteBuf request;
    private ByteBuf answer;

    /** Load the golden CCR-U into a pooled direct buffer, as it arrives from the socket. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final byte[] ccr = GoldenVectors.load(io.gyro.protocol.diameter.DiameterFrameDecoder.class,
            "golden/ccr-u-handmade.hex");
        request = PooledByteBufAllocator.DEFAULT.directBuffer(ccr.length);
        request.writeBytes(ccr);
        answer = PooledByteBufAllocator.DEFAULT.directBuffer(1024);
        echo.capture(request, 0, reader);
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
}
