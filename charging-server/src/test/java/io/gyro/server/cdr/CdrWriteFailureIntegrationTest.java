package io.gyro.server.cdr;

import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.RequestedAction;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CDR file write that fails (a full disk): the writer does not stop for good. It starts again from its checkpoint
 * once {@link CdrWriter#RETRY_INTERVAL_MS} has passed on the server's clock, cuts off what the failed write left in
 * the file, and writes every line once, with the same ids, as after a crash.
 */
@Timeout(90)
class CdrWriteFailureIntegrationTest
{
    private static final String SUBSCRIBER = "491700000005";

    @TempDir
    Path dataDir;
    private TestServer server;
    private DiameterTestClient client;
    private final AtomicBoolean diskFull = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=1h").start();
        connect();
    }

    private void connect() throws Exception
    {
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
    }

    @AfterEach
    void stop()
    {
        CdrFiles.writeFaults = null;
        if (null != client)
        {
            client.close();
        }
        if (null != server)
        {
            server.close();
        }
    }

    private void event(final String sessionId) throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.event(sessionId, RequestedAction.DIRECT_DEBITING)
            .msisdn(SUBSCRIBER).mscc(30, new ServiceUnits().serviceSpecificUnits(1), null).send(client).resultCode());
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(1_000_000);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void shouldWriteEveryLineOnceAfterTheDiskHadNoSpace() throws Exception
    {
        event("pgw1;full;1");
        final CdrWriter first = server.server().cdrWriter();
        assertTrue(first.awaitCaughtUp(Duration.ofSeconds(20)));
        client.close();
        server.stop(); // a checkpoint after line 1
        server.start();
        connect();

        CdrFiles.writeFaults = file ->
        {
            if (diskFull.get())
            {
                throw new IOException("No space left on device");
            }
        };
        diskFull.set(true);
        event("pgw1;full;2");
        final CdrWriter writer = server.server().cdrWriter();
        await(() -> null != writer.failure(), "the write failed");
        assertEquals("No space left on device", writer.failure().getMessage());
        // What a write cut short by the full disk leaves behind: part of a line.
        final Path open = dataDir.resolve("cdr/gyro-cdr-20260105T100000Z.csv.inprogress");
        Files.write(open, "3,event,pgw1;fu".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        event("pgw1;full;3"); // journaled and answered meanwhile: CDRs never hold up charging
        diskFull.set(false);
        server.clock().advance(CdrWriter.RETRY_INTERVAL_MS);
        await(() -> null == writer.failure(), "the writer started again from its checkpoint");
        assertTrue(writer.awaitCaughtUp(Duration.ofSeconds(20)), "caught up");

        final List<Map<String, String>> rows = CdrFilesReader.rows(dataDir.resolve("cdr"));
        assertEquals(3, rows.size(), rows.toString());
        for (int i = 0; i < 3; i++)
        {
            assertEquals(Integer.toString(i + 1), rows.get(i).get("record_id"));
            assertEquals("pgw1;full;" + (i + 1), rows.get(i).get("session_id"));
            assertEquals("event", rows.get(i).get("record_type"));
        }
        assertNull(writer.failure());
        assertFalse(new String(Files.readAllBytes(open), StandardCharsets.UTF_8).contains("pgw1;fu\r\n"));
    }
    @Test
    void shouldReadTheJournalFromItsStartAgainWhenTheCheckpointIsBeforeItsFirstDocument() throws Exception
    {
        client.close();
        server.stop();
        final Path cdrDir = dataDir.resolve("cdr");
        try (java.util.stream.Stream<Path> files = Files.list(cdrDir))
        {
            for (final Path file : files.toList())
            {
                Files.delete(file);
            }
        }
        // What a writer stopped before it had read anything leaves: a checkpoint at no journal index.
        new CdrCheckpoint(-1, 1, -1, 0, 0, -1, new byte[0], List.of()).write(cdrDir);
        server.start();
        connect();
        event("pgw1;full;1");
        CdrFiles.writeFaults = file ->
        {
            if (diskFull.get())
            {
                throw new IOException("No space left on device");
            }
        };
        diskFull.set(true);
        event("pgw1;full;2");
        final CdrWriter writer = server.server().cdrWriter();
        await(() -> null != writer.failure(), "the write failed");
        diskFull.set(false);
        server.clock().advance(CdrWriter.RETRY_INTERVAL_MS);
        await(() -> null == writer.failure(), "the writer started again from its checkpoint");
        assertTrue(writer.awaitCaughtUp(Duration.ofSeconds(20)), "caught up");

        final List<Map<String, String>> rows = CdrFilesReader.rows(cdrDir);
        assertEquals(2, rows.size(), rows.toString());
        for (int i = 0; i < 2; i++)
        {
            assertEquals(Integer.toString(i + 1), rows.get(i).get("record_id"));
            assertEquals("pgw1;full;" + (i + 1), rows.get(i).get("session_id"));
        }
    }
}
