package io.gyro.server.diameter;

import io.gyro.ledger.AccountView;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.Cca;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.gyro.server.test.BundledTariffs.DATA_DEFAULT_GRANT;
import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Shedding by priority when the ring fills (ARCHITECTURE.md §2): forced with a small ring and a held ledger,
 * asserting counts, never latencies. New sessions give way at 75 % occupancy with 3004 and the E bit; a
 * termination is still accepted until the ring is full; nothing accepted is lost when the ledger goes on.
 */
@Timeout(60)
class OverloadIntegrationTest
{
    private static final int RING = 16;

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

    private static void awaitTrue(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "condition not reached");
            Thread.sleep(1);
        }
    }

    @Test
    void shouldShedNewSessionsFirstAndServeEveryAcceptedRequest() throws Exception
    {
        server = TestServer.aServer(dataDir).with("ledger.ring-size=" + RING).start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        client.cer();
        assertEquals(ResultCode.SUCCESS, Ccr.initial("keep;1").msisdn("491700000003").mscc(10).send(client)
            .resultCode());

        final DiameterCounters counters = server.server().diameter().lanes().get(0).counters();
        final long publishedBefore = counters.creditControlRequests;
        final long shedBefore = counters.shed;
        final CountDownLatch resume = new CountDownLatch(1);
        server.server().ledger().holdRepliesUntil(resume);
        final List<CompletableFuture<byte[]>> answers = new ArrayList<>();
        for (int i = 0; i < 3 * RING; i++)
        {
            answers.add(client.send(Ccr.initial("load;" + i).msisdn("491700000004").mscc(10).bytes(client)));
        }
        // Every request is either published (waits for the held ledger) or shed (answered at once): wait until the
        // lane has decided all of them and the shed answers have arrived, then sort them. No timing involved.
        awaitTrue(() -> counters.creditControlRequests - publishedBefore + counters.shed - shedBefore == 3 * RING &&
            answers.stream().filter(CompletableFuture::isDone).count() == counters.shed - shedBefore);
        int shed = 0;
        final List<CompletableFuture<byte[]>> accepted = new ArrayList<>();
        for (final CompletableFuture<byte[]> answer : answers)
        {
            if (answer.isDone())
            {
                final Cca cca = Cca.decode(answer.get());
                assertEquals(ResultCode.TOO_BUSY, cca.resultCode());
                assertTrue(cca.isError(), "3004 is a protocol error: E bit");
                shed++;
            }
            else
            {
                accepted.add(answer);
            }
        }
        assertTrue(shed > 0, "new sessions were shed");
        assertEquals(3 * RING, shed + accepted.size());
        assertTrue(accepted.size() <= RING * 3 / 4 + 1, "new sessions stop at 75% occupancy: " + accepted.size());

        final CompletableFuture<byte[]> termination =
            client.send(Ccr.terminate("keep;1", 1).msisdn("491700000003").finalOctets(10, 1000).bytes(client));

        server.server().ledger().holdRepliesUntil(null);
        resume.countDown();
        for (final CompletableFuture<byte[]> answer : accepted)
        {
            assertEquals(ResultCode.SUCCESS, Cca.decode(answer.get(10, TimeUnit.SECONDS)).resultCode());
        }
        assertEquals(ResultCode.SUCCESS, Cca.decode(termination.get(10, TimeUnit.SECONDS)).resultCode(),
            "a termination is accepted above the new-session threshold");
        assertEquals(ResultCode.SUCCESS,
            Ccr.initial("after;1").msisdn("491700000004").mscc(10).send(client).resultCode(), "recovers at once");
        // Nothing accepted is lost, in money: the termination's 1000 octets charged once (one started MiB); every
        // accepted CCR-I, and the one after, holds one default data grant; the shed ones hold and charge nothing.
        Invariants.assertCharged(server, "491700000003", DEMO_OPENING_MINOR, 0, dataChargeMinor(1000));
        assertEquals(0, server.account("491700000003").reservedMinor(), "keep;1 released what it held");
        Invariants.assertCharged(server, "491700000004", DEMO_OPENING_MINOR, 0, 0);
        final AccountView loaded = server.account("491700000004");
        assertEquals(accepted.size() + 1, loaded.openSessions(), "one session per accepted CCR-I");
        assertEquals((accepted.size() + 1) * dataChargeMinor(DATA_DEFAULT_GRANT), loaded.reservedMinor(),
            "one default grant held per accepted CCR-I");
    }
}
