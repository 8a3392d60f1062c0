package io.gyro.server.faults;

import io.gyro.ledger.testing.FaultInjectingJournal;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.AdminClient;
import io.gyro.server.test.Cca;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disk full, seen by a load balancer or Kubernetes probe: while journal appends fail the node sheds every new
 * request, so {@code /health/ready} (and {@code /health}) answer 503 with the reason {@code journal-stalled}; once
 * space returns they are 200 again by themselves. {@code /health/live} stays 200 throughout: the process is fine and
 * a restart would only give up the held batch.
 */
@Timeout(60)
class DiskFullReadinessIntegrationTest
{
    private static final long MIB = 1L << 20;
    private static final String ALICE = "491700000003";

    @TempDir
    Path dataDir;
    private TestServer server;
    private DiameterTestClient client;

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

    @Test
    void shouldBeNotReadyWhileTheJournalIsStalledAndReadyAgainWhenSpaceReturns() throws Exception
    {
        server = TestServer.aServer(dataDir).withAdmin().with("diameter.watchdog-interval=1h").withJournalFaults()
            .start();
        final AdminClient admin = new AdminClient(server.adminAddress(), null);
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        client.cer();
        assertEquals(ResultCode.SUCCESS, Ccr.initial("held;1").msisdn(ALICE).mscc(10).send(client).resultCode());
        assertReady(admin);

        final FaultInjectingJournal disk = server.journalFaults();
        disk.diskFull(true);
        final CompletableFuture<byte[]> update =
            client.send(Ccr.update("held;1", 1).msisdn(ALICE).usedOctets(10, MIB).bytes(client));
        assertTrue(FaultInjectingJournal.await(() -> server.server().isJournalStalled() && disk.failures() >= 2),
            "the ledger is stalled on the journal");

        final AdminClient.Reply ready = admin.get("/health/ready");
        assertEquals(503, ready.status(), ready.body());
        assertFalse(ready.json().get("ready").asBoolean());
        assertEquals("journal-stalled", ready.json().get("reason").asText());
        final AdminClient.Reply health = admin.get("/health");
        assertEquals(503, health.status(), health.body());
        assertEquals("stalled", health.json().get("status").asText());
        assertTrue(health.json().get("live").asBoolean());
        assertFalse(health.json().get("ready").asBoolean());
        assertEquals("journal-stalled", health.json().get("reason").asText());
        final AdminClient.Reply live = admin.get("/health/live");
        assertEquals(200, live.status(), "liveness stays up: a restart would not bring the disk back");
        assertTrue(live.json().get("live").asBoolean());
        // Every retry fails and the flag stays set: the probe does not flap during the outage.
        final long failures = disk.failures();
        assertTrue(FaultInjectingJournal.await(() -> disk.failures() >= failures + 2));
        assertEquals(503, admin.get("/health/ready").status());
        assertFalse(update.isDone(), "nothing is answered before it is journaled");

        disk.diskFull(false);
        assertEquals(ResultCode.SUCCESS,
            Cca.decode(update.get(DiameterTestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)).resultCode(),
            "the report held during the outage is answered");
        assertReady(admin);
        assertEquals(200, admin.get("/health/live").status());
        assertEquals(ResultCode.SUCCESS,
            Ccr.terminate("held;1", 2).msisdn(ALICE).finalOctets(10, MIB).send(client).resultCode());
        assertReady(admin);
    }

    private static void assertReady(final AdminClient admin) throws Exception
    {
        final AdminClient.Reply ready = admin.get("/health/ready");
        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.json().get("ready").asBoolean());
        assertFalse(ready.json().has("reason"), ready.body());
        final AdminClient.Reply health = admin.get("/health");
        assertEquals(200, health.status(), health.body());
        assertEquals("up", health.json().get("status").asText());
        assertFalse(health.json().has("reason"), health.body());
        final AdminClient.Reply live = admin.get("/health/live");
        assertEquals(200, live.status());
    }
}
