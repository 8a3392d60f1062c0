package io.gyro.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.gyro.config.Money;
import io.gyro.ledger.BucketView;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerLimits;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.testing.FaultInjectingJournal;
import io.gyro.protocol.diameter.base.SessionRequest;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.ledger.CommandOutcome;
import io.gyro.server.ledger.Priority;
import io.gyro.server.metrics.PrometheusText;
import io.gyro.server.test.AdminClient;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.gyro.server.test.BundledTariffs.DATA_QUANTUM;
import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API's contract over loopback with the JDK HTTP client: status codes, bodies, the token, errors that
 * name the field, idempotent top-ups, tariff versions in force for new rating, and ending a session with ASR.
 */
@Timeout(60)
class AdminApiIntegrationTest
{
    private static final String DEMO = "491700000003";
    private static final long DEMO_BALANCE_MINOR = DEMO_OPENING_MINOR;
    private static final long MIB = 1L << 20;

    @TempDir
    Path dataDir;
    private TestServer server;
    private AdminClient admin;

    @BeforeEach
    void start() throws Exception
    {
        server = TestServer.aServer(dataDir).withAdmin().with("diameter.watchdog-interval=1h").start();
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

    @Test
    void shouldServeHealthAndMetricsWithoutToken() throws Exception
    {
        admin.token(null);
        final AdminClient.Reply health = admin.get("/health");
        assertEquals(200, health.status());
        assertTrue(health.json().get("live").asBoolean());
        assertTrue(health.json().get("ready").asBoolean());
        assertEquals("production", health.json().get("mode").asText());
        assertEquals(200, admin.get("/health/live").status());
        assertEquals(200, admin.get("/health/ready").status());
        final AdminClient.Reply metrics = admin.get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.header("Content-Type").startsWith("text/plain"));
        assertTrue(metrics.body().contains("gyro_ledger_ring_occupancy_ratio"));
    }

    @Test
    void shouldRefuseMissingOrWrongToken() throws Exception
    {
        admin.token(null);
        final AdminClient.Reply missing = admin.get("/api/v1/subscribers/" + DEMO);
        assertEquals(401, missing.status());
        assertEquals("Bearer realm=\"gyro\"", missing.header("WWW-Authenticate"));
        admin.token("test-admin-token-0123456788");
        assertEquals(401, admin.get("/api/v1/subscribers/" + DEMO).status());
        assertEquals(401, admin.post("/api/v1/subscribers/" + DEMO + "/top-ups",
            "{\"amount\":\"1.00\",\"idempotencyKey\":\"k\"}").status());
        admin.token(TestServer.ADMIN_TOKEN);
        assertEquals(DEMO_BALANCE_MINOR, server.account(DEMO).balanceMinor(), "nothing applied without the token");
        Invariants.assertCharged(server, DEMO, DEMO_BALANCE_MINOR, 0, 0);
    }

    @Test
    void shouldReadSubscriberWithTheFieldsTheSimulatorReads() throws Exception
    {
        final AdminClient.Reply reply = admin.get("/api/v1/subscribers/" + DEMO);
        assertEquals(200, reply.status());
        final JsonNode account = reply.json();
        assertEquals(4, account.get("moneyScale").asInt());
        assertEquals(DEMO_BALANCE_MINOR, account.get("balanceMinor").asLong());
        assertEquals("100.0000", account.get("balance").asText());
        assertEquals(0, account.get("reservedMinor").asLong());
        assertEquals(DEMO_BALANCE_MINOR, account.get("availableMinor").asLong());
        assertEquals(0, account.get("creditLimitMinor").asLong());
        assertEquals(DEMO_BALANCE_MINOR, account.get("creditedMinor").asLong());
        assertEquals(0, account.get("consumedMinor").asLong());
        assertEquals("active", account.get("status").asText());
        assertEquals("msisdn", account.get("identities").get(0).get("type").asText());
        assertEquals(DEMO, account.get("identities").get(0).get("value").asText());
        assertEquals("imsi", account.get("identities").get(1).get("type").asText());
        assertTrue(account.get("buckets").isArray());

        final long accountId = account.get("accountId").asLong();
        assertEquals(200, admin.get("/api/v1/subscribers/imsi:262010000000003").status());
        assertEquals(DEMO, admin.get("/api/v1/subscribers/account:" + accountId).json()
            .get("identities").get(0).get("value").asText());

        final AdminClient.Reply unknown = admin.get("/api/v1/subscribers/491799999999");
        assertEquals(404, unknown.status());
        assertNotNull(unknown.json().get("error"));
    }

