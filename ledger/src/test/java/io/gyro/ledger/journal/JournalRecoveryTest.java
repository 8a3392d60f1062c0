package io.gyro.ledger.journal;

import io.gyro.ledger.BucketSpec;
import io.gyro.ledger.BucketView;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.LedgerAudit;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.LedgerStateMachine;
import io.gyro.ledger.SyncPolicy;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.testing.ConservationInvariant;
import io.gyro.ledger.testing.LedgerDriver;
import io.gyro.ledger.testing.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journal, snapshots and recovery: the same state after a restart, or a clear refusal to start. */
class JournalRecoveryTest
{
    static final long MIB = 1 << 20;
    static final Tariff DATA = Tariff.builder(10).unitType(UnitType.OCTETS).quantumUnits(MIB)
        .pricePerQuantumMinor(100).defaultGrantUnits(10 * MIB).maxGrantUnits(100 * MIB).validityTimeSec(600).build();

    @TempDir
    Path dir;

    private LedgerContext context(final SyncPolicy sync)
    {
        return new LedgerContext().journalDir(dir.resolve("journal")).snapshotDir(dir.resolve("snapshots"))
            .syncPolicy(sync).fatalErrorHandler(ex ->
            {
                throw new AssertionError(ex);
            });
    }

    private LedgerStateMachine open(final RecordingListener listener)
    {
        return LedgerStateMachine.open(context(SyncPolicy.NONE), listener);
    }

    /** Opening balance of each round's account. */
    static final long OPENING = 5_000;
    /** Usage each round reports. */
    static final long USED = 3 * MIB;
    /** Each round's top-up. */
    static final long TOP_UP = 700;
    /** What the report costs on the flat DATA tariff, worked out by hand: 3 MiB are 3 quanta of 1 MiB at 100. */
    static final long CHARGE = 300;
    /** What the open session holds after the report: the default grant again, 10 quanta at 100. */
    static final long HELD = 1_000;

    /** A small workload: accounts, sessions, top-ups, a tariff change, an expiry. One batch per call. */
    private static void workload(final LedgerDriver d, final int round)
    {
        if (round == 0)
        {
            d.setTariffs(DATA);
        }
        final String msisdn = "4917000" + (10_000 + round);
        final long account = d.createAccount(msisdn, OPENING, 0);
        d.ledger.flush();
        d.reserve("s" + round, 0, msisdn, 10, 0);
        d.update("s" + round, 1, 10, USED, 0);
        d.ledger.flush();
        d.topUp(account, TOP_UP, "pay-" + round);
        d.advance(1_000);
        d.tick();
        d.ledger.flush();
    }

    /**
     * The money of {@link #workload} rounds, against values worked out from the tariff rather than read from the
     * ledger: the state hash only says that recovery rebuilt the same state, and the conservation invariant holds
     * for any charge, so a charge doubled on the way in, or applied twice on replay, passes both.
     */
    private static void assertEveryRoundCharged(final LedgerAudit audit, final int rounds)
    {
        int accounts = 0;
        for (int a = 1; a < audit.accountExists.length; a++)
        {
            if (!audit.accountExists[a])
            {
                continue;
            }
            accounts++;
            assertEquals(CHARGE, audit.consumedMinor[a], "account " + a + " consumed");
            assertEquals(OPENING + TOP_UP, audit.creditedMinor[a], "account " + a + " credited");
            assertEquals(OPENING + TOP_UP - CHARGE, audit.balanceMinor[a], "account " + a + " balance");
            assertEquals(HELD, audit.reservedMinor[a], "account " + a + " reserved");
        }
        assertEquals(rounds, accounts);
    }

