package io.gyro.perf.load;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The part of a step whose request mix is the standard one. A step is a whole simulator run: it opens all its
 * sessions at once (every slot starts with a CCR-I, so the first {@code (updates + 2) x sessions / rate} seconds are
 * CCR-I heavy) and ends with a paced drain of CCR-Ts. Those edges are an artefact of starting every step afresh,
 * not of the traffic shape, so the step's rate and percentiles are taken from the one-second intervals of the
 * simulator's {@code latency.hlog} between the end of that ramp and the start of the drain; the whole run's figures
 * are reported beside them.
 */
final class SteadyWindow
{
    /** The shortest ramp skipped, whatever the rate: connection set-up and the first round trips. */
    static final Duration MIN_SETTLE = Duration.ofSeconds(1);
    /** Slack when matching interval edges to the window: the reporter samples on a timer, not exactly on the ms. */
    static final long EDGE_SLACK_MS = 200;

    private SteadyWindow()
    {
    }

    /**
     * @param sessions concurrent sessions.
     * @param updates  CCR-U per session.
     * @param rate     offered requests per second.
     * @return how long the session ramp lasts: every slot's first session has sent its requests, rounded up to
     *     whole seconds (the intervals are seconds), at least {@link #MIN_SETTLE}.
     */
    static Duration settle(final int sessions, final int updates, final long rate)
    {
        final double seconds = (double)(updates + 2) * sessions / rate;
        return Duration.ofSeconds(Math.max(MIN_SETTLE.toSeconds(), (long)Math.ceil(seconds)));
    }

    /**
     * The steady window of one step.
     *
     * @param histogram latencies in the window, ns.
     * @param lengthNs  its length.
     */
    record Measured(Histogram histogram, long lengthNs)
    {
        /** @return answers per second in the window. */
        double rate()
        {
            return 0 == lengthNs ? 0 : histogram.getTotalCount() * 1e9 / lengthNs;
        }
    }

    /**
     * @param hlog         the step's {@code latency.hlog}.
     * @param startEpochMs the run's start as written in the log.
     * @param settle       the ramp to skip.
     * @param duration     the step's duration (the drain starts after it).
     * @return the window's latencies and length, or null when no whole interval lies inside it.
     */
    static Measured read(final Path hlog, final long startEpochMs, final Duration settle, final Duration duration)
    {
        final long fromMs = startEpochMs + settle.toMillis() - EDGE_SLACK_MS;
        final long toMs = startEpochMs + duration.toMillis() + EDGE_SLACK_MS;
        Histogram window = null;
        long lengthMs = 0;
        try
        {
            final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
            EncodableHistogram interval;
            while (null != (interval = reader.nextIntervalHistogram()))
            {
                if (interval.getStartTimeStamp() >= fromMs && interval.getEndTimeStamp() <= toMs &&
                    interval instanceof Histogram histogram)
                {
                    if (null == window)
                    {
                        window = histogram.copy();
                    }
                    else
                    {
                        window.add(histogram);
                    }
                    lengthMs += interval.getEndTimeStamp() - interval.getStartTimeStamp();
                }
            }
        }
        catch (final FileNotFoundException ex)
        {
            return null;
        }
        return null == window || 0 == lengthMs ? null : new Measured(window, TimeUnit.MILLISECONDS.toNanos(lengthMs));
    }
}
