package io.gyro.perf.faults;

import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerStateMachine;
import io.gyro.ledger.testing.ConservationInvariant;
import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.SubscriberRange;
import io.gyro.simulator.TrafficMix;
import io.gyro.simulator.pgw.DiameterEngine;
import io.gyro.simulator.report.ConnectionStats;
import io.gyro.simulator.report.Counter;
import io.gyro.simulator.verify.BalanceVerifier;
import io.gyro.simulator.verify.ExpectedCharges;
import io.gyro.simulator.verify.HttpBalanceSource;
import io.gyro.simulator.verify.SubscriberBalance;
import io.gyro.simulator.verify.VerificationResult;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash under load (issue 8): the real server runs in a JVM of its own while the simulator, as a library, drives it
 * as two PGWs (data, voice and event sessions, a window of requests in flight); the test kills the server with
 * SIGKILL after a random number of answers (seeded; the seed is printed, {@code -Dgyro.test.seed=} repeats a run)
 * and starts it again on the same journal, 5 times (50 under {@code -Pslow}).
 * <p>
 * The PGWs behave as real ones do when their OCS dies ({@code --reconnect}): they keep their sessions, connect to the
 * restarted server and resend what was in flight with the T flag. So every request is answered in the end, and the
 * check can be strict: after the drain the simulator's end-to-end verification reads every touched subscriber
 * through the admin API, and each balance must equal the opening balance minus exactly what the answered reports
 * cost (an answered debit lost by a crash would leave it higher, a report charged twice lower), with nothing left
 * reserved and no session uncertain. Afterwards the journal is opened directly and the conservation invariant
 * checked.
 */
class CrashUnderLoadTest
{
    /** Demo subscribers the server loads and the simulator uses. */
    private static final int SUBSCRIBERS = 1_000;
    /** Start-up of a JVM plus recovery, with room for a loaded 2-core machine. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** Answers between two kills: at least this many ... */
    private static final int MIN_ANSWERS_BEFORE_KILL = 50;
    /** ... plus up to this many more, drawn from the seed. */
    private static final int MORE_ANSWERS_BEFORE_KILL = 1_500;
    /** Answers after the last restart, before the drain. */
    private static final int ANSWERS_AFTER_LAST_RESTART = 300;
    /** Longest wait for a number of answers; far above what a loaded machine needs, never a latency check. */
    private static final long PROGRESS_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void shouldKeepEveryAnsweredDebitAndChargeNothingTwiceAcrossKills() throws Exception
    {
        killLoop(5);
    }

    @Test
    @Tag("slow")
    @Timeout(3600)
    void shouldKeepEveryAnsweredDebitAndChargeNothingTwiceAcrossFiftyKills() throws Exception
    {
        killLoop(50);
    }

