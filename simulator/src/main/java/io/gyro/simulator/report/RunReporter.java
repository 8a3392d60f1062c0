package io.gyro.simulator.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.SingleWriterRecorder;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Collects the connections' measurements once a second: prints the progress line, appends one interval histogram
 * (all response times of that second) to the {@code .hlog}, and adds it to the run's totals. Runs on one thread
 * (the reporter's), the single reader that {@link SingleWriterRecorder#getIntervalHistogram(Histogram)} requires.
 */
public final class RunReporter implements Closeable
{
    /** The .hlog's max column is printed in microseconds, as the .hgrm is. */
    public static final double OUTPUT_VALUE_UNIT_RATIO = 1000.0;
    private static final double NANOS_PER_MILLI = 1e6;

    private final List<ConnectionStats> stats;
    private final ProtocolLabels labels;
    private final PrintStream progress;
    private final HistogramLogWriter hlog;
    private final Histogram[] recycledResponse;
    private final Histogram[] recycledService;
    private final Histogram[][] recycledByType;
    private final Histogram interval = ConnectionStats.newHistogram();
    private final Histogram totalResponse = ConnectionStats.newHistogram();
    private final Histogram totalService = ConnectionStats.newHistogram();
    private final Histogram[] totalByType;
    private long startNs;
    private long startEpochMs;
    private long lastSampleNs;
    private long lastAnswered;
    private int intervals;
    private String lastLine = "";

    /**
     * @param stats    one per connection.
     * @param labels   protocol names.
     * @param progress where the progress line goes, or null for none.
     * @param hlogFile the .hlog to write, or null for none.
     * @throws FileNotFoundException when the .hlog cannot be created.
     */
    public RunReporter(
        final List<ConnectionStats> stats, final ProtocolLabels labels, final PrintStream progress, final Path hlogFile)
        throws FileNotFoundException
    {
        this.stats = List.copyOf(stats);
        this.labels = labels;
        this.progress = progress;
        this.hlog = null == hlogFile ? null : new HistogramLogWriter(hlogFile.toFile());
        final int types = labels.requestTypes().length;
        recycledResponse = new Histogram[stats.size()];
        recycledService = new Histogram[stats.size()];
        recycledByType = new Histogram[stats.size()][types];
        totalByType = new Histogram[types];
        for (int i = 0; i < types; i++)
        {
            totalByType[i] = ConnectionStats.newHistogram();
        }
    }

    /**
     * @param startNs      the run's first intended send time, on the connections' clock.
     * @param startEpochMs the same instant in wall-clock ms.
     */
    public void start(final long startNs, final long startEpochMs)
    {
        this.startNs = startNs;
        this.startEpochMs = startEpochMs;
        this.lastSampleNs = startNs;
        if (null != hlog)
        {
            hlog.outputComment("gyro simulator: response time from the intended send time, recorded in ns, " +
                "one interval per second; max column in us");
            hlog.outputLogFormatVersion();
            hlog.outputStartTime(startEpochMs);
            hlog.setBaseTime(startEpochMs);
            hlog.outputBaseTime(startEpochMs);
            hlog.outputLegend();
        }
    }

    /**
     * Take the interval since the last sample: write it to the .hlog and print the progress line.
     *
     * @param nowNs current time on the connections' clock.
     * @return the progress line.
     */
    public String sample(final long nowNs)
    {
        interval.reset();
        for (int c = 0; c < stats.size(); c++)
        {
            final ConnectionStats connection = stats.get(c);
            recycledResponse[c] = take(connection.responseTime(), recycledResponse[c]);
            interval.add(recycledResponse[c]);
            recycledService[c] = take(connection.serviceTime(), recycledService[c]);
            totalService.add(recycledService[c]);
            for (int t = 0; t < totalByType.length; t++)
            {
                recycledByType[c][t] = take(connection.responseTime(t), recycledByType[c][t]);
                totalByType[t].add(recycledByType[c][t]);
            }
        }
        totalResponse.add(interval);
        final long intervalStartMs = startEpochMs + (lastSampleNs - startNs) / 1_000_000;
        final long intervalEndMs = startEpochMs + (nowNs - startNs) / 1_000_000;
        interval.setStartTimeStamp(intervalStartMs);
        interval.setEndTimeStamp(intervalEndMs);
        if (null != hlog)
        {
            hlog.outputIntervalHistogram((intervalStartMs - startEpochMs) / 1000.0,
                (intervalEndMs - startEpochMs) / 1000.0, interval, OUTPUT_VALUE_UNIT_RATIO);
        }
        intervals++;

        long sentTotal = 0;
        long answeredTotal = 0;
        long inFlight = 0;
        for (final ConnectionStats connection : stats)
        {
            for (int t = 0; t < totalByType.length; t++)
            {
                sentTotal += connection.sentCount(t);
                answeredTotal += connection.answeredCount(t);
            }
            inFlight += connection.get(Counter.IN_FLIGHT);
        }
        final double seconds = (nowNs - lastSampleNs) / 1e9;
        final double rate = seconds > 0 ? (answeredTotal - lastAnswered) / seconds : 0;
        lastAnswered = answeredTotal;
        lastSampleNs = nowNs;

        final StringBuilder line = new StringBuilder(160);
        line.append(String.format(Locale.ROOT, "[%7.1fs] sent %,d answered %,d rate %,.0f/s",
            (nowNs - startNs) / 1e9, sentTotal, answeredTotal, rate));
        if (interval.getTotalCount() > 0)
        {
            line.append(String.format(Locale.ROOT, " p50 %.3fms p99 %.3fms",
                interval.getValueAtPercentile(50) / NANOS_PER_MILLI, interval.getValueAtPercentile(99) / NANOS_PER_MILLI));
        }
        else
        {
            line.append(" p50 - p99 -");
        }
        line.append(" in-flight ").append(inFlight);
        appendErrors(line);
        lastLine = line.toString();
        if (null != progress)
        {
            progress.println(lastLine);
            progress.flush();
        }
        return lastLine;
    }

    private void appendErrors(final StringBuilder line)
    {
        final TreeMap<Integer, Long> errors = new TreeMap<>();
        for (final ConnectionStats connection : stats)
        {
            for (int code = 0; code <= ConnectionStats.OTHER_RESULT_CODE; code++)
            {
                final long count = connection.resultCodeCount(code);
                if (count > 0 && (ConnectionStats.OTHER_RESULT_CODE == code || labels.isError(code)))
                {
                    errors.merge(code, count, Long::sum);
                }
            }
        }
        long timeouts = 0;
        for (final ConnectionStats connection : stats)
        {
            timeouts += connection.get(Counter.TIMEOUTS) + connection.get(Counter.LOST_ON_CLOSE);
        }
        if (errors.isEmpty() && 0 == timeouts)
        {
            line.append(" errors 0");
            return;
        }
        line.append(" errors");
        errors.forEach((code, count) -> line.append(' ')
            .append(ConnectionStats.OTHER_RESULT_CODE == code ? "other" : code + " " + labels.resultName(code))
            .append('=').append(count));
        if (timeouts > 0)
        {
            line.append(" unanswered=").append(timeouts);
        }
    }

    private static Histogram take(final SingleWriterRecorder recorder, final Histogram recycle)
    {
        return null == recycle ? recorder.getIntervalHistogram() : recorder.getIntervalHistogram(recycle);
    }

    /** @return the last progress line. */
    public String lastLine()
    {
        return lastLine;
    }

    /**
     * Take the last interval and sum everything up.
     *
     * @param endNs end of the run on the connections' clock.
     * @return the summary.
     */
    public RunSummary finish(final long endNs)
    {
        if (endNs > lastSampleNs || 0 == intervals)
        {
            sample(endNs);
        }
        final int types = totalByType.length;
        final long[] sent = new long[types];
        final long[] answered = new long[types];
        final long[] counters = new long[Counter.all().length];
        final TreeMap<Integer, Long> resultCodes = new TreeMap<>();
        final TreeMap<Integer, Long> serviceResultCodes = new TreeMap<>();
        for (final ConnectionStats connection : stats)
        {
            for (int t = 0; t < types; t++)
            {
                sent[t] += connection.sentCount(t);
                answered[t] += connection.answeredCount(t);
            }
            for (final Counter counter : Counter.all())
            {
                final long value = connection.get(counter);
                counters[counter.ordinal()] = Counter.MAX_SEND_LAG_NS == counter ?
                    Math.max(counters[counter.ordinal()], value) : counters[counter.ordinal()] + value;
            }
            for (int code = 0; code <= ConnectionStats.OTHER_RESULT_CODE; code++)
            {
                final int key = ConnectionStats.OTHER_RESULT_CODE == code ? -1 : code;
                final long count = connection.resultCodeCount(code);
                if (count > 0)
                {
                    resultCodes.merge(key, count, Long::sum);
                }
                final long serviceCount = connection.serviceResultCodeCount(code);
                if (serviceCount > 0)
                {
                    serviceResultCodes.merge(key, serviceCount, Long::sum);
                }
            }
        }
        close();
        return new RunSummary(labels, startEpochMs, endNs - startNs, sent, answered, counters, resultCodes,
            serviceResultCodes, totalResponse, totalService, totalByType, intervals);
    }

    @Override
    public void close()
    {
        if (null != hlog)
        {
            hlog.close();
        }
    }
}
