package io.gyro.server.radius;

import io.gyro.ledger.AccountSpec;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerResult;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.protocol.radius.RadiusVendorId;
import io.gyro.server.ledger.CommandOutcome;
import io.gyro.server.test.ExpectedMoney;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static io.gyro.server.radius.RadiusLane.ACCT_INTERIM_UPDATE;
import static io.gyro.server.radius.RadiusLane.ACCT_START;
import static io.gyro.server.radius.RadiusLane.ACCT_STOP;
import static io.gyro.server.test.BundledTariffs.DATA_DEFAULT_GRANT;
import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.POOR_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prepaid authorization (RFC 2865, issue 5) against the real server over loopback: PAP and CHAP against the demo
 * password, identities from User-Name, Calling-Station-Id and 3GPP-IMSI, the granted quota in each vendor's
 * attribute, Message-Authenticator first, Proxy-State echoed, and the Class that lets Accounting-Start adopt the
 * reservation (released when nobody adopts it within 60 s).
 */
@Timeout(60)
class RadiusAuthorizationIntegrationTest
{
    private static final long MIB = 1L << 20;
    private static final String PASSWORD = "gyro-demo";
    private static final String ALICE = "491700000005";
    private static final String ALICE_IMSI = "262010000000005";
    private static final String EMPTY = "491709999990";
    private static final String NEARLY_EMPTY = "491709999991";
    /** The default grant, 10 MiB of tariff 10, held in money. */
    private static final long DEFAULT_GRANT_MINOR = dataChargeMinor(DATA_DEFAULT_GRANT);

    @TempDir
    Path dataDir;
    private TestServer server;
    private final RadiusTestNas nas;
    /** Every test charges nothing unless it says so: the accounts it does not use must not move either. */
    private final ExpectedMoney expected = new ExpectedMoney().watch(ALICE, DEMO_OPENING_MINOR).watch(EMPTY, 0)
        .watch(NEARLY_EMPTY, POOR_OPENING_MINOR);

    RadiusAuthorizationIntegrationTest() throws Exception
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

    private RadiusTestNas.Response authenticate(final RadiusTestNas.Request request) throws Exception
    {
        final RadiusTestNas.Response response = nas.exchange(request, server.radiusAuthAddress());
        assertEquals(RadiusAttributeType.MESSAGE_AUTHENTICATOR, response.attributeTypes().get(0),
            "Message-Authenticator is the first attribute");
        assertTrue(response.hasValidMessageAuthenticator(request.authenticator));
        return response;
    }

    private RadiusCounters counters()
    {
        return server.server().radius().counters();
    }

    @Test
    void shouldAcceptPapWithTheGrantedQuotaAClassAndTheInterimInterval() throws Exception
    {
        start();
        final RadiusTestNas.Response accept = authenticate(nas.access(ALICE).pap(PASSWORD));

        assertEquals(RadiusCode.ACCESS_ACCEPT, accept.code());
        assertEquals(300, accept.integer(RadiusAttributeType.ACCT_INTERIM_INTERVAL));
        final String classValue = accept.string(RadiusAttributeType.CLASS);
        assertNotNull(classValue);
        assertTrue(classValue.startsWith("GYRO") && classValue.length() == 28, classValue);
        assertEquals(-1, accept.integer(RadiusAttributeType.SESSION_TIMEOUT),
            "a generic NAS charged by volume gets no time limit");
        assertEquals(DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor(), "the grant is reserved");
    }

