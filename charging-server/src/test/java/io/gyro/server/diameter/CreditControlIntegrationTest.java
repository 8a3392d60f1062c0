package io.gyro.server.diameter;

import io.gyro.ledger.AccountView;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.RequestedAction;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.Cca;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.gyro.server.test.BundledTariffs.MESSAGING_PRICE_MINOR;
import static io.gyro.server.test.BundledTariffs.MESSAGING_QUANTUM;
import static io.gyro.server.test.BundledTariffs.POOR_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Gy credit control end to end over loopback against the bundled demo configuration (issue 4): grants, usage,
 * Result-Code placement, events, and the money that moves.
 */
@Timeout(60)
class CreditControlIntegrationTest
{
    private static final long MIB = 1L << 20;
    private static final String SUBSCRIBER = "491700000001";
    /** 100.00 at four decimal places. */
    private static final long OPENING_MINOR = 1_000_000;
    /** 0.0100 per started MiB. */
    private static final long PRICE_PER_MIB_MINOR = 100;

    @TempDir
    Path dataDir;
    private TestServer server;
    private DiameterTestClient client;

    @BeforeEach
    void start() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        final CapabilitiesExchange cea = client.cer();
        assertEquals(ResultCode.SUCCESS, cea.resultCode());
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

    @Test
    void shouldGrantDefaultQuotaAndChargeCumulativeUsage() throws Exception
    {
        final Cca initial = Ccr.initial("pgw1;1;1").msisdn(SUBSCRIBER).mscc(10).send(client);
        assertEquals(ResultCode.SUCCESS, initial.resultCode());
        assertEquals(1, initial.ccRequestType());
        assertEquals(0, initial.ccRequestNumber());
        assertEquals("pgw1;1;1", initial.sessionId());
        final Cca.Mscc granted = initial.mscc();
        assertEquals(10, granted.ratingGroup());
        assertEquals(ResultCode.SUCCESS, granted.resultCode());
        assertEquals(10 * MIB, granted.granted().totalOctets());
        assertEquals(600, granted.validityTime());
        assertEquals(-1, granted.finalUnitAction());

        final Cca update = Ccr.update("pgw1;1;1", 1).msisdn(SUBSCRIBER).usedOctets(10, 3 * MIB + 1).send(client);
        assertEquals(ResultCode.SUCCESS, update.resultCode());
        assertEquals(10 * MIB, update.mscc().granted().totalOctets());

        final Cca terminate = Ccr.terminate("pgw1;1;1", 2).msisdn(SUBSCRIBER).finalOctets(10, MIB - 1).send(client);
        assertEquals(ResultCode.SUCCESS, terminate.resultCode());
        assertEquals(3, terminate.ccRequestType());
        for (final Cca.Mscc mscc : terminate.msccs())
        {
            assertFalse(mscc.granted().isPresent(), "CCR-T gets no GSU");
        }

        // Cumulative rounding: 4 MiB used in total -> 4 started MiB, not 4 + 1 for the two partial reports.
        final AccountView account = server.account(SUBSCRIBER);
        assertEquals(OPENING_MINOR - 4 * PRICE_PER_MIB_MINOR, account.balanceMinor());
        assertEquals(0, account.reservedMinor());
        Invariants.assertCharged(server, SUBSCRIBER, OPENING_MINOR, 0, dataChargeMinor(3 * MIB + 1 + MIB - 1));
    }

    @Test
    void shouldAnswerUserUnknownAtCommandLevel() throws Exception
    {
        final Cca answer = Ccr.initial("pgw1;2;1").msisdn("491799999999").mscc(10).send(client);
        assertEquals(ResultCode.USER_UNKNOWN, answer.resultCode());
        assertTrue(answer.msccs().isEmpty());
        assertFalse(answer.isError());
    }

    @Test
    void shouldAnswerCreditLimitReachedForEmptyAccount() throws Exception
    {
        final Cca answer = Ccr.initial("pgw1;3;1").msisdn("491709999990").mscc(10).send(client);
        assertEquals(ResultCode.CREDIT_LIMIT_REACHED, answer.resultCode(), "its only MSCC failed with 4012");
        assertEquals(ResultCode.CREDIT_LIMIT_REACHED, answer.mscc().resultCode());
        assertFalse(answer.mscc().granted().isPresent());
        Invariants.assertCharged(server, "491709999990", 0, 0, 0);
    }

