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

import java.nio.file.Path;

import static io.gyro.server.radius.RadiusLane.ACCT_INTERIM_UPDATE;
import static io.gyro.server.radius.RadiusLane.ACCT_OFF;
import static io.gyro.server.radius.RadiusLane.ACCT_ON;
import static io.gyro.server.radius.RadiusLane.ACCT_START;
import static io.gyro.server.radius.RadiusLane.ACCT_STOP;
import static io.gyro.server.test.BundledTariffs.VOICE_PRICE_MINOR;
import static io.gyro.server.test.BundledTariffs.VOICE_QUANTUM;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RADIUS accounting over loopback against the real server (issue 5): cumulative counters become charged deltas,
 * Start and Stop are idempotent, retransmissions get the cached response, records nobody can be charged for are
 * journaled unrated and answered, Accounting-On releases a NAS's sessions; after every scenario Alice and Bob
 * were charged exactly what it reported, priced by the test.
 */
@Timeout(60)
class RadiusAccountingIntegrationTest
{
    private static final long MIB = 1L << 20;
    /** Demo data: 100.00 at money scale 4. */
    private static final long OPENING_MINOR = 1_000_000;
    /** Demo tariff 10: 0.0100 per started MiB. */
    private static final long MINOR_PER_MIB = 100;
    /** Demo tariff 10: a 10 MiB default grant. */
    private static final long DEFAULT_GRANT_MINOR = 10 * MINOR_PER_MIB;
    private static final String ALICE = "491700000003";
    private static final String BOB = "491700000004";

    @TempDir
    Path dataDir;
    private TestServer server;
    private RadiusTestNas nas;
    /**
     * What each scenario should have charged Alice and Bob, computed by the test from the octets (or seconds) it
     * reported and the bundled tariff; checked after every scenario, so a scenario that charges nothing says so by
     * leaving them 0.
     */
    private long aliceChargeMinor;
    private long bobChargeMinor;

