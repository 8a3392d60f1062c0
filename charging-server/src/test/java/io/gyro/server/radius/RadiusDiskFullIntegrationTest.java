package io.gyro.server.radius;

import io.gyro.ledger.AccountView;
import io.gyro.ledger.testing.FaultInjectingJournal;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.server.metrics.PrometheusText;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.gyro.server.radius.RadiusLane.ACCT_INTERIM_UPDATE;
import static io.gyro.server.radius.RadiusLane.ACCT_START;
import static io.gyro.server.radius.RadiusLane.ACCT_STOP;
import static io.gyro.server.test.BundledTariffs.DATA_DEFAULT_GRANT;
import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disk full for the journal, over RADIUS: no Accounting-Response leaves for a record that is not journaled
 * (RFC 2866 §4.1), so the NAS retries. While the disk is "full" an interim already in the ring waits, the ring fills
 * and further requests are dropped silently and counted; when space returns the held interim is answered and the
 * NAS's retransmissions of the dropped Starts are served, each session charged once.
 */
@Timeout(60)
class RadiusDiskFullIntegrationTest
{
    private static final int RING = 32;
    private static final long MIB = 1L << 20;
    private static final long OPENING_MINOR = DEMO_OPENING_MINOR;
    private static final String ALICE = "491700000003";
    private static final String BOB = "491700000004";