    @Test
    void shouldGrantTheLastUnitsWithFinalUnitIndication() throws Exception
    {
        final Cca answer = Ccr.initial("pgw1;4;1").msisdn("491709999991").mscc(10).send(client);
        assertEquals(ResultCode.SUCCESS, answer.resultCode());
        assertEquals(5 * MIB, answer.mscc().granted().totalOctets(), "0.0500 buys 5 MiB at 0.0100 per MiB");
        assertEquals(0, answer.mscc().finalUnitAction(), "Final-Unit-Action TERMINATE");
        Invariants.assertCharged(server, "491709999991", POOR_OPENING_MINOR, 0, 0);
        assertEquals(POOR_OPENING_MINOR, server.account("491709999991").reservedMinor(), "all of it held");
    }

    @Test
    void shouldKeepPerServiceFailuresInsideTheirMscc() throws Exception
    {
        final Cca answer = Ccr.initial("pgw1;5;1").msisdn(SUBSCRIBER).mscc(10).mscc(77).mscc(20).send(client);
        assertEquals(ResultCode.SUCCESS, answer.resultCode());
        assertEquals(3, answer.msccs().size());
        assertEquals(ResultCode.SUCCESS, answer.msccs().get(0).resultCode());
        assertEquals(ResultCode.RATING_FAILED, answer.msccs().get(1).resultCode(), "no tariff, no default tariff");
        assertEquals(77, answer.msccs().get(1).ratingGroup());
        assertEquals(ResultCode.SUCCESS, answer.msccs().get(2).resultCode());
        assertEquals(300, answer.msccs().get(2).granted().timeSeconds(), "voice default grant");
        assertEquals(List.of(Map.of(AvpCode.RATING_GROUP, 77L)), answer.failedAvps(),
            "RFC 4006 §9.2: 5031 MUST carry Failed-AVP with what could not be rated");
        Invariants.assertCharged(server, SUBSCRIBER, OPENING_MINOR, 0, 0);
    }

    @Test
    void shouldDebitEventsAndAnswerEnquiries() throws Exception
    {
        final Cca debit = Ccr.event("pgw1;6;1", RequestedAction.DIRECT_DEBITING).msisdn(SUBSCRIBER)
            .mscc(30, new ServiceUnits().serviceSpecificUnits(2), null).send(client);
        assertEquals(ResultCode.SUCCESS, debit.resultCode());
        assertEquals(2, debit.mscc().granted().serviceSpecificUnits());
        assertEquals(OPENING_MINOR - 2 * 500, server.account(SUBSCRIBER).balanceMinor());

        final Cca price = Ccr.event("pgw1;7;1", RequestedAction.PRICE_ENQUIRY).msisdn(SUBSCRIBER)
            .mscc(30, new ServiceUnits().serviceSpecificUnits(3), null).send(client);
        assertEquals(ResultCode.SUCCESS, price.resultCode());
        assertTrue(price.hasCost());
        assertEquals(1500, price.costDigits());
        assertEquals(-4, price.costExponent());

        final Cca check = Ccr.event("pgw1;8;1", RequestedAction.CHECK_BALANCE).msisdn(SUBSCRIBER)
            .mscc(30, new ServiceUnits().serviceSpecificUnits(1), null).send(client);
        assertEquals(ResultCode.SUCCESS, check.resultCode());
        assertEquals(0, check.checkBalanceResult(), "ENOUGH_CREDIT");

        final Cca refund = Ccr.event("pgw1;9;1", RequestedAction.REFUND_ACCOUNT).msisdn(SUBSCRIBER)
            .mscc(30, new ServiceUnits().serviceSpecificUnits(1), null).send(client);
        assertEquals(ResultCode.SUCCESS, refund.resultCode());
        assertEquals(OPENING_MINOR - 2 * 500 + 500, server.account(SUBSCRIBER).balanceMinor());
        // Two messages debited, one refunded as a credit; the enquiries moved nothing.
        Invariants.assertCharged(server, SUBSCRIBER, OPENING_MINOR, MESSAGING_PRICE_MINOR,
            Invariants.chargeMinor(2, MESSAGING_QUANTUM, MESSAGING_PRICE_MINOR));
    }
}
