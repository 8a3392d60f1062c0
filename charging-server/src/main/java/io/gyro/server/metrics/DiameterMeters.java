package io.gyro.server.metrics;

import io.gyro.protocol.diameter.DiameterFramingError;
import io.gyro.protocol.diameter.dictionary.CcRequestType;
import io.gyro.server.diameter.DiameterCounters;
import io.gyro.server.diameter.DiameterLane;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * Diameter meters over the lanes' plain counters: requests by command, answers by command and Result-Code, the
 * CCR handling-time histogram, protocol error counters, and peers by state. Answer series are registered at
 * scrape time the first time their count is not zero, so a scrape shows the Result-Codes that occurred rather
 * than 300 zero series; the label set stays bounded by {@link DiameterCounters#COMMANDS} x
 * {@link DiameterCounters#RESULT_CODES}.
 */
final class DiameterMeters
{
    private static final Logger LOG = LoggerFactory.getLogger(DiameterMeters.class);
    /**
     * CCR handling-time buckets: the target is well under a millisecond (ARCHITECTURE.md), so fine buckets from
     * 50 us to 5 ms, then coarse ones to 1 s where only overload and msync stalls land.
     */
    private static final Duration[] HANDLING_TIME_BUCKETS = {
        Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
        Duration.ofNanos(750_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofSeconds(1)};
    /**
     * Peers get their own series up to this many hosts (peers are a configured, small set; a wildcard allow-list
     * could admit more): beyond it new hosts are only counted in {@code gyro_diameter_connections}.
     */
    private static final int MAX_PEER_SERIES = 256;
    private static final String[] STATES = {"wait_cer", "open", "closing"};

    private final MeterRegistry registry;
    private final List<DiameterLane> lanes;
    private final boolean[] answerRegistered =
        new boolean[DiameterCounters.COMMANDS.length * DiameterCounters.RESULT_SLOTS];
    private final Map<String, AtomicInteger> connectionsByState = new HashMap<>();
    private final Map<String, AtomicInteger> peerUp = new ConcurrentHashMap<>();

    DiameterMeters(final MeterRegistry registry, final List<DiameterLane> lanes)
    {
        this.registry = registry;
        this.lanes = lanes;
        for (int command = 0; command < DiameterCounters.COMMANDS.length; command++)
        {
            final int slot = command;
            FunctionCounter.builder("gyro.diameter.requests", this, meters -> meters.sum(c -> c.requestsByCommand[slot]))
                .tag("command", DiameterCounters.COMMANDS[command])
                .description("Diameter requests received, by command (CCR by CC-Request-Type)")
                .register(registry);
        }
        final Timer[] timers = new Timer[CcRequestType.EVENT_REQUEST + 1];
        final String[] types = {"", "initial", "update", "termination", "event"};
        for (int type = CcRequestType.INITIAL_REQUEST; type <= CcRequestType.EVENT_REQUEST; type++)
        {
            timers[type] = Timer.builder("gyro.diameter.ccr.duration")
                .tag("type", types[type])
                .description("CCR handling time, from ingress on the event loop to the CCA written")
                .serviceLevelObjectives(HANDLING_TIME_BUCKETS)
                .register(registry);
        }
        final DiameterCounters.HandlingTimeRecorder recorder = (ccRequestType, nanos) ->
        {
            if (ccRequestType >= CcRequestType.INITIAL_REQUEST && ccRequestType <= CcRequestType.EVENT_REQUEST)
            {
                timers[ccRequestType].record(nanos, TimeUnit.NANOSECONDS);
            }
        };
        for (final DiameterLane lane : lanes)
        {
            lane.counters().ccrHandlingTime = recorder;
        }

        counter("gyro.diameter.shed", "Requests answered 3004 TOO_BUSY because the ring or the pending table was full",
            c -> c.shed);
        counter("gyro.diameter.duplicates", "Requests answered from the duplicate cache (retransmissions)",
            c -> c.duplicates);
        counter("gyro.diameter.invalid", "Messages refused by validation at the edge (3xxx/5xxx)", c -> c.invalid);
        for (final DiameterFramingError.Reason reason : DiameterCounters.FRAMING_REASONS)
        {
            final int slot = reason.ordinal();
            FunctionCounter.builder("gyro.diameter.framing.errors", this,
                meters -> meters.sum(c -> c.framingErrorsByReason[slot]))
                .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .description("Connections closed for damaged Diameter framing, by reason (too_long: refused from " +
                    "the header, over diameter.max-message-length)")
                .register(registry);
        }
        counter("gyro.diameter.replies.dropped", "Answers dropped because their connection had gone",
            c -> c.droppedReplies);
        counter("gyro.diameter.connection.errors", "Connections closed after an exception", c -> c.connectionErrors);
        counter("gyro.diameter.watchdog.failures", "Peers closed after two watchdog intervals without an answer",
            c -> c.watchdogFailures);
        counter("gyro.diameter.server.requests.sent", "RAR and ASR sent to clients", c -> c.serverRequestsSent);
        counter("gyro.diameter.server.requests.failed", "RAR and ASR unanswered in time or without a connection",
            c -> c.serverRequestsFailed);

        for (final String state : STATES)
        {
            final AtomicInteger count = new AtomicInteger();
            connectionsByState.put(state, count);
            Gauge.builder("gyro.diameter.connections", count, AtomicInteger::get)
                .tag("state", state)
                .description("Diameter connections by peer state (wait_cer: connected without CER yet)")
                .register(registry);
        }
        refresh();
    }

    private void counter(final String name, final String description, final ToLongFunction<DiameterCounters> field)
    {
        FunctionCounter.builder(name, this, meters -> meters.sum(field)).description(description).register(registry);
    }

    private double sum(final ToLongFunction<DiameterCounters> field)
    {
        long total = 0;
        for (final DiameterLane lane : lanes)
        {
            total += field.applyAsLong(lane.counters());
        }
        return total;
    }

    /** Register newly non-zero answer series and update the peer gauges; runs on the scraping thread. */
    synchronized void refresh()
    {
        for (int cell = 0; cell < answerRegistered.length; cell++)
        {
            if (answerRegistered[cell])
            {
                continue;
            }
            final int slot = cell;
            if (sum(c -> c.answersByCommandAndResult[slot]) > 0)
            {
                answerRegistered[cell] = true;
                FunctionCounter.builder("gyro.diameter.answers", this,
                    meters -> meters.sum(c -> c.answersByCommandAndResult[slot]))
                    .tag("command", DiameterCounters.COMMANDS[cell / DiameterCounters.RESULT_SLOTS])
                    .tag("result_code", DiameterCounters.resultLabel(cell % DiameterCounters.RESULT_SLOTS))
                    .description("Diameter answers sent, by the command they answer and Result-Code")
                    .register(registry);
            }
        }
        final Map<String, Integer> states = new HashMap<>();
        final Map<String, Boolean> open = new HashMap<>();
        for (final DiameterLane lane : lanes)
        {
            final List<DiameterLane.PeerStatus> statuses;
            try
            {
                statuses = lane.peerStatuses();
            }
            catch (final RuntimeException ex)
            {
                // The lane's event loop is shutting down: keep the last values.
                LOG.debug("peer states unavailable", ex);
                return;
            }
            for (final DiameterLane.PeerStatus status : statuses)
            {
                states.merge(status.state(), 1, Integer::sum);
                if (null != status.peerHost())
                {
                    open.merge(status.peerHost(), "open".equals(status.state()), Boolean::logicalOr);
                }
            }
        }
        for (final Map.Entry<String, AtomicInteger> entry : connectionsByState.entrySet())
        {
            entry.getValue().set(states.getOrDefault(entry.getKey(), 0));
        }
        for (final Map.Entry<String, AtomicInteger> entry : peerUp.entrySet())
        {
            entry.getValue().set(Boolean.TRUE.equals(open.get(entry.getKey())) ? 1 : 0);
        }
        for (final Map.Entry<String, Boolean> entry : open.entrySet())
        {
            if (!peerUp.containsKey(entry.getKey()) && peerUp.size() < MAX_PEER_SERIES)
            {
                final AtomicInteger up = new AtomicInteger(entry.getValue() ? 1 : 0);
                peerUp.put(entry.getKey(), up);
                Gauge.builder("gyro.diameter.peer.up", up, AtomicInteger::get)
                    .tag("peer", entry.getKey())
                    .description("1 while the Diameter peer (Origin-Host of its CER) has an open connection, else 0")
                    .register(registry);
            }
        }
    }
}
