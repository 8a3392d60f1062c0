package io.gyro.server.diameter;

import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CheckBalanceResult;
import io.gyro.protocol.diameter.dictionary.RequestedAction;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;

import static io.gyro.server.test.BundledTariffs.DATA_DEFAULT_GRANT;
import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.MESSAGING_PRICE_MINOR;
import static io.gyro.server.test.BundledTariffs.MESSAGING_QUANTUM;
import static io.gyro.server.test.BundledTariffs.POOR_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.VOICE_PRICE_MINOR;
import static io.gyro.server.test.BundledTariffs.VOICE_QUANTUM;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 4006 session and event rules over loopback against the real server: a failed update ends the session,
 * the final-units interrogation carries Validity-Time, minimal one-time events are answered, usage or a request in
 * a unit the tariff does not count is refused, every reported usage is charged (also split over several USUs), and
 * a grant whose validity a band boundary cut short still leaves the client time to report.
 */
@Timeout(60)
class CreditControlRulesIntegrationTest
{
    private static final long MIB = 1L << 20;
    /** Bundled demo account with 0.0500: 5 MiB of data, nothing for voice once that is held. */
    private static final String FIVE_CENTS = "491709999991";

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

    private void start(final TestServer builder) throws Exception
    {
        // Clock jumps of many minutes would otherwise judge a watchdog answer still in flight as missed.
        server = builder.with("diameter.watchdog-interval=1h").start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
    }

    @Test
    void shouldReleaseEverythingWhenAnUpdateFailsAndChargeTheLaterTermination() throws Exception
    {
        start(TestServer.aServer(dataDir));
        final Cca initial = Ccr.initial("fail;1").msisdn(FIVE_CENTS).mscc(10).send(client);
        assertEquals(5 * MIB, initial.mscc().granted().totalOctets());
        assertEquals(500, server.account(FIVE_CENTS).reservedMinor());

        server.advance(100_000);
        final int endToEnd = client.nextEndToEnd();
        final Cca failed = Cca.decode(client.request(Ccr.update("fail;1", 1).msisdn(FIVE_CENTS).mscc(20)
            .bytes(client, client.nextHopByHop(), endToEnd)));
        assertEquals(ResultCode.CREDIT_LIMIT_REACHED, failed.resultCode());
        assertEquals(0, server.account(FIVE_CENTS).reservedMinor(), "RFC 4006 §7: the session is Idle, nothing held");

        final Cca again = Ccr.update("fail;1", 1).msisdn(FIVE_CENTS).mscc(20).send(client);
        assertEquals(ResultCode.CREDIT_LIMIT_REACHED, again.resultCode(), "the recorded answer");

        final Cca end = Ccr.terminate("fail;1", 2).msisdn(FIVE_CENTS).finalOctets(10, 2 * MIB).send(client);
        assertEquals(ResultCode.SUCCESS, end.resultCode());
        assertEquals(300, server.account(FIVE_CENTS).balanceMinor(), "usage reported after the failure is charged");
        assertEquals(0, server.account(FIVE_CENTS).reservedMinor());
        // The release at the failed update charged nothing; the 2 MiB reported after it are charged once.
        Invariants.assertCharged(server, FIVE_CENTS, POOR_OPENING_MINOR, 0, dataChargeMinor(2 * MIB));
    }

    @Test
    void shouldAnswerTheFinalUnitsInterrogationWithValidityTimeAndTheRedirect() throws Exception
    {
        start(TestServer.aServer(dataDir)
            .with("tariffs[0].final-unit-action=redirect")
            .with("tariffs[0].redirect-address-type=url")
            .with("tariffs[0].redirect-address=http://top-up.example/"));
        final Cca initial = Ccr.initial("fui;1").msisdn(FIVE_CENTS).mscc(10).send(client);
        assertEquals(1, initial.mscc().finalUnitAction());

        server.advance(100_000);
        final Cca consumed = Ccr.update("fui;1", 1).msisdn(FIVE_CENTS).finalOctets(10, 5 * MIB).send(client);
        assertEquals(ResultCode.SUCCESS, consumed.resultCode());
        final Cca.Mscc mscc = consumed.mscc();
        assertEquals(ResultCode.SUCCESS, mscc.resultCode());
        assertFalse(mscc.granted().isPresent(), "no GSU");
        assertEquals(600, mscc.validityTime(), "RFC 4006 §5.6.2: MUST include the Validity-Time AVP");
        assertEquals(1, mscc.finalUnitAction(), "the REDIRECT is repeated");
        assertEquals("http://top-up.example/", mscc.redirectAddress());
        assertEquals(0, server.account(FIVE_CENTS).balanceMinor());
        Invariants.assertCharged(server, FIVE_CENTS, POOR_OPENING_MINOR, 0, dataChargeMinor(5 * MIB));
    }

