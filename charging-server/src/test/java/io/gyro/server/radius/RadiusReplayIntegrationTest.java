package io.gyro.server.radius;

import io.gyro.ledger.AccountView;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.gyro.server.radius.RadiusLane.ACCT_INTERIM_UPDATE;
import static io.gyro.server.radius.RadiusLane.ACCT_ON;
import static io.gyro.server.radius.RadiusLane.ACCT_START;
import static io.gyro.server.radius.RadiusLane.ACCT_STOP;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays of old Accounting-Requests with a valid authenticator (issue 8): RADIUS accounting has no nonce (RFC 2866
 * §3), so anyone who captured a NAS's packets can send them again, byte for byte, at any time. A replayed session is
 * never charged twice: within the duplicate-cache time the cached response answers it, within half the ledger's
 * closed-session retention the ledger answers from the closed session, and afterwards its Start is recognised (as old
 * by Event-Timestamp plus Acct-Delay-Time, or, when it carries a Gyro Class, as repeating a Start whose session the
 * server already opened) and opens nothing, so its interims and Stop find no session and are recorded unrated.
 * Genuine late Starts are served: a Start that adopts the reservation its Class names is never
 * dated, the Class's issue time never dates a Start, and a NAS that keeps retrying with Acct-Delay-Time stays young.
 */
@Timeout(60)
class RadiusReplayIntegrationTest
{
    private static final long MIB = 1L << 20;
    private static final long OPENING_MINOR = 1_000_000;
    private static final long MINOR_PER_MIB = 100;
    private static final String PASSWORD = "gyro-demo";
    private static final String ALICE = "491700000003";
    private static final String BOB = "491700000004";
    /** Demo tariff 10: a 10 MiB default grant. */
    private static final long DEFAULT_GRANT_MINOR = 10 * MINOR_PER_MIB;
    /** Beyond the 30 s duplicate cache, the closed-session retention and the ledger tick that forgets the session. */
    private static final long LONG_AFTER_MS = 10 * 60_000;

    @TempDir
    Path dataDir;
    private TestServer server;
    private RadiusTestNas nas;

    @BeforeEach
    void start() throws Exception
    {
        nas = new RadiusTestNas();
        server = TestServer.aServer(dataDir).with("radius.enabled=true").with("radius.coa-port=" + nas.coaPort())
            .start();
    }

