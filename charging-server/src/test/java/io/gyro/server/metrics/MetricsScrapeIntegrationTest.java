package io.gyro.server.metrics;

import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.AdminClient;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scrape of /metrics after some traffic, parsed and checked: every name prefixed gyro_, the metrics issue 6 names
 * present with the values the traffic implies, bounded labels only, and the Grafana dashboard built on exactly
 * names the server exports.
 */
@Timeout(60)
class MetricsScrapeIntegrationTest
{
    private static final String SUBSCRIBER = "491700000007";
    private static final long MIB = 1L << 20;
    /** Every metric the issue asks for, by the name a scrape shows. */
    private static final List<String> REQUIRED = List.of(
        "gyro_diameter_requests_total", "gyro_diameter_answers_total",
        "gyro_diameter_ccr_duration_seconds_bucket", "gyro_diameter_ccr_duration_seconds_count",
        "gyro_ledger_ring_occupancy_ratio", "gyro_journal_append_seconds_bucket", "gyro_journal_appended_bytes_total",
        "gyro_sessions_active", "gyro_reservations_money", "gyro_reservations_units",
        "gyro_diameter_peer_up", "gyro_diameter_connections",
        "gyro_radius_packets_received_total", "gyro_radius_packets_sent_total", "gyro_radius_drops_total",
        "gyro_pilot_would_deny_total", "gyro_jvm_memory_used_bytes", "gyro_jvm_threads_live_threads",
        "gyro_cdr_records_total", "gyro_admin_requests_total");

    @TempDir
    Path dataDir;

    @Test
    void shouldExportTheIssuesMetricsUnderGyroWithBoundedLabels() throws Exception
    {
        try (TestServer server = TestServer.aServer(dataDir).withAdmin().with("radius.enabled=true").start();
            DiameterTestClient client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress()))
        {
            assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
            assertEquals(ResultCode.SUCCESS, Ccr.initial("m;1").msisdn(SUBSCRIBER).mscc(10).send(client).resultCode());
            assertEquals(ResultCode.SUCCESS, Ccr.initial("m;2").msisdn(SUBSCRIBER).mscc(10).send(client).resultCode());
            assertEquals(ResultCode.SUCCESS, Ccr.update("m;2", 1).msisdn(SUBSCRIBER).usedOctets(10, MIB)
                .send(client).resultCode());
            assertEquals(ResultCode.SUCCESS, Ccr.terminate("m;2", 2).msisdn(SUBSCRIBER).finalOctets(10, MIB)
                .send(client).resultCode());
            assertEquals(ResultCode.USER_UNKNOWN, Ccr.initial("m;3").msisdn("491799999999").mscc(10).send(client)
                .resultCode());
            assertTrue(server.server().cdrWriter().awaitCaughtUp(Duration.ofSeconds(20)));

            final AdminClient admin = new AdminClient(server.adminAddress(), TestServer.ADMIN_TOKEN);
            assertEquals(200, admin.get("/api/v1/subscribers/" + SUBSCRIBER).status());
            System.gc();
            admin.token(null);
            String text = admin.get("/metrics").body();
            final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!text.contains("gyro_jvm_gc_pause_seconds_sum") && System.nanoTime() < deadline)
            {
                System.gc();
                text = admin.get("/metrics").body();
            }
            final List<PrometheusText.Sample> samples = PrometheusText.parse(text);
            final Set<String> names = samples.stream().map(PrometheusText.Sample::name)
                .collect(Collectors.toCollection(TreeSet::new));

            for (final String name : names)
            {
                assertTrue(name.startsWith("gyro_"), name + " lacks the gyro_ prefix");
            }
            for (final String name : REQUIRED)
            {
                assertTrue(names.contains(name), name + " missing from the scrape");
            }

            assertEquals(3, PrometheusText.value(samples, "gyro_diameter_requests_total", "command", "CCR-I"));
            assertEquals(1, PrometheusText.value(samples, "gyro_diameter_requests_total", "command", "CCR-U"));
            assertEquals(1, PrometheusText.value(samples, "gyro_diameter_requests_total", "command", "CER"));
            assertEquals(2, PrometheusText.value(samples, "gyro_diameter_answers_total", "command", "CCR-I",
                "result_code", "2001"));
            assertEquals(1, PrometheusText.value(samples, "gyro_diameter_answers_total", "command", "CCR-I",
                "result_code", "5030"));
            assertEquals(1, PrometheusText.value(samples, "gyro_diameter_answers_total", "command", "CCR-T",
                "result_code", "2001"));
            assertEquals(3, PrometheusText.value(samples, "gyro_diameter_ccr_duration_seconds_count", "type",
                "initial"));
            assertEquals(3, PrometheusText.value(samples, "gyro_diameter_ccr_duration_seconds_bucket", "type",
                "initial", "le", "+Inf"));
            assertTrue(samples.stream().filter(s -> s.name().equals("gyro_diameter_ccr_duration_seconds_bucket") &&
                "initial".equals(s.labels().get("type"))).count() > 10, "a histogram with buckets");

            assertEquals(1, PrometheusText.value(samples, "gyro_sessions_active"), "m;1 is open");
            assertEquals(0.1, PrometheusText.value(samples, "gyro_reservations_money"), 1e-9,
                "m;1 holds 10 MiB at 0.0100 per MiB");
            assertEquals(10 * MIB, PrometheusText.value(samples, "gyro_reservations_units", "unit", "octets"));
            assertTrue(PrometheusText.value(samples, "gyro_journal_append_seconds_count") > 0);
            assertTrue(PrometheusText.value(samples, "gyro_journal_appended_bytes_total") > 0);
            assertEquals(1, PrometheusText.value(samples, "gyro_diameter_peer_up", "peer", "pgw1.test.example"));
            assertEquals(1, PrometheusText.value(samples, "gyro_diameter_connections", "state", "open"));
            final double occupancy = PrometheusText.value(samples, "gyro_ledger_ring_occupancy_ratio");
            assertTrue(occupancy >= 0 && occupancy <= 1);
            assertEquals(1, PrometheusText.value(samples, "gyro_ledger_ready"));
            assertEquals(0, PrometheusText.value(samples, "gyro_pilot_would_deny_total", "reason", "user_unknown"),
                "production denies; nothing counted as would-deny");
            assertEquals(1, PrometheusText.value(samples, "gyro_admin_requests_total", "method", "GET", "route",
                "/api/v1/subscribers/{subscriber}", "status", "200"));

            for (final PrometheusText.Sample sample : samples)
            {
                for (final String value : sample.labels().values())
                {
                    assertFalse(value.contains(SUBSCRIBER) || value.startsWith("m;"),
                        "per-subscriber or per-session label: " + sample);
                }
            }

            assertDashboardUsesExportedNames(names);
        }
    }

    private static void assertDashboardUsesExportedNames(final Set<String> exported) throws Exception
    {
        final String dashboard = Files.readString(Path.of("..", "config", "grafana", "gyro-dashboard.json"));
        final Matcher names = Pattern.compile("\\bgyro_[a-z0-9_]+").matcher(dashboard);
        final Set<String> used = new TreeSet<>();
        while (names.find())
        {
            used.add(names.group());
        }
        used.remove("gyro_"); // the description mentions the prefix
        assertTrue(used.size() > 20, "the dashboard queries the metrics: " + used);
        for (final String name : used)
        {
            assertTrue(exported.contains(name), "the dashboard uses " + name + ", which the server does not export");
        }
    }
}
