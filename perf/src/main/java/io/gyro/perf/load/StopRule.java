package io.gyro.perf.load;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * When the ladder stops and what it concludes (issue 7): stop once p99 passes 10 ms or any error appears; report the
 * highest rate held with p99 at or under 1 ms, and the highest rate sustained at all.
 */
public final class StopRule
{
    /** Issue 7: the ladder stops when p99 passes this. */
    public static final long STOP_P99_NS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Issue 7: the latency target, p99 at or under 1 ms. */
    public static final long TARGET_P99_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * A step held its rate when it answered at least this share of the offered rate. The achieved rate is taken
     * over the whole step including its ramp and paced drain, which lose a little to the first and last round
     * trips; 95% leaves room for that and still catches a server that falls behind.
     */
    public static final double HELD_FRACTION = 0.95;

    private StopRule()
    {
    }

    /**
     * @param step a finished step.
     * @return true when the ladder must not go higher.
     */
    public static boolean shouldStop(final StepResult step)
    {
        return shouldStop(step, STOP_P99_NS);
    }

    /**
     * @param step       a finished step.
     * @param stopP99Ns  the latency limit ({@code --stop-p99}; {@link #STOP_P99_NS} per issue 7).
     * @return true when the ladder must not go higher.
     */
    public static boolean shouldStop(final StepResult step, final long stopP99Ns)
    {
        return null != step.failure() || step.errorCount() > 0 || step.p99Ns() > stopP99Ns;
    }

    /**
     * @param step a finished step.
     * @return true when it stops the ladder on latency alone (it ran, without errors): on a shared machine one
     *     preemption of the server for 100 ms puts a step's p99 over 10 ms, so such a step is run once more before
     *     the ladder stops ({@code --no-confirm} turns that off).
     */
    public static boolean overLatencyOnly(final StepResult step)
    {
        return overLatencyOnly(step, STOP_P99_NS);
    }

    /**
     * @param step      a finished step.
     * @param stopP99Ns the latency limit.
     * @return true when it stops the ladder on latency alone.
     */
    public static boolean overLatencyOnly(final StepResult step, final long stopP99Ns)
    {
        return null == step.failure() && 0 == step.errorCount() && step.p99Ns() > stopP99Ns;
    }

    /**
     * @param step a finished step.
     * @return the reason {@link #shouldStop} gives, or null when the ladder may go on.
     */
    public static String stopReason(final StepResult step)
    {
        return stopReason(step, STOP_P99_NS);
    }

    /**
     * @param step      a finished step.
     * @param stopP99Ns the latency limit.
     * @return the reason the ladder stops, or null when it may go on.
     */
    public static String stopReason(final StepResult step, final long stopP99Ns)
    {
        if (null != step.failure())
        {
            return "the step could not run: " + step.failure();
        }
        if (step.errorCount() > 0)
        {
            return "errors appeared: " + step.errors();
        }
        if (step.p99Ns() > stopP99Ns)
        {
            return String.format(java.util.Locale.ROOT, "p99 %.3f ms passed %d ms", step.p99Ns() / 1e6,
                TimeUnit.NANOSECONDS.toMillis(stopP99Ns));
        }
        return null;
    }

    /**
     * @param step a finished step.
     * @return true when it ran cleanly and answered at least {@link #HELD_FRACTION} of what it offered.
     */
    public static boolean held(final StepResult step)
    {
        return null == step.failure() && 0 == step.errorCount() && step.achievedRate() >= HELD_FRACTION * step.offeredRate();
    }

    /**
     * @param steps steps of one pass.
     * @return the highest offered rate held with p99 at or under 1 ms, or null when none was.
     */
    public static StepResult bestWithinTarget(final List<StepResult> steps)
    {
        StepResult best = null;
        for (final StepResult step : steps)
        {
            if (held(step) && step.p99Ns() <= TARGET_P99_NS && (null == best || step.offeredRate() > best.offeredRate()))
            {
                best = step;
            }
        }
        return best;
    }

    /**
     * @param steps steps of one pass.
     * @return the step with the highest achieved rate among those held with p99 at or under the stop limit (a rate
     *     carried without queues growing), or null when none was.
     */
    public static StepResult highestSustained(final List<StepResult> steps)
    {
        return highestSustained(steps, STOP_P99_NS);
    }

    /**
     * @param steps     steps of one pass.
     * @param stopP99Ns the latency limit.
     * @return the held step with the highest achieved rate and p99 within the limit, or null.
     */
    public static StepResult highestSustained(final List<StepResult> steps, final long stopP99Ns)
    {
        StepResult best = null;
        for (final StepResult step : steps)
        {
            if (held(step) && step.p99Ns() <= stopP99Ns && (null == best || step.achievedRate() > best.achievedRate()))
            {
                best = step;
            }
        }
        return best;
    }
}
