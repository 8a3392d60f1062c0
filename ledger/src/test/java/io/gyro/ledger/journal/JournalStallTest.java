package io.gyro.ledger.journal;

import com.lmax.disruptor.EventTranslatorTwoArg;
import io.gyro.ledger.AccountSpec;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.JournalObserver;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerPipeline;
import io.gyro.ledger.LedgerReplyHandler;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.LedgerStateMachine;
import io.gyro.ledger.SyncPolicy;
import io.gyro.ledger.testing.ConservationInvariant;
import io.gyro.ledger.testing.FaultInjectingJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal that cannot take a document (disk full, I/O error): the ledger keeps the document and retries until it
 * is appended, answers nothing of the batch before, never writes a document twice, tells its observer, and gives a
 * stalled batch up unanswered only when closed. Faults come from {@link FaultInjectingJournal}; the free-space guard
 * of {@link ChronicleJournal} is checked against the real file system.
 */
@Timeout(60)
class JournalStallTest
{
    private static final long START_MS = 1_768_471_200_000L;
    private static final int RING = 64;

    @TempDir
    Path dir;

    private final AtomicReference<FaultInjectingJournal> faults = new AtomicReference<>();
    private final RecordingObserver observer = new RecordingObserver();

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

    private LedgerContext faultyContext()
    {
        return plainContext().journalDecorator(FaultInjectingJournal.installInto(faults)).journalObserver(observer);
    }

    private LedgerContext plainContext()
    {
        return new LedgerContext().journalDir(dir.resolve("journal")).snapshotDir(dir.resolve("snapshots"))
            .ringSize(RING).maxBatchSize(16);
    }

    private static LedgerCommand topUp(final long account, final long amount)
    {
        final LedgerCommand cmd = new LedgerCommand().reset();
        TOP_UP.translateTo(cmd, 0, account, amount);
        return cmd;
    }

    @Test
    void shouldRetryAFailedAppendWithTheSameDocumentUntilItIsJournaledOnce()
    {
        final long hash;
        final long documents;
        try (LedgerStateMachine ledger = LedgerStateMachine.open(faultyContext(), null))
        {
            final LedgerCommand create = new LedgerCommand().reset();
            CREATE.translateTo(create, 0, "491700000001", 100L);
            ledger.process(create);
            ledger.flush();
            faults.get().failNext(3);
            for (int i = 0; i < 10; i++)
            {
                ledger.process(topUp(1, 5));
            }
            ledger.flush();
            assertEquals(3, faults.get().failures());
            assertEquals(2, faults.get().appended(), "each document appended exactly once");
            assertEquals(3, ledger.failedAppends());
            assertFalse(ledger.isJournalStalled());
            assertEquals(List.of("failed", "failed", "failed"), observer.failures());
            assertEquals(List.of(true, false), observer.stalls(), "one stall reported, and its end");
            hash = ledger.stateHash();
            documents = ledger.documentsAppended();
        }
        assertEquals(2, documents);
        try (LedgerStateMachine reopened = LedgerStateMachine.open(plainContext(), null))
        {
            assertEquals(2, reopened.recovery().documents(), "no document twice, none lost");
            assertEquals(11, reopened.lastCommandSeq());
            assertEquals(hash, reopened.stateHash());
            assertEquals(150, reopened.audit().balanceMinor[1]);
            ConservationInvariant.assertHolds(reopened.audit());
        }
    }