    @BeforeEach
    void start() throws Exception
    {
        nas = new RadiusTestNas();
        server = TestServer.aServer(dataDir)
            .with("radius.enabled=true")
            .with("radius.coa-port=" + nas.coaPort())
            .start();
    }

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            Invariants.assertCharged(server, ALICE, OPENING_MINOR, 0, aliceChargeMinor);
            Invariants.assertCharged(server, BOB, OPENING_MINOR, 0, bobChargeMinor);
            server.close();
        }
        if (null != nas)
        {
            nas.close();
        }
    }

    private RadiusTestNas.Response account(final RadiusTestNas.Request request) throws Exception
    {
        final RadiusTestNas.Response response = nas.exchange(request, server.radiusAcctAddress());
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, response.code());
        return response;
    }

    private RadiusTestNas.Request interim(final String sessionId, final String user, final long octets)
    {
        return nas.accounting(ACCT_INTERIM_UPDATE, sessionId, user).octets(octets / 2, octets - octets / 2);
    }

    private RadiusCounters counters()
    {
        return server.server().radius().counters();
    }

    @Test
    void shouldChargeTheDeltasOfCumulativeCountersFromStartToStop() throws Exception
    {
        account(nas.accounting(ACCT_START, "s-1", ALICE));
        assertEquals(DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor(), "Start reserves the default grant");

        account(interim("s-1", ALICE, 3 * MIB));
        assertEquals(OPENING_MINOR - 3 * MINOR_PER_MIB, server.account(ALICE).balanceMinor());
        account(interim("s-1", ALICE, 3 * MIB));
        assertEquals(OPENING_MINOR - 3 * MINOR_PER_MIB, server.account(ALICE).balanceMinor(),
            "an interim with the same counters charges nothing");
        assertEquals(DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor(), "and reserves again");

        account(nas.accounting(ACCT_STOP, "s-1", ALICE).octets(2 * MIB, 3 * MIB)
            .integer(RadiusAttributeType.ACCT_TERMINATE_CAUSE, 1));
        final AccountView account = server.account(ALICE);
        assertEquals(OPENING_MINOR - 5 * MINOR_PER_MIB, account.balanceMinor());
        assertEquals(0, account.reservedMinor(), "Stop releases what is left");
        assertEquals(0, account.openSessions());
        assertEquals(1, counters().accountingStarts);
        assertEquals(2, counters().accountingInterims);
        assertEquals(1, counters().accountingStops);
        assertEquals(4, counters().accountingResponses);
        aliceChargeMinor = dataChargeMinor(2 * MIB + 3 * MIB);
    }

    @Test
    void shouldDropAccountingWithoutMessageAuthenticatorWhenTheNasMustSendIt() throws Exception
    {
        // RFC 5080 §2.2.2 lets Accounting-Requests carry Message-Authenticator; a NAS configured to send it must.
        server.close();
        server = TestServer.aServer(dataDir.resolve("strict")).with("radius.enabled=true")
            .with("radius.coa-port=" + nas.coaPort())
            .with("radius.clients[0].require-message-authenticator=true").start();

        nas.send(nas.accounting(ACCT_START, "ma-1", ALICE).encode(), server.radiusAcctAddress());
        account(nas.accounting(ACCT_START, "ma-2", ALICE).messageAuthenticator());

        assertEquals(1, counters().dropped(RadiusDropReason.MISSING_MESSAGE_AUTHENTICATOR));
        assertEquals(1, counters().accountingStarts, "the unsigned Start never reached the ledger");
        assertEquals(1, server.account(ALICE).openSessions(), "only the signed Start opened a session");
        account(nas.accounting(ACCT_STOP, "ma-2", ALICE).octets(MIB, 0).messageAuthenticator());
        assertEquals(OPENING_MINOR - MINOR_PER_MIB, server.account(ALICE).balanceMinor());
        aliceChargeMinor = dataChargeMinor(MIB);
    }

    @Test
    void shouldAnswerAnRfc5080RetransmissionFromTheCacheAndChargeOnce() throws Exception
    {
        account(nas.accounting(ACCT_START, "s-2", ALICE));
        final RadiusTestNas.Request interim = interim("s-2", ALICE, 4 * MIB);
        final byte[] packet = interim.encode();
        nas.send(packet, server.radiusAcctAddress());
        final RadiusTestNas.Response first = nas.receiveFor(interim);
        nas.send(packet, server.radiusAcctAddress());
        final RadiusTestNas.Response second = nas.receiveFor(interim);

        assertArrayEquals(first.bytes, second.bytes, "the cached response, byte for byte");
        assertEquals(1, counters().duplicatesAnswered);
        assertEquals(1, counters().accountingInterims, "the retransmission never reached the ledger");
        assertEquals(OPENING_MINOR - 4 * MINOR_PER_MIB, server.account(ALICE).balanceMinor());
        aliceChargeMinor = dataChargeMinor(4 * MIB);
    }

    @Test
    void shouldKeepStartAndStopIdempotentWhenTheNasResendsThemAsNewPackets() throws Exception
    {
        // A retry with a changed Acct-Delay-Time is a new packet: new Identifier, new authenticator (RFC 2866 §5.2).
        account(nas.accounting(ACCT_START, "s-3", ALICE));
        account(nas.accounting(ACCT_START, "s-3", ALICE).integer(RadiusAttributeType.ACCT_DELAY_TIME, 5));
        assertEquals(DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor(), "one session, one reservation");

        account(nas.accounting(ACCT_STOP, "s-3", ALICE).octets(MIB, MIB));
        account(nas.accounting(ACCT_STOP, "s-3", ALICE).octets(MIB, MIB)
            .integer(RadiusAttributeType.ACCT_DELAY_TIME, 5));
        assertEquals(OPENING_MINOR - 2 * MINOR_PER_MIB, server.account(ALICE).balanceMinor(), "charged once");
        assertEquals(0, counters().unratedRecords);
        aliceChargeMinor = dataChargeMinor(2 * MIB);
    }

    @Test
    void shouldNeverChargeCountersThatGoBackwards() throws Exception
    {
        account(nas.accounting(ACCT_START, "s-4", ALICE));
        account(interim("s-4", ALICE, 6 * MIB));
        account(interim("s-4", ALICE, 2 * MIB));
        assertEquals(OPENING_MINOR - 6 * MINOR_PER_MIB, server.account(ALICE).balanceMinor());
        account(interim("s-4", ALICE, 7 * MIB));
        assertEquals(OPENING_MINOR - 7 * MINOR_PER_MIB, server.account(ALICE).balanceMinor(),
            "only growth past the highest counter seen is charged");
        account(nas.accounting(ACCT_STOP, "s-4", ALICE).octets(7 * MIB, 0));
        aliceChargeMinor = dataChargeMinor(7 * MIB);
    }

    @Test
    void shouldJoinOctetsAndGigawordsIntoOneCounter() throws Exception
    {
        account(nas.accounting(ACCT_START, "s-5", BOB));
        final long fourGib = 1L << 32;
        account(nas.accounting(ACCT_STOP, "s-5", BOB).octets(fourGib + MIB, MIB));
        // 4 GiB + 2 MiB = 4098 MiB at 0.0100 each.
        assertEquals(OPENING_MINOR - (4096 + 2) * MINOR_PER_MIB, server.account(BOB).balanceMinor());
        bobChargeMinor = dataChargeMinor(fourGib + 2 * MIB);
    }

    @Test
    void shouldTakeTheFirstWellFormedGigawordsAndNeverOneThatOverflowsTheCount() throws Exception
    {
        account(nas.accounting(ACCT_START, "g-1", ALICE));
        // RFC 2869 §5.1: a second, malformed (two-octet) instance must not undo the first one's 4 GiB.
        account(nas.accounting(ACCT_INTERIM_UPDATE, "g-1", ALICE)
            .integer(RadiusAttributeType.ACCT_INPUT_OCTETS, MIB)
            .integer(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, 1)
            .bytes(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, new byte[] {0, 0}));
        final long afterInterim = OPENING_MINOR - (4096 + 1) * MINOR_PER_MIB;
        assertEquals(afterInterim, server.account(ALICE).balanceMinor());

        // Gigawords 2^31 would make Gigawords x 2^32 + Octets negative as a long: ignored, never charged.
        account(nas.accounting(ACCT_STOP, "g-1", ALICE)
            .integer(RadiusAttributeType.ACCT_INPUT_OCTETS, 2 * MIB)
            .integer(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, 1L << 31));
        final AccountView alice = server.account(ALICE);
        assertEquals(afterInterim, alice.balanceMinor(), "2 MiB is below the 4 GiB already charged");
        assertEquals(0, alice.reservedMinor(), "the Stop closed the session");
        assertEquals(0, alice.openSessions());
        assertEquals(0, counters().unratedRecords);

        // Gigawords without Octets count with Octets 0.
        account(nas.accounting(ACCT_START, "g-2", BOB));
        account(nas.accounting(ACCT_STOP, "g-2", BOB).integer(RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS, 1));
        assertEquals(OPENING_MINOR - 4096 * MINOR_PER_MIB, server.account(BOB).balanceMinor());
        aliceChargeMinor = dataChargeMinor((1L << 32) + MIB);
        bobChargeMinor = dataChargeMinor(1L << 32);
    }

    @Test
    void shouldRecordUnratedAndAnswerWhatNobodyCanBeChargedFor() throws Exception
    {
        account(nas.accounting(ACCT_START, "s-6", "491799999999"));
        account(interim("s-6", "491799999999", MIB));
        account(nas.accounting(ACCT_STOP, "s-6", "491799999999").octets(MIB, 0));
        account(nas.accounting(ACCT_STOP, "never-started", ALICE).octets(MIB, 0));
        account(nas.accounting(ACCT_INTERIM_UPDATE, null, ALICE));
        account(nas.accounting(15, "s-6", ALICE));

        assertEquals(6, counters().unratedRecords, "unknown user, unknown session, no Acct-Session-Id, Failed");
        assertEquals(6, counters().accountingResponses, "all answered: the NAS would retry forever otherwise");
        assertEquals(OPENING_MINOR, server.account(ALICE).balanceMinor());
    }

    @Test
    void shouldRecordUsageReportedAfterStopUnrated() throws Exception
    {
        account(nas.accounting(ACCT_START, "s-7", ALICE));
        account(nas.accounting(ACCT_STOP, "s-7", ALICE).octets(MIB, 0));
        account(interim("s-7", ALICE, 9 * MIB));
        assertEquals(1, counters().unratedRecords);
        assertEquals(OPENING_MINOR - MINOR_PER_MIB, server.account(ALICE).balanceMinor());
        aliceChargeMinor = dataChargeMinor(MIB);
    }

    @Test
    void shouldReleaseEverySessionOfTheNasOnAccountingOn() throws Exception
    {
        account(nas.accounting(ACCT_START, "s-8", ALICE));
        account(nas.accounting(ACCT_START, "s-9", BOB));
        account(interim("s-8", ALICE, MIB));
        assertEquals(2, server.account(ALICE).openSessions() + server.account(BOB).openSessions());

        account(nas.accounting(ACCT_ON, null, null));
        assertEquals(0, server.account(ALICE).reservedMinor());
        assertEquals(0, server.account(BOB).reservedMinor());
        assertEquals(0, server.account(ALICE).openSessions() + server.account(BOB).openSessions());
        assertEquals(OPENING_MINOR - MINOR_PER_MIB, server.account(ALICE).balanceMinor(),
            "what was reported stays charged, the rest is released");
        assertEquals(1, counters().accountingOnOff);
        aliceChargeMinor = dataChargeMinor(MIB);
    }

    @Test
    void shouldNotReleaseAgainForACopyOfAnAccountingOnSentLaterWithALargerDelay() throws Exception
    {
        account(nas.accounting(ACCT_START, "before-reboot", ALICE));
        // The NAS reboots; its Accounting-On is answered, but the NAS never gets the response.
        account(nas.accounting(ACCT_ON, null, null));
        assertEquals(0, server.account(ALICE).openSessions());

        // It admits a subscriber, then sends the same record again, 30 s later: a new Identifier, and
        // Acct-Delay-Time 30 (RFC 2866 §5.2), so the record still says when the reboot happened.
        account(nas.accounting(ACCT_START, "after-reboot", BOB));
        server.advance(30_000);
        account(nas.accounting(ACCT_ON, null, null).integer(RadiusAttributeType.ACCT_DELAY_TIME, 30));
        assertEquals(1, server.account(BOB).openSessions(), "the session opened after the reboot stays open");
        assertEquals(1, counters().repeatedOnOff);
        account(interim("after-reboot", BOB, MIB));
        assertEquals(OPENING_MINOR - MINOR_PER_MIB, server.account(BOB).balanceMinor(), "and is charged");

        // A later Accounting-Off (or another reboot) is a new event and releases what is open.
        account(nas.accounting(ACCT_OFF, null, null));
        assertEquals(0, server.account(BOB).openSessions());
        assertEquals(0, server.account(BOB).reservedMinor());
        assertEquals(3, counters().accountingOnOff);
        assertEquals(1, counters().repeatedOnOff);
        bobChargeMinor = dataChargeMinor(MIB);
    }

    @Test
    void shouldBillAnAcctSessionIdReusedAfterAccountingOnToItsNewSession() throws Exception
    {
        account(nas.accounting(ACCT_START, "00000001", ALICE));
        account(interim("00000001", ALICE, 50 * MIB));
        assertEquals(OPENING_MINOR - 50 * MINOR_PER_MIB, server.account(ALICE).balanceMinor());
        account(nas.accounting(ACCT_ON, null, null));

        // RFC 2866 §5.1: the NAS rebooted and counts its Acct-Session-Ids from the start again.
        account(nas.accounting(ACCT_START, "00000001", BOB));
        assertEquals(DEFAULT_GRANT_MINOR, server.account(BOB).reservedMinor(), "a new session is opened");
        account(interim("00000001", BOB, 10 * MIB));
        account(interim("00000001", BOB, 60 * MIB));
        account(nas.accounting(ACCT_STOP, "00000001", BOB).octets(30 * MIB, 30 * MIB));
        assertEquals(OPENING_MINOR - 60 * MINOR_PER_MIB, server.account(BOB).balanceMinor());
        assertEquals(0, server.account(BOB).reservedMinor());
        assertEquals(OPENING_MINOR - 50 * MINOR_PER_MIB, server.account(ALICE).balanceMinor(),
            "nothing of Bob's is charged to Alice");
        aliceChargeMinor = dataChargeMinor(50 * MIB);
        bobChargeMinor = dataChargeMinor(60 * MIB);
    }

    @Test
    void shouldReleaseMoreSessionsThanOneLedgerCommandHoldsOnAccountingOn() throws Exception
    {
        // A BRAS that reboots may hold far more sessions than one journal record can release.
        final int sessions = io.gyro.ledger.LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND + 44;
        for (int i = 0; i < sessions; i++)
        {
            account(nas.accounting(ACCT_START, "many-" + i, i % 2 == 0 ? ALICE : BOB));
        }
        assertEquals(sessions / 2 * DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor());

        account(nas.accounting(ACCT_ON, null, null));
        assertEquals(0, server.account(ALICE).reservedMinor() + server.account(BOB).reservedMinor(),
            "answered once every session is released");
        assertEquals(0, server.account(ALICE).openSessions() + server.account(BOB).openSessions());
        assertEquals(1, counters().accountingResponses - sessions, "one response to the Accounting-On");
    }

    @Test
    void shouldChargeSecondsWhenTheNasRatingGroupIsTimeBased() throws Exception
    {
        server.close();
        server = TestServer.aServer(dataDir.resolve("seconds"))
            .with("radius.enabled=true")
            .with("radius.clients[0].rating-group=20")
            .start();
        account(nas.accounting(ACCT_START, "t-1", ALICE));
        account(nas.accounting(ACCT_STOP, "t-1", ALICE).integer(RadiusAttributeType.ACCT_SESSION_TIME, 42)
            .octets(100 * MIB, 0));
        // Tariff 20: 0.0100 per started second.
        assertEquals(OPENING_MINOR - 42 * 100, server.account(ALICE).balanceMinor());
        aliceChargeMinor = Invariants.chargeMinor(42, VOICE_QUANTUM, VOICE_PRICE_MINOR);
    }

    @Test
    void shouldSurviveARestartWithTheSessionOpen() throws Exception
    {
        account(nas.accounting(ACCT_START, "s-10", ALICE));
        account(interim("s-10", ALICE, 2 * MIB));
        server.stop();
        server.start();
        account(nas.accounting(ACCT_STOP, "s-10", ALICE).octets(3 * MIB, 0));
        assertEquals(OPENING_MINOR - 3 * MINOR_PER_MIB, server.account(ALICE).balanceMinor());
        assertEquals(0, server.account(ALICE).reservedMinor());
        aliceChargeMinor = dataChargeMinor(3 * MIB);
    }
}
