package io.gyro.perf.load;

import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one step of the load run measured: one simulator run at one offered rate against one server.
 *
 * The rate and the percentiles are those of the step's steady window ({@link SteadyWindow}): from the end of the
 * session ramp to the start of the drain, where the request mix is the standard one; the whole run's figures are
 * kept beside them.
 *
 * @param phase           which pass: {@link #GYRO}, {@link #CEILING}, {@link #BATCH} or {@link #WARMUP}.
 * @param offeredRate     requests per second the open loop offered.
 * @param achievedRate    answers per second in the steady window.
 * @param sent            requests sent, whole run.
 * @param answered        answers received, whole run.
 * @param p50Ns           latency from the intended send time in the steady window, 50th percentile, ns.
 * @param p99Ns           99th percentile, ns.
 * @param p999Ns          99.9th percentile, ns.
 * @param maxNs           largest latency in the steady window, ns.
 * @param windowNs        length of the steady window, ns; the whole run's when the step was too short for one.
 * @param allAchievedRate answers per second from the first intended send to the end of the drain.
 * @param allP99Ns        99th percentile of the whole run (session ramp and drain included), ns.
 * @param allMaxNs        largest latency of the whole run, ns.
 * @param errors          answers with a non-success result, by result code, plus {@link #LOST} for unanswered requests
 *                        and {@link #CONNECTIONS_LOST} for connections that closed during the run.
 * @param wallNs          wall-clock length of the step (connect to close), ns.
 * @param serverCpuNs     CPU the server (or echo) JVM used during it, ns; -1 when unreadable.
 * @param simulatorCpuNs  CPU this JVM (the simulator) used during it, ns; -1 when unreadable.
 * @param maxSendLagNs    how far the open loop fell behind its schedule at worst, ns.
 * @param perTypeAnswered answers per request type (CCR-I, CCR-U, ... or Access, Start, Interim, Stop).
 * @param reportDir       where the simulator's reports for the step are.
 * @param failure         why the simulator could not run the step, or null.
 * @param attempt         1, or 2 for the repeat of a step that was over the latency limit ({@link StopRule}).
 */
public record StepResult(
    String phase,
    long offeredRate,
    double achievedRate,
    long sent,
    long answered,
    long p50Ns,
    long p99Ns,
    long p999Ns,
    long maxNs,
    long windowNs,
    double allAchievedRate,
    long allP99Ns,
    long allMaxNs,
    SortedMap<String, Long> errors,
    long wallNs,
    long serverCpuNs,
    long simulatorCpuNs,
    long maxSendLagNs,
    Map<String, Long> perTypeAnswered,
    Path reportDir,
    String failure,
    int attempt)
{
    /** Phase of the main pass against Gyro. */
    public static final String GYRO = "gyro";
    /** Phase of the echo-server ceiling. */
    public static final String CEILING = "ceiling";
    /** Phase of the {@code ledger.journal-sync=batch} pass. */
    public static final String BATCH = "gyro-batch";
    /** Warm-up before a pass; reported, never judged. */
    public static final String WARMUP = "warmup";
    /** Error key: requests never answered (timeouts, lost with their connection). */
    public static final String LOST = "lost";
    /** Error key: connections that closed during the run. */
    public static final String CONNECTIONS_LOST = "connections-lost";

    /**
     * A step the simulator could not run (no connection, CER refused).
     *
     * @param phase       the pass.
     * @param offeredRate the rate it would have offered.
     * @param reportDir   its report folder.
     * @param failure     the reason.
     * @return a result with no measurements and the failure.
     */
    public static StepResult failed(final String phase, final long offeredRate, final Path reportDir, final String failure)
    {
        return new StepResult(phase, offeredRate, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new TreeMap<>(), 0, -1, -1, 0,
            Map.of(), reportDir, failure, 1);
    }

    /** @return this result marked as the repeat of its step. */
    public StepResult asRepeat()
    {
        return new StepResult(phase, offeredRate, achievedRate, sent, answered, p50Ns, p99Ns, p999Ns, maxNs, windowNs,
            allAchievedRate, allP99Ns, allMaxNs, errors, wallNs, serverCpuNs, simulatorCpuNs, maxSendLagNs,
            perTypeAnswered, reportDir, failure, attempt + 1);
    }

    /** @return every error counted. */
    public long errorCount()
    {
        long total = 0;
        for (final long count : errors.values())
        {
            total += count;
        }
        return total;
    }

    /**
     * @return CPU of the server as a percentage of one core over the step (200% is both cores of a 2-core box);
     *     -1 when unknown.
     */
    public double serverCpuPercent()
    {
        return percent(serverCpuNs);
    }

    /** @return CPU of the simulator JVM as a percentage of one core; -1 when unknown. */
    public double simulatorCpuPercent()
    {
        return percent(simulatorCpuNs);
    }

    /** @return server CPU per answer in µs; -1 when unknown. */
    public double serverCpuMicrosPerAnswer()
    {
        return serverCpuNs < 0 || 0 == answered ? -1 : serverCpuNs / 1e3 / answered;
    }

    /** @return simulator CPU per answer in µs; -1 when unknown. */
    public double simulatorCpuMicrosPerAnswer()
    {
        return simulatorCpuNs < 0 || 0 == answered ? -1 : simulatorCpuNs / 1e3 / answered;
    }

    private double percent(final long cpuNs)
    {
        return cpuNs < 0 || 0 == wallNs ? -1 : 100.0 * cpuNs / wallNs;
    }

    /**
     * @param type a request type label.
     * @return answers of that type per second, whole run.
     */
    public double achievedRate(final String type)
    {
        final long count = perTypeAnswered.getOrDefault(type, 0L);
        return 0 == answered ? 0 : allAchievedRate * count / answered;
    }
}
