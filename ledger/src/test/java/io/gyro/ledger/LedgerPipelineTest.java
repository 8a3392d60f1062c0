package io.gyro.ledger;

import com.lmax.disruptor.EventTranslatorTwoArg;
import io.gyro.ledger.journal.ChronicleJournal;
import io.gyro.ledger.journal.EventDecoder;
import io.gyro.ledger.journal.LedgerEventsAdapter;
import io.gyro.ledger.testing.ConservationInvariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The threaded pipeline: replies after the journal, back-pressure, draining, multiple producers, fatal errors. */
@Timeout(60)
class LedgerPipelineTest
{
    private static final long START_MS = 1_768_471_200_000L;

    @TempDir
    Path dir;

    /** Fills a TOP_UP slot: (account id, amount). */
    private static final EventTranslatorTwoArg<LedgerCommand, Long, Long> TOP_UP = (cmd, seq, account, amount) ->
    {
        cmd.reset();
        cmd.type = CommandType.TOP_UP;
        cmd.timestampMs = START_MS;
        cmd.accountId = account;
        cmd.amountMinor = amount;
    };

    private static final EventTranslatorTwoArg<LedgerCommand, String, Long> CREATE = (cmd, seq, msisdn, balance) ->
    {
        cmd.reset();
        cmd.type = CommandType.CREATE_ACCOUNT;
        cmd.timestampMs = START_MS;
        cmd.payload = new AccountSpec().identity(IdentityType.E164, msisdn).openingBalanceMinor(balance);
    };

    private LedgerContext context(final boolean journal)
    {
        return new LedgerContext().journalEnabled(journal).journalDir(dir.resolve("journal"))
            .snapshotDir(dir.resolve("snapshots")).ringSize(1024).maxBatchSize(64);
    }

