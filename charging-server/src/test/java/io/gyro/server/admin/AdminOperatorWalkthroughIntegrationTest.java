package io.gyro.server.admin;

import io.gyro.server.test.AdminClient;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator trips over when provisioning by hand from the documented examples (session 8 operator review):
 * each case here was found with curl against a running server.
 */
@Timeout(60)
class AdminOperatorWalkthroughIntegrationTest
{
    private static final String DEMO = "491700000003";
    private static final long TOP_UP_MINOR = 10_000;

    @TempDir
    Path dataDir;
    private TestServer server;
    private AdminClient admin;

    @BeforeEach
    void start() throws Exception
    {
        server = TestServer.aServer(dataDir).withAdmin().start();
        admin = new AdminClient(server.adminAddress(), TestServer.ADMIN_TOKEN);
    }

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.close();
        }
    }

    private HttpResponse<String> topUpWithHeader(final String headerKey, final String body) throws Exception
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" +
                server.adminAddress().getPort() + "/api/v1/subscribers/" + DEMO + "/top-ups"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", headerKey)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * A top-up whose Idempotency-Key header and body idempotencyKey disagree is ambiguous: a retry through a proxy
     * that sets the header would credit again under the body's key. It is refused, naming the field, and nothing
     * is credited.
     */
    @Test
    void shouldRefuseATopUpWhoseHeaderAndBodyKeysDiffer() throws Exception
    {
        final HttpResponse<String> conflicting =
            topUpWithHeader("key-in-header", "{\"amount\":\"1.00\",\"idempotencyKey\":\"key-in-body\"}");
        assertEquals(400, conflicting.statusCode(), conflicting.body());
        assertTrue(conflicting.body().contains("\"field\" : \"idempotencyKey\""), conflicting.body());
        Invariants.assertCharged(server, DEMO, DEMO_OPENING_MINOR, 0, 0);

        // The same key in both places is one key: applied once, replayed on the retry.
        final HttpResponse<String> same =
            topUpWithHeader("key-1", "{\"amount\":\"1.00\",\"idempotencyKey\":\"key-1\"}");
        assertEquals(201, same.statusCode(), same.body());
        final HttpResponse<String> retry = topUpWithHeader("key-1", "{\"amount\":\"1.00\"}");
        assertEquals(200, retry.statusCode(), retry.body());
        assertTrue(retry.body().contains("\"replayed\" : true"), retry.body());
        Invariants.assertCharged(server, DEMO, DEMO_OPENING_MINOR, TOP_UP_MINOR, 0);
    }

    /** A subscriber path with an unknown type lists every type a path takes, account:ID included. */
    @Test
    void shouldListAccountAmongTheTypesOfASubscriberPath() throws Exception
    {
        final AdminClient.Reply unknown = admin.get("/api/v1/subscribers/foo:bar");
        assertEquals(400, unknown.status());
        assertEquals("subscriber", unknown.json().get("field").asText());
        assertEquals("subscriber: unknown identity type 'foo'; allowed: msisdn, imsi, nai, sip_uri, private, account",
            unknown.json().get("error").asText());
        final AdminClient.Reply byAccount = admin.get("/api/v1/subscribers/account:" +
            server.account(DEMO).accountId() + "/balance");
        assertEquals(200, byAccount.status());
        assertEquals(DEMO_OPENING_MINOR, byAccount.json().get("balanceMinor").asLong());
    }
}