    @Test
    void shouldHoldEveryAnswerWhileTheDiskIsFullAndReleaseThemInOrderWhenSpaceReturns() throws Exception
    {
        final ConcurrentLinkedQueue<Long> replies = new ConcurrentLinkedQueue<>();
        final List<LedgerResult> failed = new ArrayList<>();
        final LedgerReplyHandler handler = (cmd, sequence, endOfBatch) ->
        {
            if (cmd.result != LedgerResult.SUCCESS)
            {
                failed.add(cmd.result);
            }
            replies.add(sequence);
        };
        int accepted = 1;
        try (LedgerPipeline pipeline = new LedgerPipeline(faultyContext(), handler, null))
        {
            pipeline.start();
            assertTrue(pipeline.tryPublish(CREATE, "491700000001", 0L));
            assertTrue(FaultInjectingJournal.await(() -> replies.size() == 1));
            faults.get().diskFull(true);
            while (pipeline.tryPublish(TOP_UP, 1L, 7L))
            {
                accepted++;
            }
            assertTrue(FaultInjectingJournal.await(() -> faults.get().failures() >= 3), "the ledger keeps retrying");
            assertTrue(pipeline.isJournalStalled());
            assertEquals(1, replies.size(), "nothing answered while the journal refuses the batch");
            assertFalse(pipeline.tryPublish(TOP_UP, 1L, 7L), "the ring stays full: producers must shed");
            assertTrue(accepted > RING / 2, "the ring took commands until it was full: " + accepted);

            faults.get().diskFull(false);
            final int expected = accepted;
            assertTrue(FaultInjectingJournal.await(() -> replies.size() == expected), "every held command answered");
            assertFalse(pipeline.isJournalStalled());
            long previous = -1;
            for (final long sequence : replies)
            {
                assertEquals(previous + 1, sequence, "answers in publication order");
                previous = sequence;
            }
        }
        assertEquals(List.of(), failed);
        assertEquals(List.of(true, false), observer.stalls());
        try (LedgerStateMachine reopened = LedgerStateMachine.open(plainContext(), null))
        {
            assertEquals(accepted, reopened.lastCommandSeq(), "everything answered is journaled");
            assertEquals(7L * (accepted - 1), reopened.audit().balanceMinor[1]);
            ConservationInvariant.assertHolds(reopened.audit());
        }
    }

    @Test
    void shouldGiveAStalledBatchUpUnansweredWhenClosed() throws Exception
    {
        final AtomicInteger replies = new AtomicInteger();
        final LedgerPipeline pipeline = new LedgerPipeline(faultyContext(), (cmd, s, end) -> replies.incrementAndGet(),
            null);
        pipeline.start();
        assertTrue(pipeline.tryPublish(CREATE, "491700000001", 0L));
        assertTrue(FaultInjectingJournal.await(() -> replies.get() == 1));
        faults.get().diskFull(true);
        for (int i = 0; i < 10; i++)
        {
            assertTrue(pipeline.tryPublish(TOP_UP, 1L, 7L));
        }
        assertTrue(FaultInjectingJournal.await(pipeline::isJournalStalled));
        pipeline.close();
        assertEquals(1, replies.get(), "nothing of the stalled batch answered");
        try (LedgerStateMachine reopened = LedgerStateMachine.open(plainContext(), null))
        {
            assertEquals(1, reopened.lastCommandSeq(), "the journal ends at the last appended document");
            assertEquals(0, reopened.audit().balanceMinor[1]);
            ConservationInvariant.assertHolds(reopened.audit());
        }
    }

    @Test
    void shouldRefuseAnAppendThatWouldLeaveTooLittleSpaceWithoutWritingIt() throws Exception
    {
        final Path journalDir = dir.resolve("guarded");
        Files.createDirectories(journalDir);
        final long free = Files.getFileStore(journalDir).getUsableSpace();
        final byte[] document = new byte[256];
        try (ChronicleJournal journal = new ChronicleJournal(journalDir, SyncPolicy.NONE, false, free + (1L << 40)))
        {
            final JournalAppendException refused =
                assertThrows(JournalAppendException.class, () -> journal.append(document, document.length));
            assertTrue(refused.getMessage().contains("disk full"), refused.getMessage());
            assertEquals(-1, journal.lastIndex(), "nothing written");
        }
        try (ChronicleJournal journal = new ChronicleJournal(journalDir, SyncPolicy.NONE, false, 1L << 20))
        {
            journal.append(document, document.length);
            assertEquals(1, journal.readAfter(-1, (index, buffer, length) -> { }));
        }
    }

    /** Records what the ledger tells its journal observer. */
    private static final class RecordingObserver implements JournalObserver
    {
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Boolean> stalls = new ConcurrentLinkedQueue<>();

        @Override
        public void documentAppended(final long appendNanos, final int bytes, final int records)
        {
        }

        @Override
        public void appendFailed(final Throwable error)
        {
            failures.add("failed");
        }

        @Override
        public void stalled(final boolean stalled)
        {
            stalls.add(stalled);
        }

        List<String> failures()
        {
            return new ArrayList<>(failures);
        }

        List<Boolean> stalls()
        {
            return new ArrayList<>(stalls);
        }
    }
}