    @Test
    void shouldCreateUpdateBlockAndDeleteSubscriber() throws Exception
    {
        final AdminClient.Reply created = admin.post("/api/v1/subscribers", """
            {"msisdn": "491711112222", "imsi": "262011111122222", "nai": "anna@example.net",
             "balance": "12.50", "creditLimitMinor": 10000, "lowBalanceThreshold": "1.00", "billingDay": 5,
             "password": "secret",
             "buckets": [{"unit": "octets", "units": "5GiB", "ratingGroup": 10, "expiresAt": "2026-02-01T00:00:00Z"},
                         {"unit": "seconds", "units": 600}]}
            """);
        assertEquals(201, created.status(), created.body());
        assertEquals("/api/v1/subscribers/491711112222", created.header("Location"));
        final JsonNode account = created.json();
        assertEquals(125_000, account.get("balanceMinor").asLong());
        assertEquals(135_000, account.get("availableMinor").asLong());
        assertEquals("1.0000", account.get("lowBalanceThreshold").asText());
        assertEquals(5, account.get("billingDay").asInt());
        assertEquals(3, account.get("identities").size());
        assertEquals(2, account.get("buckets").size());
        assertEquals(5L << 30, account.get("buckets").get(0).get("availableUnits").asLong());
        assertEquals("2026-02-01T00:00:00Z", account.get("buckets").get(0).get("expiresAt").asText());
        assertTrue(account.get("buckets").get(1).get("ratingGroup").isNull());

        assertEquals(409, admin.post("/api/v1/subscribers", "{\"msisdn\": \"491711112222\"}").status());
        assertEquals(409, admin.post("/api/v1/subscribers",
            "{\"msisdn\": \"491711113333\", \"imsi\": \"262011111122222\"}").status(), "IMSI taken");
        assertEquals(404, admin.get("/api/v1/subscribers/491711113333").status(), "nothing half-applied");

        final AdminClient.Reply blocked = admin.patch("/api/v1/subscribers/nai:anna@example.net",
            "{\"status\": \"blocked\", \"creditLimit\": \"2.00\"}");
        assertEquals(200, blocked.status(), blocked.body());
        assertEquals("blocked", blocked.json().get("status").asText());
        assertEquals(20_000, blocked.json().get("creditLimitMinor").asLong());
        assertEquals("active", admin.patch("/api/v1/subscribers/491711112222", "{\"status\": \"active\"}")
            .json().get("status").asText());

        final AdminClient.Reply identity = admin.post("/api/v1/subscribers/491711112222/identities",
            "{\"type\": \"private\", \"value\": \"crm-4711\"}");
        assertEquals(201, identity.status(), identity.body());
        assertEquals(4, identity.json().get("identities").size());
        assertEquals(409, admin.post("/api/v1/subscribers/491711112222/identities",
            "{\"type\": \"msisdn\", \"value\": \"" + DEMO + "\"}").status(), "taken by the demo subscriber");
        assertEquals(4, admin.get("/api/v1/subscribers/private:crm-4711/identities").json()
            .get("identities").size());

        final AdminClient.Reply bucket = admin.post("/api/v1/subscribers/491711112222/buckets",
            "{\"unit\": \"events\", \"units\": 100, \"ratingGroup\": 30}");
        assertEquals(201, bucket.status(), bucket.body());
        assertEquals(3, admin.get("/api/v1/subscribers/491711112222/buckets").json().get("buckets").size());
        final JsonNode balance = admin.get("/api/v1/subscribers/491711112222/balance").json();
        assertEquals(125_000, balance.get("balanceMinor").asLong());
        assertEquals(3, balance.get("buckets").size());
        // 12.50 opening, nothing credited or charged since, whatever the status and credit limit did.
        Invariants.assertCharged(server, "491711112222", 125_000, 0, 0);
        for (final BucketView held : server.account("491711112222").buckets())
        {
            assertEquals(10 == held.ratingGroup() ? 5L << 30 : 30 == held.ratingGroup() ? 100 : 600,
                held.creditedUnits(), "credited once: " + held);
            assertEquals(0, held.consumedUnits(), held.toString());
        }

        assertEquals(204, admin.delete("/api/v1/subscribers/491711112222").status());
        assertEquals(404, admin.get("/api/v1/subscribers/491711112222").status());
        assertEquals(404, admin.get("/api/v1/subscribers/imsi:262011111122222").status());
        assertEquals(404, admin.delete("/api/v1/subscribers/491711112222").status());
    }

