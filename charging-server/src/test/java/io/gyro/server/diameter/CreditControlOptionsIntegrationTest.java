package io.gyro.server.diameter;

import io.gyro.ledger.AccountUpdate;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerResult;
import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.gyro.server.test.BundledTariffs;
import io.gyro.server.test.Cca;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Configurable parts of the CCA (issue 4): command-level units on the default rating group, failure handling per
 * peer, 3GPP AVPs only to peers that support vendor 10415 and only where configured, Low-Balance-Indication,
 * REDIRECT as the final unit action.
 */
@Timeout(60)
class CreditControlOptionsIntegrationTest
{
    private static final long MIB = 1L << 20;

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
        server = builder.start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
    }

    private static boolean has3gppAvp(final Cca cca, final int code)
    {
        final AvpReader reader = new AvpReader().wrapMessage(Unpooled.wrappedBuffer(cca.bytes()), 0);
        while (reader.next())
        {
            if (AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL == reader.code())
            {
                final AvpReader mscc = new AvpReader().wrapGroup(reader);
                if (mscc.find(code, VendorId.TGPP))
                {
                    return true;
                }
            }
            if (VendorId.TGPP == reader.vendorId() && code == reader.code())
            {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldRateCommandLevelUnitsOnTheDefaultRatingGroup() throws Exception
    {
        start(TestServer.aServer(dataDir).with("diameter.default-rating-group=10"));
        final Cca initial = Ccr.initial("cl;1").msisdn("491700000005")
            .commandLevel(new ServiceUnits().markPresent(), null).send(client);
        assertEquals(ResultCode.SUCCESS, initial.resultCode());
        assertTrue(initial.msccs().isEmpty());
        assertEquals(10 * MIB, initial.granted().totalOctets(), "command-level GSU in the tariff's unit");
        assertEquals(600, initial.validityTime());

        final Cca terminate = Ccr.terminate("cl;1", 1).msisdn("491700000005")
            .commandLevel(null, new ServiceUnits().totalOctets(2 * MIB)).send(client);
        assertEquals(ResultCode.SUCCESS, terminate.resultCode());
        assertEquals(1_000_000 - 200, server.account("491700000005").balanceMinor());
        Invariants.assertCharged(server, "491700000005", BundledTariffs.DEMO_OPENING_MINOR, 0,
            BundledTariffs.dataChargeMinor(2 * MIB));
    }

    @Test
    void shouldAnswerCommandLevelUnitsWithRatingFailedWithoutDefaultTariff() throws Exception
    {
        start(TestServer.aServer(dataDir));
        final Cca initial = Ccr.initial("cl;2").msisdn("491700000005")
            .commandLevel(new ServiceUnits().markPresent(), null).send(client);
        assertEquals(ResultCode.RATING_FAILED, initial.resultCode());
        assertEquals(List.of(Map.of(AvpCode.RATING_GROUP, 0L)), initial.failedAvps(),
            "RFC 4006 §9.2: an example of the missing Rating-Group");
    }

    @Test
    void shouldAcceptSessionWithoutServicesAndGrantNothing() throws Exception
    {
        start(TestServer.aServer(dataDir));
        final Cca initial = Ccr.initial("none;1").msisdn("491700000005").send(client);
        assertEquals(ResultCode.SUCCESS, initial.resultCode());
        assertTrue(initial.msccs().isEmpty());
        assertFalse(initial.granted().isPresent());
    }

    @Test
    void shouldSendFailureHandlingConfiguredForThePeer() throws Exception
    {
        start(TestServer.aServer(dataDir)
            .with("diameter.peers[0].credit-control-failure-handling=retry-and-terminate")
            .with("diameter.peers[0].direct-debiting-failure-handling=continue"));
        final Cca initial = Ccr.initial("ccfh;1").msisdn("491700000005").mscc(10).send(client);
        assertEquals(2, initial.creditControlFailureHandling(), "RETRY_AND_TERMINATE");
    }

    @Test
    void shouldSend3gppAvpsOnlyWhereConfigured() throws Exception
    {
        start(TestServer.aServer(dataDir)
            .with("tariffs[0].volume-threshold=1MiB")
            .with("tariffs[0].quota-holding-time=60s"));
        final Cca plain = Ccr.initial("t;1").msisdn("491700000005").mscc(10).send(client);
        assertFalse(has3gppAvp(plain, AvpCode.VOLUME_QUOTA_THRESHOLD), "not configured for this peer");
        client.close();
        server.stop();

        start(TestServer.aServer(dataDir)
            .with("tariffs[0].volume-threshold=1MiB")
            .with("tariffs[0].quota-holding-time=60s")
            .with("diameter.peers[0].send-3gpp-avps=true"));
        final Cca rich = Ccr.initial("t;2").msisdn("491700000005").mscc(10).send(client);
        assertTrue(has3gppAvp(rich, AvpCode.VOLUME_QUOTA_THRESHOLD));
        assertTrue(has3gppAvp(rich, AvpCode.QUOTA_HOLDING_TIME));
        assertEquals(MIB, rich.mscc().volumeThreshold());
    }

    @Test
    void shouldIndicateLowBalance() throws Exception
    {
        start(TestServer.aServer(dataDir).with("diameter.peers[0].send-3gpp-avps=true"));
        assertEquals(LedgerResult.SUCCESS, server.ledger(command ->
        {
            command.type = CommandType.UPDATE_ACCOUNT;
            command.addIdentity(IdentityType.E164, "491700000006");
            command.payload = new AccountUpdate().lowBalanceThresholdMinor(999_950);
        }).result());
        final Cca above = Ccr.initial("lb;1").msisdn("491700000006").mscc(10).send(client);
        assertFalse(above.lowBalance());
        final Cca below = Ccr.terminate("lb;1", 1).msisdn("491700000006").finalOctets(10, MIB).send(client);
        assertTrue(below.lowBalance(), "balance 99.99 under the threshold 99.995");
    }

    @Test
    void shouldUseTheJournaledTariffsAfterRestartNotTheConfiguredOnes() throws Exception
    {
        start(TestServer.aServer(dataDir));
        final io.gyro.ledger.rating.TariffTable redirecting = io.gyro.ledger.rating.TariffTable.builder()
            .tariff(io.gyro.ledger.rating.Tariff.builder(10).name("data").unitType(io.gyro.ledger.UnitType.OCTETS)
                .quantumUnits(MIB).pricePerQuantumMinor(100).defaultGrantUnits(10 * MIB).maxGrantUnits(100 * MIB)
                .validityTimeSec(600).finalUnitAction(1).redirectAddressType(2)
                .redirectAddress("http://journaled.example/").build())
            .build();
        assertEquals(LedgerResult.SUCCESS, server.ledger(command ->
        {
            command.type = CommandType.SET_TARIFFS;
            command.payload = redirecting;
        }).result());
        client.close();
        server.stop();

        start(server);
        final Cca answer = Ccr.initial("j;1").msisdn("491709999991").mscc(10).send(client);
        assertEquals(1, answer.mscc().finalUnitAction(), "the journaled REDIRECT, not the configured TERMINATE");
        assertEquals("http://journaled.example/", answer.mscc().redirectAddress());
        assertEquals(ResultCode.RATING_FAILED,
            Ccr.initial("j;2").msisdn("491700000005").mscc(20).send(client).resultCode(),
            "the journaled table has no voice tariff");
    }

    @Test
    void shouldRedirectAtTheFinalUnits() throws Exception
    {
        start(TestServer.aServer(dataDir)
            .with("tariffs[0].final-unit-action=redirect")
            .with("tariffs[0].redirect-address-type=url")
            .with("tariffs[0].redirect-address=http://top-up.example/"));
        final Cca answer = Ccr.initial("fui;1").msisdn("491709999991").mscc(10).send(client);
        assertEquals(1, answer.mscc().finalUnitAction(), "REDIRECT");
        assertEquals("http://top-up.example/", answer.mscc().redirectAddress());
    }

    @Test
    void shouldRestrictAccessAtTheFinalUnitsToTheConfiguredRulesAndFilterId() throws Exception
    {
        start(TestServer.aServer(dataDir)
            .with("tariffs[0].final-unit-action=restrict-access")
            .with("tariffs[0].restriction-filter-rules=" +
                "permit out ip from any to 10.9.9.9,permit in ip from 10.9.9.9 to any")
            .with("tariffs[0].filter-id=top-up-portal-only"));
        final Cca answer = Ccr.initial("fui;2").msisdn("491709999991").mscc(10).send(client);
        assertEquals(2, answer.mscc().finalUnitAction(), "RESTRICT_ACCESS");
        assertEquals(List.of("permit out ip from any to 10.9.9.9", "permit in ip from 10.9.9.9 to any"),
            answer.mscc().filterRules(), "RFC 4006 §5.6.3: the traffic still allowed");
        assertEquals(List.of("top-up-portal-only"), answer.mscc().filterIds(),
            "RFC 4006 §5.6.3: or the filter the client has configured");
    }

    @Test
    void shouldRestrictAccessWithOnlyAFilterId() throws Exception
    {
        start(TestServer.aServer(dataDir)
            .with("tariffs[0].final-unit-action=restrict-access")
            .with("tariffs[0].filter-id=walled-garden"));
        final Cca answer = Ccr.initial("fui;3").msisdn("491709999991").mscc(10).send(client);
        assertEquals(2, answer.mscc().finalUnitAction(), "RESTRICT_ACCESS");
        assertEquals(List.of(), answer.mscc().filterRules());
        assertEquals(List.of("walled-garden"), answer.mscc().filterIds());
    }
}
