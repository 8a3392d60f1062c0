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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery of the CDR directory after a crash that the file system did not finish: a completed file whose rename
 * to {@code .csv} did not reach the disk is completed again on start, never deleted.
 */
@Timeout(90)
class CdrRecoveryIntegrationTest
{
    private static final String SUBSCRIBER = "491700000005";
    private static final int PERIOD_MS = 3_600_000;

    @TempDir
    Path dataDir;
    private TestServer server;
    private DiameterTestClient client;

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
        if (null != client)
        {
            client.close();
        }
        if (null != server)
        {
            server.close();
        }
    }

    private Path cdrDir()
    {
        return dataDir.resolve("cdr");
    }

    private List<Map<String, String>> rows() throws Exception
    {
        assertTrue(server.server().cdrWriter().awaitCaughtUp(Duration.ofSeconds(20)), "CDR writer caught up");
        return CdrFilesReader.rows(cdrDir());
    }

    private void event(final String sessionId) throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.event(sessionId, RequestedAction.DIRECT_DEBITING)
            .msisdn(SUBSCRIBER).mscc(30, new ServiceUnits().serviceSpecificUnits(1), null).send(client).resultCode());
    }

    @Test
    void shouldCompleteAgainAFileWhoseRenameWasLostInsteadOfDeletingIt() throws Exception
    {
        event("pgw1;lost-rename;1");
        assertEquals(1, rows().size());
        server.clock().advance(PERIOD_MS);
        final Path done = cdrDir().resolve("gyro-cdr-20260105T100000Z.csv");
        final Path open = cdrDir().resolve("gyro-cdr-20260105T100000Z.csv.inprogress");
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(done) && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(1_000_000);
        }
        assertTrue(Files.exists(done), "completed when the clock passed the end of its hour");
        final byte[] completed = Files.readAllBytes(done);
        client.close();
        server.stop();

        // Power loss after the checkpoint that follows the roll reached the disk, but before the rename did.
        Files.move(done, open);
        server.start();
        connect();

        assertTrue(Files.exists(done), "the file completed again");
        assertFalse(Files.exists(open));
        assertEquals(new String(completed, java.nio.charset.StandardCharsets.UTF_8),
            Files.readString(done), "the same bytes");
        event("pgw1;lost-rename;2");
        final List<Map<String, String>> rows = rows();
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("pgw1;lost-rename;1", rows.get(0).get("session_id"));
        assertEquals("1", rows.get(0).get("record_id"));
        assertEquals("gyro-cdr-20260105T100000Z.csv", rows.get(0).get("file"));
        assertEquals("pgw1;lost-rename;2", rows.get(1).get("session_id"));
        assertEquals("2", rows.get(1).get("record_id"));
        assertEquals("gyro-cdr-20260105T110000Z.csv.inprogress", rows.get(1).get("file"));
    }
}
