package io.gyro.perf.load;

import io.gyro.simulator.Mode;
import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.SimulatorRunner;
import io.gyro.simulator.SubscriberRange;
import io.gyro.simulator.report.Counter;
import io.gyro.simulator.report.FinalReport;
import io.gyro.simulator.report.ProtocolLabels;
import io.gyro.simulator.report.RunSummary;
import io.gyro.simulator.verify.BalanceSource;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One step: a whole simulator run ({@link SimulatorRunner}, in this JVM) at one open-loop rate, with the server's
 * and this JVM's CPU read before and after. Every step connects afresh (CER), runs its sessions from CCR-I,
 * and drains them with CCR-T at the same pace, so steps are independent and each has the standard shape throughout.
 */
final class SimulatorStep
{
    /** Percentiles reported per step (issue 7). */
    static final double P50 = 50.0;
    static final double P99 = 99.0;
    static final double P999 = 99.9;

    /**
     * The load run does not verify balances (the admin API is off). Given explicitly, because without a source the
     * simulator builds an HTTP client, whose selector thread would stay behind in this JVM after every step.
     */
    static final BalanceSource NO_VERIFICATION = msisdn ->
    {
        throw new IOException("the load run does not verify balances");
    };

    private SimulatorStep()
    {
    }

    /**
     * Where the simulator connects.
     *
     * @param mode     Diameter or RADIUS.
     * @param port     Diameter port, or the RADIUS authentication port.
     * @param acctPort RADIUS accounting port (unused for Diameter).
     */
    record Target(Mode mode, int port, int acctPort)
    {
    }

    /**
     * @param options   the load run's options.
     * @param rate      offered requests per second.
     * @param duration  how long sessions are started; the drain follows.
     * @param target    where to connect.
     * @param reportDir where the simulator writes its reports.
     * @return the simulator's options for this step.
     */
    static SimulatorOptions simulatorOptions(
        final LoadRunOptions options, final long rate, final Duration duration, final Target target, final Path reportDir)
    {
        final SimulatorOptions simulator = new SimulatorOptions()
            .mode(target.mode())
            .host("127.0.0.1")
            .port(target.port())
            .connections(options.connections())
            .sessions(options.sessions())
            .rate(rate)
            .duration(duration)
            .updates(options.updates())
            .subscribers(new SubscriberRange(SubscriberRange.DEMO_MSISDN_START, SubscriberRange.DEMO_IMSI_START,
                options.subscribers()))
            .threads(options.simulatorThreads())
            .reportDir(reportDir)
            .quiet(true);
        if (Mode.RADIUS == target.mode())
        {
            // Port 0: each step's BRASes listen for CoA on a free port; no CoA is sent in a load run.
            simulator.acctPort(target.acctPort()).coaPort(0);
        }
        return simulator.conclude();
    }

    /**
     * Run the step.
     *
     * @param phase     the pass it belongs to.
     * @param options   the load run's options.
     * @param rate      offered requests per second.
     * @param duration  how long sessions are started.
     * @param target    where to connect.
     * @param server    the server process (for its CPU).
     * @param reportDir where the simulator writes its reports.
     * @param err       where the simulator reports problems.
     * @return the measurements.
     */
    static StepResult run(
        final String phase,
        final LoadRunOptions options,
        final long rate,
        final Duration duration,
        final Target target,
        final ChildProcess server,
        final Path reportDir,
        final PrintStream err)
    {
        final SimulatorOptions simulatorOptions = simulatorOptions(options, rate, duration, target, reportDir);
        final long serverCpuStart = server.cpuNanos();
        final long simulatorCpuStart = ProcessCpu.selfCpuNanos();
        final long startNs = System.nanoTime();
        // The text report is written to report.txt in the step's folder; the console gets one line per step.
        final SimulatorRunner.Outcome outcome;
        try (PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
        {
            outcome = new SimulatorRunner(simulatorOptions, NO_VERIFICATION, SystemNanoClock.INSTANCE, discard, err).run();
        }
        final long wallNs = System.nanoTime() - startNs;
        final long serverCpuEnd = server.cpuNanos();
        final long simulatorCpuEnd = ProcessCpu.selfCpuNanos();
        if (null == outcome.summary())
        {
            return StepResult.failed(phase, rate, reportDir, outcome.report());
        }
        final SteadyWindow.Measured window = SteadyWindow.read(reportDir.resolve(FinalReport.LATENCY_HLOG),
            outcome.summary().startEpochMs(), options.settle(rate), duration);
        return measure(phase, rate, outcome.summary(), window, wallNs,
            serverCpuStart < 0 || serverCpuEnd < 0 ? -1 : serverCpuEnd - serverCpuStart,
            simulatorCpuStart < 0 || simulatorCpuEnd < 0 ? -1 : simulatorCpuEnd - simulatorCpuStart, reportDir);
    }

    /**
     * @param phase         the pass.
     * @param rate          offered rate.
     * @param summary       what the simulator measured.
     * @param window        the steady window, or null to use the whole run.
     * @param wallNs        the step's wall-clock length.
     * @param serverCpuNs   server CPU over the step, -1 unknown.
     * @param simulatorCpuNs this JVM's CPU over the step, -1 unknown.
     * @param reportDir     the step's report folder.
     * @return the step's result.
     */
    static StepResult measure(
        final String phase,
        final long rate,
        final RunSummary summary,
        final SteadyWindow.Measured window,
        final long wallNs,
        final long serverCpuNs,
        final long simulatorCpuNs,
        final Path reportDir)
    {
        final ProtocolLabels labels = summary.labels();
        final SortedMap<String, Long> errors = new TreeMap<>();
        summary.resultCodes().forEach((code, count) ->
        {
            if (count > 0 && labels.isError(code))
            {
                errors.put(code + " " + labels.resultName(code), count);
            }
        });
        summary.serviceResultCodes().forEach((code, count) ->
        {
            if (count > 0 && labels.isError(code))
            {
                errors.put("service " + code + " " + labels.resultName(code), count);
            }
        });
        if (summary.lostAnswers() > 0)
        {
            errors.put(StepResult.LOST, summary.lostAnswers());
        }
        if (summary.counter(Counter.CONNECTIONS_LOST) > 0)
        {
            errors.put(StepResult.CONNECTIONS_LOST, summary.counter(Counter.CONNECTIONS_LOST));
        }
        final Map<String, Long> perType = new LinkedHashMap<>();
        final String[] types = labels.requestTypes();
        for (int type = 0; type < types.length; type++)
        {
            perType.put(types[type], summary.answered(type));
        }
        final Histogram all = summary.responseTime();
        final Histogram latency = null == window ? all : window.histogram();
        final boolean empty = 0 == latency.getTotalCount();
        return new StepResult(phase, rate, null == window ? summary.throughputPerSecond() : window.rate(),
            summary.totalSent(), summary.totalAnswered(),
            empty ? 0 : latency.getValueAtPercentile(P50),
            empty ? 0 : latency.getValueAtPercentile(P99),
            empty ? 0 : latency.getValueAtPercentile(P999),
            empty ? 0 : latency.getMaxValue(),
            null == window ? summary.elapsedNs() : window.lengthNs(),
            summary.throughputPerSecond(),
            0 == all.getTotalCount() ? 0 : all.getValueAtPercentile(P99),
            0 == all.getTotalCount() ? 0 : all.getMaxValue(),
            errors, wallNs, serverCpuNs, simulatorCpuNs, summary.counter(Counter.MAX_SEND_LAG_NS), perType, reportDir, null, 1);
    }
}