    @Test
    void shouldAcceptChapAndRejectAWrongPassword() throws Exception
    {
        start();
        assertEquals(RadiusCode.ACCESS_ACCEPT, authenticate(nas.access(ALICE).chap(PASSWORD)).code());

        final RadiusTestNas.Response papReject = authenticate(nas.access(ALICE).pap("gyro-dem0"));
        assertEquals(RadiusCode.ACCESS_REJECT, papReject.code());
        assertEquals(RadiusLane.AUTHENTICATION_FAILED, papReject.string(RadiusAttributeType.REPLY_MESSAGE));
        final RadiusTestNas.Response chapReject = authenticate(nas.access(ALICE).chap("gyro-demo "));
        assertEquals(RadiusCode.ACCESS_REJECT, chapReject.code());
        final RadiusTestNas.Response noPassword = authenticate(nas.access(ALICE));
        assertEquals(RadiusCode.ACCESS_REJECT, noPassword.code(), "a subscriber with a password must give it");

        assertEquals(3, counters().authenticationFailures);
        assertEquals(DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor(), "rejects reserve nothing");
    }

    @Test
    void shouldLetIdentityAndBalanceDecideForASubscriberWithoutPassword() throws Exception
    {
        start();
        final CommandOutcome created = server.ledger(command ->
        {
            command.type = CommandType.CREATE_ACCOUNT;
            command.payload = new AccountSpec().identity(IdentityType.NAI, "carol@example.org")
                .openingBalanceMinor(50_000);
        });
        assertEquals(LedgerResult.SUCCESS, created.result());
        assertEquals(RadiusCode.ACCESS_ACCEPT, authenticate(nas.access("carol@example.org")).code());
        assertEquals(RadiusCode.ACCESS_ACCEPT, authenticate(nas.access("carol@example.org").pap("anything")).code());
        assertEquals(0, counters().authenticationFailures);
    }

    @Test
    void shouldRejectUnknownAndEmptyAccountsWithAReplyMessage() throws Exception
    {
        start();
        final RadiusTestNas.Response unknown = authenticate(nas.access("491799999999").pap(PASSWORD));
        assertEquals(RadiusCode.ACCESS_REJECT, unknown.code());
        assertEquals(RadiusLane.UNKNOWN_SUBSCRIBER, unknown.string(RadiusAttributeType.REPLY_MESSAGE));

        final RadiusTestNas.Response empty = authenticate(nas.access(EMPTY).pap(PASSWORD));
        assertEquals(RadiusCode.ACCESS_REJECT, empty.code());
        assertEquals(RadiusLane.INSUFFICIENT_BALANCE, empty.string(RadiusAttributeType.REPLY_MESSAGE));

        final RadiusTestNas.Response nobody = authenticate(nas.access(null));
        assertEquals(RadiusLane.NO_IDENTITY, nobody.string(RadiusAttributeType.REPLY_MESSAGE));
        assertEquals(3, counters().accessRejects);
    }

    @Test
    void shouldFindTheSubscriberByImsiOrCallingStationIdInTheConfiguredOrder() throws Exception
    {
        start();
        assertEquals(RadiusCode.ACCESS_ACCEPT, authenticate(nas.access(ALICE_IMSI).pap(PASSWORD)).code(),
            "User-Name holding the IMSI");
        assertEquals(RadiusCode.ACCESS_ACCEPT, authenticate(nas.access("alice@example.org").pap(PASSWORD)
            .vendorString(RadiusVendorId.THREE_GPP, RadiusRequestAttributes.TGPP_IMSI, ALICE_IMSI)).code(),
            "3GPP-IMSI after an unknown NAI");
        assertEquals(RadiusCode.ACCESS_ACCEPT, authenticate(nas.access("alice@example.org").pap(PASSWORD)
            .string(RadiusAttributeType.CALLING_STATION_ID, "+" + ALICE)).code(), "Calling-Station-Id");
        assertEquals(3 * DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor());
    }

    @Test
    void shouldTakeTheFirstIdentityThatNamesAnAccount() throws Exception
    {
        start("radius.identity-order=3gpp-imsi,user-name");
        // The IMSI is tried first and belongs to ALICE; the User-Name (the empty account) is never consulted.
        assertEquals(RadiusCode.ACCESS_ACCEPT, authenticate(nas.access(EMPTY).pap(PASSWORD)
            .vendorString(RadiusVendorId.THREE_GPP, RadiusRequestAttributes.TGPP_IMSI, ALICE_IMSI)).code());
        assertEquals(DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor());
    }