    @Test
    void shouldBlockAndDeleteASubscriberWithMoreOpenSessionsThanOneLedgerCommandReleases() throws Exception
    {
        // The ledger releases at most MAX_SESSIONS_RELEASED_PER_COMMAND per command; the API continues until done.
        final String msisdn = "491733334444";
        assertEquals(201, admin.post("/api/v1/subscribers",
            "{\"msisdn\": \"" + msisdn + "\", \"balance\": \"1000.00\"}").status());
        final int sessions = 2 * LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND + 10;
        openSessions(msisdn, "before-block;", sessions);
        assertEquals(sessions, server.account(msisdn).openSessions());
        assertTrue(server.account(msisdn).reservedMinor() > 0);

        final AdminClient.Reply blocked = admin.patch("/api/v1/subscribers/" + msisdn, "{\"status\": \"blocked\"}");
        assertEquals(200, blocked.status(), blocked.body());
        assertEquals("blocked", blocked.json().get("status").asText());
        assertEquals(0, server.account(msisdn).openSessions(), "every session was aborted");
        assertEquals(0, server.account(msisdn).reservedMinor());
        assertEquals(10_000_000, server.account(msisdn).balanceMinor(), "released, not charged");
        Invariants.assertCharged(server, msisdn, 10_000_000, 0, 0);

        assertEquals(200, admin.patch("/api/v1/subscribers/" + msisdn, "{\"status\": \"active\"}").status());
        openSessions(msisdn, "before-delete;", sessions);
        assertEquals(204, admin.delete("/api/v1/subscribers/" + msisdn).status());
        assertEquals(404, admin.get("/api/v1/subscribers/" + msisdn).status());
        final CommandOutcome late = server.ledger(command ->
        {
            command.type = CommandType.UPDATE;
            command.sessionKey("before-delete;" + (sessions - 1));
            command.requestNumber = 1;
            command.addService(10, -1, MIB);
        });
        assertEquals(LedgerResult.UNKNOWN_SESSION, late.result(), "released with its account");
    }

    private void openSessions(final String msisdn, final String prefix, final int sessions)
    {
        for (int i = 0; i < sessions; i++)
        {
            final String key = prefix + i;
            final CommandOutcome outcome = server.ledger(command ->
            {
                command.type = CommandType.RESERVE;
                command.sessionKey(key);
                command.addIdentity(IdentityType.E164, msisdn);
                command.addService(10, 0, -1);
            });
            assertEquals(LedgerResult.SUCCESS, outcome.result(), key);
        }
    }

    @Test
    void shouldApplyRetriedTopUpOnce() throws Exception
    {
        final String path = "/api/v1/subscribers/" + DEMO + "/top-ups";
        final AdminClient.Reply first = admin.post(path, "{\"amount\": \"5.00\", \"idempotencyKey\": \"pay-1\"}");
        assertEquals(201, first.status(), first.body());
        assertFalse(first.json().get("replayed").asBoolean());
        assertEquals(DEMO_BALANCE_MINOR + 50_000, first.json().get("balanceMinor").asLong());

        final AdminClient.Reply retried = admin.post(path, "{\"amount\": \"5.00\", \"idempotencyKey\": \"pay-1\"}");
        assertEquals(200, retried.status());
        assertTrue(retried.json().get("replayed").asBoolean());
        assertEquals(DEMO_BALANCE_MINOR + 50_000, server.account(DEMO).balanceMinor(), "applied once");

        final AdminClient.Reply header = admin.send("POST", path, "{\"amountMinor\": 100}", "application/json");
        assertEquals(400, header.status(), "the key is required");
        assertEquals("idempotencyKey", header.json().get("field").asText());
        Invariants.assertCharged(server, DEMO, DEMO_BALANCE_MINOR, 50_000, 0);
    }

