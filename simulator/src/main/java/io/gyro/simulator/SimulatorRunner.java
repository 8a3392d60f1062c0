package io.gyro.simulator;

import io.gyro.simulator.pgw.DiameterEngine;
import io.gyro.simulator.pgw.MessageTrace;
import io.gyro.simulator.report.Counter;
import io.gyro.simulator.report.FinalReport;
import io.gyro.simulator.report.RunReporter;
import io.gyro.simulator.report.RunSummary;
import io.gyro.simulator.verify.BalanceSource;
import io.gyro.simulator.verify.BalanceVerifier;
import io.gyro.simulator.verify.ExpectedCharges;
import io.gyro.simulator.verify.HttpBalanceSource;
import io.gyro.simulator.verify.SubscriberBalance;
import io.gyro.simulator.verify.VerificationResult;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one simulation end to end: reads the opening balances (with {@code --verify}), connects, drives the load
 * while printing the progress line and writing the {@code .hlog} each second, stops at the deadline or the count,
 * drains open sessions, says goodbye, writes the final report and verifies money conservation.
 */
public final class SimulatorRunner
{
    /** Longest wait for the connections and their capabilities exchange. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The progress line and the .hlog interval: once a second (issue 7). */
    public static final long REPORT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    /** Open-loop lag worth a note in the report: beyond this the offered rate was not really offered. */
    public static final long NOTABLE_SEND_LAG_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Exit status: the run was clean (and verified, if asked). */
    public static final int EXIT_OK = 0;
    /** Exit status: verification failed, or answers were lost, or the drain did not finish. */
    public static final int EXIT_FAILED = 1;
    /** Exit status: bad options. */
    public static final int EXIT_USAGE = 2;
    /** Exit status: the run could not take place (connection refused, CER rejected, admin API unreachable). */
    public static final int EXIT_ERROR = 3;

    private final SimulatorOptions options;
    private final BalanceSource balanceSource;
    private final NanoClock clock;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * The outcome of a run.
     *
     * @param exitCode     process exit status.
     * @param summary      measurements, null when the run could not start.
     * @param verification balance check, null when not asked for or not reached.
     * @param report       the text report, or the reason the run could not take place.
     */
    public record Outcome(int exitCode, RunSummary summary, VerificationResult verification, String report)
    {
    }

