package io.gyro.perf.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StopRuleTest
{
    static StepResult step(final long offered, final double achieved, final double p99Millis, final Map<String, Long> errors)
    {
        final long p99Ns = (long)(p99Millis * 1e6);
        return new StepResult(StepResult.GYRO, offered, achieved, (long)achieved * 10, (long)achieved * 10, p99Ns / 4,
            p99Ns, p99Ns * 2, p99Ns * 3, TimeUnit.SECONDS.toNanos(8), achieved * 0.9, p99Ns * 5, p99Ns * 6, new TreeMap<>(errors), TimeUnit.SECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(8),
            TimeUnit.SECONDS.toNanos(6), 0, Map.of("CCR-I", (long)achieved * 10 / 4), Path.of("x"), null, 1);
    }

    static StepResult step(final long offered, final double achieved, final double p99Millis)
    {
        return step(offered, achieved, p99Millis, Map.of());
    }

    @Test
    void shouldGoOnWhileP99IsAtOrUnderTenMillisecondsWithoutErrors()
    {
        assertFalse(StopRule.shouldStop(step(50_000, 50_000, 0.9)));
        assertFalse(StopRule.shouldStop(step(50_000, 50_000, 10.0)));
        assertNull(StopRule.stopReason(step(50_000, 50_000, 10.0)));
    }

    @Test
    void shouldStopOnceP99PassesTenMilliseconds()
    {
        final StepResult step = step(70_700, 70_000, 10.001);
        assertTrue(StopRule.shouldStop(step));
        assertTrue(StopRule.stopReason(step).contains("p99 10.001 ms passed 10 ms"), StopRule.stopReason(step));
    }

    @Test
    void shouldRepeatOnlyAStepThatRanCleanlyButPassedTheLatencyLimit()
    {
        assertTrue(StopRule.overLatencyOnly(step(17_700, 17_700, 12.0)));
        assertFalse(StopRule.overLatencyOnly(step(17_700, 17_700, 9.0)));
        assertFalse(StopRule.overLatencyOnly(step(17_700, 17_700, 12.0, Map.of("3004 DIAMETER_TOO_BUSY", 1L))));
        assertFalse(StopRule.overLatencyOnly(StepResult.failed(StepResult.GYRO, 12_500, Path.of("x"), "refused")));
        final StepResult repeat = step(17_700, 17_700, 12.0).asRepeat();
        assertEquals(2, repeat.attempt());
        assertEquals(12_000_000, repeat.p99Ns());
    }

    @Test
    void shouldStopOnTheFirstErrorWhateverTheLatency()
    {
        assertTrue(StopRule.shouldStop(step(25_000, 25_000, 0.2, Map.of("3004 DIAMETER_TOO_BUSY", 1L))));
        assertTrue(StopRule.shouldStop(step(25_000, 25_000, 0.2, Map.of(StepResult.LOST, 3L))));
        assertTrue(StopRule.stopReason(step(25_000, 25_000, 0.2, Map.of(StepResult.LOST, 3L))).contains("lost=3"));
    }

    @Test
    void shouldStopWhenTheStepCouldNotRun()
    {
        final StepResult failed = StepResult.failed(StepResult.GYRO, 12_500, Path.of("x"), "CEA Result-Code 3010");
        assertTrue(StopRule.shouldStop(failed));
        assertFalse(StopRule.held(failed));
        assertTrue(StopRule.stopReason(failed).contains("3010"));
    }

    @Test
    void shouldCountAStepAsHeldFromNinetyFivePercentOfTheOfferedRate()
    {
        assertTrue(StopRule.held(step(100_000, 95_000, 0.5)));
        assertFalse(StopRule.held(step(100_000, 94_999, 0.5)));
        assertFalse(StopRule.held(step(100_000, 100_000, 0.5, Map.of("5030 DIAMETER_USER_UNKNOWN", 1L))));
    }

    @Test
    void shouldPickTheHighestOfferedRateHeldWithinOneMillisecond()
    {
        final StepResult low = step(25_000, 25_000, 0.4);
        final StepResult best = step(35_400, 35_300, 1.0);
        final StepResult slow = step(50_000, 49_900, 1.2);
        final StepResult notHeld = step(70_700, 60_000, 0.8);
        assertSame(best, StopRule.bestWithinTarget(List.of(low, best, slow, notHeld)));
        assertNull(StopRule.bestWithinTarget(List.of(slow, notHeld)));
    }

    @Test
    void shouldPickTheHighestAchievedRateHeldWithinTheStopLimitAsSustained()
    {
        final StepResult within = step(50_000, 49_900, 3.0);
        final StepResult higher = step(70_700, 70_100, 9.5);
        final StepResult overLimit = step(100_000, 99_000, 25.0);
        final StepResult notHeld = step(141_400, 90_000, 8.0);
        assertSame(higher, StopRule.highestSustained(List.of(within, higher, overLimit, notHeld)));
        assertNull(StopRule.highestSustained(List.of(overLimit, notHeld)));
    }

    @Test
    void shouldReportCpuAsPercentOfOneCoreAndPerAnswer()
    {
        final StepResult step = step(10_000, 10_000, 0.5);
        assertEquals(80.0, step.serverCpuPercent(), 1e-9);
        assertEquals(60.0, step.simulatorCpuPercent(), 1e-9);
        assertEquals(8e6 / step.answered(), step.serverCpuMicrosPerAnswer(), 1e-9);
        assertEquals(2_250, step.achievedRate("CCR-I"), 1e-9);
    }
}
