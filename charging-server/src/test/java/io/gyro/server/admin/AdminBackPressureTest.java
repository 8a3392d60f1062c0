package io.gyro.server.admin;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.gyro.config.ConfigurationLoader;
import io.gyro.config.model.GyroConfiguration;
import io.gyro.ledger.LedgerCommand;
import io.gyro.server.ledger.CommandRing;
import io.gyro.server.ledger.LedgerGateway;
import io.gyro.server.metrics.GyroMetrics;
import io.gyro.server.test.AdminClient;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Admin commands publish only while the ring is below ledger.admin-publish-below: above it every admin request
 * is answered 503 with Retry-After and nothing reaches the ring (issue 6), while /health still answers.
 */
@Timeout(30)
class AdminBackPressureTest
{
    private static final String TOKEN = "backpressure-token-0123456";

    /** A ring that reports itself 90% full and counts what is published. */
    private static final class FullRing implements CommandRing
    {
        final AtomicInteger published = new AtomicInteger();

        @Override
        public <A> boolean tryPublish(final EventTranslatorOneArg<LedgerCommand, A> translator, final A argument)
        {
            published.incrementAndGet();
            return true;
        }

        @Override
        public <A> void publish(final EventTranslatorOneArg<LedgerCommand, A> translator, final A argument)
        {
            published.incrementAndGet();
        }

        @Override
        public long remainingCapacity()
        {
            return 102;
        }

        @Override
        public int bufferSize()
        {
            return 1024;
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileTheRingIsAboveTheAdminThreshold() throws Exception
    {
        final GyroConfiguration configuration = ConfigurationLoader.load(Path.of("..", "config", "gyro.yaml"),
            Map.of(), List.of("admin.port=0", "admin.token=" + TOKEN));
        final LedgerGateway ledger = new LedgerGateway(0.75, configuration.ledger().adminPublishBelow());
        final FullRing ring = new FullRing();
        ledger.attach(ring);
        try (GyroMetrics metrics = new GyroMetrics();
            AdminApi api = new AdminApi(ledger, configuration, SystemEpochClock.INSTANCE, metrics, () -> true,
                tariffs -> { }))
        {
            final AdminServer server = new AdminServer(configuration.admin(), api, metrics.registry(),
                SystemEpochClock.INSTANCE);
            try
            {
                final InetSocketAddress address = server.start(false);
                final AdminClient admin = new AdminClient(address, TOKEN);
                for (final AdminClient.Reply reply : List.of(
                    admin.get("/api/v1/subscribers/491700000001"),
                    admin.post("/api/v1/subscribers/491700000001/top-ups",
                        "{\"amount\": \"1.00\", \"idempotencyKey\": \"busy-1\"}"),
                    admin.post("/api/v1/subscribers", "{\"msisdn\": \"491733334444\"}")))
                {
                    assertEquals(503, reply.status(), reply.body());
                    assertEquals("1", reply.header("Retry-After"));
                    assertFalse(reply.json().get("error").asText().isEmpty());
                }
                assertEquals(0, ring.published.get(), "nothing was published");
                assertEquals(200, admin.get("/health/live").status());
            }
            finally
            {
                server.close();
            }
        }
    }
}