    @Test
    void shouldEchoEveryProxyStateInOrder() throws Exception
    {
        start();
        final byte[] first = "proxy-one".getBytes(StandardCharsets.US_ASCII);
        final byte[] second = {0, 1, 2, 3};
        final RadiusTestNas.Response accept = authenticate(nas.access(ALICE).pap(PASSWORD)
            .bytes(RadiusAttributeType.PROXY_STATE, first).bytes(RadiusAttributeType.PROXY_STATE, second));
        final List<Integer> types = accept.attributeTypes();
        assertEquals(2, types.stream().filter(type -> RadiusAttributeType.PROXY_STATE == type).count());
        assertEquals("proxy-one", accept.string(RadiusAttributeType.PROXY_STATE));

        final RadiusTestNas.Request stop = nas.accounting(ACCT_STOP, "nothing", ALICE)
            .bytes(RadiusAttributeType.PROXY_STATE, first);
        assertEquals("proxy-one", nas.exchange(stop, server.radiusAcctAddress()).string(RadiusAttributeType.PROXY_STATE));
    }

    @Test
    void shouldLetAccountingStartAdoptTheReservationItsClassNames() throws Exception
    {
        start();
        final RadiusTestNas.Response accept = authenticate(nas.access(ALICE).pap(PASSWORD));
        final String classValue = accept.string(RadiusAttributeType.CLASS);
        final RadiusTestNas.Request start = nas.accounting(ACCT_START, "adopted-1", ALICE)
            .bytes(RadiusAttributeType.CLASS, classValue.getBytes(StandardCharsets.US_ASCII));
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.exchange(start, server.radiusAcctAddress()).code());
        assertEquals(1, counters().adoptedReservations);
        assertEquals(DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor(), "adopted, not reserved twice");

