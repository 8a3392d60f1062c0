package io.gyro.server.faults;

import io.gyro.ledger.AccountView;
import io.gyro.ledger.testing.FaultInjectingJournal;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.diameter.DiameterCounters;
import io.gyro.server.metrics.PrometheusText;
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
import java.util.concurrent.TimeUnit;

import static io.gyro.server.test.BundledTariffs.DATA_DEFAULT_GRANT;
import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disk full for the journal, over Diameter: the ledger answers nothing it could not journal. While the disk is
 * "full" (a {@link FaultInjectingJournal} refuses every append) a report already in the ring waits, the ring fills,
 * new CCRs get 3004 with the E bit at once (so the PGW fails over), logs and metrics say so; when space returns
 * every held request is answered, nothing is lost or charged twice, and the journal replays to the same state.
 */
@Timeout(60)
class DiskFullIntegrationTest
{
    private static final int RING = 32;
    private static final long MIB = 1L << 20;
    /** Demo data: 100.00 at money scale 4. */
    private static final long OPENING_MINOR = DEMO_OPENING_MINOR;
    private static final String ALICE = "491700000003";
    private static final String BOB = "491700000004";

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

    private double metric(final String name)
    {
        return PrometheusText.value(PrometheusText.parse(server.server().metrics().scrape()), name);
    }

