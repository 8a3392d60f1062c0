package io.gyro.server.cdr;

import io.gyro.ledger.SyncPolicy;
import io.gyro.ledger.journal.ChronicleJournal;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journal retention in the running server: the journal rolls a file per day of the server's clock, each snapshot
 * deletes the days every kept snapshot is past, and the CDR writer's checkpoint holds its day even while CDRs are
 * turned off, so that turning them on again resumes where they stopped.
 */
@Timeout(120)
class JournalRetentionIntegrationTest
{
    private static final long DAY_MS = 86_400_000L;
    private static final String SUBSCRIBER = "491700000005";

    @TempDir
    Path dataDir;
    private TestServer server;
    private DiameterTestClient client;
    private int sessions;

    @AfterEach
    void stop()
    {
        disconnect();
        if (null != server)
        {
            server.close();
        }
    }

    private void start() throws Exception
    {
        server.start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
    }

    private void disconnect()
    {
        if (null != client)
        {
            client.close();
            client = null;
        }
    }

    private void restartWith(final String override) throws Exception
    {
        disconnect();
        server.stop();
        server.with(override);
        start();
    }

    /** A new session: one journal document on the day of the server's clock. */
    private void traffic() throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.initial("pgw1;retention;" + sessions++).msisdn(SUBSCRIBER).mscc(10)
            .send(client).resultCode());
    }

    private void snapshot()
    {
        server.server().takeSnapshot().join();
    }

    private void awaitCdrs()
    {
        assertTrue(server.server().cdrWriter().awaitCaughtUp(Duration.ofSeconds(20)), "CDR writer caught up");
    }

    /**
     * Wait until the CDR writer's checkpoint is at the journal's last document: its idle loop writes one once the
     * clock has moved {@link CdrWriter#CHECKPOINT_INTERVAL_MS} past the previous.
     */
    private void awaitCdrCheckpoint()
    {
        awaitCdrs();
        server.clock().advance(CdrWriter.CHECKPOINT_INTERVAL_MS);
        final long last;
        try (ChronicleJournal journal = new ChronicleJournal(dataDir.resolve("journal"), SyncPolicy.NONE, true, 0))
        {
            last = journal.lastIndex();
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.server().cdrWriter().checkpointedIndex() < last)
        {
            assertTrue(System.nanoTime() < deadline, "the CDR checkpoint reached the journal's end: " +
                Long.toHexString(server.server().cdrWriter().checkpointedIndex()) + " < " + Long.toHexString(last));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private List<Path> journalDays() throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir.resolve("journal")))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void shouldKeepTheDaysTheCdrCheckpointNeedsWhileCdrsAreOffAndDeleteThemOnceCdrsCaughtUp() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=1h").with("ledger.snapshots-kept=1");
        start();
        traffic();
        awaitCdrs();
        final Path firstDay = journalDays().get(0);

        restartWith("cdr.enabled=false");
        for (int day = 1; day <= 2; day++)
        {
            server.clock().advance(DAY_MS);
            traffic();
            snapshot();
        }
        assertEquals(3, journalDays().size(), "the one kept snapshot is on the third day, but the CDR checkpoint " +
            "left on the first day holds it: " + journalDays());
        assertTrue(journalDays().contains(firstDay));

        restartWith("cdr.enabled=true");
        awaitCdrs();
        server.clock().advance(DAY_MS);
        traffic();
        awaitCdrCheckpoint();
        snapshot();
        assertEquals(1, journalDays().size(), "the CDR writer resumed and moved on: only the day of both is left: " +
            journalDays());
    }

    @Test
    void shouldKeepEveryDayWithRetentionForever() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=1h").with("ledger.snapshots-kept=1")
            .with("ledger.journal-retention=forever");
        start();
        for (int day = 0; day < 3; day++)
        {
            traffic();
            awaitCdrs();
            snapshot();
            server.clock().advance(DAY_MS);
        }
        assertEquals(3, journalDays().size());
    }
}
