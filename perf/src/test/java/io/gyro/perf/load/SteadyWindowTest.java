package io.gyro.perf.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SteadyWindowTest
{
    private static final long START_MS = 1_768_471_200_000L;

    @Test
    void shouldSkipTheSessionRampInWholeSecondsAndAtLeastOne()
    {
        assertEquals(Duration.ofSeconds(4), SteadyWindow.settle(10_000, 2, 12_500));
        assertEquals(Duration.ofSeconds(1), SteadyWindow.settle(10_000, 2, 50_000));
        assertEquals(Duration.ofSeconds(1), SteadyWindow.settle(10_000, 2, 400_000));
        assertEquals(Duration.ofSeconds(2), SteadyWindow.settle(10_000, 2, 25_000));
    }

    /** Interval i (0-based) holds i + 1 values of (i + 1) ms each, so every interval is recognisable. */
    private static Path writeLog(final Path directory, final int intervals) throws FileNotFoundException
    {
        final Path file = directory.resolve("latency.hlog");
        final HistogramLogWriter writer = new HistogramLogWriter(file.toFile());
        writer.outputStartTime(START_MS);
        writer.setBaseTime(START_MS);
        writer.outputBaseTime(START_MS);
        writer.outputLegend();
        for (int i = 0; i < intervals; i++)
        {
            final Histogram interval = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
            interval.recordValueWithCount(TimeUnit.MILLISECONDS.toNanos(i + 1), (i + 1) * 1000L);
            // The reporter samples on a timer: edges are a few ms off the whole second.
            interval.setStartTimeStamp(START_MS + i * 1000L + 3);
            interval.setEndTimeStamp(START_MS + (i + 1) * 1000L + 3);
            writer.outputIntervalHistogram(interval);
        }
        writer.close();
        return file;
    }

    @Test
    void shouldTakeTheIntervalsBetweenTheRampAndTheDrain(@TempDir final Path directory) throws FileNotFoundException
    {
        // 10 s step + 2 s of drain; skip 4 s of ramp: intervals 4..9 remain.
        final SteadyWindow.Measured window = SteadyWindow.read(writeLog(directory, 12), START_MS, Duration.ofSeconds(4),
            Duration.ofSeconds(10));
        long expectedCount = 0;
        for (int i = 4; i <= 9; i++)
        {
            expectedCount += (i + 1) * 1000L;
        }
        assertEquals(expectedCount, window.histogram().getTotalCount());
        assertEquals(TimeUnit.SECONDS.toNanos(6), window.lengthNs());
        assertEquals(expectedCount / 6.0, window.rate(), 1e-6);
        assertEquals(5.0, window.histogram().getMinNonZeroValue() / 1e6, 0.01);
        assertEquals(10.0, window.histogram().getMaxValue() / 1e6, 0.01);
    }

    @Test
    void shouldFindNoWindowInAStepShorterThanItsRampOrWithoutALog(@TempDir final Path directory)
        throws FileNotFoundException
    {
        assertNull(SteadyWindow.read(writeLog(directory, 3), START_MS, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertNull(SteadyWindow.read(directory.resolve("missing.hlog"), START_MS, Duration.ofSeconds(1),
            Duration.ofSeconds(10)));
    }
}
