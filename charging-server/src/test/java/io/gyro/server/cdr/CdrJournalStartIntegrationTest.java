package io.gyro.server.cdr;

import io.gyro.ledger.SyncPolicy;
import io.gyro.ledger.journal.ChronicleJournal;
import io.gyro.ledger.journal.JournalRecordDescriptor;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CDRs turned on for the first time after journal retention deleted the journal's first days (no CDR checkpoint
 * held them): the writer can only start on what is left, so it says how many commands it never saw, and sessions
 * opened in them get no line (charging-server README, CDRs).
 */
@Timeout(90)
class CdrJournalStartIntegrationTest
{
    private static final long DAY_MS = 86_400_000L;
    private static final String SUBSCRIBER = "491700000005";

    @TempDir
    Path dataDir;
    private TestServer server;
    private DiameterTestClient client;

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

    private void open(final String sessionId) throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.initial(sessionId).msisdn(SUBSCRIBER).mscc(10).send(client).resultCode());
    }

    private void close(final String sessionId) throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.terminate(sessionId, 1).msisdn(SUBSCRIBER).finalOctets(10, 1024)
            .send(client).resultCode());
    }

    private long journalDays() throws IOException
    {
        try (Stream<Path> files = Files.list(dataDir.resolve("journal")))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).count();
        }
    }

    /** @return the first command of the journal's first document that holds one, read independently of CDRs. */
    private long firstCommandOfTheJournal()
    {
        final AtomicLong first = new AtomicLong(-1);
        try (ChronicleJournal journal = new ChronicleJournal(dataDir.resolve("journal"), SyncPolicy.NONE, true, 0))
        {
            journal.readAfter(-1, (index, buffer, length) ->
            {
                if (first.get() < 0 && buffer.getInt(JournalRecordDescriptor.RECORD_COUNT_OFFSET) > 0)
                {
                    first.set(buffer.getLong(JournalRecordDescriptor.FIRST_SEQUENCE_OFFSET));
                }
            });
        }
        return first.get();
    }

    @Test
    void shouldSayHowManyCommandsTheJournalLostBeforeTheFirstCdrCheckpoint() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=1h").with("ledger.snapshots-kept=1")
            .with("cdr.enabled=false");
        start();
        open("pgw1;start;1");
        for (int day = 1; day <= 2; day++)
        {
            server.clock().advance(DAY_MS);
            open("pgw1;start;" + (day + 1));
            server.server().takeSnapshot().join();
        }
        assertEquals(1, journalDays(), "no CDR checkpoint held the first days");
        final long firstCommand = firstCommandOfTheJournal();
        assertTrue(firstCommand > 1, "the journal lost its beginning: " + firstCommand);

        disconnect();
        server.stop();
        server.with("cdr.enabled=true");
        start();
        close("pgw1;start;1");
        close("pgw1;start;3");
        final CdrWriter writer = server.server().cdrWriter();
        assertTrue(writer.awaitCaughtUp(Duration.ofSeconds(20)));
        assertEquals(firstCommand - 1, writer.unseenJournalCommands());

        final List<Map<String, String>> rows = CdrFilesReader.rows(dataDir.resolve("cdr"));
        assertEquals(List.of("pgw1;start;3"), rows.stream().map(row -> row.get("session_id"))
            .collect(Collectors.toList()), "the session opened in the deleted days has no line");
    }

    @Test
    void shouldSeeEveryCommandOfAWholeJournal() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=1h");
        start();
        open("pgw1;start;1");
        close("pgw1;start;1");
        final CdrWriter writer = server.server().cdrWriter();
        assertTrue(writer.awaitCaughtUp(Duration.ofSeconds(20)));
        assertEquals(1, firstCommandOfTheJournal());
        assertEquals(0, writer.unseenJournalCommands());
    }
}