    @Test
    void shouldShedWhatItCannotJournalAndAnswerEverythingHeldWhenSpaceReturns() throws Exception
    {
        server = TestServer.aServer(dataDir).with("ledger.ring-size=" + RING).withJournalFaults().start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        client.cer();
        assertEquals(ResultCode.SUCCESS, Ccr.initial("held;1").msisdn(ALICE).mscc(10).send(client).resultCode());
        final FaultInjectingJournal disk = server.journalFaults();
        final DiameterCounters counters = server.server().diameter().lanes().get(0).counters();
        final AccountView aliceBefore = server.account(ALICE);
        final AccountView bobBefore = server.account(BOB);
        assertEquals(OPENING_MINOR, aliceBefore.balanceMinor());
        assertEquals(dataChargeMinor(DATA_DEFAULT_GRANT), aliceBefore.reservedMinor());
        assertEquals(OPENING_MINOR, bobBefore.balanceMinor());

        disk.diskFull(true);
        final CompletableFuture<byte[]> update =
            client.send(Ccr.update("held;1", 1).msisdn(ALICE).usedOctets(10, 3 * MIB).bytes(client));
        assertTrue(FaultInjectingJournal.await(() -> server.server().isJournalStalled() && disk.failures() >= 2),
            "the ledger is stalled on the journal");
        assertEquals(1.0, metric("gyro_journal_stalled"));
        assertTrue(metric("gyro_journal_append_failures_total") >= 2);

        final long publishedBefore = counters.creditControlRequests;
        final long shedBefore = counters.shed;
        final List<CompletableFuture<byte[]>> initials = new ArrayList<>();
        for (int i = 0; i < 2 * RING; i++)
        {
            initials.add(client.send(Ccr.initial("new;" + i).msisdn(BOB).mscc(10).bytes(client)));
        }
        // Each CCR-I is either in the ring, waiting for the journal, or shed and answered at once: wait until the lane
        // has decided every one and the shed answers have arrived; counts only.
        assertTrue(FaultInjectingJournal.await(() ->
            counters.creditControlRequests - publishedBefore + counters.shed - shedBefore == 2 * RING &&
            initials.stream().filter(CompletableFuture::isDone).count() == counters.shed - shedBefore));
        final List<CompletableFuture<byte[]>> held = new ArrayList<>();
        for (final CompletableFuture<byte[]> initial : initials)
        {
            if (initial.isDone())
            {
                final Cca cca = Cca.decode(initial.get());
                assertEquals(ResultCode.TOO_BUSY, cca.resultCode());
                assertTrue(cca.isError(), "3004 with the E bit: the PGW fails over to its secondary OCS");
            }
            else
            {
                held.add(initial);
            }
        }
        assertTrue(held.size() < RING * 3 / 4, "new sessions stop at 75 % of the ring: " + held.size());
        assertTrue(counters.shed - shedBefore > RING, "the rest was shed: " + (counters.shed - shedBefore));
        final Cca whileFull = Ccr.initial("late;1").msisdn(BOB).mscc(10).send(client);
        assertEquals(ResultCode.TOO_BUSY, whileFull.resultCode(), "a new CCR is refused at once while full");
        assertTrue(whileFull.isError());
        assertFalse(update.isDone(), "nothing is answered before it is journaled");
        assertTrue(metric("gyro_diameter_shed_total") >= counters.shed - shedBefore);
        assertEquals(1.0, metric("gyro_journal_stalled"));

        disk.diskFull(false);
        assertEquals(ResultCode.SUCCESS,
            Cca.decode(update.get(DiameterTestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)).resultCode(),
            "the report held during the outage is answered");
        for (final CompletableFuture<byte[]> initial : held)
        {
            assertEquals(ResultCode.SUCCESS,
                Cca.decode(initial.get(DiameterTestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)).resultCode());
        }
        assertFalse(server.server().isJournalStalled());
        assertEquals(0.0, metric("gyro_journal_stalled"));
        // Money right after the outage: the held update charged its 3 MiB once; the shed and refused CCR-Is moved
        // nothing, and each held one holds exactly one default grant.
        final AccountView aliceAfterOutage = server.account(ALICE);
        assertEquals(aliceBefore.balanceMinor() - dataChargeMinor(3 * MIB), aliceAfterOutage.balanceMinor());
        assertEquals(dataChargeMinor(3 * MIB), aliceAfterOutage.consumedMinor());
        final AccountView bobAfterOutage = server.account(BOB);
        assertEquals(bobBefore.balanceMinor(), bobAfterOutage.balanceMinor(),
            "refused and held CCR-Is charged nothing");
        assertEquals(bobBefore.consumedMinor(), bobAfterOutage.consumedMinor());
        assertEquals(held.size(), bobAfterOutage.openSessions(), "the shed CCR-Is opened nothing");
        assertEquals(held.size() * dataChargeMinor(DATA_DEFAULT_GRANT), bobAfterOutage.reservedMinor());
        assertEquals(ResultCode.SUCCESS, Ccr.initial("after;1").msisdn(BOB).mscc(10).send(client).resultCode(),
            "recovers by itself");

        assertEquals(ResultCode.SUCCESS,
            Ccr.terminate("held;1", 2).msisdn(ALICE).finalOctets(10, MIB).send(client).resultCode());
        for (int i = 0; i < 2 * RING; i++)
        {
            if (!initials.get(i).isDone() || ResultCode.SUCCESS == Cca.decode(initials.get(i).get()).resultCode())
            {
                assertEquals(ResultCode.SUCCESS,
                    Ccr.terminate("new;" + i, 1).msisdn(BOB).finalOctets(10, MIB).send(client).resultCode());
            }
        }
        assertEquals(ResultCode.SUCCESS,
            Ccr.terminate("after;1", 1).msisdn(BOB).finalOctets(10, MIB).send(client).resultCode());

        final AccountView alice = server.account(ALICE);
        final AccountView bob = server.account(BOB);
        assertEquals(OPENING_MINOR - dataChargeMinor(3 * MIB) - dataChargeMinor(MIB), alice.balanceMinor(),
            "3 MiB reported in the outage + 1 MiB");
        assertEquals(OPENING_MINOR - (held.size() + 1) * dataChargeMinor(MIB), bob.balanceMinor(),
            "every held session charged once, shed ones never");
        assertEquals(0, alice.reservedMinor() + bob.reservedMinor());
        Invariants.assertCharged(server, ALICE, OPENING_MINOR, 0, dataChargeMinor(3 * MIB) + dataChargeMinor(MIB));
        Invariants.assertCharged(server, BOB, OPENING_MINOR, 0, (held.size() + 1) * dataChargeMinor(MIB));

        server.stop();
        server.start();
        assertEquals(alice, server.account(ALICE), "the journal replays to the same state");
        assertEquals(bob, server.account(BOB));
    }
}
