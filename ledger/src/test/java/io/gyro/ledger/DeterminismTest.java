package io.gyro.ledger;

import io.gyro.ledger.internal.Hashing;
import io.gyro.ledger.testing.ConservationInvariant;
import io.gyro.ledger.testing.WorkloadGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated workload of a million commands: restart from snapshot + journal gives the same state hash, and
 * re-feeding the same commands to a fresh ledger reproduces the same events byte for byte.
 */
class DeterminismTest
{
    private static final int COMMANDS = 1_000_000;
    private static final int ACCOUNTS = 5_000;
    /** Late enough that many sessions open at the snapshot are still open at the end. */
    private static final int SNAPSHOT_AT = 900_000;
    /** Commands per simulated Disruptor batch (one journal document). */
    private static final int BATCH = 200;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldRebuildTheSameStateAndReproduceTheSameEvents()
    {
        final long seed = Long.getLong("gyro.test.seed", System.nanoTime());
        System.out.println("DeterminismTest seed=" + seed);
        final LedgerContext journaled = new LedgerContext().journalDir(dir.resolve("journal"))
            .fatalErrorHandler(ex ->
            {
                throw new AssertionError(ex);
            });
        final long stateHash;
        final long snapshotHash;
        final long eventsHash;
        final long lastSeq;
        final LedgerCommand cmd = new LedgerCommand();
        try (LedgerStateMachine ledger = LedgerStateMachine.open(journaled, null))
        {
            final WorkloadGenerator workload = new WorkloadGenerator(seed, ACCOUNTS);
            long events = 0;
            long atSnapshot = 0;
            for (int i = 0; i < COMMANDS; i++)
            {
                workload.next(cmd);
                ledger.process(cmd);
                events = Hashing.combine(events, ledger.lastRecordHash());
                if (i % BATCH == BATCH - 1)
                {
                    ledger.flush();
                }
                if (i == SNAPSHOT_AT)
                {
                    ledger.flush();
                    ConservationInvariant.assertHolds(ledger.audit());
                    atSnapshot = ledger.stateHash();
                    cmd.reset();
                    cmd.type = CommandType.TAKE_SNAPSHOT;
                    ledger.process(cmd);
                    ledger.flush();
                }
            }
            snapshotHash = atSnapshot;
            ledger.flush();
            stateHash = ledger.stateHash();
            eventsHash = events;
            lastSeq = ledger.lastCommandSeq();
            ConservationInvariant.assertHolds(ledger.audit());
            assertTrue(ledger.sessionCount() > 0);
            assertTrue(lastSeq > COMMANDS / 2, "most commands change state: " + lastSeq);
        }

        try (LedgerStateMachine restarted = LedgerStateMachine.open(new LedgerContext()
            .journalDir(dir.resolve("journal")), null))
        {
            assertNotNull(restarted.recovery().snapshot(), "recovery starts from the snapshot");
            assertEquals(lastSeq, restarted.lastCommandSeq());
            assertEquals(stateHash, restarted.stateHash(), "snapshot + journal tail rebuild the same state");
            ConservationInvariant.assertHolds(restarted.audit());
        }

        try (LedgerStateMachine snapshotOnly = LedgerStateMachine.open(new LedgerContext().journalEnabled(false)
            .snapshotDir(dir.resolve("journal").resolve("snapshots")), null))
        {
            assertEquals(snapshotHash, snapshotOnly.stateHash(), "the snapshot alone restores the state it was taken of");
        }

        final LedgerStateMachine refed = LedgerStateMachine.open(new LedgerContext().journalEnabled(false), null);
        final WorkloadGenerator again = new WorkloadGenerator(seed, ACCOUNTS);
        long events = 0;
        for (int i = 0; i < COMMANDS; i++)
        {
            again.next(cmd);
            refed.process(cmd);
            events = Hashing.combine(events, refed.lastRecordHash());
        }
        assertEquals(eventsHash, events, "re-fed commands reproduce the same events");
        assertEquals(stateHash, refed.stateHash());
    }
}