    @Test
    void shouldAnswerMinimalOneTimeEvents() throws Exception
    {
        start(TestServer.aServer(dataDir).with("diameter.default-rating-group=30"));
        final String subscriber = "491700000009";
        final long opening = server.account(subscriber).balanceMinor();

        final Cca price = Ccr.event("pe;1", RequestedAction.PRICE_ENQUIRY).msisdn(subscriber)
            .with(e -> e.uint32(AvpCode.SERVICE_IDENTIFIER, FLAG_MANDATORY, 0, 7)).send(client);
        assertEquals(ResultCode.SUCCESS, price.resultCode(), "RFC 4006 §6.3: the Service-Identifier names the event");
        assertTrue(price.hasCost());
        assertEquals(500, price.costDigits());
        assertEquals(-4, price.costExponent());

        final Cca debit = Ccr.event("dd;1", RequestedAction.DIRECT_DEBITING).msisdn(subscriber)
            .with(e -> e.uint32(AvpCode.SERVICE_IDENTIFIER, FLAG_MANDATORY, 0, 7)).send(client);
        assertEquals(ResultCode.SUCCESS, debit.resultCode());
        assertEquals(1, debit.granted().serviceSpecificUnits(), "one event debited");
        assertEquals(opening - 500, server.account(subscriber).balanceMinor());

        final Cca check = Ccr.event("cb;1", RequestedAction.CHECK_BALANCE).msisdn(subscriber).send(client);
        assertEquals(ResultCode.SUCCESS, check.resultCode(), "RFC 4006 §6.2: Subscription-Id is enough");
        assertEquals(CheckBalanceResult.ENOUGH_CREDIT, check.checkBalanceResult());
        final Cca broke = Ccr.event("cb;2", RequestedAction.CHECK_BALANCE).msisdn("491709999990").send(client);
        assertEquals(CheckBalanceResult.NO_CREDIT, broke.checkBalanceResult());
        assertEquals(opening - 500, server.account(subscriber).balanceMinor());
        // One event on the default rating group 30 (messaging); the enquiries moved nothing.
        Invariants.assertCharged(server, subscriber, DEMO_OPENING_MINOR, 0,
            Invariants.chargeMinor(1, MESSAGING_QUANTUM, MESSAGING_PRICE_MINOR));
    }

    @Test
    void shouldRefuseAOneTimeEventAskingForUnitsTheTariffDoesNotCount() throws Exception
    {
        start(TestServer.aServer(dataDir));
        final String subscriber = "491700000011";
        // A direct debit of one service-specific unit on data (octets): the amount to debit cannot be rated, and a
        // default grant in octets would charge what the client never asked for (RFC 4006 §9.2, 5031).
        final Cca debit = Ccr.event("dd-kind;1", RequestedAction.DIRECT_DEBITING).msisdn(subscriber)
            .mscc(10, new ServiceUnits().serviceSpecificUnits(1), null).send(client);
        assertEquals(ResultCode.RATING_FAILED, debit.resultCode(), "the sole MSCC's 5031, lifted");
        assertEquals(java.util.List.of(java.util.Map.of(AvpCode.RATING_GROUP, 10L)), debit.failedAvps());
        final Cca refund = Ccr.event("rf-kind;1", RequestedAction.REFUND_ACCOUNT).msisdn(subscriber)
            .mscc(10, new ServiceUnits().timeSeconds(60), null).send(client);
        assertEquals(ResultCode.RATING_FAILED, refund.resultCode());
        Invariants.assertCharged(server, subscriber, DEMO_OPENING_MINOR, 0, 0);
    }