    @TempDir
    Path dataDir;
    private TestServer server;
    private RadiusTestNas nas;

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.close();
        }
        if (null != nas)
        {
            nas.close();
        }
    }

    private RadiusCounters counters()
    {
        return server.server().radius().counters();
    }

    @Test
    void shouldSendNoResponseForWhatItCannotJournalAndServeTheRetriesWhenSpaceReturns() throws Exception
    {
        nas = new RadiusTestNas();
        server = TestServer.aServer(dataDir).with("radius.enabled=true").with("radius.coa-port=" + nas.coaPort())
            .with("ledger.ring-size=" + RING).withJournalFaults().start();
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE,
            nas.exchange(nas.accounting(ACCT_START, "a-1", ALICE), server.radiusAcctAddress()).code());
        final FaultInjectingJournal disk = server.journalFaults();
        final AccountView aliceBefore = server.account(ALICE);
        final AccountView bobBefore = server.account(BOB);
        assertEquals(OPENING_MINOR, aliceBefore.balanceMinor());
        assertEquals(OPENING_MINOR, bobBefore.balanceMinor());

        disk.diskFull(true);
        final RadiusTestNas.Request interim = nas.accounting(ACCT_INTERIM_UPDATE, "a-1", ALICE).octets(MIB, MIB);
        nas.send(interim.encode(), server.radiusAcctAddress());
        assertTrue(FaultInjectingJournal.await(() -> server.server().isJournalStalled() && disk.failures() >= 2));

        final List<byte[]> starts = new ArrayList<>();
        for (int i = 0; i < 2 * RING; i++)
        {
            final byte[] packet = nas.accounting(ACCT_START, "b-" + i, BOB).encode();
            starts.add(packet);
            nas.send(packet, server.radiusAcctAddress());
        }
        assertTrue(FaultInjectingJournal.await(() -> counters().accountingStarts == 1 + 2 * RING),
            "every Start reached the lane");
        final long dropped = counters().dropped(RadiusDropReason.SHED);
        assertTrue(dropped > RING, "Starts beyond 75 % of the ring are dropped: " + dropped);
        assertEquals(1, counters().accountingResponses, "no response for anything not journaled");
        final List<PrometheusText.Sample> samples = PrometheusText.parse(server.server().metrics().scrape());
        assertEquals(1.0, PrometheusText.value(samples, "gyro_journal_stalled"));
        assertEquals(dropped, PrometheusText.value(samples, "gyro_radius_drops_total", "reason", "shed"));

        disk.diskFull(false);
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.receiveFor(interim).code(), "the held interim is answered");
        assertTrue(FaultInjectingJournal.await(() -> counters().accountingResponses == 2 + 2 * RING - dropped),
            "every held Start is answered");
        // The held interim reported 1 MiB in and 1 MiB out: charged exactly once, when it was journaled.
        assertEquals(OPENING_MINOR - dataChargeMinor(2 * MIB), server.account(ALICE).balanceMinor());
        // The dropped Starts were never journaled: they opened nothing and moved no money.
        final AccountView bobAfterOutage = server.account(BOB);
        assertEquals(bobBefore.balanceMinor(), bobAfterOutage.balanceMinor(), "a Start charges nothing");
        assertEquals(2 * RING - dropped, bobAfterOutage.openSessions(), "only the held Starts opened sessions");
        assertEquals((2 * RING - dropped) * dataChargeMinor(DATA_DEFAULT_GRANT), bobAfterOutage.reservedMinor(),
            "each held Start holds one default grant, each dropped one nothing");
        // The NAS retransmits what got no response (RFC 2866 §2): each Start is now journaled, or answered again
        // from the duplicate cache when it was held and answered already.
        for (final byte[] packet : starts)
        {
            nas.send(packet, server.radiusAcctAddress());
            nas.receive();
        }
        for (int i = 0; i < 2 * RING; i++)
        {
            assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.exchange(
                nas.accounting(ACCT_STOP, "b-" + i, BOB).octets(MIB, 0), server.radiusAcctAddress()).code());
        }
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.exchange(
            nas.accounting(ACCT_STOP, "a-1", ALICE).octets(2 * MIB, MIB), server.radiusAcctAddress()).code());

        final AccountView alice = server.account(ALICE);
        final AccountView bob = server.account(BOB);
        // Session-cumulative counters (RFC 2866 §5.3): Alice's session used 3 MiB in all, each of Bob's 1 MiB.
        assertEquals(0, alice.reservedMinor() + bob.reservedMinor());
        assertEquals(0, counters().unratedRecords, "no Stop arrived for a session that was not opened");
        Invariants.assertCharged(server, ALICE, OPENING_MINOR, 0, dataChargeMinor(3 * MIB));
        Invariants.assertCharged(server, BOB, OPENING_MINOR, 0, 2 * RING * dataChargeMinor(MIB));
    }

    @Test
    void shouldKeepNoDatagramBufferWhileARequestWaitsForTheJournal() throws Exception
    {
        nas = new RadiusTestNas();
        server = TestServer.aServer(dataDir).with("radius.enabled=true").with("radius.coa-port=" + nas.coaPort())
            .withJournalFaults().start();
        final FaultInjectingJournal disk = server.journalFaults();
        disk.diskFull(true);
        final RadiusTestNas.Request start = nas.accounting(ACCT_START, "held-buffer-1", ALICE);
        final byte[] bytes = start.encode();
        final ByteBuf content = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        final RadiusLane lane = server.server().radius().lane();
        server.server().radius().onEventLoop(() -> lane.onDatagram(RadiusLane.ACCT,
            new DatagramPacket(content, server.radiusAcctAddress(), nas.address())));

        // On epoll a datagram is a slice of a 64 KiB read buffer: a request waiting for the journal must not pin it.
        assertEquals(1, content.refCnt(), "the datagram's buffer is not retained by the waiting request");
        assertEquals(1, counters().accountingStarts);
        assertEquals(0, counters().accountingResponses, "waiting for the journal");
        content.setZero(0, content.capacity());
        assertTrue(content.release());

        disk.diskFull(false);
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.receiveFor(start).code(),
            "answered from the request's own copy after the datagram's buffer was gone");
        assertTrue(FaultInjectingJournal.await(() -> server.account(ALICE).openSessions() == 1), "the session opened");
        Invariants.assertCharged(server, ALICE, OPENING_MINOR, 0, 0);
    }
}
