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
                    .finalOctets(10, 3 * MIB).send(client).resultCode(), msisdn);
            }

            final JsonNode broke = admin.get("/api/v1/subscribers/" + BROKE).json();
            assertEquals(-300, broke.get("balanceMinor").asLong(), "charged exactly as production, below zero");
            final JsonNode pilot = admin.get("/api/v1/subscribers/private:gyro-pilot").json();
            assertEquals(-300, pilot.get("balanceMinor").asLong(), "the unknown subscriber's usage");
            assertEquals(1_000_000 - 300, admin.get("/api/v1/subscribers/" + BLOCKED).json()
                .get("balanceMinor").asLong());
            Invariants.assertCountersConsistent(server, BROKE, BLOCKED);

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
                assertEquals("300", row.get("amount_charged_minor"));
            }
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