    @Test
    void shouldRefuseUsageReportedInAUnitTheTariffDoesNotCount() throws Exception
    {
        start(TestServer.aServer(dataDir));
        final String subscriber = "491700000011";
        final long opening = server.account(subscriber).balanceMinor();
        Ccr.initial("uk;1").msisdn(subscriber).mscc(10).mscc(20).send(client);

        // Data reported in CC-Time only, voice as it should be.
        final Cca update = Ccr.update("uk;1", 1).msisdn(subscriber)
            .mscc(10, null, new ServiceUnits().timeSeconds(600))
            .mscc(20, new ServiceUnits().markPresent(), new ServiceUnits().timeSeconds(30)).send(client);
        assertEquals(ResultCode.SUCCESS, update.resultCode());
        assertEquals(ResultCode.RATING_FAILED, update.msccs().get(0).resultCode(), "RFC 4006 §9.2");
        assertTrue(update.hasFailedAvp());
        assertEquals(ResultCode.SUCCESS, update.msccs().get(1).resultCode());
        assertEquals(opening - 30 * 100, server.account(subscriber).balanceMinor(), "only the voice is charged");

        // An empty USU still reports nothing, and is no failure.
        final Cca end = Ccr.terminate("uk;1", 2).msisdn(subscriber)
            .mscc(20, null, new ServiceUnits().markPresent()).send(client);
        assertEquals(ResultCode.SUCCESS, end.resultCode());
        assertEquals(0, server.account(subscriber).reservedMinor());

        Ccr.initial("uk;2").msisdn(subscriber).mscc(10).send(client);
        final Cca only = Ccr.terminate("uk;2", 1).msisdn(subscriber)
            .mscc(10, null, new ServiceUnits().timeSeconds(600)).send(client);
        assertEquals(ResultCode.RATING_FAILED, only.resultCode(), "a sole failing MSCC at command level");
        assertTrue(only.hasFailedAvp());
        assertEquals(0, server.account(subscriber).reservedMinor(), "the grant is released");
        assertEquals(opening - 30 * 100, server.account(subscriber).balanceMinor());
        // Only the 30 s of voice; the data reported in seconds is refused, never charged.
        Invariants.assertCharged(server, subscriber, DEMO_OPENING_MINOR, 0,
            Invariants.chargeMinor(30, VOICE_QUANTUM, VOICE_PRICE_MINOR));
    }

