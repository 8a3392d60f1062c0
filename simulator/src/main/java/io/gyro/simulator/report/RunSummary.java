package io.gyro.simulator.report;

import org.HdrHistogram.Histogram;

import java.util.Collections;
import java.util.SortedMap;

/**
 * Everything a finished run measured, summed over its connections: what the final report and the JSON summary
 * are written from.
 */
public final class RunSummary
{
    private final ProtocolLabels labels;
    private final long startEpochMs;
    private final long elapsedNs;
    private final long[] sent;
    private final long[] answered;
    private final long[] counters;
    private final SortedMap<Integer, Long> resultCodes;
    private final SortedMap<Integer, Long> serviceResultCodes;
    private final Histogram responseTime;
    private final Histogram serviceTime;
    private final Histogram[] responseTimeByType;
    private final int intervals;

    RunSummary(
        final ProtocolLabels labels,
        final long startEpochMs,
        final long elapsedNs,
        final long[] sent,
        final long[] answered,
        final long[] counters,
        final SortedMap<Integer, Long> resultCodes,
        final SortedMap<Integer, Long> serviceResultCodes,
        final Histogram responseTime,
        final Histogram serviceTime,
        final Histogram[] responseTimeByType,
        final int intervals)
    {
        this.labels = labels;
        this.startEpochMs = startEpochMs;
        this.elapsedNs = elapsedNs;
        this.sent = sent;
        this.answered = answered;
        this.counters = counters;
        this.resultCodes = Collections.unmodifiableSortedMap(resultCodes);
        this.serviceResultCodes = Collections.unmodifiableSortedMap(serviceResultCodes);
        this.responseTime = responseTime;
        this.serviceTime = serviceTime;
        this.responseTimeByType = responseTimeByType;
        this.intervals = intervals;
    }

    /** @return the protocol's labels. */
    public ProtocolLabels labels()
    {
        return labels;
    }

    /** @return wall-clock start of the run, ms since the epoch. */
    public long startEpochMs()
    {
        return startEpochMs;
    }

    /** @return from the first intended send to the end of the drain, ns. */
    public long elapsedNs()
    {
        return elapsedNs;
    }

    /**
     * @param type request type.
     * @return requests sent.
     */
    public long sent(final int type)
    {
        return sent[type];
    }

    /**
     * @param type request type.
     * @return answers received.
     */
    public long answered(final int type)
    {
        return answered[type];
    }

    /** @return requests sent, all types. */
    public long totalSent()
    {
        long total = 0;
        for (final long value : sent)
        {
            total += value;
        }
        return total;
    }

    /** @return answers received, all types. */
    public long totalAnswered()
    {
        long total = 0;
        for (final long value : answered)
        {
            total += value;
        }
        return total;
    }

    /**
     * @param counter a counter.
     * @return its total (gauges: the maximum over connections, or their sum for {@link Counter#IN_FLIGHT}).
     */
    public long counter(final Counter counter)
    {
        return counters[counter.ordinal()];
    }

    /** @return answers per command-level result code ({@code -1} collects codes out of range or absent). */
    public SortedMap<Integer, Long> resultCodes()
    {
        return resultCodes;
    }

    /** @return per-service results (Diameter MSCC Result-Code), same keys. */
    public SortedMap<Integer, Long> serviceResultCodes()
    {
        return serviceResultCodes;
    }

    /** @return answers per second over the whole run. */
    public double throughputPerSecond()
    {
        return elapsedNs > 0 ? totalAnswered() * 1e9 / elapsedNs : 0;
    }

    /** @return response time from the intended send time, ns, the whole run. */
    public Histogram responseTime()
    {
        return responseTime;
    }

    /** @return service time from the actual send time, ns. */
    public Histogram serviceTime()
    {
        return serviceTime;
    }

    /**
     * @param type request type.
     * @return response time of that type, ns.
     */
    public Histogram responseTime(final int type)
    {
        return responseTimeByType[type];
    }

    /** @return one-second intervals written to the .hlog. */
    public int intervals()
    {
        return intervals;
    }

    /** @return answers that never came: timeouts plus requests lost with their connection. */
    public long lostAnswers()
    {
        return counter(Counter.TIMEOUTS) + counter(Counter.LOST_ON_CLOSE);
    }
}