    @Test
    void shouldRefuseATopUpKeyReusedForAnotherSubscriberOrAmount() throws Exception
    {
        final String other = "491700000004";
        final long otherBefore = server.account(other).balanceMinor();
        assertEquals(201, admin.post("/api/v1/subscribers/" + DEMO + "/top-ups",
            "{\"amount\": \"5.00\", \"idempotencyKey\": \"batch-1\"}").status());

        final AdminClient.Reply otherSubscriber = admin.post("/api/v1/subscribers/" + other + "/top-ups",
            "{\"amount\": \"5.00\", \"idempotencyKey\": \"batch-1\"}");
        assertEquals(422, otherSubscriber.status(), otherSubscriber.body());
        assertEquals("idempotencyKey", otherSubscriber.json().get("field").asText());
        assertEquals(otherBefore, server.account(other).balanceMinor(), "not credited, and not reported as done");

        final AdminClient.Reply otherAmount = admin.post("/api/v1/subscribers/" + DEMO + "/top-ups",
            "{\"amount\": \"20.00\", \"idempotencyKey\": \"batch-1\"}");
        assertEquals(422, otherAmount.status(), otherAmount.body());
        assertEquals(DEMO_BALANCE_MINOR + 50_000, server.account(DEMO).balanceMinor());
        Invariants.assertCharged(server, DEMO, DEMO_BALANCE_MINOR, 50_000, 0);
        Invariants.assertCharged(server, other, DEMO_OPENING_MINOR, 0, 0);
    }

    @Test
    void shouldNotAnswerRetryForAWriteThatWasApplied() throws Exception
    {
        // The read that follows a write must not be shed: the ring fills above admin-publish-below (half) while the
        // ledger holds the write's reply, as live traffic would fill it.
        final String buckets = "/api/v1/subscribers/" + DEMO + "/buckets";
        final int before = admin.get(buckets).json().get("buckets").size();
        final double journaled = journalRecords();
        final CountDownLatch writeAnswered = new CountDownLatch(1);
        final CountDownLatch ringDrains = new CountDownLatch(1);
        server.server().ledger().holdRepliesUntil(writeAnswered);
        final CompletableFuture<AdminClient.Reply> post =
            CompletableFuture.supplyAsync(() -> postBucket(buckets));
        assertTrue(FaultInjectingJournal.await(() -> journalRecords() > journaled),
            "the bucket is journaled and its reply held");
        final int fillers = (int)(server.server().ledger().ringSize() * 0.7);
        final List<CompletableFuture<CommandOutcome>> filled = new ArrayList<>();
        for (int i = 0; i < fillers; i++)
        {
            filled.add(server.server().ledger().call(Priority.INTERNAL,
                command -> command.type = CommandType.GET_TARIFFS));
        }
        server.server().ledger().holdRepliesUntil(ringDrains);
        writeAnswered.countDown();
        // The admin worker now publishes its read into a ring 70 % full: queued (fixed) or shed, answering 503.
        assertTrue(FaultInjectingJournal.await(() -> post.isDone() ||
            server.server().ledger().occupancy() * server.server().ledger().ringSize() > fillers));
        server.server().ledger().holdRepliesUntil(null);
        ringDrains.countDown();
        filled.forEach(CompletableFuture::join);

        final AdminClient.Reply reply = post.join();
        assertEquals(201, reply.status(), "applied, so not 503 Retry-After: " + reply.body());
        assertEquals(before + 1, admin.get(buckets).json().get("buckets").size());
    }

