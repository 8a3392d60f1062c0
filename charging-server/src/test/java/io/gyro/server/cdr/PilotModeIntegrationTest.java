package io.gyro.server.cdr;

import com.fasterxml.jackson.databind.JsonNode;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.AdminClient;
import io.gyro.server.test.Cca;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pilot mode end to end with the Diameter test client: where production would deny (unknown subscriber, no
 * money, blocked), the answer is 2001 with the default grant, the usage is charged (money may go negative; unknown
 * subscribers on the catch-all pilot account), and each would-be denial is counted in metrics with its reason and
 * flagged in the CDR.
 */
@Timeout(60)
class PilotModeIntegrationTest
{
    private static final long MIB = 1L << 20;
    /** What each session reports at its end. */
    private static final long USED_OCTETS = 3 * MIB;
    private static final String UNKNOWN = "491799999999";
    private static final String BROKE = "491709999990";
    private static final String BLOCKED = "491700000009";

    @TempDir
    Path dataDir;

    @Test
    void shouldNeverDenyButChargeCountAndFlagWhatProductionWouldHaveDenied() throws Exception
    {
        try (TestServer server = TestServer.aServer(dataDir).withAdmin().with("mode=pilot").start();
            DiameterTestClient client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress()))
        {
            assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
            final AdminClient admin = new AdminClient(server.adminAddress(), TestServer.ADMIN_TOKEN);
            assertEquals("pilot", admin.get("/health").json().get("mode").asText());
            assertEquals(200, admin.patch("/api/v1/subscribers/" + BLOCKED, "{\"status\": \"blocked\"}").status());

            for (final String msisdn : List.of(UNKNOWN, BROKE, BLOCKED))
            {
                final Cca initial = Ccr.initial("pilot;" + msisdn).msisdn(msisdn).mscc(10).send(client);
                assertEquals(ResultCode.SUCCESS, initial.resultCode(), msisdn);
                assertEquals(ResultCode.SUCCESS, initial.mscc().resultCode(), msisdn);
                assertEquals(10 * MIB, initial.mscc().granted().totalOctets(), "the default grant for " + msisdn);
                assertEquals(ResultCode.SUCCESS, Ccr.terminate("pilot;" + msisdn, 1).msisdn(msisdn)
                    .finalOctets(10, USED_OCTETS).send(client).resultCode(), msisdn);
            }

            // charging-server README, "Pilot mode": balances are kept exactly as in production and the reported
            // usage is charged, so each account pays what a live charge of 3 MiB on tariff 10 costs, computed here.
            final long charge = dataChargeMinor(USED_OCTETS);
            final JsonNode broke = admin.get("/api/v1/subscribers/" + BROKE).json();
            assertEquals(-charge, broke.get("balanceMinor").asLong(), "charged exactly as production, below zero");
            final JsonNode pilot = admin.get("/api/v1/subscribers/private:gyro-pilot").json();
            assertEquals(-charge, pilot.get("balanceMinor").asLong(), "the unknown subscriber's usage");
            assertEquals(charge, pilot.get("consumedMinor").asLong());
            assertEquals(0, pilot.get("creditedMinor").asLong(), "the catch-all account starts empty");
            assertEquals(0, pilot.get("reservedMinor").asLong());
            assertEquals(DEMO_OPENING_MINOR - charge, admin.get("/api/v1/subscribers/" + BLOCKED).json()
                .get("balanceMinor").asLong());
            Invariants.assertCharged(server, BROKE, 0, 0, charge);
            Invariants.assertCharged(server, BLOCKED, DEMO_OPENING_MINOR, 0, charge);

            assertTrue(server.server().cdrWriter().awaitCaughtUp(Duration.ofSeconds(20)));
            final String metrics = admin.token(null).get("/metrics").body();
            assertEquals(1, wouldDeny(metrics, "user_unknown"));
            assertEquals(1, wouldDeny(metrics, "credit_limit_reached"));
            assertEquals(1, wouldDeny(metrics, "end_user_service_denied"));

            final List<Map<String, String>> rows = CdrFilesReader.rows(dataDir.resolve("cdr"));
            assertEquals(3, rows.size(), rows.toString());
            for (final Map<String, String> row : rows)
            {
                final String expected = switch (row.get("msisdn"))
                {
                    case UNKNOWN -> "user_unknown";
                    case BROKE -> "credit_limit_reached";
                    case BLOCKED -> "end_user_service_denied";
                    default -> throw new AssertionError(row.toString());
                };
                assertEquals(expected, row.get("pilot_would_deny"), row.toString());
                assertEquals("success", row.get("outcome"));
                assertEquals(Long.toString(charge), row.get("amount_charged_minor"), row.toString());
            }
        }
    }

    @Test
    void shouldChargeAnOrdinarySubscriberExactlyAsProductionWould() throws Exception
    {
        final String ordinary = "491700000012";
        try (TestServer server = TestServer.aServer(dataDir).withAdmin().with("mode=pilot").start();
            DiameterTestClient client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress()))
        {
            assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
            assertEquals(ResultCode.SUCCESS, Ccr.initial("pilot;ok").msisdn(ordinary).mscc(10).send(client)
                .resultCode());
            final Cca update = Ccr.update("pilot;ok", 1).msisdn(ordinary).usedOctets(10, 2 * MIB).send(client);
            assertEquals(ResultCode.SUCCESS, update.resultCode());
            assertEquals(10 * MIB, update.mscc().granted().totalOctets(), "the default grant again");
            // Pilot keeps balances as production does (README, "Pilot mode"): the interim is charged at once.
            final long interimCharge = dataChargeMinor(2 * MIB);
            Invariants.assertCharged(server, ordinary, DEMO_OPENING_MINOR, 0, interimCharge);
            assertEquals(ResultCode.SUCCESS, Ccr.terminate("pilot;ok", 2).msisdn(ordinary).finalOctets(10, MIB)
                .send(client).resultCode());
            final long charge = interimCharge + dataChargeMinor(MIB);
            Invariants.assertCharged(server, ordinary, DEMO_OPENING_MINOR, 0, charge);
            assertEquals(0, server.account(ordinary).reservedMinor());
            final AdminClient admin = new AdminClient(server.adminAddress(), TestServer.ADMIN_TOKEN);
            assertEquals(404, admin.get("/api/v1/subscribers/private:gyro-pilot").status(),
                "nothing went to the catch-all account");

            assertTrue(server.server().cdrWriter().awaitCaughtUp(Duration.ofSeconds(20)));
            final List<Map<String, String>> rows = CdrFilesReader.rows(dataDir.resolve("cdr"));
            assertEquals(1, rows.size(), rows.toString());
            assertEquals(ordinary, rows.get(0).get("msisdn"));
            assertEquals(Long.toString(charge), rows.get(0).get("amount_charged_minor"), rows.toString());
            assertEquals("", rows.get(0).get("pilot_would_deny"), "production would have served it");
        }
    }

    private static double wouldDeny(final String metrics, final String reason)
    {
        final String prefix = "gyro_pilot_would_deny_total{reason=\"" + reason + "\"} ";
        for (final String line : metrics.split("\n"))
        {
            if (line.startsWith(prefix))
            {
                return Double.parseDouble(line.substring(prefix.length()));
            }
        }
        throw new AssertionError("no " + prefix);
    }
}