    @Test
    void shouldRefuseASessionRequestAskingOnlyForUnitsTheTariffDoesNotCount() throws Exception
    {
        // Command-level units (no MSCC) are data's.
        start(TestServer.aServer(dataDir).with("diameter.default-rating-group=10"));
        final String subscriber = "491700000012";
        final ServiceUnits fiveEuros = new ServiceUnits().money(500, -2, 978);
        final Cca initial = Ccr.initial("money;1").msisdn(subscriber).mscc(10).send(client);
        assertEquals(10 * MIB, initial.mscc().granted().totalOctets());

        // Data asked for in CC-Money only (RFC 4006 §8.18: an unsupported unit type is an invalid AVP; §9.2: 5031),
        // with 2 MiB reported; voice asked for as usual.
        final Cca update = Ccr.update("money;1", 1).msisdn(subscriber)
            .mscc(10, fiveEuros, new ServiceUnits().totalOctets(2 * MIB))
            .mscc(20).send(client);
        assertEquals(ResultCode.SUCCESS, update.resultCode());
        assertEquals(ResultCode.RATING_FAILED, update.msccs().get(0).resultCode());
        assertFalse(update.msccs().get(0).granted().isPresent(), "no default grant in octets");
        assertEquals(java.util.List.of(java.util.Map.of(AvpCode.RATING_GROUP, 10L)), update.failedAvps());
        assertEquals(ResultCode.SUCCESS, update.msccs().get(1).resultCode());
        assertEquals(300, update.msccs().get(1).granted().timeSeconds());
        assertEquals(300 * VOICE_PRICE_MINOR, server.account(subscriber).reservedMinor(), "only the voice grant held");

        final Cca end = Ccr.terminate("money;1", 2).msisdn(subscriber)
            .mscc(20, null, new ServiceUnits().timeSeconds(30)).send(client);
        assertEquals(ResultCode.SUCCESS, end.resultCode());

        // A CCR-I whose only MSCC asks in CC-Money: the sole failure is lifted, nothing is granted or held.
        final Cca only = Ccr.initial("money;2").msisdn(subscriber).mscc(10, fiveEuros, null).send(client);
        assertEquals(ResultCode.RATING_FAILED, only.resultCode());
        assertEquals(java.util.List.of(java.util.Map.of(AvpCode.RATING_GROUP, 10L)), only.failedAvps());
        assertEquals(0, server.account(subscriber).reservedMinor());
        // The same RSU at command level, from a single-service client (RFC 4006 §5.1.1).
        final Cca single = Ccr.initial("money;3").msisdn(subscriber).commandLevel(fiveEuros, null).send(client);
        assertEquals(ResultCode.RATING_FAILED, single.resultCode());
        assertFalse(single.granted().isPresent());
        assertEquals(java.util.List.of(java.util.Map.of(AvpCode.RATING_GROUP, 10L)), single.failedAvps());
        assertEquals(0, server.account(subscriber).reservedMinor());
        // The 2 MiB of data reported with the refused request, and the 30 s of voice.
        Invariants.assertCharged(server, subscriber, DEMO_OPENING_MINOR, 0,
            dataChargeMinor(2 * MIB) + Invariants.chargeMinor(30, VOICE_QUANTUM, VOICE_PRICE_MINOR));
    }

