package io.gyro.server.metrics;

import io.gyro.server.radius.RadiusCounters;
import io.gyro.server.radius.RadiusDropReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToLongFunction;

/**
 * RADIUS packets by type and silent drops by reason, read from the RADIUS lane's own counters at scrape time
 * (nothing extra per packet on the event loop). Label values are the fixed packet types and the stable drop
 * reasons of {@link RadiusDropReason}.
 */
final class RadiusMeters
{
    private RadiusMeters()
    {
    }

    /**
     * @param registry where the meters go.
     * @param counters the RADIUS lane's counters.
     */
    static void register(final MeterRegistry registry, final RadiusCounters counters)
    {
        received(registry, counters, "access_request", c -> c.accessRequests);
        received(registry, counters, "accounting_start", c -> c.accountingStarts);
        received(registry, counters, "accounting_interim", c -> c.accountingInterims);
        received(registry, counters, "accounting_stop", c -> c.accountingStops);
        received(registry, counters, "accounting_on_off", c -> c.accountingOnOff);
        received(registry, counters, "accounting_other", c -> c.accountingOther);
        received(registry, counters, "status_server", c -> c.statusServer);
        received(registry, counters, "dynamic_authorization_ack", c -> c.dynamicAuthorizationAcks);
        received(registry, counters, "dynamic_authorization_nak", c -> c.dynamicAuthorizationNaks);
        sent(registry, counters, "access_accept", c -> c.accessAccepts);
        sent(registry, counters, "access_reject", c -> c.accessRejects);
        sent(registry, counters, "accounting_response", c -> c.accountingResponses);
        sent(registry, counters, "disconnect_request", c -> c.disconnectRequests);
        sent(registry, counters, "coa_request", c -> c.coaRequests);
        sent(registry, counters, "retransmission", c -> c.dynamicAuthorizationRetransmissions);
        for (final RadiusDropReason reason : RadiusDropReason.values())
        {
            FunctionCounter.builder("gyro.radius.drops", counters, c -> c.dropped(reason))
                .tag("reason", reason.metricLabel())
                .description("RADIUS packets silently discarded, by reason")
                .register(registry);
        }
        FunctionCounter.builder("gyro.radius.stale.starts", counters, c -> c.staleStarts)
            .description("Accounting-Starts older than the replay window (replayed or long delayed): answered and " +
                "recorded unrated, no session opened, nothing charged")
            .register(registry);
        FunctionCounter.builder("gyro.radius.repeated.on.off", counters, c -> c.repeatedOnOff)
            .description("Accounting-On/Off records repeating one already processed for the same NAS: answered, " +
                "nothing released again")
            .register(registry);
        FunctionCounter.builder("gyro.radius.duplicates", counters, c -> c.duplicatesAnswered)
            .description("RADIUS retransmissions answered from the response cache (RFC 5080)")
            .register(registry);
        FunctionCounter.builder("gyro.radius.dynamic.authorization.timeouts", counters,
            c -> c.dynamicAuthorizationTimeouts)
            .description("Disconnect/CoA requests the NAS never answered")
            .register(registry);
    }

    private static void received(
        final MeterRegistry registry, final RadiusCounters counters, final String type,
        final ToLongFunction<RadiusCounters> field)
    {
        FunctionCounter.builder("gyro.radius.packets.received", counters, c -> field.applyAsLong(c))
            .tag("type", type)
            .description("RADIUS packets received, by type")
            .register(registry);
    }

    private static void sent(
        final MeterRegistry registry, final RadiusCounters counters, final String type,
        final ToLongFunction<RadiusCounters> field)
    {
        FunctionCounter.builder("gyro.radius.packets.sent", counters, c -> field.applyAsLong(c))
            .tag("type", type)
            .description("RADIUS packets sent, by type")
            .register(registry);
    }
}
