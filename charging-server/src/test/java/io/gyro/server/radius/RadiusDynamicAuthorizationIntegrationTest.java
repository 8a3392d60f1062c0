package io.gyro.server.radius;

import com.fasterxml.jackson.databind.JsonNode;
import io.gyro.ledger.AccountView;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.SessionView;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.protocol.radius.RadiusVendorId;
import io.gyro.server.ledger.CommandOutcome;
import io.gyro.server.session.SessionKeyText;
import io.gyro.server.test.AdminClient;
import io.gyro.server.test.ExpectedMoney;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import static io.gyro.server.radius.RadiusLane.ACCT_INTERIM_UPDATE;
import static io.gyro.server.radius.RadiusLane.ACCT_START;
import static io.gyro.server.test.BundledTariffs.DATA_DEFAULT_GRANT;
import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.POOR_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.VOICE_PRICE_MINOR;
import static io.gyro.server.test.BundledTariffs.VOICE_QUANTUM;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static io.gyro.server.test.Invariants.chargeMinor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dynamic authorization (RFC 5176, issue 5): the server sends Disconnect-Request when a session's balance runs out,
 * when an operator ends it or blocks the account, and CoA-Request with the new quota after a top-up; a fake NAS
 * on the CoA port checks their authenticators and answers. Retransmissions and the give-up run on the injected
 * clock.
 */
@Timeout(60)
class RadiusDynamicAuthorizationIntegrationTest
{
    private static final long MIB = 1L << 20;
    private static final String PASSWORD = "gyro-demo";
    private static final String ALICE = "491700000006";
    private static final String BOB = "491700000007";
    private static final String EMPTY = "491709999990";
    private static final String NEARLY_EMPTY = "491709999991";
    /** RFC 5080 §2.2.1 upper bounds of successive retransmission timeouts with IRT 2 s, MRT 16 s, RAND ±0.1. */
    private static final long[] MAX_TIMEOUTS_MS = {2_200, 4_840, 10_648, 17_600, 17_600};

    @TempDir
    Path dataDir;
    private TestServer server;
    private final RadiusTestNas nas;
    /** Every test charges nothing unless it says so: a release or a disconnect must not charge. */
    private final ExpectedMoney expected = new ExpectedMoney().watch(ALICE, DEMO_OPENING_MINOR)
        .watch(BOB, DEMO_OPENING_MINOR).watch(EMPTY, 0).watch(NEARLY_EMPTY, POOR_OPENING_MINOR);

    RadiusDynamicAuthorizationIntegrationTest() throws Exception
    {
        nas = new RadiusTestNas();
    }