    private AdminClient.Reply postBucket(final String path)
    {
        try
        {
            return admin.post(path, "{\"unit\": \"octets\", \"units\": \"1GiB\"}");
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private double journalRecords()
    {
        return PrometheusText.value(
            PrometheusText.parse(server.server().metrics().scrape()), "gyro_journal_records_total");
    }

    @Test
    void shouldRefuseBadRequestsNamingTheFieldAndApplyNothing() throws Exception
    {
        assertBadRequest(admin.post("/api/v1/subscribers", "{\"msisdn\": \"49x\"}"), "msisdn");
        assertBadRequest(admin.post("/api/v1/subscribers", "{\"msisdn\": \"491722223333\", \"balance\": 1.5}"),
            "balance");
        assertBadRequest(admin.post("/api/v1/subscribers",
            "{\"msisdn\": \"491722223333\", \"balance\": \"1.123456\"}"), "balance");
        assertBadRequest(admin.post("/api/v1/subscribers", "{\"msisdn\": \"491722223333\", \"colour\": \"red\"}"),
            "colour");
        assertBadRequest(admin.post("/api/v1/subscribers",
            "{\"msisdn\": \"491722223333\", \"buckets\": [{\"unit\": \"octets\", \"units\": \"5GB\"}]}"),
            "buckets[0].units");
        assertBadRequest(admin.post("/api/v1/subscribers",
            "{\"msisdn\": \"491722223333\", \"buckets\": [{\"unit\": \"litres\", \"units\": 5}]}"), "buckets[0].unit");
        assertBadRequest(admin.post("/api/v1/subscribers", "{\"msisdn\": \"491722223333\", \"billingDay\": 31}"),
            "billingDay");
        assertBadRequest(admin.post("/api/v1/subscribers", "not json"), "body");
        assertBadRequest(admin.post("/api/v1/subscribers", "{}"), "msisdn");
        assertEquals(404, admin.get("/api/v1/subscribers/491722223333").status(), "nothing was created");

        assertBadRequest(admin.post("/api/v1/subscribers/" + DEMO + "/top-ups",
            "{\"amount\": \"-1.00\", \"idempotencyKey\": \"neg\"}"), "amount");
        assertBadRequest(admin.patch("/api/v1/subscribers/" + DEMO, "{\"status\": \"frozen\"}"), "status");
        assertBadRequest(admin.get("/api/v1/subscribers/imsi:12"), "subscriber");
        Invariants.assertCharged(server, DEMO, DEMO_BALANCE_MINOR, 0, 0);

        assertEquals(404, admin.get("/api/v1/nothing-here").status());
        assertEquals(405, admin.send("PUT", "/api/v1/subscribers/" + DEMO, "{}", "application/json").status());
    }

    @Test
    void shouldRefuseAmountsBeyondTheLargestTheLedgerKeeps() throws Exception
    {
        final long max = LedgerLimits.MAX_AMOUNT_MINOR;
        assertEquals(Money.MAX_AMOUNT_MINOR, max, "configuration and ledger bound amounts alike");
        assertBadRequest(admin.post("/api/v1/subscribers",
            "{\"msisdn\": \"491722223333\", \"balance\": \"900719925474.0992\"}"), "balance");
        assertBadRequest(admin.post("/api/v1/subscribers",
            "{\"msisdn\": \"491722223333\", \"balanceMinor\": -" + (max + 1) + "}"), "balanceMinor");
        assertBadRequest(admin.post("/api/v1/subscribers",
            "{\"msisdn\": \"491722223333\", \"buckets\": [{\"unit\": \"events\", \"units\": " + (max + 1) +
            "}]}"), "buckets[0].units");
        assertBadRequest(admin.patch("/api/v1/subscribers/" + DEMO, "{\"creditLimitMinor\": " + (max + 1) + "}"),
            "creditLimitMinor");
        final String topUps = "/api/v1/subscribers/" + DEMO + "/top-ups";
        final AdminClient.Reply tooMuch = admin.post(topUps,
            "{\"amountMinor\": " + (max + 1) + ", \"idempotencyKey\": \"too-much\"}");
        assertBadRequest(tooMuch, "amountMinor");
        assertTrue(tooMuch.json().get("error").asText().contains("900719925474.0991"), tooMuch.body());
        assertEquals(DEMO_BALANCE_MINOR, server.account(DEMO).balanceMinor(), "nothing applied");

        final AdminClient.Reply largest = admin.post(topUps,
            "{\"amountMinor\": " + max + ", \"idempotencyKey\": \"largest\"}");
        assertEquals(201, largest.status(), largest.body());
        final long fitting = (Long.MAX_VALUE - DEMO_BALANCE_MINOR) / max;
        for (int i = 1; i < fitting; i++)
        {
            assertEquals(LedgerResult.SUCCESS, server.ledger(command ->
            {
                command.type = CommandType.TOP_UP;
                command.amountMinor = max;
                command.addIdentity(IdentityType.E164, DEMO);
            }).result());
        }
        final AdminClient.Reply past = admin.post(topUps,
            "{\"amountMinor\": " + max + ", \"idempotencyKey\": \"past\"}");
        assertBadRequest(past, "amount");
        assertEquals(DEMO_BALANCE_MINOR + fitting * max, server.account(DEMO).balanceMinor(), "never wrapped");
        Invariants.assertCharged(server, DEMO, DEMO_BALANCE_MINOR, fitting * max, 0);
    }

    private static void assertBadRequest(final AdminClient.Reply reply, final String field)
    {
        assertEquals(400, reply.status(), reply.body());
        assertEquals(field, reply.json().get("field").asText(), reply.body());
        assertTrue(reply.json().get("error").asText().contains(field), reply.body());
    }

    @Test
    void shouldPutTariffVersionInForceForNewRatingAtOnce() throws Exception
    {
        final JsonNode before = admin.get("/api/v1/tariffs").json();
        final long version = before.get("version").asLong();
        assertEquals(3, before.get("tariffs").size());
        assertEquals("0.0100", before.get("tariffs").get(0).get("price").asText());

        final AdminClient.Reply invalid = admin.put("/api/v1/tariffs",
            "{\"tariffs\": [{\"rating-group\": 10, \"unit\": \"octets\", \"price\": \"0.00001\"}]}");
        assertEquals(400, invalid.status(), invalid.body());
        assertEquals("tariffs[0].price", invalid.json().get("field").asText());

        // What GET returns can be edited and put back: data becomes 0.0200 per started MiB.
        final String edited = before.toString().replace("\"price\":\"0.0100\",\"default-grant\":\"10MiB\"",
            "\"price\":\"0.0200\",\"default-grant\":\"10MiB\"");
        final AdminClient.Reply put = admin.put("/api/v1/tariffs", edited);
        assertEquals(200, put.status(), put.body());
        assertEquals(version + 1, put.json().get("version").asLong());
        assertEquals("0.0200", put.json().get("tariffs").get(0).get("price").asText());

        try (DiameterTestClient client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress()))
        {
            assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
            assertEquals(ResultCode.SUCCESS, Ccr.initial("tariff;1").msisdn(DEMO).mscc(10).send(client).resultCode());
            assertEquals(ResultCode.SUCCESS,
                Ccr.terminate("tariff;1", 1).msisdn(DEMO).finalOctets(10, 3 * MIB).send(client).resultCode());
        }
        // The price this test put in force, not the bundled one: 3 started MiB at 0.0200.
        final long newPriceMinor = 200;
        final long charge = Invariants.chargeMinor(3 * MIB, DATA_QUANTUM, newPriceMinor);
        assertEquals(DEMO_BALANCE_MINOR - charge, server.account(DEMO).balanceMinor(), "rated at the new price");
        Invariants.assertCharged(server, DEMO, DEMO_BALANCE_MINOR, 0, charge);

        server.stop();
        server.start();
        admin = new AdminClient(server.adminAddress(), TestServer.ADMIN_TOKEN);
        assertEquals(version + 1, admin.get("/api/v1/tariffs").json().get("version").asLong(), "journaled");
        Invariants.assertCharged(server, DEMO, DEMO_BALANCE_MINOR, 0, charge);
    }

    @Test
    void shouldListSessionsAndEndOneWithAbortSessionRequest() throws Exception
    {
        try (DiameterTestClient client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress()))
        {
            assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
            assertEquals(ResultCode.SUCCESS, Ccr.initial("pgw1;end;1").msisdn(DEMO).mscc(10).send(client).resultCode());

            final JsonNode sessions = admin.get("/api/v1/subscribers/" + DEMO + "/sessions").json().get("sessions");
            assertEquals(1, sessions.size());
            final JsonNode session = sessions.get(0);
            assertEquals("pgw1;end;1", session.get("sessionId").asText());
            assertEquals("open", session.get("state").asText());
            assertEquals("diameter", session.get("protocol").asText());
            assertEquals("pgw1.test.example", session.get("originHost").asText());
            assertEquals(DEMO, session.get("msisdn").asText());
            assertTrue(session.get("reservedMinor").asLong() > 0);

            final String path = "/api/v1/subscribers/" + DEMO + "/sessions/" + AdminClient.encode("pgw1;end;1");
            assertEquals(404, admin.delete("/api/v1/subscribers/491700000004/sessions/" +
                AdminClient.encode("pgw1;end;1")).status(), "not that subscriber's session");
            assertEquals(204, admin.delete(path).status());

            final byte[] asr = client.nextServerRequest();
            final SessionRequest request = SessionRequest.decode(Unpooled.wrappedBuffer(asr), 0);
            assertEquals(CommandCode.ABORT_SESSION, request.commandCode());
            assertEquals("pgw1;end;1", new String(request.sessionId(), StandardCharsets.UTF_8));

            assertEquals(0, server.account(DEMO).reservedMinor(), "the reservation was released");
            assertEquals(404, admin.delete(path).status(), "no longer open");
            assertEquals("tombstone", admin.get("/api/v1/subscribers/" + DEMO + "/sessions").json()
                .get("sessions").get(0).get("state").asText());
        }
        Invariants.assertCharged(server, DEMO, DEMO_BALANCE_MINOR, 0, 0);
    }