        server.advance(60_000);
        assertEquals(DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor(),
            "an adopted session is supervised like any accounting session");
        nas.exchange(nas.accounting(ACCT_INTERIM_UPDATE, "adopted-1", ALICE).octets(MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue.getBytes(StandardCharsets.US_ASCII)),
            server.radiusAcctAddress());
        nas.exchange(nas.accounting(ACCT_STOP, "adopted-1", ALICE).octets(2 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue.getBytes(StandardCharsets.US_ASCII)),
            server.radiusAcctAddress());
        // Session-cumulative counters (RFC 2866 §5.3): 2 MiB in all, whatever the interim said.
        expected.charge(ALICE, dataChargeMinor(2 * MIB));
        assertEquals(expected.balanceMinor(ALICE), server.account(ALICE).balanceMinor());
        assertEquals(0, server.account(ALICE).reservedMinor());
    }

    @Test
    void shouldLetAnInterimAdoptTheReservationWhenTheStartWasLost() throws Exception
    {
        start();
        final byte[] classValue = authenticate(nas.access(ALICE).pap(PASSWORD)).string(RadiusAttributeType.CLASS)
            .getBytes(StandardCharsets.US_ASCII);
        nas.exchange(nas.accounting(ACCT_INTERIM_UPDATE, "lost-start", ALICE).octets(3 * MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue), server.radiusAcctAddress());
        assertEquals(1, counters().adoptedReservations);
        assertEquals(0, counters().unratedRecords);
        expected.charge(ALICE, dataChargeMinor(3 * MIB));
        assertEquals(expected.balanceMinor(ALICE), server.account(ALICE).balanceMinor());
        assertEquals(DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor(), "reserved again, once");

        nas.exchange(nas.accounting(ACCT_STOP, "other-lost-start", ALICE).octets(MIB, 0)
            .bytes(RadiusAttributeType.CLASS, classValue), server.radiusAcctAddress());
        assertEquals(1, counters().unratedRecords, "a Class adopted already names no reservation");
        assertEquals(expected.balanceMinor(ALICE), server.account(ALICE).balanceMinor(),
            "the unrated Stop charged nothing");
        nas.exchange(nas.accounting(ACCT_STOP, "lost-start", ALICE).octets(4 * MIB, 0), server.radiusAcctAddress());
        expected.charge(ALICE, dataChargeMinor(4 * MIB) - dataChargeMinor(3 * MIB));
        assertEquals(expected.balanceMinor(ALICE), server.account(ALICE).balanceMinor());
        assertEquals(0, server.account(ALICE).reservedMinor());
    }

    @Test
    void shouldReleaseAReservationNobodyAdoptsWithinSixtySeconds() throws Exception
    {
        start();
        authenticate(nas.access(ALICE).pap(PASSWORD));
        server.advance(59_000);
        assertEquals(DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor());
        server.advance(1_000);
        assertEquals(0, server.account(ALICE).reservedMinor());
        assertEquals(DEMO_OPENING_MINOR, server.account(ALICE).balanceMinor(), "released, not charged");
    }

    @Test
    void shouldGrantWhatTheBalanceCovers() throws Exception
    {
        start("radius.clients[0].vendor=mikrotik");
        // 0.0500 buys 5 MiB at 0.0100 per MiB.
        final RadiusTestNas.Response accept = authenticate(nas.access(NEARLY_EMPTY).pap(PASSWORD));
        assertEquals(RadiusCode.ACCESS_ACCEPT, accept.code());
        assertEquals(5 * MIB, accept.vendorInteger(RadiusVendorId.MIKROTIK, VendorProfile.MIKROTIK_TOTAL_LIMIT));
        assertEquals(-1, accept.vendorInteger(RadiusVendorId.MIKROTIK, VendorProfile.MIKROTIK_TOTAL_LIMIT_GIGAWORDS));
    }

    @Test
    void shouldCarryTheVolumeQuotaInHuaweiKilobytes() throws Exception
    {
        start("radius.clients[0].vendor=huawei");
        final RadiusTestNas.Response accept = authenticate(nas.access(ALICE).pap(PASSWORD));
        assertEquals(10 * 1024, accept.vendorInteger(RadiusVendorId.HUAWEI, VendorProfile.HUAWEI_REMANENT_VOLUME));
    }

    @Test
    void shouldCarryATimeQuotaAsSessionTimeout() throws Exception
    {
        start("radius.clients[0].rating-group=20", "radius.acct-interim-interval=10m");
        final RadiusTestNas.Response accept = authenticate(nas.access(ALICE).pap(PASSWORD));
        assertEquals(300, accept.integer(RadiusAttributeType.SESSION_TIMEOUT), "tariff 20 grants 300 s");
        assertEquals(600, accept.integer(RadiusAttributeType.ACCT_INTERIM_INTERVAL));
    }

    @Test
    void shouldDropAccessRequestsWithoutMessageAuthenticatorWhenTheNasMustSendIt() throws Exception
    {
        start("radius.clients[0].require-message-authenticator=true");
        nas.send(nas.access(ALICE).pap(PASSWORD).encode(), server.radiusAuthAddress());
        final RadiusTestNas.Response accept = authenticate(nas.access(ALICE).pap(PASSWORD).messageAuthenticator());
        assertEquals(RadiusCode.ACCESS_ACCEPT, accept.code());
        assertEquals(1, counters().dropped(RadiusDropReason.MISSING_MESSAGE_AUTHENTICATOR));
        assertEquals(1, counters().accessRequests);
    }

    @Test
    void shouldAnswerStatusServerOnBothPorts() throws Exception
    {
        start();
        final RadiusTestNas.Response auth = authenticate(
            nas.new Request(RadiusCode.STATUS_SERVER).messageAuthenticator());
        assertEquals(RadiusCode.ACCESS_ACCEPT, auth.code());
        final RadiusTestNas.Request acct = nas.new Request(RadiusCode.STATUS_SERVER).messageAuthenticator();
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.exchange(acct, server.radiusAcctAddress()).code());
        assertEquals(2, counters().statusServer);
        assertFalse(counters().droppedTotal() > 0);
    }
}