    @Test
    void shouldRebuildTheSameStateFromTheJournalAfterARestart()
    {
        final long hash;
        final long seq;
        try (LedgerStateMachine ledger = open(null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            for (int round = 0; round < 20; round++)
            {
                workload(d, round);
            }
            hash = ledger.stateHash();
            seq = ledger.lastCommandSeq();
            assertTrue(ledger.documentsAppended() >= 60);
        }
        try (LedgerStateMachine ledger = open(null))
        {
            assertEquals(hash, ledger.stateHash());
            assertEquals(seq, ledger.lastCommandSeq());
            assertNull(ledger.recovery().snapshot());
            assertTrue(ledger.recovery().documents() >= 60);
            ConservationInvariant.assertHolds(ledger.audit());
            assertEveryRoundCharged(ledger.audit(), 20);
        }
    }

    @Test
    void shouldGiveARetransmissionAfterARestartTheSameAnswer()
    {
        final LedgerCommand first;
        try (LedgerStateMachine ledger = open(null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            workload(d, 0);
            first = d.update("s0", 2, 10, MIB, 5 * MIB);
            ledger.flush();
        }
        try (LedgerStateMachine ledger = open(null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            final long hash = ledger.stateHash();
            final LedgerCommand again = d.update("s0", 2, 10, MIB, 5 * MIB);
            assertTrue(again.duplicate);
            assertEquals(first.result, again.result);
            assertEquals(first.serviceResults[0].grantedUnits, again.serviceResults[0].grantedUnits);
            assertEquals(first.serviceResults[0].chargedMinor, again.serviceResults[0].chargedMinor);
            assertEquals(first.balanceMinor, again.balanceMinor);
            assertEquals(first.serviceResults[0].tariff.tariffId(), again.serviceResults[0].tariff.tariffId());
            assertEquals(hash, ledger.stateHash());
        }
    }

    @Test
    void shouldReplayAFailedUpdateToTheSameTombstone()
    {
        final Tariff voice = Tariff.builder(20).unitType(UnitType.SECONDS).quantumUnits(60).pricePerQuantumMinor(500)
            .defaultGrantUnits(300).maxGrantUnits(3600).validityTimeSec(1800).build();
        final long hash;
        try (LedgerStateMachine ledger = open(null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            d.setTariffs(DATA, voice);
            d.createAccount("491700010001", 250, 0);
            d.reserve("f1", 0, "491700010001", 10, 0);
            assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, d.update("f1", 1, 20, -1, 0).result);
            ledger.flush();
            hash = ledger.stateHash();
        }
        try (LedgerStateMachine ledger = open(null))
        {
            assertEquals(hash, ledger.stateHash());
            final LedgerDriver d = new LedgerDriver(ledger);
            final LedgerCommand again = d.update("f1", 1, 20, -1, 0);
            assertTrue(again.duplicate);
            assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, again.result);
            assertEquals(LedgerResult.SUCCESS, d.terminate("f1", 2, 10, MIB).result);
            assertEquals(150, d.account(1).balanceMinor());
            assertEquals(0, d.account(1).reservedMinor());
            ConservationInvariant.assertHolds(ledger.audit());
        }
    }

    private static LedgerCommand debit(final LedgerDriver d, final String key, final String msisdn)
    {
        final LedgerCommand cmd = d.session(CommandType.DIRECT_DEBIT, key, 0);
        cmd.addIdentity(io.gyro.ledger.IdentityType.E164, msisdn);
        cmd.addService(10, MIB, -1);
        return d.run(cmd);
    }

    @Test
    void shouldKeepOneTimeEventAnswersAcrossSnapshotAndJournal()
    {
        final String msisdn = "491700010002";
        final long hashAtSnapshot;
        final long hash;
        try (LedgerStateMachine ledger = open(null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            d.setTariffs(DATA);
            d.createAccount(msisdn, 5_000, 0);
            assertEquals(LedgerResult.SUCCESS, debit(d, "ev-1", msisdn).result);
            d.advance(LedgerContext.EVENT_RESULT_RETENTION_MS_DEFAULT);
            d.tick();
            ledger.flush();
            d.run(d.command(CommandType.TAKE_SNAPSHOT));
            ledger.flush();
            hashAtSnapshot = ledger.stateHash();
            assertEquals(LedgerResult.SUCCESS, debit(d, "ev-2", msisdn).result);
            ledger.flush();
            hash = ledger.stateHash();
        }
        try (LedgerStateMachine ledger = open(null))
        {
            assertNotNull(ledger.recovery().snapshot());
            assertEquals(hash, ledger.stateHash());
            final LedgerDriver d = new LedgerDriver(ledger);
            d.advance(2 * LedgerContext.EVENT_RESULT_RETENTION_MS_DEFAULT);
            d.tick();
            assertTrue(debit(d, "ev-1", msisdn).duplicate, "restored from the snapshot");
            assertTrue(debit(d, "ev-2", msisdn).duplicate, "replayed from the journal");
            assertEquals(5_000 - 200, d.account(1).balanceMinor());
            ConservationInvariant.assertHolds(ledger.audit());
        }
        assertNotEquals(hashAtSnapshot, hash);
    }

    @Test
    void shouldKeepTheOriginEpochAcrossSnapshotAndJournal()
    {
        final long hash;
        try (LedgerStateMachine ledger = open(null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            d.setTariffs(DATA);
            d.createAccount("491700010003", 5_000, 0);
            final LedgerCommand start = d.session(CommandType.RESERVE, "nas/1", 0);
            start.cumulativeUsage = true;
            start.originKey = 5;
            start.addIdentity(io.gyro.ledger.IdentityType.E164, "491700010003");
            start.addService(10, 0, -1);
            d.run(start);
            final LedgerCommand on = d.command(CommandType.RELEASE_ORIGIN_SESSIONS);
            on.originKey = 5;
            d.run(on);
            ledger.flush();
            d.run(d.command(CommandType.TAKE_SNAPSHOT));
            ledger.flush();
            final LedgerCommand off = d.command(CommandType.RELEASE_ORIGIN_SESSIONS);
            off.originKey = 6;
            d.run(off);
            ledger.flush();
            hash = ledger.stateHash();
        }
        try (LedgerStateMachine ledger = open(null))
        {
            assertNotNull(ledger.recovery().snapshot());
            assertEquals(hash, ledger.stateHash());
            final LedgerDriver d = new LedgerDriver(ledger);
            final LedgerCommand reused = d.session(CommandType.RESERVE, "nas/1", 0);
            reused.cumulativeUsage = true;
            reused.originKey = 5;
            reused.addIdentity(io.gyro.ledger.IdentityType.E164, "491700010003");
            reused.addService(10, 0, -1);
            d.run(reused);
            assertEquals(LedgerResult.SUCCESS, reused.result);
            assertTrue(!reused.duplicate, "the restored epoch still marks the old entry as the previous life's");
            ConservationInvariant.assertHolds(ledger.audit());
        }
    }

    @Test
    void shouldReplayOverageThatSeveralBucketsPaid()
    {
        final long hash;
        final long account;
        try (LedgerStateMachine ledger = open(null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            d.setTariffs(DATA);
            account = d.createAccount("491700010004", 5_000, 0,
                new BucketSpec(UnitType.OCTETS, 2 * MIB, 10, BucketSpec.NEVER_EXPIRES),
                new BucketSpec(UnitType.OCTETS, 3 * MIB, BucketSpec.ANY_RATING_GROUP,
                    BucketSpec.NEVER_EXPIRES));
            d.reserve("s1", 0, "491700010004", 10, 0);
            // 2 MiB granted from the scoped bucket; 6 MiB used: 2 + 3 from the buckets, 1 MiB (100) from money.
            assertEquals(100, d.terminate("s1", 1, 10, 6 * MIB).serviceResults[0].chargedMinor);
            ledger.flush();
            hash = ledger.stateHash();
        }
        try (LedgerStateMachine ledger = open(null))
        {
            assertEquals(hash, ledger.stateHash());
            final LedgerDriver d = new LedgerDriver(ledger);
            assertEquals(4_900, d.account(account).balanceMinor());
            assertEquals(List.of(2 * MIB, 3 * MIB), d.account(account).buckets().stream()
                .sorted(Comparator.comparingLong(BucketView::bucketId))
                .map(BucketView::consumedUnits).collect(Collectors.toList()));
            ConservationInvariant.assertHolds(ledger.audit());
        }
    }

    @Test
    void shouldRestoreFromTheNewestSnapshotPlusTheJournalTail()
    {
        final long hash;
        try (LedgerStateMachine ledger = open(null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            for (int round = 0; round < 5; round++)
            {
                workload(d, round);
            }
            d.run(d.command(CommandType.TAKE_SNAPSHOT));
            ledger.flush();
            for (int round = 5; round < 8; round++)
            {
                workload(d, round);
            }
            hash = ledger.stateHash();
        }
        try (LedgerStateMachine ledger = open(null))
        {
            assertNotNull(ledger.recovery().snapshot());
            assertEquals(9, ledger.recovery().documents(), "only the tail after the snapshot is replayed");
            assertEquals(hash, ledger.stateHash());
            ConservationInvariant.assertHolds(ledger.audit());
            assertEveryRoundCharged(ledger.audit(), 8);
        }
    }

    @Test
    void shouldFallBackToThePreviousSnapshotWhenTheNewestIsDamaged() throws IOException
    {
        final long hash;
        try (LedgerStateMachine ledger = open(null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            workload(d, 0);
            ledger.takeSnapshot();
            workload(d, 1);
            ledger.takeSnapshot();
            workload(d, 2);
            hash = ledger.stateHash();
        }
        final List<Path> snapshots = snapshotFiles();
        assertEquals(2, snapshots.size());
        flipByte(snapshots.get(snapshots.size() - 1), 200);
        try (LedgerStateMachine ledger = open(null))
        {
            assertEquals(1, ledger.recovery().snapshotsSkipped());
            assertEquals(snapshots.get(0), ledger.recovery().snapshot());
            assertEquals(hash, ledger.stateHash());
            assertEveryRoundCharged(ledger.audit(), 3);
        }
    }

    @Test
    void shouldKeepOnlyTheConfiguredNumberOfSnapshots() throws IOException
    {
        try (LedgerStateMachine ledger = open(null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            for (int round = 0; round < 5; round++)
            {
                workload(d, round);
                ledger.takeSnapshot();
            }
        }
        assertEquals(LedgerContext.SNAPSHOT_RETENTION_DEFAULT, snapshotFiles().size());
    }

    @Test
    void shouldRefuseToStartOnAJournalItCannotRead() throws IOException
    {
        try (LedgerStateMachine ledger = open(null))
        {
            workload(new LedgerDriver(ledger), 0);
        }
        final Path cq4 = journalFile();
        final long magicAt = find(cq4, 0);
        flipByte(cq4, magicAt + JournalRecordDescriptor.DOCUMENT_HEADER_LENGTH + 30);
        final JournalFormatException ex = assertThrows(JournalFormatException.class, () -> open(null));
        assertTrue(ex.getMessage().contains("CRC32C"), ex.getMessage());
        assertTrue(ex.getMessage().contains(dir.resolve("journal").toString()), ex.getMessage());
    }

    @Test
    void shouldRefuseAJournalWrittenByANewerGyro() throws IOException
    {
        try (LedgerStateMachine ledger = open(null))
        {
            workload(new LedgerDriver(ledger), 0);
        }
        final Path cq4 = journalFile();
        final long magicAt = find(cq4, 0);
        writeShort(cq4, magicAt + JournalRecordDescriptor.VERSION_OFFSET, (short)(JournalRecordDescriptor.FORMAT_VERSION + 1));
        final JournalVersionException ex = assertThrows(JournalVersionException.class, () -> open(null));
        assertTrue(ex.getMessage().contains("format version 2"), ex.getMessage());
        assertTrue(ex.getMessage().contains("newer Gyro"), ex.getMessage());
    }

    @Test
    void shouldRefuseASnapshotWrittenByANewerGyro() throws IOException
    {
        try (LedgerStateMachine ledger = open(null))
        {
            workload(new LedgerDriver(ledger), 0);
            ledger.takeSnapshot();
        }
        writeShort(snapshotFiles().get(0), 8, (short)(SnapshotStore.FORMAT_VERSION + 1));
        final JournalVersionException ex = assertThrows(JournalVersionException.class, () -> open(null));
        assertTrue(ex.getMessage().contains("snapshot"), ex.getMessage());
    }

    @Test
    void shouldRefuseASnapshotWhoseJournalIsGone() throws IOException
    {
        try (LedgerStateMachine ledger = open(null))
        {
            workload(new LedgerDriver(ledger), 0);
            ledger.takeSnapshot();
        }
        try (Stream<Path> files = Files.list(dir.resolve("journal")))
        {
            for (final Path p : files.collect(Collectors.toList()))
            {
                Files.delete(p);
            }
        }
        final JournalFormatException ex = assertThrows(JournalFormatException.class, () -> open(null));
        assertTrue(ex.getMessage().contains("refusing to start"), ex.getMessage());
    }

    @Test
    void shouldNotNotifyTheNetworkWhileReplaying()
    {
        final RecordingListener live = new RecordingListener();
        try (LedgerStateMachine ledger = open(live))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            workload(d, 0);
            d.advance(2_000_000);
            d.tick();
            ledger.flush();
            assertEquals(List.of("expired s0 ctx="), live.events);
        }
        final RecordingListener replayed = new RecordingListener();
        try (LedgerStateMachine ledger = open(replayed))
        {
            assertTrue(ledger.recovery().documents() > 0);
            ledger.flush();
            assertEquals(List.of(), replayed.events);
        }
    }

    @Test
    void shouldNotifyOnlyAfterTheBatchIsInTheJournal()
    {
        final RecordingListener listener = new RecordingListener();
        try (LedgerStateMachine ledger = open(listener))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            workload(d, 0);
            final LedgerCommand abort = d.session(CommandType.ABORT_SESSION, "s0", 0);
            assertEquals(LedgerResult.SUCCESS, d.run(abort).result);
            assertEquals(List.of(), listener.events);
            final long before = ledger.documentsAppended();
            ledger.flush();
            assertEquals(before + 1, ledger.documentsAppended());
            assertEquals(List.of("abort s0 ADMINISTRATIVE"), listener.events);
        }
    }

    @Test
    void shouldRecoverUnderTheBatchSyncPolicy()
    {
        final long hash;
        try (LedgerStateMachine ledger = LedgerStateMachine.open(context(SyncPolicy.BATCH), null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            workload(d, 0);
            workload(d, 1);
            hash = ledger.stateHash();
        }
        try (LedgerStateMachine ledger = LedgerStateMachine.open(context(SyncPolicy.BATCH), null))
        {
            assertEquals(hash, ledger.stateHash());
            assertNotEquals(0, ledger.lastCommandSeq());
            assertEveryRoundCharged(ledger.audit(), 2);
        }
    }

    // ------------------------------------------------------------------ file surgery

    private List<Path> snapshotFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(dir.resolve("snapshots")))
        {
            return files.filter(p -> p.toString().endsWith(".gsnap")).sorted().collect(Collectors.toList());
        }
    }

    private Path journalFile() throws IOException
    {
        try (Stream<Path> files = Files.list(dir.resolve("journal")))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** Offset of the n-th journal document magic in a queue file. */
    private static long find(final Path file, final int nth) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"); FileChannel ch = raf.getChannel())
        {
            final MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            int seen = 0;
            for (int i = 0; i + 4 <= map.limit(); i++)
            {
                if (map.get(i) == 'G' && map.get(i + 1) == 'Y' && map.get(i + 2) == 'J' && map.get(i + 3) == '1')
                {
                    if (seen++ == nth)
                    {
                        return i;
                    }
                }
            }
        }
        throw new AssertionError("no journal document found in " + file);
    }

    static void flipByte(final Path file, final long offset) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            final int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x5A);
        }
    }

    private static void writeShort(final Path file, final long offset, final short value) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            raf.write(value & 0xFF);
            raf.write((value >>> 8) & 0xFF);
        }
    }
}