    @Test
    void shouldServeItsOpenApiDocument() throws Exception
    {
        admin.token(null);
        final AdminClient.Reply document = admin.get("/api/v1/openapi.yaml");
        assertEquals(200, document.status());
        assertTrue(document.body().startsWith("openapi: 3"));
        assertNull(document.header("WWW-Authenticate"));
    }

    @Test
    void shouldImportCsvReportingBadRowsAndCreatingNobodyTwice() throws Exception
    {
        final String csv = "msisdn,imsi,balance,buckets\r\n" +
            "491760000001,262016000000001,3.00,octets:100MiB:10\r\n" +
            "491760000002,,x,\r\n" +
            "491760000003,262010000000003,1.00,\r\n" +
            "491760000004,,2.00,seconds:600\r\n";
        final AdminClient.Reply first = admin.send("POST", "/api/v1/import", csv, "text/csv");
        assertEquals(200, first.status(), first.body());
        final JsonNode report = first.json();
        assertEquals(4, report.get("rows").asLong());
        assertEquals(2, report.get("created").asLong());
        assertEquals(0, report.get("existing").asLong());
        assertEquals(2, report.get("rejected").asLong());
        assertEquals(3, report.get("problems").get(0).get("line").asLong());
        assertTrue(report.get("problems").get(0).get("reason").asText().startsWith("balance:"));
        assertEquals(4, report.get("problems").get(1).get("line").asLong());
        assertTrue(report.get("problems").get(1).get("reason").asText().contains("belongs to an existing subscriber"),
            "the IMSI is the demo subscriber's");
        assertEquals(30_000, server.account("491760000001").balanceMinor());
        assertEquals(100L << 20, server.account("491760000001").buckets().get(0).creditedUnits());

        final JsonNode again = admin.send("POST", "/api/v1/import", csv, "text/csv").json();
        assertEquals(0, again.get("created").asLong());
        assertEquals(2, again.get("existing").asLong());
        assertEquals(30_000, server.account("491760000001").balanceMinor(), "nothing applied twice");
        Invariants.assertCharged(server, "491760000001", 30_000, 0, 0);
        Invariants.assertCharged(server, "491760000004", 20_000, 0, 0);
        assertEquals(100L << 20, server.account("491760000001").buckets().get(0).creditedUnits(), "credited once");
        Invariants.assertCharged(server, DEMO, DEMO_BALANCE_MINOR, 0, 0);

        final AdminClient.Reply malformed = admin.send("POST", "/api/v1/import", "colour\r\nred\r\n", "text/csv");
        assertEquals(400, malformed.status());
        assertTrue(malformed.json().get("error").asText().contains("unknown column 'colour'"));

        // A Latin-1 export: refused as a whole, not imported with replacement characters.
        final AdminClient.Reply latin1 = admin.send("POST", "/api/v1/import",
            "msisdn,nai\r\n491760000101,jos\u00e9@example.net\r\n".getBytes(StandardCharsets.ISO_8859_1), "text/csv");
        assertEquals(400, latin1.status(), latin1.body());
        assertTrue(latin1.json().get("error").asText().contains("line 2: not valid UTF-8"), latin1.body());
        assertNull(server.account("491760000101"), "nothing applied");
    }
}
