package io.gyro.perf.jmh.ledger;

import io.gyro.perf.jmh.AbstractBenchmark;

import io.gyro.ledger.CommandType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.LedgerStateMachine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Recovery time of 1 M accounts (each with an identity and a bucket) and 10 M journal events (account creation,
 * then sessions of reserve, updates and terminate). {@code start}: journal = replay every event from an empty
 * state; snapshot = load a snapshot taken half way, then replay the other half. One operation = one start-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class RecoveryBenchmark extends AbstractBenchmark
{
    static final int SESSIONS = 100_000;
    static final int BATCH = 1_000;

    @Param({"journal", "snapshot"})
    public String start;

    /** Accounts created (each with one identity and one bucket). */
    @Param({"1000000"})
    public int accounts;

    /** Journal events in total (account creation included). */
    @Param({"10000000"})
    public long events;

    private Path dir;
    private long expectedSeq;

    private LedgerContext context()
    {
        return new LedgerContext().journalDir(dir.resolve("journal")).expectedAccounts(accounts);
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        dir = Files.createTempDirectory("gyro-recovery-bench");
        final LedgerCommand cmd = new LedgerCommand();
        try (LedgerStateMachine ledger = LedgerStateMachine.open(context(), null))
        {
            long nowMs = LedgerFixture.START_MS;
            LedgerFixture.setTariffs(cmd, nowMs);
            ledger.process(cmd);
            for (int i = 0; i < accounts; i++)
            {
                LedgerFixture.createAccount(cmd, i, 100_000_000L, true, nowMs);
                ledger.process(cmd);
                if (i % BATCH == 0)
                {
                    ledger.flush();
                }
            }
            final byte[][] keys = new byte[SESSIONS][];
            final long[] numbers = new long[SESSIONS];
            boolean snapshotTaken = !"snapshot".equals(start);
            int commands = 0;
            for (int round = 0; ledger.eventsRecorded() < events; round++)
            {
                nowMs += 1_000;
                for (int s = 0; s < SESSIONS && ledger.eventsRecorded() < events; s++)
                {
                    final int account = (int)((round * (long)SESSIONS + s) % accounts);
                    if (keys[s] == null || numbers[s] >= 20)
                    {
                        if (keys[s] != null)
                        {
                            LedgerFixture.terminate(cmd, keys[s], ++numbers[s], nowMs);
                            ledger.process(cmd);
                        }
                        keys[s] = ("pgw;" + round + ";" + s).getBytes();
                        numbers[s] = 0;
                        LedgerFixture.reserve(cmd, account, keys[s], nowMs);
                    }
                    else
                    {
                        LedgerFixture.update(cmd, keys[s], ++numbers[s], nowMs);
                    }
                    ledger.process(cmd);
                    if (cmd.result != LedgerResult.SUCCESS)
                    {
                        throw new IllegalStateException("setup command failed: " + cmd.type + " " + cmd.result);
                    }
                    if (++commands % BATCH == 0)
                    {
                        ledger.flush();
                    }
                    if (!snapshotTaken && ledger.eventsRecorded() >= events / 2)
                    {
                        cmd.reset();
                        cmd.type = CommandType.TAKE_SNAPSHOT;
                        ledger.process(cmd);
                        ledger.flush();
                        snapshotTaken = true;
                    }
                }
            }
            ledger.flush();
            expectedSeq = ledger.lastCommandSeq();
            System.out.printf("%nrecovery data: %d accounts, %d events, %d commands%n",
                ledger.liveAccounts(), ledger.eventsRecorded(), expectedSeq);
        }
    }

    @Benchmark
    public long recover()
    {
        try (LedgerStateMachine ledger = LedgerStateMachine.open(context(), null))
        {
            if (ledger.lastCommandSeq() != expectedSeq || ledger.liveAccounts() != accounts)
            {
                throw new IllegalStateException("recovered " + ledger.lastCommandSeq() + " of " + expectedSeq);
            }
            return ledger.lastCommandSeq();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        LedgerFixture.deleteRecursively(dir);
    }
}
