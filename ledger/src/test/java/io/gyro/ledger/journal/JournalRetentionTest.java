package io.gyro.ledger.journal;

import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerStateMachine;
import io.gyro.ledger.SyncPolicy;
import io.gyro.ledger.testing.LedgerDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.gyro.ledger.journal.JournalRecoveryTest.DATA;
import static io.gyro.ledger.journal.JournalRecoveryTest.MIB;
import static io.gyro.ledger.journal.JournalRecoveryTest.flipByte;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journal retention: after each snapshot the daily cycle files that the oldest kept snapshot already covers are
 * deleted, never one a restart could need, and a journal missing a cycle is refused rather than replayed with a hole.
 * The journal's roll clock is moved by hand, a day at a time.
 */
class JournalRetentionTest
{
    private static final long DAY_MS = 86_400_000L;

    @TempDir
    Path dir;

    private final AtomicLong rollClockMs = new AtomicLong(LedgerDriver.START_MS);

    /** The lowest journal index another reader (the CDR writer) will read again; none by default. */
    private final AtomicLong readerFloor = new AtomicLong(Long.MAX_VALUE);

    private LedgerStateMachine open(final boolean deleteCoveredCycles)
    {
        return LedgerStateMachine.open(new LedgerContext()
            .journalReaderFloor(readerFloor::get)
            .journalDir(dir.resolve("journal"))
            .snapshotDir(dir.resolve("snapshots"))
            .snapshotRetention(2)
            .syncPolicy(SyncPolicy.NONE)
            .journalDeleteCoveredCycles(deleteCoveredCycles)
            .journalRollClockMs(rollClockMs::get)
            .fatalErrorHandler(ex ->
            {
                throw new AssertionError(ex);
            }), null);
    }

    /** One day of traffic: a new subscriber, a session with an update, a top-up. */
    private void day(final LedgerDriver d, final int day)
    {
        if (day == 0)
        {
            d.setTariffs(DATA);
        }
        final String msisdn = "4917100" + (10_000 + day);
        final long account = d.createAccount(msisdn, 5_000, 0);
        d.reserve("day" + day, 0, msisdn, 10, 0);
        d.update("day" + day, 1, 10, 3 * MIB, 0);
        d.topUp(account, 700, "pay-" + day);
        d.ledger.flush();
    }

    private void nextDay(final LedgerDriver d)
    {
        rollClockMs.addAndGet(DAY_MS);
        d.advance(DAY_MS);
    }

    @Test
    void shouldDeleteOnlyTheCyclesBeforeTheOldestKeptSnapshotAndRecoverFromEveryKeptSnapshot() throws IOException
    {
        final long hash;
        final List<Path> cycles;
        try (LedgerStateMachine ledger = open(true))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            day(d, 0);
            ledger.takeSnapshot();
            nextDay(d);
            day(d, 1);
            ledger.takeSnapshot();
            assertEquals(2, cycleFiles().size(), "the oldest kept snapshot is in the first cycle: nothing goes");

            cycles = cycleFiles();
            nextDay(d);
            day(d, 2);
            ledger.takeSnapshot();
            final List<Path> left = cycleFiles();
            assertEquals(2, left.size());
            assertTrue(!left.contains(cycles.get(0)), "the first cycle is deleted: " + left);
            assertTrue(left.contains(cycles.get(1)), "the oldest kept snapshot's cycle stays: " + left);

            nextDay(d);
            day(d, 3);
            d.assertConserved();
            hash = ledger.stateHash();
        }
        assertEquals(3, cycleFiles().size());

        try (LedgerStateMachine ledger = open(true))
        {
            assertEquals(newestSnapshot(), ledger.recovery().snapshot());
            assertEquals(hash, ledger.stateHash());
        }