    private void start(final String... overrides) throws Exception
    {
        final TestServer builder = TestServer.aServer(dataDir).with("radius.enabled=true")
            .with("radius.coa-port=" + nas.coaPort());
        for (final String override : overrides)
        {
            builder.with(override);
        }
        server = builder.start();
    }

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            expected.assertAll(server);
            server.close();
        }
        nas.close();
    }

    private void account(final RadiusTestNas.Request request) throws Exception
    {
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.exchange(request, server.radiusAcctAddress()).code());
    }

    private RadiusCounters counters()
    {
        return server.server().radius().counters();
    }

    /** Wait until the lane has processed what the fake NAS sent (each round is a hop through its event loop). */
    private void awaitOnLane(final BooleanSupplier condition) throws InterruptedException
    {
        final boolean[] done = new boolean[1];
        while (!done[0])
        {
            server.server().radius().onEventLoop(() -> done[0] = condition.getAsBoolean());
        }
    }

    private static String text(final RadiusTestNas.Response packet, final int type)
    {
        return packet.string(type);
    }

    @Test
    void shouldDisconnectWhenTheBalanceRunsOut() throws Exception
    {
        start();
        // 0.0500 buys 5 MiB; the interim uses them all and nothing more can be reserved.
        account(nas.accounting(ACCT_START, "exhausted-1", NEARLY_EMPTY));
        account(nas.accounting(ACCT_INTERIM_UPDATE, "exhausted-1", NEARLY_EMPTY).octets(5 * MIB, 0));

        final RadiusTestNas.DynamicRequest disconnect = nas.receiveDynamic();
        final RadiusTestNas.Response packet = disconnect.packet();
        assertEquals(RadiusCode.DISCONNECT_REQUEST, packet.code());
        assertEquals("exhausted-1", text(packet, RadiusAttributeType.ACCT_SESSION_ID));
        assertEquals(NEARLY_EMPTY, text(packet, RadiusAttributeType.USER_NAME));
        assertEquals(RadiusTestNas.NAS_IP, packet.integer(RadiusAttributeType.NAS_IP_ADDRESS));
        assertEquals(-1, packet.integer(RadiusAttributeType.SERVICE_TYPE), "RFC 5176 §3: no Service-Type");
        assertEquals(server.server().radius().coaAddress().getPort(), disconnect.from().getPort());

        nas.answer(disconnect, RadiusCode.DISCONNECT_ACK, 0);
        awaitOnLane(() -> 1 == counters().dynamicAuthorizationAcks);
        assertEquals(0, server.server().radius().lane().outstandingDynamicAuthorizations());
        expected.charge(NEARLY_EMPTY, dataChargeMinor(5 * MIB));
        assertEquals(0, expected.balanceMinor(NEARLY_EMPTY), "the test's own sum: 5 MiB is all 0.0500 buys");
        assertEquals(0, server.account(NEARLY_EMPTY).balanceMinor());
    }

    @Test
    void shouldDisconnectAStartNothingCanBeGrantedForAndReadTheNakErrorCause() throws Exception
    {
        start();
        account(nas.accounting(ACCT_START, "empty-1", EMPTY));
        final RadiusTestNas.DynamicRequest disconnect = nas.receiveDynamic();
        assertEquals("empty-1", text(disconnect.packet(), RadiusAttributeType.ACCT_SESSION_ID));

        nas.answer(disconnect, RadiusCode.DISCONNECT_NAK, 503);
        awaitOnLane(() -> 1 == counters().dynamicAuthorizationNaks);
        assertEquals(503, counters().lastErrorCause, "Session-Context-Not-Found");
    }

    @Test
    void shouldDisconnectASessionAnOperatorEnds() throws Exception
    {
        start();
        account(nas.accounting(ACCT_START, "operator-1", ALICE));
        final AccountView account = server.account(ALICE);
        @SuppressWarnings("unchecked")
        final List<SessionView> sessions = (List<SessionView>)server.ledger(command ->
        {
            command.type = CommandType.LIST_SESSIONS;
            command.accountId = account.accountId();
        }).payload();
        assertEquals(1, sessions.size());
        final byte[] key = sessions.get(0).sessionKey();
        assertArrayEquals("operator-1".getBytes(StandardCharsets.US_ASCII), RadiusSessionKeys.acctSessionId(key,
            key.length));

        final CommandOutcome abort = server.ledger(command ->
        {
            command.type = CommandType.ABORT_SESSION;
            command.sessionKey(key, 0, key.length);
        });
        assertEquals(LedgerResult.SUCCESS, abort.result());
        final RadiusTestNas.DynamicRequest disconnect = nas.receiveDynamic();
        assertEquals(RadiusCode.DISCONNECT_REQUEST, disconnect.packet().code());
        assertEquals("operator-1", text(disconnect.packet(), RadiusAttributeType.ACCT_SESSION_ID));
        assertEquals(ALICE, text(disconnect.packet(), RadiusAttributeType.USER_NAME));
        assertEquals(0, server.account(ALICE).reservedMinor());
        nas.answer(disconnect, RadiusCode.DISCONNECT_ACK, 0);
        awaitOnLane(() -> 1 == counters().dynamicAuthorizationAcks);
    }

    @Test
    void shouldDisconnectASessionAnOperatorEndsThroughTheAdminApi() throws Exception
    {
        start("admin.enabled=true", "admin.port=0", "admin.token=" + TestServer.ADMIN_TOKEN);
        account(nas.accounting(ACCT_START, "operator-2", ALICE));
        final AdminClient admin = new AdminClient(server.adminAddress(), TestServer.ADMIN_TOKEN);
        final JsonNode sessions = admin.get("/api/v1/subscribers/" + ALICE + "/sessions").json().get("sessions");
        assertEquals(1, sessions.size());
        // A RADIUS key is octets, not text: shown as hex so that it can be sent back.
        final String sessionId = sessions.get(0).get("sessionId").asText();
        assertTrue(sessionId.startsWith(SessionKeyText.HEX_PREFIX), sessionId);
        assertEquals("radius", sessions.get(0).get("protocol").asText());

        assertEquals(204, admin.delete("/api/v1/subscribers/" + ALICE + "/sessions/" + AdminClient.encode(sessionId))
            .status());
        final RadiusTestNas.DynamicRequest disconnect = nas.receiveDynamic();
        assertEquals(RadiusCode.DISCONNECT_REQUEST, disconnect.packet().code());
        assertEquals("operator-2", text(disconnect.packet(), RadiusAttributeType.ACCT_SESSION_ID));
        assertEquals(0, server.account(ALICE).reservedMinor());
        nas.answer(disconnect, RadiusCode.DISCONNECT_ACK, 0);
        awaitOnLane(() -> 1 == counters().dynamicAuthorizationAcks);
    }

    @Test
    void shouldDisconnectEverySessionOfABlockedAccount() throws Exception
    {
        start();
        account(nas.accounting(ACCT_START, "blocked-1", BOB));
        account(nas.accounting(ACCT_START, "blocked-2", BOB));
        final long accountId = server.account(BOB).accountId();
        assertEquals(LedgerResult.SUCCESS, server.ledger(command ->
        {
            command.type = CommandType.BLOCK_ACCOUNT;
            command.accountId = accountId;
        }).result());

        final String first = text(nas.receiveDynamic().packet(), RadiusAttributeType.ACCT_SESSION_ID);
        final String second = text(nas.receiveDynamic().packet(), RadiusAttributeType.ACCT_SESSION_ID);
        assertEquals(List.of("blocked-1", "blocked-2"), List.of(first, second).stream().sorted().toList());
        awaitOnLane(() -> 2 == counters().disconnectRequests);
    }

    @Test
    void shouldRetransmitAnUnansweredDisconnectUnchangedAndGiveUpAfterFiveTransmissions() throws Exception
    {
        start("radius.coa-max-duration=1h");
        account(nas.accounting(ACCT_START, "silent-1", EMPTY));
        final RadiusTestNas.DynamicRequest first = nas.receiveDynamic();
        for (int retransmission = 0; retransmission < 4; retransmission++)
        {
            server.advance(MAX_TIMEOUTS_MS[retransmission]);
            final RadiusTestNas.DynamicRequest again = nas.receiveDynamic();
            assertArrayEquals(first.packet().bytes, again.packet().bytes,
                "same Identifier, authenticator and attributes (RFC 5176 §2.3)");
            assertEquals(first.from(), again.from(), "same source port");
        }
        server.advance(MAX_TIMEOUTS_MS[4]);
        awaitOnLane(() -> 1 == counters().dynamicAuthorizationTimeouts);
        assertEquals(4, counters().dynamicAuthorizationRetransmissions);
        assertEquals(0, server.server().radius().lane().outstandingDynamicAuthorizations());

        // A late answer matches nothing any more and is dropped.
        nas.answer(first, RadiusCode.DISCONNECT_ACK, 0);
        awaitOnLane(() -> 1 == counters().dropped(RadiusDropReason.UNMATCHED_REPLY));
        assertEquals(0, counters().dynamicAuthorizationAcks);
    }

    @Test
    void shouldGiveUpAtTheMaximumDuration() throws Exception
    {
        start("radius.coa-max-duration=5s");
        account(nas.accounting(ACCT_START, "silent-2", EMPTY));
        nas.receiveDynamic();
        server.advance(MAX_TIMEOUTS_MS[0]);
        nas.receiveDynamic();
        server.advance(5_000);
        awaitOnLane(() -> 1 == counters().dynamicAuthorizationTimeouts);
        assertEquals(1, counters().dynamicAuthorizationRetransmissions);
    }

    @Test
    void shouldDropADisconnectAnswerWithABadAuthenticator() throws Exception
    {
        start();
        account(nas.accounting(ACCT_START, "forged-1", EMPTY));
        final RadiusTestNas.DynamicRequest disconnect = nas.receiveDynamic();
        try (RadiusTestNas impostor = new RadiusTestNas("not-the-secret"))
        {
            impostor.answer(disconnect, RadiusCode.DISCONNECT_ACK, 0);
        }
        awaitOnLane(() -> 1 == counters().dropped(RadiusDropReason.BAD_REPLY_AUTHENTICATOR));
        assertEquals(1, server.server().radius().lane().outstandingDynamicAuthorizations(), "still waiting");
        nas.answer(disconnect, RadiusCode.DISCONNECT_ACK, 0);
        awaitOnLane(() -> 1 == counters().dynamicAuthorizationAcks);
    }

    @Test
    void shouldStampEachRequestWithItsFirstTransmissionTimeAndKeepItOnRetransmission() throws Exception
    {
        start();
        final long sentSeconds = server.clock().time() / 1000;
        account(nas.accounting(ACCT_START, "stamped-1", EMPTY));
        final RadiusTestNas.DynamicRequest disconnect = nas.receiveDynamic();
        assertEquals(sentSeconds, disconnect.packet().integer(RadiusAttributeType.EVENT_TIMESTAMP),
            "RFC 5176 §6.3: Event-Timestamp SHOULD be included");

        server.advance(MAX_TIMEOUTS_MS[0]);
        final RadiusTestNas.DynamicRequest again = nas.receiveDynamic();
        assertArrayEquals(disconnect.packet().bytes, again.packet().bytes, "RFC 5176 §2.3: the same packet again");
        nas.answer(again, RadiusCode.DISCONNECT_ACK, 0);
        awaitOnLane(() -> 1 == counters().dynamicAuthorizationAcks);
    }

    @Test
    void shouldDropAReplyWhoseEventTimestampIsNotCurrentAndAcceptACurrentOne() throws Exception
    {
        start();
        account(nas.accounting(ACCT_START, "replayed-ack-1", EMPTY));
        final RadiusTestNas.DynamicRequest disconnect = nas.receiveDynamic();
        final long nowSeconds = server.clock().time() / 1000;
        final long window = DynamicAuthorization.EVENT_TIMESTAMP_WINDOW_SECONDS;

        nas.answer(disconnect, RadiusCode.DISCONNECT_ACK, 0, nowSeconds - window - 1);
        awaitOnLane(() -> 1 == counters().dropped(RadiusDropReason.STALE_REPLY));
        nas.answer(disconnect, RadiusCode.DISCONNECT_ACK, 0, nowSeconds + window + 1);
        awaitOnLane(() -> 2 == counters().dropped(RadiusDropReason.STALE_REPLY));
        assertEquals(0, counters().dynamicAuthorizationAcks);
        assertEquals(1, server.server().radius().lane().outstandingDynamicAuthorizations(), "still waiting");

        nas.answer(disconnect, RadiusCode.DISCONNECT_ACK, 0, nowSeconds - window);
        awaitOnLane(() -> 1 == counters().dynamicAuthorizationAcks);
        assertEquals(0, server.server().radius().lane().outstandingDynamicAuthorizations());
    }

    @Test
    void shouldPushTheNewWholeSessionLimitByCoaAfterATopUp() throws Exception
    {
        start("radius.clients[0].vendor=mikrotik");
        final RadiusTestNas.Response accept = nas.exchange(nas.access(NEARLY_EMPTY).pap(PASSWORD),
            server.radiusAuthAddress());
        assertEquals(5 * MIB, accept.vendorInteger(RadiusVendorId.MIKROTIK, VendorProfile.MIKROTIK_TOTAL_LIMIT));
        final byte[] classValue = accept.string(RadiusAttributeType.CLASS).getBytes(StandardCharsets.US_ASCII);
        account(nas.accounting(ACCT_START, "mikrotik-1", NEARLY_EMPTY).bytes(RadiusAttributeType.CLASS, classValue));
        account(nas.accounting(ACCT_INTERIM_UPDATE, "mikrotik-1", NEARLY_EMPTY).octets(MIB, MIB)
            .bytes(RadiusAttributeType.CLASS, classValue));

        expected.charge(NEARLY_EMPTY, dataChargeMinor(2 * MIB));
        topUp(NEARLY_EMPTY, 10_000, "top-up-1");
        expected.credit(NEARLY_EMPTY, 10_000);
        final RadiusTestNas.DynamicRequest coa = nas.receiveDynamic();
        assertEquals(RadiusCode.COA_REQUEST, coa.packet().code());
        assertEquals("mikrotik-1", text(coa.packet(), RadiusAttributeType.ACCT_SESSION_ID));
        assertEquals(2 * MIB + 10 * MIB, coa.packet().vendorInteger(RadiusVendorId.MIKROTIK,
            VendorProfile.MIKROTIK_TOTAL_LIMIT), "used so far plus the new 10 MiB grant");
        assertEquals(dataChargeMinor(DATA_DEFAULT_GRANT), server.account(NEARLY_EMPTY).reservedMinor());
        assertEquals(expected.balanceMinor(NEARLY_EMPTY), server.account(NEARLY_EMPTY).balanceMinor());
        nas.answer(coa, RadiusCode.COA_ACK, 0);
        awaitOnLane(() -> 1 == counters().dynamicAuthorizationAcks);
        assertEquals(1, counters().coaRequests);
    }

    @Test
    void shouldPushTheSessionTimeoutOfATimeQuotaByCoaAfterATopUp() throws Exception
    {
        start("radius.clients[0].rating-group=20");
        // 0.0500 buys 5 seconds at 0.0100 per second.
        account(nas.accounting(ACCT_START, "seconds-1", NEARLY_EMPTY));
        account(nas.accounting(ACCT_INTERIM_UPDATE, "seconds-1", NEARLY_EMPTY)
            .integer(RadiusAttributeType.ACCT_SESSION_TIME, 2));
        expected.charge(NEARLY_EMPTY, chargeMinor(2, VOICE_QUANTUM, VOICE_PRICE_MINOR));
        topUp(NEARLY_EMPTY, 100_000, "top-up-2");
        expected.credit(NEARLY_EMPTY, 100_000);
        assertEquals(expected.balanceMinor(NEARLY_EMPTY), server.account(NEARLY_EMPTY).balanceMinor());
        final RadiusTestNas.DynamicRequest coa = nas.receiveDynamic();
        assertEquals(2 + 300, coa.packet().integer(RadiusAttributeType.SESSION_TIMEOUT),
            "the whole session's limit: 2 s used plus the 300 s default grant");
        nas.answer(coa, RadiusCode.COA_NAK, 405);
        awaitOnLane(() -> 1 == counters().dynamicAuthorizationNaks);
        assertEquals(405, counters().lastErrorCause);
    }

    @Test
    void shouldSendNoCoaToANasThatCannotBeToldAVolumeQuota() throws Exception
    {
        start();
        account(nas.accounting(ACCT_START, "generic-1", NEARLY_EMPTY));
        topUp(NEARLY_EMPTY, 10_000, "top-up-3");
        expected.credit(NEARLY_EMPTY, 10_000);
        server.server().radius().onEventLoop(() -> { });
        assertEquals(0, counters().coaRequests);
        assertEquals(0, server.server().radius().pendingCount());
        assertEquals(expected.balanceMinor(NEARLY_EMPTY), server.account(NEARLY_EMPTY).balanceMinor(),
            "credited once, nothing charged");
    }

    private void topUp(final String msisdn, final long amountMinor, final String idempotencyKey)
    {
        final CommandOutcome outcome = server.ledger(command ->
        {
            command.type = CommandType.TOP_UP;
            command.addIdentity(IdentityType.E164, msisdn);
            command.amountMinor = amountMinor;
            command.idempotencyKey(idempotencyKey);
        });
        assertEquals(LedgerResult.SUCCESS, outcome.result());
    }
}
