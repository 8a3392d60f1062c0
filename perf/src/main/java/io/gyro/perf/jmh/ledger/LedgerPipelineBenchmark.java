package io.gyro.perf.jmh.ledger;

import io.gyro.perf.jmh.AbstractBenchmark;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerPipeline;
import io.gyro.ledger.LedgerReplyHandler;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.SyncPolicy;
import io.gyro.ledger.journal.Journal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.agrona.concurrent.BackoffIdleStrategy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Ledger commands through the full pipeline: one producer thread publishes CCR-U style commands (commit the used
 * units, reserve again) for 10 000 open sessions into the ring; the ledger thread decides, journals each Disruptor
 * batch as one Chronicle document, then answers. One operation = one command answered.
 * {@code journal}: off (no journal), discard (documents built and checksummed as with a journal, answers held to the
 * end of the batch, but appended nowhere: the cost of Chronicle Queue is the difference to {@code none}), none
 * (journal, no msync), batch (msync once per batch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LedgerPipelineBenchmark extends AbstractBenchmark
{
    static final int SESSIONS = 10_000;
    static final int BURST = 20_000;
    /** Producer back-off while the ring is full: 10 yields, then parks doubling from 1 us to 50 us. */
    private final BackoffIdleStrategy ringFull = new BackoffIdleStrategy(0, 10, 1_000, 50_000);

    @Param({"off", "discard", "none", "batch"})
    public String journal;

    private Path dir;
    private LedgerPipeline pipeline;
    private final AtomicLong answered = new AtomicLong(-1);
    private final AtomicLong failures = new AtomicLong();
    private final Source source = new Source();
    private long published;

    /** What the translator copies into the slot; touched only by the producer thread. */
    static final class Source
    {
        byte[][] keys;
        long[] numbers;
        int session;
        long nowMs = LedgerFixture.START_MS;
    }

    private static final EventTranslatorOneArg<LedgerCommand, Source> UPDATE = (cmd, sequence, src) ->
    {
        final int s = src.session;
        LedgerFixture.update(cmd, src.keys[s], ++src.numbers[s], src.nowMs);
    };

    /** Appends nowhere; closes the real journal it replaces. */
    static final class DiscardingJournal implements Journal
    {
        private final Journal replaced;
        private long index;

        DiscardingJournal(final Journal replaced)
        {
            this.replaced = replaced;
        }

        @Override
        public long append(final byte[] bytes, final int length)
        {
            return index++;
        }

        @Override
        public void close()
        {
            replaced.close();
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        dir = Files.createTempDirectory("gyro-pipeline-bench");
        final LedgerContext context = new LedgerContext()
            .journalEnabled(!"off".equals(journal))
            .journalDir(dir.resolve("journal"))
            .syncPolicy("batch".equals(journal) ? SyncPolicy.BATCH : SyncPolicy.NONE)
            .expectedAccounts(SESSIONS);
        if ("discard".equals(journal))
        {
            context.journalDecorator(chronicle -> new DiscardingJournal(chronicle));
        }
        final LedgerReplyHandler replies = (cmd, sequence, endOfBatch) ->
        {
            if (cmd.result != LedgerResult.SUCCESS)
            {
                failures.incrementAndGet();
            }
            if (endOfBatch)
            {
                answered.lazySet(sequence);
            }
        };
        pipeline = new LedgerPipeline(context, replies, null);
        pipeline.start();
        source.keys = new byte[SESSIONS][];
        source.numbers = new long[SESSIONS];
        publish((cmd, seq) -> LedgerFixture.setTariffs(cmd, LedgerFixture.START_MS));
        for (int i = 0; i < SESSIONS; i++)
        {
            final int account = i;
            source.keys[i] = LedgerFixture.sessionKey(i);
            publish((cmd, seq) -> LedgerFixture.createAccount(cmd, account, 1_000_000_000_000L, false,
                LedgerFixture.START_MS));
            publish((cmd, seq) -> LedgerFixture.reserve(cmd, account, source.keys[account], LedgerFixture.START_MS));
        }
        awaitAnswers();
        if (failures.get() != 0)
        {
            throw new IllegalStateException(failures.get() + " setup commands failed");
        }
    }

    private void publish(final com.lmax.disruptor.EventTranslator<LedgerCommand> translator)
    {
        while (!pipeline.tryPublish(translator))
        {
            Thread.yield();
        }
        published++;
    }

    private void awaitAnswers()
    {
        while (answered.get() < published - 1)
        {
            LockSupport.parkNanos(20_000);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public long updates()
    {
        final Source src = source;
        for (int i = 0; i < BURST; i++)
        {
            src.session = src.session + 1 == SESSIONS ? 0 : src.session + 1;
            if ((i & 1023) == 0)
            {
                src.nowMs++;
            }
            while (!pipeline.tryPublish(UPDATE, src))
            {
                // Ring full: back off from yielding to parking rather than spin on yield, so the producer leaves the
                // core to the ledger and the journal's pretouch thread (three threads share two cores here).
                ringFull.idle();
            }
            ringFull.reset();
        }
        published += BURST;
        awaitAnswers();
        return answered.get();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        pipeline.close();
        LedgerFixture.deleteRecursively(dir);
        if (failures.get() != 0)
        {
            throw new IllegalStateException(failures.get() + " commands were not answered SUCCESS");
        }
    }
}
