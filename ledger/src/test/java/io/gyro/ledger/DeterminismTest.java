package io.gyro.ledger;

import io.gyro.ledger.internal.Hashing;
import io.gyro.ledger.testing.AnsweredCharges;
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
 * re-feeding the same commands to a fresh ledger reproduces the same events byte for byte. The money the workload
 * moved is checked against the answers the driver received ({@link AnsweredCharges}), not only against the ledger's
 * own counters, which agree with each other whatever a charge amounts to.
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
        final AnsweredCharges answered = new AnsweredCharges();
        try (LedgerStateMachine ledger = LedgerStateMachine.open(journaled, null))
        {
            final WorkloadGenerator workload = new WorkloadGenerator(seed, ACCOUNTS);
            long events = 0;
            long atSnapshot = 0;
            for (int i = 0; i < COMMANDS; i++)
            {
                workload.next(cmd);
                ledger.process(cmd);
                answered.record(cmd, i);
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
            answered.assertMatches(ledger.audit());
            // Not vacuous: money moved, and many charges were more than half their bound, so twice them would show.
            assertTrue(answered.totalMinor() > 0 && answered.sensitiveChecks() > 1_000,
                "charged " + answered.totalMinor() + ", " + answered.sensitiveChecks() + " of " +
                answered.boundChecks() + " charges more than half their bound");
            System.out.println("DeterminismTest charged " + answered.totalMinor() + "; " + answered.sensitiveChecks() +
                " of " + answered.boundChecks() + " charges more than half their tariff bound");
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
            answered.assertMatches(restarted.audit());
        }

        try (LedgerStateMachine snapshotOnly = LedgerStateMachine.open(new LedgerContext().journalEnabled(false)
            .snapshotDir(dir.resolve("journal").resolve("snapshots")), null))
        {
            assertEquals(snapshotHash, snapshotOnly.stateHash(), "the snapshot alone restores the state it was taken of");
        }

        final LedgerStateMachine refed = LedgerStateMachine.open(
            new LedgerContext().journalEnabled(false).eventsEncodedWithoutJournal(true), null);
        // Without a journal events are applied without being encoded: the same commands must give the same answers
        // and the same state as the encoding path, whose byte fields the state reads back from the document.
        final LedgerStateMachine unencoded = LedgerStateMachine.open(new LedgerContext().journalEnabled(false), null);
        final LedgerCommand copy = new LedgerCommand();
        final WorkloadGenerator again = new WorkloadGenerator(seed, ACCOUNTS);
        long events = 0;
        for (int i = 0; i < COMMANDS; i++)
        {
            again.next(cmd);
            copy.copyInputsFrom(cmd);
            refed.process(cmd);
            events = Hashing.combine(events, refed.lastRecordHash());
            unencoded.process(copy);
            assertSameAnswer(cmd, copy, i);
        }
        assertEquals(eventsHash, events, "re-fed commands reproduce the same events");
        assertEquals(stateHash, refed.stateHash());
        assertEquals(0, unencoded.lastRecord().length, "nothing is encoded without a journal");
        assertEquals(refed.eventsRecorded(), unencoded.eventsRecorded(), "the same events are applied");
        assertEquals(stateHash, unencoded.stateHash(), "applying without encoding reaches the same state");
    }

    private static void assertSameAnswer(final LedgerCommand expected, final LedgerCommand actual, final int index)
    {
        if (expected.result != actual.result || expected.balanceMinor != actual.balanceMinor ||
            expected.availableMinor != actual.availableMinor || expected.costMinor != actual.costMinor ||
            expected.duplicate != actual.duplicate || expected.serviceCount != actual.serviceCount)
        {
            assertEquals(expected.result + " balance " + expected.balanceMinor + " available " +
                expected.availableMinor + " cost " + expected.costMinor + " duplicate " + expected.duplicate,
                actual.result + " balance " + actual.balanceMinor + " available " + actual.availableMinor + " cost " +
                actual.costMinor + " duplicate " + actual.duplicate, "answer to command " + index);
        }
        for (int s = 0; s < expected.serviceCount; s++)
        {
            assertEquals(expected.serviceResults[s].grantedUnits, actual.serviceResults[s].grantedUnits,
                "granted units, command " + index);
            assertEquals(expected.serviceResults[s].chargedMinor, actual.serviceResults[s].chargedMinor,
                "charged, command " + index);
            assertEquals(expected.serviceResults[s].result, actual.serviceResults[s].result,
                "service result, command " + index);
        }
    }
}