    /**
     * @param options       concluded options.
     * @param balanceSource where verification reads balances; null for the admin API named in the options.
     * @param clock         the run's clock.
     * @param out           where the final report goes.
     * @param err           where the progress line and problems go.
     */
    public SimulatorRunner(
        final SimulatorOptions options,
        final BalanceSource balanceSource,
        final NanoClock clock,
        final PrintStream out,
        final PrintStream err)
    {
        this.options = options;
        this.balanceSource = null != balanceSource ? balanceSource :
            new HttpBalanceSource(options.adminUrl(), options.adminToken());
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /**
     * @param options concluded options.
     * @param out     report stream.
     * @param err     progress stream.
     */
    public SimulatorRunner(final SimulatorOptions options, final PrintStream out, final PrintStream err)
    {
        this(options, null, SystemNanoClock.INSTANCE, out, err);
    }

    /**
     * Subscribers a run can touch: with a request count, session {@code n} of connection {@code c} uses subscriber
     * {@code (n x C + c) mod range} and a connection starts at most its share of the count, so no index reaches
     * {@code C x ceil(count / C)}; without a count, the whole range.
     *
     * @param options concluded options.
     * @return how many opening balances to read.
     */
    static int subscribersReachable(final SimulatorOptions options)
    {
        final int range = options.subscribers().count();
        if (0 == options.count())
        {
            return range;
        }
        final long perConnection = (options.count() + options.connections() - 1) / options.connections();
        return (int)Math.min(range, perConnection * options.connections());
    }

    /** @return the outcome; never throws for a run that fails, only reports it. */
    public Outcome run()
    {
        final Path directory = options.reportDir();
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            return cannotRun("cannot create report directory " + directory + ": " + ex);
        }

        final ExpectedCharges charges = new ExpectedCharges(options.subscribers());
        BalanceVerifier verifier = null;
        SubscriberBalance[] opening = null;
        if (options.verify())
        {
            verifier = new BalanceVerifier(balanceSource, options.subscribers(), options.verifyConcurrency());
            final int reachable = subscribersReachable(options);
            err.printf(Locale.ROOT, "reading %,d opening balances%s%n", reachable,
                balanceSource instanceof HttpBalanceSource ? " from " + options.adminUrl() : "");
            try
            {
                opening = verifier.readOpening(reachable);
            }
            catch (final IOException ex)
            {
                return cannotRun("cannot read opening balances: " + ex.getMessage());
            }
        }

        MessageTrace trace = null;
        TrafficEngine engine = null;
        try
        {
            if (options.trace())
            {
                trace = new MessageTrace(new PrintStream(new BufferedOutputStream(
                    Files.newOutputStream(directory.resolve(FinalReport.TRACE_LOG))), false, StandardCharsets.UTF_8));
            }
            final long runId = System.currentTimeMillis() / 1000;
            engine = newEngine(charges, trace, runId);
            try
            {
                engine.connect(CONNECT_TIMEOUT);
            }
            catch (final Exception ex)
            {
                engine.close();
                return cannotRun(ex.getMessage());
            }
            return drive(engine, charges, verifier, opening, directory);
        }
        catch (final IOException ex)
        {
            return cannotRun("I/O error: " + ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return cannotRun("interrupted");
        }
        finally
        {
            if (null != engine)
            {
                engine.close();
            }
            if (null != trace)
            {
                trace.close();
            }
        }
    }

    private TrafficEngine newEngine(final ExpectedCharges charges, final MessageTrace trace, final long runId)
    {
        if (Mode.DIAMETER == options.mode())
        {
            return new DiameterEngine(options, charges, clock, trace, runId);
        }
        return new io.gyro.simulator.bras.RadiusEngine(options, charges, clock);
    }

    private Outcome drive(
        final TrafficEngine engine,
        final ExpectedCharges charges,
        final BalanceVerifier verifier,
        final SubscriberBalance[] opening,
        final Path directory) throws IOException, InterruptedException
    {
        final List<String> notes = new ArrayList<>();
        final RunReporter reporter = new RunReporter(engine.stats(), engine.labels(), options.quiet() ? null : err,
            directory.resolve(FinalReport.LATENCY_HLOG));
        final long startNs = clock.nanoTime();
        reporter.start(startNs, System.currentTimeMillis());
        engine.start(startNs);

        final long deadlineNs = null == options.duration() ? Long.MAX_VALUE : startNs + options.duration().toNanos();
        final CompletableFuture<Void> completion = engine.completion();
        long nextReportNs = startNs + REPORT_INTERVAL_NS;
        long drainDeadlineNs = Long.MAX_VALUE;
        boolean stopped = false;
        boolean drainTimedOut = false;
        while (true)
        {
            final long nowNs = clock.nanoTime();
            if (!stopped && nowNs >= deadlineNs)
            {
                engine.stop();
                stopped = true;
                drainDeadlineNs = nowNs + options.drainTimeout().toNanos();
            }
            if (completion.isDone())
            {
                break;
            }
            if (nowNs >= drainDeadlineNs)
            {
                drainTimedOut = true;
                notes.add("the drain did not finish within " + Durations.format(options.drainTimeout()) +
                    "; sessions still open were abandoned");
                break;
            }
            if (nowNs >= nextReportNs)
            {
                reporter.sample(nowNs);
                nextReportNs += REPORT_INTERVAL_NS;
                continue;
            }
            final long waitNs = Math.min(nextReportNs, Math.min(deadlineNs, drainDeadlineNs)) - nowNs;
            try
            {
                completion.get(Math.max(1, waitNs), TimeUnit.NANOSECONDS);
            }
            catch (final TimeoutException | ExecutionException ignore)
            {
                // Time to report or to stop; the loop decides.
            }
        }
        final long endNs = clock.nanoTime();
        engine.close();
        final RunSummary summary = reporter.finish(endNs);

        VerificationResult verification = null;
        if (null != verifier)
        {
            verification = verifier.verify(opening, charges, summary.counter(Counter.SESSIONS_LEFT_OPEN));
        }
        if (summary.counter(Counter.MAX_SEND_LAG_NS) > NOTABLE_SEND_LAG_NS)
        {
            notes.add(String.format(Locale.ROOT, "the open loop fell up to %.1f ms behind its schedule; those requests " +
                "carry the wait in their latency (too few --sessions for the --rate, a slow server, or a busy machine)",
                summary.counter(Counter.MAX_SEND_LAG_NS) / 1e6));
        }
        if (summary.lostAnswers() > 0)
        {
            notes.add(summary.lostAnswers() + " requests were never answered");
        }
        final boolean passed = !drainTimedOut && 0 == summary.lostAnswers() &&
            (null == verification || verification.passed());
        final String report = FinalReport.write(directory, options.describe(), summary, verification, passed, notes);
        out.print(report);
        out.flush();
        return new Outcome(passed ? EXIT_OK : EXIT_FAILED, summary, verification, report);
    }

    private Outcome cannotRun(final String reason)
    {
        err.println("gyro simulate: " + reason);
        err.flush();
        return new Outcome(EXIT_ERROR, null, null, reason);
    }
}
