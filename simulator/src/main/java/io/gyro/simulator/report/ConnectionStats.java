package io.gyro.simulator.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one connection measured. Written only by the connection's event loop (single writer: plain read plus
 * release store, no locked instruction per request) and read by the reporter thread once a second.
 * <p>
 * Latency goes to HdrHistogram {@link SingleWriterRecorder}s, in nanoseconds: the response time from each request's
 * <em>intended</em> send time (the headline figure, free of coordinated omission, STYLE.md §8), the service time from
 * its actual send, and the response time per request type.
 */
public final class ConnectionStats
{
    /** Largest latency the histograms hold: ten minutes, far past any answer timeout; longer values are clamped. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(10);
    /** Three significant digits: 0.1% value resolution, the usual HdrHistogram setting for latency. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Result codes counted individually: Diameter's are 1xxx-5xxx (RFC 6733 §7.1), RADIUS codes are below 256. */
    public static final int MAX_RESULT_CODE = 5999;
    /** Index of the bucket for codes outside {@code [0, MAX_RESULT_CODE]}, including an absent Result-Code. */
    public static final int OTHER_RESULT_CODE = MAX_RESULT_CODE + 1;

    private final int requestTypes;
    private final AtomicLongArray counters = new AtomicLongArray(Counter.all().length);
    private final AtomicLongArray sent;
    private final AtomicLongArray answered;
    private final AtomicLongArray resultCodes = new AtomicLongArray(OTHER_RESULT_CODE + 1);
    private final AtomicLongArray serviceResultCodes = new AtomicLongArray(OTHER_RESULT_CODE + 1);
    private final SingleWriterRecorder responseTime = newRecorder();
    private final SingleWriterRecorder serviceTime = newRecorder();
    private final SingleWriterRecorder[] responseTimeByType;

    /**
     * @param requestTypes number of request types the protocol has (CCR-I/U/T/E: 4).
     */
    public ConnectionStats(final int requestTypes)
    {
        this.requestTypes = requestTypes;
        sent = new AtomicLongArray(requestTypes);
        answered = new AtomicLongArray(requestTypes);
        responseTimeByType = new SingleWriterRecorder[requestTypes];
        for (int i = 0; i < requestTypes; i++)
        {
            responseTimeByType[i] = newRecorder();
        }
    }

    static SingleWriterRecorder newRecorder()
    {
        return new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    static Histogram newHistogram()
    {
        return new Histogram(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    private static void increment(final AtomicLongArray array, final int index)
    {
        array.setRelease(index, array.getPlain(index) + 1);
    }

    private static int resultIndex(final long code)
    {
        return code >= 0 && code <= MAX_RESULT_CODE ? (int)code : OTHER_RESULT_CODE;
    }

    /** @return number of request types. */
    public int requestTypes()
    {
        return requestTypes;
    }

    /**
     * A request left. Event loop only.
     *
     * @param type request type index.
     */
    public void sent(final int type)
    {
        increment(sent, type);
        increment(counters, Counter.IN_FLIGHT.ordinal());
    }

    /**
     * An answer arrived. Event loop only.
     *
     * @param type       request type index.
     * @param resultCode command-level result (Diameter Result-Code, RADIUS response Code); -1 when absent.
     * @param intendedNs when the request was meant to leave.
     * @param sentNs     when it actually left.
     * @param answerNs   when the answer was read.
     */
    public void answered(
        final int type, final long resultCode, final long intendedNs, final long sentNs, final long answerNs)
    {
        increment(answered, type);
        counters.setRelease(Counter.IN_FLIGHT.ordinal(), counters.getPlain(Counter.IN_FLIGHT.ordinal()) - 1);
        increment(resultCodes, resultIndex(resultCode));
        final long response = clamp(answerNs - intendedNs);
        responseTime.recordValue(response);
        responseTimeByType[type].recordValue(response);
        serviceTime.recordValue(clamp(answerNs - sentNs));
    }

    /**
     * A request will never be answered (timeout or connection closed). Event loop only.
     *
     * @param counter {@link Counter#TIMEOUTS} or {@link Counter#LOST_ON_CLOSE}.
     */
    public void abandoned(final Counter counter)
    {
        increment(counters, counter.ordinal());
        counters.setRelease(Counter.IN_FLIGHT.ordinal(), counters.getPlain(Counter.IN_FLIGHT.ordinal()) - 1);
    }

    /**
     * A per-service result (Diameter MSCC Result-Code). Event loop only.
     *
     * @param resultCode the code.
     */
    public void serviceResult(final long resultCode)
    {
        increment(serviceResultCodes, resultIndex(resultCode));
    }

    /**
     * Event loop only.
     *
     * @param counter to add one to.
     */
    public void increment(final Counter counter)
    {
        increment(counters, counter.ordinal());
    }

    /**
     * Raise a gauge to {@code value} if higher. Event loop only.
     *
     * @param counter a gauge.
     * @param value   candidate maximum.
     */
    public void max(final Counter counter, final long value)
    {
        if (value > counters.getPlain(counter.ordinal()))
        {
            counters.setRelease(counter.ordinal(), value);
        }
    }

    private long clamp(final long latencyNs)
    {
        if (latencyNs < 0)
        {
            return 0;
        }
        if (latencyNs > HIGHEST_TRACKABLE_NS)
        {
            increment(counters, Counter.LATENCY_CLAMPED.ordinal());
            return HIGHEST_TRACKABLE_NS;
        }
        return latencyNs;
    }

    /**
     * @param counter a counter.
     * @return its value (any thread).
     */
    public long get(final Counter counter)
    {
        return counters.getAcquire(counter.ordinal());
    }

    /**
     * @param type request type.
     * @return requests sent (any thread).
     */
    public long sentCount(final int type)
    {
        return sent.getAcquire(type);
    }

    /**
     * @param type request type.
     * @return answers received (any thread).
     */
    public long answeredCount(final int type)
    {
        return answered.getAcquire(type);
    }

    /**
     * @param index a result code, or {@link #OTHER_RESULT_CODE}.
     * @return answers with it (any thread).
     */
    public long resultCodeCount(final int index)
    {
        return resultCodes.getAcquire(index);
    }

    /**
     * @param index a result code, or {@link #OTHER_RESULT_CODE}.
     * @return per-service results with it (any thread).
     */
    public long serviceResultCodeCount(final int index)
    {
        return serviceResultCodes.getAcquire(index);
    }

    SingleWriterRecorder responseTime()
    {
        return responseTime;
    }

    SingleWriterRecorder serviceTime()
    {
        return serviceTime;
    }

    SingleWriterRecorder responseTime(final int type)
    {
        return responseTimeByType[type];
    }
}