    private void killLoop(final int rounds) throws Exception
    {
        final long seed = Long.getLong("gyro.test.seed", System.nanoTime());
        System.out.println("CrashUnderLoadTest seed=" + seed + " rounds=" + rounds);
        final SplittableRandom random = new SplittableRandom(seed);
        final int diameterPort = ServerProcess.freePort();
        final int adminPort = ServerProcess.freePort();
        final Path data = dir.resolve("data");
        final ServerProcess server = new ServerProcess(data, diameterPort, adminPort, "512m",
            List.of("demo.subscribers.count=" + SUBSCRIBERS, "ledger.ring-size=4096"), dir.resolve("server.log"));
        final SubscriberRange range = new SubscriberRange(SubscriberRange.DEMO_MSISDN_START,
            SubscriberRange.DEMO_IMSI_START, SUBSCRIBERS);
        DiameterEngine engine = null;
        try
        {
            server.start(STARTUP);
            System.out.println("started in " + server.readyAfterMs() + " ms");
            final SimulatorOptions options = new SimulatorOptions()
                .port(diameterPort)
                .connections(2)
                .sessions(200)
                .window(8)
                .mix(TrafficMix.parse("data=80,voice=15,event=5"))
                .updates(3)
                .subscribers(range)
                .seed(seed)
                .reconnect(true)
                .timeout(Duration.ofSeconds(60))
                .tick(Duration.ofMillis(1))
                .quiet(true)
                .reportDir(dir.resolve("report"))
                .conclude();
            final ExpectedCharges charges = new ExpectedCharges(range);
            final BalanceVerifier verifier = new BalanceVerifier(
                new HttpBalanceSource(server.adminUri(""), ServerProcess.ADMIN_TOKEN), range, 8);
            final SubscriberBalance[] opening = verifier.readOpening(SUBSCRIBERS);
            engine = new DiameterEngine(options, charges, SystemNanoClock.INSTANCE, null,
                System.currentTimeMillis() / 1000);
            engine.connect(Duration.ofSeconds(30));
            engine.start(System.nanoTime());
            final DiameterEngine running = engine;
            final LongSupplier answered = () -> answered(running);

            for (int round = 0; round < rounds; round++)
            {
                final long target = answered.getAsLong() + MIN_ANSWERS_BEFORE_KILL +
                    random.nextInt(MORE_ANSWERS_BEFORE_KILL);
                awaitAnswers(answered, target, server);
                final long answeredAtKill = answered.getAsLong();
                assertEquals(ServerProcess.SIGKILL_EXIT_STATUS, server.kill(), "killed by SIGKILL, not by an error");
                server.start(STARTUP);
                System.out.println("round " + round + ": killed after " + answeredAtKill + " answers, ready again in " +
                    server.readyAfterMs() + " ms");
            }
            awaitAnswers(answered, answered.getAsLong() + ANSWERS_AFTER_LAST_RESTART, server);
            engine.stop();
            engine.completion().get(120, TimeUnit.SECONDS);
            engine.close();

            final long reconnects = total(engine, Counter.RECONNECTS);
            final long retransmissions = total(engine, Counter.RETRANSMISSIONS);
            System.out.println("answers " + answered.getAsLong() + ", reconnects " + reconnects +
                ", retransmitted with the T flag " + retransmissions);
            assertEquals(0, total(engine, Counter.TIMEOUTS) + total(engine, Counter.LOST_ON_CLOSE),
                "every request was answered in the end");
            assertEquals(0, total(engine, Counter.SESSIONS_UNCERTAIN));
            assertTrue(reconnects >= rounds, "the PGWs came back after every kill: " + reconnects);
            final VerificationResult verification =
                verifier.verify(opening, charges, total(engine, Counter.SESSIONS_LEFT_OPEN));
            assertTrue(verification.passed(), () -> "end-to-end verification failed (seed " + seed + "): " +
                verification + "\nserver log:\n" + server.tail(40));
            assertTrue(verification.subscribersChecked() > 0 && verification.expectedChargeMinor() > 0);
        }
        finally
        {
            if (null != engine)
            {
                engine.close();
            }
            server.close();
        }
        try (LedgerStateMachine ledger = LedgerStateMachine.open(new LedgerContext()
            .journalDir(data.resolve("journal")).snapshotDir(data.resolve("snapshots")), null))
        {
            ConservationInvariant.assertHolds(ledger.audit());
        }
    }

    private static long answered(final DiameterEngine engine)
    {
        long total = 0;
        for (final ConnectionStats stats : engine.stats())
        {
            for (int type = 0; type < stats.requestTypes(); type++)
            {
                total += stats.answeredCount(type);
            }
        }
        return total;
    }

    private static long total(final DiameterEngine engine, final Counter counter)
    {
        long total = 0;
        for (final ConnectionStats stats : engine.stats())
        {
            total += stats.get(counter);
        }
        return total;
    }

    private static void awaitAnswers(final LongSupplier answered, final long target, final ServerProcess server)
    {
        final long deadline = System.nanoTime() + PROGRESS_TIMEOUT_NS;
        while (answered.getAsLong() < target)
        {
            assertTrue(System.nanoTime() < deadline, () -> "no progress: " + answered.getAsLong() + " of " + target +
                " answers; server log:\n" + server.tail(40));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