    /**
     * What each scenario should have charged Alice and Bob, priced by the test from the octets its sessions
     * reported (each session once, however often replayed); checked after every scenario, 0 unless set.
     */
    private long aliceChargeMinor;
    private long bobChargeMinor;

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            Invariants.assertCharged(server, ALICE, OPENING_MINOR, 0, aliceChargeMinor);
            Invariants.assertCharged(server, BOB, OPENING_MINOR, 0, bobChargeMinor);
            server.close();
        }
        nas.close();
    }

    private RadiusCounters counters()
    {
        return server.server().radius().counters();
    }

    private long nowSeconds()
    {
        return server.clock().time() / 1000;
    }

    /** Send a request the way the NAS did, keep its octets for the replay, check the response. */
    private byte[] sendAndKeep(final RadiusTestNas.Request request) throws Exception
    {
        final byte[] packet = request.encode();
        nas.send(packet, server.radiusAcctAddress());
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.receiveFor(request).code());
        return packet;
    }

    private void replay(final List<byte[]> packets) throws Exception
    {
        for (final byte[] packet : packets)
        {
            nas.send(packet, server.radiusAcctAddress());
            final RadiusTestNas.Response response = nas.receive();
            assertEquals(RadiusCode.ACCOUNTING_RESPONSE, response.code(), "a replay is answered: the NAS stops");
            assertEquals(packet[1], response.bytes[1], "in order");
        }
    }

    /** Start, an interim at 3 MiB, Stop at 5 MiB, {@code stepMs} apart, each stamped with Event-Timestamp. */
    private List<byte[]> sessionWithEventTimestamps(final String id, final String user, final long stepMs)
        throws Exception
    {
        final List<byte[]> packets = new ArrayList<>();
        packets.add(sendAndKeep(nas.accounting(ACCT_START, id, user)
            .integer(RadiusAttributeType.EVENT_TIMESTAMP, nowSeconds())));
        server.advance(stepMs);
        packets.add(sendAndKeep(nas.accounting(ACCT_INTERIM_UPDATE, id, user).octets(2 * MIB, MIB)
            .integer(RadiusAttributeType.EVENT_TIMESTAMP, nowSeconds())));
        server.advance(stepMs);
        packets.add(sendAndKeep(nas.accounting(ACCT_STOP, id, user).octets(3 * MIB, 2 * MIB)
            .integer(RadiusAttributeType.EVENT_TIMESTAMP, nowSeconds())));
        return packets;
    }

    @Test
    void shouldNotChargeAReplayedSessionAgainAfterTheLedgerForgotIt() throws Exception
    {
        final List<byte[]> packets = sessionWithEventTimestamps("r-1", ALICE, 60_000);
        assertEquals(OPENING_MINOR - 5 * MINOR_PER_MIB, server.account(ALICE).balanceMinor());

        server.advance(LONG_AFTER_MS);
        replay(packets);
        replay(packets);

        final AccountView alice = server.account(ALICE);
        assertEquals(OPENING_MINOR - 5 * MINOR_PER_MIB, alice.balanceMinor(), "charged once");
        assertEquals(0, alice.reservedMinor(), "the replayed Start reserved nothing");
        assertEquals(0, alice.openSessions());
        assertEquals(1, counters().staleStarts, "the replayed Start is recognised by its Event-Timestamp");
        assertEquals(3, counters().unratedRecords, "the replayed records are journaled unrated");
        assertEquals(3, counters().duplicatesAnswered, "the second replay is answered from the duplicate cache");
        aliceChargeMinor = dataChargeMinor(5 * MIB);
    }

    /** Access-Request for the user, Access-Accept expected; its Class value. */
    private byte[] accept(final String user) throws Exception
    {
        final RadiusTestNas.Request access = nas.access(user).pap(PASSWORD).messageAuthenticator();
        final RadiusTestNas.Response accept = nas.exchange(access, server.radiusAuthAddress());
        assertEquals(RadiusCode.ACCESS_ACCEPT, accept.code());
        return accept.string(RadiusAttributeType.CLASS).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldRecogniseAReplayedStartWhoseClassItsSessionAdoptedLongAgo() throws Exception
    {
        final byte[] classValue = accept(BOB);
        final List<byte[]> packets = new ArrayList<>();
        packets.add(sendAndKeep(nas.accounting(ACCT_START, "c-1", BOB).bytes(RadiusAttributeType.CLASS, classValue)));
        packets.add(sendAndKeep(nas.accounting(ACCT_INTERIM_UPDATE, "c-1", BOB).octets(3 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue)));
        packets.add(sendAndKeep(nas.accounting(ACCT_STOP, "c-1", BOB).octets(5 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue)));
        assertEquals(1, counters().adoptedReservations);
        assertEquals(OPENING_MINOR - 5 * MINOR_PER_MIB, server.account(BOB).balanceMinor());

        server.advance(LONG_AFTER_MS);
        replay(packets);

        assertEquals(OPENING_MINOR - 5 * MINOR_PER_MIB, server.account(BOB).balanceMinor(), "charged once");
        assertEquals(0, server.account(BOB).reservedMinor());
        assertEquals(1, counters().staleStarts, "no Event-Timestamp: recognised as the Start that opened c-1");
        assertEquals(1, counters().adoptedReservations, "the replay adopted nothing");
        assertEquals(3, counters().unratedRecords, "the replayed records are journaled unrated");
        bobChargeMinor = dataChargeMinor(5 * MIB);
    }

    @Test
    void shouldNotChargeAReplayJustPastTheDuplicateCacheWithTheDefaultRetention() throws Exception
    {
        // Default closed-session retention 30 s: the window is 15 s, shorter than the 30 s duplicate cache, so once
        // the cache has forgotten the responses the ledger may have forgotten the session too; the Start must be
        // recognised as old, or its replayed interims would open and charge a second session.
        final List<byte[]> packets = sessionWithEventTimestamps("r-0", ALICE, 1_000);
        server.advance(31_000);
        replay(packets);

        final AccountView alice = server.account(ALICE);
        assertEquals(OPENING_MINOR - 5 * MINOR_PER_MIB, alice.balanceMinor(), "charged once");
        assertEquals(0, alice.reservedMinor());
        assertEquals(0, alice.openSessions());
        assertEquals(1, counters().staleStarts);
        aliceChargeMinor = dataChargeMinor(5 * MIB);
    }

    @Test
    void shouldAnswerAReplayWithinTheRetentionFromTheLedgerWithoutCharging() throws Exception
    {
        // A retention of 5 minutes makes the window 150 s: a replay after 60 s is young enough to reach the ledger.
        server.close();
        server = TestServer.aServer(dataDir.resolve("long-retention")).with("radius.enabled=true")
            .with("radius.coa-port=" + nas.coaPort()).with("ledger.closed-session-retention=5m").start();
        final List<byte[]> packets = sessionWithEventTimestamps("r-2", ALICE, 1_000);
        final byte[] olderInterim = packets.get(1);

        // Past the 30 s duplicate cache: the ledger answers from the closed session.
        server.advance(60_000);
        replay(packets);
        assertEquals(OPENING_MINOR - 5 * MINOR_PER_MIB, server.account(ALICE).balanceMinor());
        assertEquals(0, counters().staleStarts, "young enough to be answered by the ledger");

        // An old interim replayed into a session that is still open: its counters are lower, the delta is zero.
        final RadiusTestNas.Request start = nas.accounting(ACCT_START, "r-3", BOB)
            .integer(RadiusAttributeType.EVENT_TIMESTAMP, nowSeconds());
        sendAndKeep(start);
        final byte[] first = sendAndKeep(nas.accounting(ACCT_INTERIM_UPDATE, "r-3", BOB).octets(MIB, MIB));
        sendAndKeep(nas.accounting(ACCT_INTERIM_UPDATE, "r-3", BOB).octets(4 * MIB, 0));
        server.advance(60_000);
        replay(List.of(first, olderInterim));
        assertEquals(OPENING_MINOR - 4 * MINOR_PER_MIB, server.account(BOB).balanceMinor(),
            "counters going back charge nothing");
        sendAndKeep(nas.accounting(ACCT_STOP, "r-3", BOB).octets(4 * MIB, MIB));
        assertEquals(OPENING_MINOR - 5 * MINOR_PER_MIB, server.account(BOB).balanceMinor());
        aliceChargeMinor = dataChargeMinor(5 * MIB);
        bobChargeMinor = dataChargeMinor(4 * MIB + MIB);
    }

    @Test
    void shouldServeAGenuineLateStartThatItsNasKeptRetrying() throws Exception
    {
        // The session began ten minutes ago; the NAS has been retrying for as long (RFC 2866 §5.2).
        final long startedSeconds = nowSeconds() - LONG_AFTER_MS / 1000;
        sendAndKeep(nas.accounting(ACCT_START, "late-1", ALICE)
            .integer(RadiusAttributeType.EVENT_TIMESTAMP, startedSeconds)
            .integer(RadiusAttributeType.ACCT_DELAY_TIME, LONG_AFTER_MS / 1000));
        assertEquals(0, counters().staleStarts);
        assertTrue(server.account(ALICE).reservedMinor() > 0, "the session was opened");
        sendAndKeep(nas.accounting(ACCT_STOP, "late-1", ALICE).octets(MIB, 0)
            .integer(RadiusAttributeType.EVENT_TIMESTAMP, nowSeconds()));
        assertEquals(OPENING_MINOR - MINOR_PER_MIB, server.account(ALICE).balanceMinor());
        assertEquals(0, counters().unratedRecords);
        aliceChargeMinor = dataChargeMinor(MIB);
    }

    @Test
    void shouldAdoptTheClassOfAStartReusingAnAcctSessionIdAfterAccountingOn() throws Exception
    {
        sendAndKeep(nas.accounting(ACCT_START, "00000001", ALICE));
        sendAndKeep(nas.accounting(ACCT_INTERIM_UPDATE, "00000001", ALICE).octets(50 * MIB, 0));
        sendAndKeep(nas.accounting(ACCT_ON, null, null));

        // RFC 2866 §5.1: the rebooted NAS numbers from the start again; Bob's Start names the old ID.
        final byte[] classValue = accept(BOB);
        sendAndKeep(nas.accounting(ACCT_START, "00000001", BOB).bytes(RadiusAttributeType.CLASS, classValue));
        assertEquals(1, counters().adoptedReservations, "the reservation is adopted, not refused as taken");
        sendAndKeep(nas.accounting(ACCT_INTERIM_UPDATE, "00000001", BOB).octets(10 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue));
        sendAndKeep(nas.accounting(ACCT_INTERIM_UPDATE, "00000001", BOB).octets(60 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue));

        assertEquals(OPENING_MINOR - 60 * MINOR_PER_MIB, server.account(BOB).balanceMinor());
        assertEquals(OPENING_MINOR - 50 * MINOR_PER_MIB, server.account(ALICE).balanceMinor(),
            "nothing of Bob's on Alice");
        assertEquals(0, counters().staleStarts);
        sendAndKeep(nas.accounting(ACCT_STOP, "00000001", BOB).octets(60 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue));
        assertEquals(0, server.account(BOB).reservedMinor());
        aliceChargeMinor = dataChargeMinor(50 * MIB);
        bobChargeMinor = dataChargeMinor(60 * MIB);
    }

    @Test
    void shouldAdoptAStartThatLeavesLongAfterItsAccessAccept() throws Exception
    {
        // Slow PPP/IPCP: the Start leaves 20 s after the Accept, without Event-Timestamp. The Class's issue time
        // measures Accept to Start, not delay; the open reservation proves the Start new.
        final byte[] classValue = accept(BOB);
        server.advance(20_000);
        sendAndKeep(nas.accounting(ACCT_START, "late-accept", BOB).bytes(RadiusAttributeType.CLASS, classValue));
        server.advance(300_000);
        sendAndKeep(nas.accounting(ACCT_INTERIM_UPDATE, "late-accept", BOB).octets(30 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue));
        assertEquals(OPENING_MINOR - 30 * MINOR_PER_MIB, server.account(BOB).balanceMinor());
        sendAndKeep(nas.accounting(ACCT_STOP, "late-accept", BOB).octets(31 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue));

        final AccountView bob = server.account(BOB);
        assertEquals(OPENING_MINOR - 31 * MINOR_PER_MIB, bob.balanceMinor());
        assertEquals(0, bob.reservedMinor());
        assertEquals(1, counters().adoptedReservations);
        assertEquals(0, counters().staleStarts);
        assertEquals(0, counters().unratedRecords);
        bobChargeMinor = dataChargeMinor(31 * MIB);
    }

    @Test
    void shouldAdoptAStartWhoseFirstCopyGotThroughOnlyTwentySecondsLate() throws Exception
    {
        // RFC 5080 §2.2.1: a retransmission is the same packet, so its Acct-Delay-Time cannot grow; the copies sent
        // while the server shed Starts were lost, the one that got in carries the Event-Timestamp of the first.
        final byte[] classValue = accept(BOB);
        final byte[] start = nas.accounting(ACCT_START, "shed-1", BOB).bytes(RadiusAttributeType.CLASS, classValue)
            .integer(RadiusAttributeType.EVENT_TIMESTAMP, nowSeconds()).encode();
        server.advance(20_000);
        nas.send(start, server.radiusAcctAddress());
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.receive().code());
        server.advance(300_000);
        sendAndKeep(nas.accounting(ACCT_INTERIM_UPDATE, "shed-1", BOB).octets(30 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue).integer(RadiusAttributeType.EVENT_TIMESTAMP, nowSeconds()));

        assertEquals(OPENING_MINOR - 30 * MINOR_PER_MIB, server.account(BOB).balanceMinor());
        assertEquals(DEFAULT_GRANT_MINOR, server.account(BOB).reservedMinor(), "reserved again");
        assertEquals(1, counters().adoptedReservations);
        assertEquals(0, counters().staleStarts);
        sendAndKeep(nas.accounting(ACCT_STOP, "shed-1", BOB).octets(30 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue));
        bobChargeMinor = dataChargeMinor(30 * MIB);
    }

    @Test
    void shouldOpenASessionForAClassStartThatArrivesAfterItsReservationWasReleased() throws Exception
    {
        final byte[] classValue = accept(BOB);
        server.advance(90_000);
        assertEquals(0, server.account(BOB).reservedMinor(), "released unadopted after 60 s");
        sendAndKeep(nas.accounting(ACCT_START, "after-release", BOB).bytes(RadiusAttributeType.CLASS, classValue));
        assertEquals(DEFAULT_GRANT_MINOR, server.account(BOB).reservedMinor(), "a session of its own");
        sendAndKeep(nas.accounting(ACCT_STOP, "after-release", BOB).octets(7 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue));

        assertEquals(OPENING_MINOR - 7 * MINOR_PER_MIB, server.account(BOB).balanceMinor());
        assertEquals(0, counters().adoptedReservations);
        assertEquals(0, counters().staleStarts);
        assertEquals(0, counters().unratedRecords);
        bobChargeMinor = dataChargeMinor(7 * MIB);
    }

    @Test
    void shouldChargeBothLegsOfADualStackSubscriberAndEachLegOnceWhenReplayed() throws Exception
    {
        // The IPv6 leg starts after DHCPv6 with its own Acct-Session-Id and the same Class, adopted by the IPv4 leg.
        final byte[] classValue = accept(BOB);
        final List<byte[]> ipv4 = new ArrayList<>();
        final List<byte[]> ipv6 = new ArrayList<>();
        ipv4.add(sendAndKeep(nas.accounting(ACCT_START, "ds-4", BOB).bytes(RadiusAttributeType.CLASS, classValue)));
        server.advance(40_000);
        ipv6.add(sendAndKeep(nas.accounting(ACCT_START, "ds-6", BOB).bytes(RadiusAttributeType.CLASS, classValue)));
        assertEquals(2 * DEFAULT_GRANT_MINOR, server.account(BOB).reservedMinor(), "two sessions");
        server.advance(60_000);
        ipv4.add(sendAndKeep(nas.accounting(ACCT_STOP, "ds-4", BOB).octets(10 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue)));
        ipv6.add(sendAndKeep(nas.accounting(ACCT_STOP, "ds-6", BOB).octets(5 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue)));
        assertEquals(OPENING_MINOR - 15 * MINOR_PER_MIB, server.account(BOB).balanceMinor());
        assertEquals(0, counters().staleStarts);

        server.advance(LONG_AFTER_MS);
        replay(ipv6);
        replay(ipv4);
        final AccountView bob = server.account(BOB);
        assertEquals(OPENING_MINOR - 15 * MINOR_PER_MIB, bob.balanceMinor(), "charged once");
        assertEquals(0, bob.reservedMinor());
        assertEquals(0, bob.openSessions());
        assertEquals(2, counters().staleStarts, "both replayed Starts recognised as the Starts that opened their legs");
        // Two legs, two sessions, each rounded on its own.
        bobChargeMinor = dataChargeMinor(10 * MIB) + dataChargeMinor(5 * MIB);
    }
}
