package io.gyro.perf.jmh.ledger;

import io.gyro.perf.jmh.AbstractBenchmark;

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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The bare state machine on one thread, journal off: the cost of deciding and applying one CCR-U (commit + reserve,
 * three events), without the ring. The gap to {@link LedgerPipelineBenchmark} is the pipeline's cost.
 * {@code events}: applied (as the ledger runs without a journal: only the answer is encoded, for the session's
 * memory) or encoded (each event also written as a journal record, as with a journal).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LedgerStateMachineBenchmark extends AbstractBenchmark
{
    static final int SESSIONS = 10_000;

    @Param({"applied", "encoded"})
    public String events;

    private LedgerStateMachine ledger;
    private final LedgerCommand cmd = new LedgerCommand();
    private byte[][] keys;
    private long[] numbers;
    private int session;
    private long nowMs = LedgerFixture.START_MS;

    @Setup(Level.Trial)
    public void setUp()
    {
        ledger = LedgerStateMachine.open(new LedgerContext().journalEnabled(false)
            .eventsEncodedWithoutJournal("encoded".equals(events)).expectedAccounts(SESSIONS), null);
        LedgerFixture.setTariffs(cmd, nowMs);
        ledger.process(cmd);
        keys = new byte[SESSIONS][];
        numbers = new long[SESSIONS];
        for (int i = 0; i < SESSIONS; i++)
        {
            keys[i] = LedgerFixture.sessionKey(i);
            LedgerFixture.createAccount(cmd, i, 1_000_000_000_000L, false, nowMs);
            ledger.process(cmd);
            LedgerFixture.reserve(cmd, i, keys[i], nowMs);
            ledger.process(cmd);
            if (cmd.result != LedgerResult.SUCCESS)
            {
                throw new IllegalStateException("reserve failed: " + cmd.result);
            }
        }
    }

    @Benchmark
    public LedgerResult update()
    {
        final int s = session = session + 1 == SESSIONS ? 0 : session + 1;
        LedgerFixture.update(cmd, keys[s], ++numbers[s], nowMs);
        ledger.process(cmd);
        return cmd.result;
    }
}