    @Test
    void shouldAddUpEveryUsedServiceUnitOfAnMscc() throws Exception
    {
        start(TestServer.aServer(dataDir));
        final String subscriber = "491700000013";
        Ccr.initial("usu;1").msisdn(subscriber).mscc(10).send(client);
        // RFC 4006 §8.16, §8.19, §8.27: usage split at a tariff change into two USUs, one counted as CC-Total-Octets,
        // the other as input and output only. Each USU is a volume of its own: 2 MiB + (1 MiB + 0.5 MiB).
        final Cca end = Ccr.terminate("usu;1", 1).msisdn(subscriber).with(e ->
        {
            e.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, FLAG_MANDATORY, 0);
            e.beginGroup(AvpCode.USED_SERVICE_UNIT, FLAG_MANDATORY, 0);
            e.int32(AvpCode.TARIFF_CHANGE_USAGE, FLAG_MANDATORY, 0, 0);
            e.uint64(AvpCode.CC_TOTAL_OCTETS, FLAG_MANDATORY, 0, 2 * MIB);
            e.endGroup();
            e.beginGroup(AvpCode.USED_SERVICE_UNIT, FLAG_MANDATORY, 0);
            e.int32(AvpCode.TARIFF_CHANGE_USAGE, FLAG_MANDATORY, 0, 1);
            e.uint64(AvpCode.CC_INPUT_OCTETS, FLAG_MANDATORY, 0, MIB);
            e.uint64(AvpCode.CC_OUTPUT_OCTETS, FLAG_MANDATORY, 0, MIB / 2);
            e.endGroup();
            e.uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, 10);
            e.endGroup();
        }).send(client);
        assertEquals(ResultCode.SUCCESS, end.resultCode());
        assertEquals(0, server.account(subscriber).reservedMinor());
        // 3.5 MiB: four started MiB.
        Invariants.assertCharged(server, subscriber, DEMO_OPENING_MINOR, 0,
            dataChargeMinor(2 * MIB + MIB + MIB / 2));
    }

    @Test
    void shouldRefuseUsageTooLargeForALongInsteadOfChargingItAsNothing() throws Exception
    {
        start(TestServer.aServer(dataDir));
        final String subscriber = "491700000014";
        Ccr.initial("huge;1").msisdn(subscriber).mscc(10).mscc(20).send(client);
        // 2^63 octets in and 2^63 out wrap round to 0 in a long, and 2^64 - 1 reads as -1 (RFC 6733 §4.2 Unsigned64):
        // either used to be taken as no usage, and the grant released free of charge. Now the count saturates and the
        // ledger refuses a charge no long holds: 5004 for that MSCC, recorded unrated, nothing charged.
        final Cca update = Ccr.update("huge;1", 1).msisdn(subscriber)
            .mscc(10, null, new ServiceUnits().inputOctets(Long.MIN_VALUE).outputOctets(Long.MIN_VALUE))
            .mscc(20, new ServiceUnits().markPresent(), new ServiceUnits().timeSeconds(30)).send(client);
        assertEquals(ResultCode.SUCCESS, update.resultCode());
        assertEquals(ResultCode.INVALID_AVP_VALUE, update.msccs().get(0).resultCode());
        assertEquals(ResultCode.SUCCESS, update.msccs().get(1).resultCode());

        Ccr.initial("huge;2").msisdn(subscriber).mscc(10).send(client);
        final Cca only = Ccr.terminate("huge;2", 1).msisdn(subscriber)
            .mscc(10, null, new ServiceUnits().totalOctets(-1L)).send(client);
        assertEquals(ResultCode.INVALID_AVP_VALUE, only.resultCode(), "the sole MSCC's failure, lifted");
        Ccr.terminate("huge;1", 2).msisdn(subscriber).mscc(20, null, new ServiceUnits().markPresent()).send(client);
        assertEquals(0, server.account(subscriber).reservedMinor(), "every grant released");
        Invariants.assertCharged(server, subscriber, DEMO_OPENING_MINOR, 0,
            Invariants.chargeMinor(30, VOICE_QUANTUM, VOICE_PRICE_MINOR));
    }

    @Test
    void shouldGiveAGrantCutToABandBoundaryTimeToReportLate() throws Exception
    {
        // Data is priced in a band that ends at 10:01; the server starts at 10:00:00.
        final String bundled = Files.readString(Path.of("..", "config", "gyro.yaml"), StandardCharsets.UTF_8);
        final String dataValidity = "    validity-time: 600s           # the gateway reports back within 10 minutes\n";
        assertTrue(bundled.contains(dataValidity));
        final Path config = dataDir.resolve("band.yaml");
        Files.writeString(config, bundled.replace(dataValidity, dataValidity +
            "    bands:\n      - from: \"00:00\"\n        to: \"10:01\"\n        price: \"0.0100\"\n"));
        start(TestServer.aServer(dataDir).withConfigFile(config));
        final String subscriber = "491700000014";
        server.advance(58_000);
        final Cca first = Ccr.initial("tcc;1").msisdn(subscriber).mscc(10).send(client);
        final Cca second = Ccr.initial("tcc;2").msisdn(subscriber).mscc(10).send(client);
        assertEquals(2, first.mscc().validityTime(), "the grant never outlives its band");
        assertEquals(2, second.mscc().validityTime());

        // RFC 4006 §13: Tcc is 2 x Validity-Time, here 4 s. A client that reports 8 s after its Validity-Time
        // (within one Tx of 10 s) must still find its session: Tcc is at least Validity-Time + 30 s.
        server.advance(10_000);
        assertEquals(2 * dataChargeMinor(DATA_DEFAULT_GRANT), server.account(subscriber).reservedMinor());
        final Cca update = Ccr.update("tcc;1", 1).msisdn(subscriber).usedOctets(10, 3 * MIB).send(client);
        assertEquals(ResultCode.SUCCESS, update.resultCode(), "not 5002");
        assertEquals(600, update.mscc().validityTime(), "outside the band: the tariff's validity");
        assertEquals(ResultCode.SUCCESS,
            Ccr.terminate("tcc;1", 2).msisdn(subscriber).finalOctets(10, MIB).send(client).resultCode());

        // The silent one is released 2 s + 30 s after its grant, not before.
        server.advance(21_000);
        assertEquals(dataChargeMinor(DATA_DEFAULT_GRANT), server.account(subscriber).reservedMinor(), "at 31 s");
        server.advance(2_000);
        assertEquals(0, server.account(subscriber).reservedMinor(), "at 33 s");
        // 3 MiB and 1 MiB reported; the release charged nothing.
        Invariants.assertCharged(server, subscriber, DEMO_OPENING_MINOR, 0, dataChargeMinor(3 * MIB + MIB));
    }

    @Test
    void shouldKeepAGrantSupervisedWhileUpdatesRenewOnlyOtherRatingGroups() throws Exception
    {
        start(TestServer.aServer(dataDir));
        final String subscriber = "491700000015";
        final Cca initial = Ccr.initial("groups;1").msisdn(subscriber).mscc(10).mscc(20).send(client);
        assertEquals(600, initial.msccs().get(0).validityTime());
        assertEquals(3600, initial.msccs().get(1).validityTime(), "voice: the default 1 h, so Tcc 2 h");

        // Data is renewed at 500 s (its own Tcc: 1700 s) and stops at 1000 s; voice is silent.
        server.advance(500_000);
        assertEquals(ResultCode.SUCCESS,
            Ccr.update("groups;1", 1).msisdn(subscriber).usedOctets(10, MIB).send(client).resultCode());
        server.advance(500_000);
        assertEquals(ResultCode.SUCCESS,
            Ccr.update("groups;1", 2).msisdn(subscriber).finalOctets(10, MIB).send(client).resultCode());

        server.advance(2_600_000);
        assertEquals(300 * VOICE_PRICE_MINOR, server.account(subscriber).reservedMinor(), "the voice grant is held");
        // RFC 4006 §5.1.2: the voice Validity-Time ends at 3600 s and the client reports then.
        final Cca voice = Ccr.update("groups;1", 3).msisdn(subscriber)
            .mscc(20, new ServiceUnits().markPresent(), new ServiceUnits().timeSeconds(120)).send(client);
        assertEquals(ResultCode.SUCCESS, voice.resultCode(), "not 5002");
        assertEquals(300, voice.mscc().granted().timeSeconds());
        assertEquals(ResultCode.SUCCESS, Ccr.terminate("groups;1", 4).msisdn(subscriber)
            .mscc(20, null, new ServiceUnits().timeSeconds(0)).send(client).resultCode());
        assertEquals(0, server.account(subscriber).reservedMinor());
        // 2 MiB of data and 120 s of voice.
        Invariants.assertCharged(server, subscriber, DEMO_OPENING_MINOR, 0,
            dataChargeMinor(2 * MIB) + Invariants.chargeMinor(120, VOICE_QUANTUM, VOICE_PRICE_MINOR));
    }

    /** MSCC {RSU?, USU{CC-Total-Octets}?, Service-Identifier, Rating-Group} written raw. */
    private static void mscc(final DiameterEncoder e, final long rg, final long si, final long usedOctets,
        final boolean rsu)
    {
        e.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, FLAG_MANDATORY, 0);
        if (rsu)
        {
            e.beginGroup(AvpCode.REQUESTED_SERVICE_UNIT, FLAG_MANDATORY, 0);
            e.endGroup();
        }
        if (usedOctets >= 0)
        {
            e.beginGroup(AvpCode.USED_SERVICE_UNIT, FLAG_MANDATORY, 0);
            e.uint64(AvpCode.CC_TOTAL_OCTETS, FLAG_MANDATORY, 0, usedOctets);
            e.endGroup();
        }
        e.uint32(AvpCode.SERVICE_IDENTIFIER, FLAG_MANDATORY, 0, si);
        e.uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, rg);
        e.endGroup();
    }

    @Test
    void shouldChargeEveryServiceOfARatingGroup() throws Exception
    {
        start(TestServer.aServer(dataDir));
        final String subscriber = "491700000007";
        final long opening = server.account(subscriber).balanceMinor();
        final Cca initial = Ccr.initial("si;1").msisdn(subscriber).with(e ->
        {
            mscc(e, 10, 1, -1, true);
            mscc(e, 10, 2, -1, true);
        }).send(client);
        assertEquals(ResultCode.SUCCESS, initial.resultCode());
        assertEquals(2, initial.msccs().size());
        assertEquals(ResultCode.SUCCESS, initial.msccs().get(0).resultCode());
        assertEquals(10 * MIB, initial.msccs().get(0).granted().totalOctets());
        assertEquals(ResultCode.SUCCESS, initial.msccs().get(1).resultCode(), "RFC 4006 §8.16: legal, not 5004");
        assertFalse(initial.hasFailedAvp());

        final Cca end = Ccr.terminate("si;1", 1).msisdn(subscriber).with(e ->
        {
            mscc(e, 10, 1, 2 * MIB, false);
            mscc(e, 10, 2, 3 * MIB, false);
        }).send(client);
        assertEquals(ResultCode.SUCCESS, end.resultCode());
        assertEquals(ResultCode.SUCCESS, end.msccs().get(0).resultCode());
        assertEquals(ResultCode.SUCCESS, end.msccs().get(1).resultCode());
        assertEquals(opening - 500, server.account(subscriber).balanceMinor(), "5 MiB reported, 5 MiB charged");
        assertEquals(0, server.account(subscriber).reservedMinor());
        // Both services' usage in rating group 10, rounded up once over the group: 2 + 3 MiB.
        Invariants.assertCharged(server, subscriber, DEMO_OPENING_MINOR, 0, dataChargeMinor(2 * MIB + 3 * MIB));
    }

    @Test
    void shouldNeverApplyABufferedEventTwice() throws Exception
    {
        start(TestServer.aServer(dataDir));
        final String subscriber = "491700000008";
        final long opening = server.account(subscriber).balanceMinor();
        final int debitEndToEnd = client.nextEndToEnd();
        final Cca debit = Cca.decode(client.request(Ccr.event("ev;1", RequestedAction.DIRECT_DEBITING)
            .msisdn(subscriber).mscc(30, new ServiceUnits().serviceSpecificUnits(1), null)
            .bytes(client, client.nextHopByHop(), debitEndToEnd)));
        assertEquals(ResultCode.SUCCESS, debit.resultCode());
        final int refundEndToEnd = client.nextEndToEnd();
        client.request(Ccr.event("rf;1", RequestedAction.REFUND_ACCOUNT).msisdn(subscriber)
            .mscc(30, new ServiceUnits().serviceSpecificUnits(2), null)
            .bytes(client, client.nextHopByHop(), refundEndToEnd));
        assertEquals(opening - 500 + 1_000, server.account(subscriber).balanceMinor());

        // RFC 4006 §6.5: buffered, resent with the T flag after the answer cache (4 min) and the event's session
        // entry (5 min) are gone, and again most of an hour later.
        for (final long wait : new long[] {310_000, 50 * 60_000})
        {
            server.advance(wait);
            final Cca again = Cca.decode(client.request(Ccr.event("ev;1", RequestedAction.DIRECT_DEBITING)
                .msisdn(subscriber).mscc(30, new ServiceUnits().serviceSpecificUnits(1), null)
                .retransmissionOf(debitEndToEnd).bytes(client)));
            assertEquals(ResultCode.SUCCESS, again.resultCode());
            assertEquals(1, again.mscc().granted().serviceSpecificUnits(), "the recorded answer");
            client.request(Ccr.event("rf;1", RequestedAction.REFUND_ACCOUNT).msisdn(subscriber)
                .mscc(30, new ServiceUnits().serviceSpecificUnits(2), null).retransmissionOf(refundEndToEnd)
                .bytes(client));
            assertEquals(opening - 500 + 1_000, server.account(subscriber).balanceMinor(), "debited and credited once");
        }
        // One message debited and two refunded (a credit), each once.
        Invariants.assertCharged(server, subscriber, DEMO_OPENING_MINOR,
            Invariants.chargeMinor(2, MESSAGING_QUANTUM, MESSAGING_PRICE_MINOR),
            Invariants.chargeMinor(1, MESSAGING_QUANTUM, MESSAGING_PRICE_MINOR));
    }
}