    private static <A, B> void publishBlocking(
        final LedgerPipeline pipeline, final EventTranslatorTwoArg<LedgerCommand, A, B> t, final A a, final B b)
    {
        while (!pipeline.tryPublish(t, a, b))
        {
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldReplyOnlyAfterTheJournalHoldsTheCommand() throws Exception
    {
        final int commands = 500;
        final CountDownLatch done = new CountDownLatch(commands + 1);
        final List<String> violations = new ArrayList<>();
        try (ChronicleJournal reader = new ChronicleJournal(dir.resolve("journal"), SyncPolicy.NONE, false))
        {
            final LedgerReplyHandler replies = (cmd, sequence, endOfBatch) ->
            {
                if (cmd.journalSequence > 0 && cmd.journalSequence % 50 == 0)
                {
                    final long journaled = lastJournaledSequence(reader);
                    if (journaled < cmd.journalSequence)
                    {
                        violations.add("reply for " + cmd.journalSequence + " while the journal ends at " + journaled);
                    }
                }
                done.countDown();
            };
            try (LedgerPipeline pipeline = new LedgerPipeline(context(true), replies, null))
            {
                pipeline.start();
                publishBlocking(pipeline, CREATE, "491700000001", 0L);
                for (int i = 0; i < commands; i++)
                {
                    publishBlocking(pipeline, TOP_UP, 1L, 10L);
                }
                assertTrue(done.await(30, TimeUnit.SECONDS));
            }
        }
        assertEquals(List.of(), violations);
    }

    private static long lastJournaledSequence(final ChronicleJournal reader)
    {
        final long[] last = {0};
        final EventDecoder decoder = new EventDecoder();
        reader.readAfter(-1, (index, buffer, length) -> decoder.decodeDocument(buffer, 0, length,
            new LedgerEventsAdapter()
            {
                @Override
                public void recordCompleted(final long commandSeq, final int commandTypeCode, final long timestampMs)
                {
                    last[0] = commandSeq;
                }
            }, index, "reader"));
        return last[0];
    }

    @Test
    void shouldDrainEveryPublishedCommandOnCloseAndRecoverThemAll()
    {
        final AtomicLong replied = new AtomicLong();
        try (LedgerPipeline pipeline = new LedgerPipeline(context(true), (cmd, s, end) -> replied.incrementAndGet(), null))
        {
            pipeline.start();
            assertTrue(pipeline.isReady());
            publishBlocking(pipeline, CREATE, "491700000001", 0L);
            for (int i = 0; i < 5_000; i++)
            {
                publishBlocking(pipeline, TOP_UP, 1L, 3L);
            }
        }
        assertEquals(5_001, replied.get());
        final LedgerContext ctx = context(true);
        try (LedgerStateMachine ledger = LedgerStateMachine.open(ctx, null))
        {
            assertEquals(5_001, ledger.lastCommandSeq());
            assertEquals(15_000, ledger.audit().balanceMinor[1]);
        }
    }

    @Test
    void shouldRefusePublishingWhileTheRingIsFull() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);
        final AtomicLong replied = new AtomicLong();
        final LedgerReplyHandler replies = (cmd, sequence, endOfBatch) ->
        {
            if (sequence == 0)
            {
                blocked.countDown();
                try
                {
                    release.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            replied.incrementAndGet();
        };
        try (LedgerPipeline pipeline = new LedgerPipeline(
            new LedgerContext().journalEnabled(false).ringSize(8), replies, null))
        {
            pipeline.start();
            assertEquals(0.0, pipeline.occupancy());
            assertTrue(pipeline.tryPublish(CREATE, "491700000001", 0L));
            assertTrue(blocked.await(10, TimeUnit.SECONDS));
            int accepted = 0;
            try
            {
                while (pipeline.tryPublish(TOP_UP, 1L, 1L))
                {
                    accepted++;
                }
                assertEquals(0, pipeline.remainingCapacity());
                assertEquals(1.0, pipeline.occupancy());
            }
            finally
            {
                release.countDown();
            }
            assertEquals(7, accepted, "8 slots, one still held by the command being answered");
        }
        assertEquals(8, replied.get());
    }

    @Test
    void shouldSerialiseConcurrentProducersThroughOneWriter() throws Exception
    {
        final ConcurrentLinkedQueue<LedgerResult> failures = new ConcurrentLinkedQueue<>();
        final int perProducer = 20_000;
        final CountDownLatch done = new CountDownLatch(2 * perProducer + 1);
        final LedgerReplyHandler replies = (cmd, sequence, endOfBatch) ->
        {
            if (cmd.result != LedgerResult.SUCCESS)
            {
                failures.add(cmd.result);
            }
            done.countDown();
        };
        try (LedgerPipeline pipeline = new LedgerPipeline(context(true), replies, null))
        {
            pipeline.start();
            publishBlocking(pipeline, CREATE, "491700000001", 0L);
            final Thread[] producers = new Thread[2];
            for (int p = 0; p < producers.length; p++)
            {
                producers[p] = new Thread(() ->
                {
                    for (int i = 0; i < perProducer; i++)
                    {
                        publishBlocking(pipeline, TOP_UP, 1L, 1L);
                    }
                });
                producers[p].start();
            }
            for (final Thread t : producers)
            {
                t.join();
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
        }
        assertTrue(failures.isEmpty(), failures::toString);
        try (LedgerStateMachine ledger = LedgerStateMachine.open(context(true), null))
        {
            assertEquals(2 * perProducer, ledger.audit().balanceMinor[1]);
            assertEquals(2 * perProducer + 1, ledger.lastCommandSeq());
        }
    }

    @Test
    void shouldStopAtTheFirstFailureInsteadOfCarryingOn() throws Exception
    {
        final AtomicReference<Throwable> fatal = new AtomicReference<>();
        final CountDownLatch failed = new CountDownLatch(1);
        final LedgerContext ctx = context(false).fatalErrorHandler(ex ->
        {
            fatal.set(ex);
            failed.countDown();
        });
        final LedgerReplyHandler replies = (cmd, sequence, endOfBatch) ->
        {
            if (cmd.type == CommandType.TOP_UP)
            {
                throw new IllegalStateException("reply failed");
            }
        };
        try (LedgerPipeline pipeline = new LedgerPipeline(ctx, replies, null))
        {
            pipeline.start();
            publishBlocking(pipeline, CREATE, "491700000001", 0L);
            publishBlocking(pipeline, TOP_UP, 1L, 1L);
            assertTrue(failed.await(10, TimeUnit.SECONDS));
            assertEquals("reply failed", fatal.get().getMessage());
            assertFalse(pipeline.isReady());
            assertFalse(pipeline.tryPublish(TOP_UP, 1L, 1L));
        }
    }

    @Test
    void shouldKeepTheInvariantThroughThePipeline() throws Exception
    {
        final int sessions = 200;
        final CountDownLatch done = new CountDownLatch(2 + 3 * sessions);
        final LedgerReplyHandler replies = (cmd, sequence, endOfBatch) -> done.countDown();
        try (LedgerPipeline pipeline = new LedgerPipeline(context(true), replies, null))
        {
            pipeline.start();
            publishBlocking(pipeline, CREATE, "491700000001", 1_000_000L);
            pipeline.tryPublish((cmd, seq) ->
            {
                cmd.reset();
                cmd.type = CommandType.SET_TARIFFS;
                cmd.timestampMs = START_MS;
                cmd.payload = io.gyro.ledger.rating.TariffTable.builder().tariff(io.gyro.ledger.rating.Tariff
                    .builder(10).quantumUnits(1000).pricePerQuantumMinor(7).defaultGrantUnits(5000).build()).build();
            });
            for (int i = 0; i < sessions; i++)
            {
                final String key = "session-" + i;
                for (final CommandType type : new CommandType[]{CommandType.RESERVE, CommandType.UPDATE,
                    CommandType.TERMINATE})
                {
                    while (!pipeline.tryPublish((cmd, seq, k, t) ->
                    {
                        cmd.reset();
                        cmd.type = t;
                        cmd.timestampMs = START_MS;
                        cmd.sessionKey(k);
                        cmd.requestNumber = t.ordinal();
                        cmd.addIdentity(IdentityType.E164, "491700000001");
                        cmd.addService(10, t == CommandType.TERMINATE ? -1 : 0, t == CommandType.RESERVE ? -1 : 1234);
                    }, key, type))
                    {
                        Thread.onSpinWait();
                    }
                }
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
        }
        try (LedgerStateMachine ledger = LedgerStateMachine.open(context(true), null))
        {
            ConservationInvariant.assertHolds(ledger.audit());
            assertEquals(1_000_000 - sessions * 3L * 7, ledger.audit().balanceMinor[1], "3 started quanta per session");
        }
    }
}