        flipByte(newestSnapshot(), 200);
        try (LedgerStateMachine ledger = open(true))
        {
            assertEquals(1, ledger.recovery().snapshotsSkipped(), "fell back to the older snapshot");
            assertEquals(hash, ledger.stateHash(), "its journal cycles are all there");
        }
    }

    @Test
    void shouldKeepEveryCycleWhenDeletionIsOff() throws IOException
    {
        try (LedgerStateMachine ledger = open(false))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            for (int day = 0; day < 4; day++)
            {
                day(d, day);
                ledger.takeSnapshot();
                nextDay(d);
            }
        }
        assertEquals(4, cycleFiles().size());
    }

    @Test
    void shouldKeepTheCyclesAnotherReaderStillNeeds() throws IOException
    {
        try (LedgerStateMachine ledger = open(true))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            readerFloor.set(-1);
            for (int day = 0; day < 4; day++)
            {
                day(d, day);
                ledger.takeSnapshot();
                nextDay(d);
            }
            assertEquals(4, cycleFiles().size(), "a reader that needs the whole journal keeps every cycle");

            final List<Path> before = cycleFiles();
            readerFloor.set(Long.MAX_VALUE);
            day(d, 4);
            ledger.takeSnapshot();
            final List<Path> after = cycleFiles();
            assertEquals(2, after.size(), "the kept snapshots of the last two days limit what goes: " + after);
            assertEquals(before.get(3), after.get(0));
        }
    }

    @Test
    void shouldKeepTheCycleOfAReaderCheckpointBetweenTheSnapshots() throws IOException
    {
        try (LedgerStateMachine ledger = open(true))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            for (int day = 0; day < 4; day++)
            {
                day(d, day);
                if (day == 1)
                {
                    try (ChronicleJournal reader = new ChronicleJournal(dir.resolve("journal"), SyncPolicy.NONE, true, 0))
                    {
                        readerFloor.set(reader.lastIndex());
                    }
                }
                ledger.takeSnapshot();
                nextDay(d);
            }
        }
        final List<Path> left = cycleFiles();
        assertEquals(3, left.size(), "the kept snapshots (days 2 and 3) alone would leave two: " + left);
    }

    @Test
    void shouldDeleteNothingWhileAKeptSnapshotPrecedesTheFirstDocument() throws IOException
    {
        try (LedgerStateMachine ledger = open(true))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            ledger.takeSnapshot();
            for (int day = 0; day < 3; day++)
            {
                day(d, day);
                nextDay(d);
            }
            ledger.takeSnapshot();
        }
        assertEquals(3, cycleFiles().size(), "a snapshot of the empty journal needs the journal from its start");
    }

    @Test
    void shouldRefuseToStartWhenACycleAfterTheSnapshotIsMissing() throws IOException
    {
        try (LedgerStateMachine ledger = open(false))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            day(d, 0);
            ledger.takeSnapshot();
            for (int day = 1; day < 4; day++)
            {
                nextDay(d);
                day(d, day);
            }
        }
        Files.delete(cycleFiles().get(2));
        final RuntimeException refused = assertThrows(RuntimeException.class, () -> open(false).close());
        assertTrue(refused.getMessage().contains("gap"), refused.getMessage());
    }

    @Test
    void shouldRefuseToStartWhenTheFirstCycleIsMissingAndNoSnapshotCoversIt() throws IOException
    {
        try (LedgerStateMachine ledger = open(false))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            for (int day = 0; day < 2; day++)
            {
                day(d, day);
                nextDay(d);
            }
        }
        Files.delete(cycleFiles().get(0));
        final RuntimeException refused = assertThrows(RuntimeException.class, () -> open(false).close());
        assertTrue(refused.getMessage().contains("gap"), refused.getMessage());
    }

    private List<Path> cycleFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(dir.resolve("journal")))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().collect(Collectors.toList());
        }
    }

    private Path newestSnapshot() throws IOException
    {
        try (Stream<Path> files = Files.list(dir.resolve("snapshots")))
        {
            return files.filter(p -> p.toString().endsWith(".gsnap")).max(Path::compareTo).orElseThrow();
        }
    }
}
