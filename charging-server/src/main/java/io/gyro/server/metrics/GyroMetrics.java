package io.gyro.server.metrics;

import io.gyro.ledger.JournalObserver;
import io.gyro.server.diameter.ConnectionLimits;
import io.gyro.server.diameter.DiameterServer;
import io.gyro.server.ledger.LedgerGateway;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The server's metrics registry: JVM metrics, the ledger ring and journal, and the binders of each part
 * ({@link DiameterMeters}, {@link RadiusMeters}, {@link JournalTotals}). {@link #scrape()} renders the Prometheus
 * text format; every meter name gets the {@code gyro_} prefix here, JVM ones included.
 */
public final class GyroMetrics implements AutoCloseable
{
    /** Prometheus text exposition format 0.0.4, what {@link #scrape()} renders. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Prefix of every meter name (dotted form; Prometheus shows {@code gyro_}). */
    public static final String PREFIX = "gyro.";
    /**
     * Journal append buckets: 10 us (page-cache write of a small batch) up to 100 ms (an msync on a slow disk
     * under {@code journal-sync: batch}); beyond that the +Inf bucket says enough.
     */
    private static final Duration[] JOURNAL_APPEND_BUCKETS = {
        Duration.ofNanos(10_000), Duration.ofNanos(25_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000),
        Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(100)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final JournalTotals journalTotals;
    private final Timer journalAppend;
    private final Counter journalBytes;
    private final Counter journalRecords;
    private final Counter journalAppendFailures;
    private volatile boolean journalStalled;
    private final List<Runnable> refreshers = new ArrayList<>();

    /** Creates the registry with JVM, RADIUS, journal and journal-derived meters. */
    public GyroMetrics()
    {
        registry.config().meterFilter(new MeterFilter()
        {
            @Override
            public Meter.Id map(final Meter.Id id)
            {
                return id.getName().startsWith(PREFIX) ? id : id.withName(PREFIX + id.getName());
            }
        });
        // Micrometer's process.cpu.time counts nanoseconds (gyro_process_cpu_time_ns_total); Prometheus wants base
        // units, so it is replaced by gyro_process_cpu_seconds_total, the name process exporters use.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith(PREFIX + "process.cpu.time"));
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os &&
            os.getProcessCpuTime() >= 0)
        {
            FunctionCounter.builder("gyro.process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9)
                .baseUnit("seconds")
                .description("CPU time used by the Gyro process")
                .register(registry);
        }

        journalTotals = new JournalTotals(registry);
        journalAppend = Timer.builder("gyro.journal.append")
            .description("Time to append one journal document (one ledger batch), including its msync under " +
                "journal-sync batch")
            .serviceLevelObjectives(JOURNAL_APPEND_BUCKETS)
            .register(registry);
        journalBytes = Counter.builder("gyro.journal.appended")
            .baseUnit("bytes")
            .description("Bytes appended to the journal")
            .register(registry);
        journalRecords = Counter.builder("gyro.journal.records")
            .description("Journal records (one per state-changing command) appended")
            .register(registry);
        journalAppendFailures = Counter.builder("gyro.journal.append.failures")
            .description("Journal appends that failed (disk full, I/O error) and were retried")
            .register(registry);
        Gauge.builder("gyro.journal.stalled", this, metrics -> metrics.journalStalled ? 1 : 0)
            .description("1 while journal appends fail and the ledger holds its answers (new requests are shed " +
                "once the ring fills), else 0")
            .register(registry);
    }

    /** @return the registry, for binders and tests. */
    public MeterRegistry registry()
    {
        return registry;
    }

    /**
     * @return the observer to give the ledger: records append time, bytes and records per journal document, failed
     *         appends and whether the ledger is stalled on the journal.
     */
    public JournalObserver journalObserver()
    {
        return new JournalObserver()
        {
            @Override
            public void documentAppended(final long appendNanos, final int bytes, final int records)
            {
                journalAppend.record(appendNanos, TimeUnit.NANOSECONDS);
                journalBytes.increment(bytes);
                journalRecords.increment(records);
            }

            @Override
            public void appendFailed(final Throwable error)
            {
                journalAppendFailures.increment();
            }

            @Override
            public void stalled(final boolean stalled)
            {
                journalStalled = stalled;
            }
        };
    }

    /**
     * Ring occupancy, size and readiness.
     *
     * @param ledger the gateway onto the ring (attached to its ring).
     * @param ready  whether recovery finished and the ledger runs.
     */
    public void bindLedger(final LedgerGateway ledger, final BooleanSupplier ready)
    {
        Gauge.builder("gyro.ledger.ring.occupancy", ledger, LedgerGateway::occupancy)
            .baseUnit("ratio")
            .description("Fraction of the ledger ring's slots in use (new sessions are shed above " +
                "ledger.shed-new-sessions-at, admin writes above ledger.admin-publish-below)")
            .register(registry);
        Gauge.builder("gyro.ledger.ring.size", ledger, LedgerGateway::ringSize)
            .baseUnit("slots")
            .description("Slots in the ledger ring")
            .register(registry);
        Gauge.builder("gyro.ledger.ready", ready, supplier -> supplier.getAsBoolean() ? 1 : 0)
            .description("1 once journal recovery finished and while the ledger runs, else 0")
            .register(registry);
    }

    /**
     * Diameter requests, answers, handling times and peers.
     *
     * @param diameter the listener (its lanes exist; bind before it starts).
     */
    public void bindDiameter(final DiameterServer diameter)
    {
        final DiameterMeters meters = new DiameterMeters(registry, diameter.lanes());
        refreshers.add(meters::refresh);
        final ConnectionLimits limits = diameter.connectionLimits();
        for (final ConnectionLimits.Refusal refusal :
            ConnectionLimits.Refusal.values())
        {
            FunctionCounter.builder("gyro.diameter.connections.refused", limits,
                l -> l.refused(refusal))
                .tag("reason", refusal.label())
                .description("Diameter connections closed as they were accepted: diameter.max-connections or " +
                    "diameter.max-connections-per-address reached")
                .register(registry);
        }
    }

    /**
     * RADIUS packets by type and drops by reason.
     *
     * @param counters the RADIUS lane's counters.
     */
    public void bindRadius(final io.gyro.server.radius.RadiusCounters counters)
    {
        RadiusMeters.register(registry, counters);
    }

    /** @return gauges and counters fed by the journal tailer (sessions, reservations, pilot would-deny). */
    public JournalTotals journalTotals()
    {
        return journalTotals;
    }

    /**
     * Register meters discovered since the last scrape (newly seen Result-Codes, peers), then render.
     *
     * @return the Prometheus text exposition.
     */
    public String scrape()
    {
        for (final Runnable refresher : refreshers)
        {
            refresher.run();
        }
        return registry.scrape();
    }

    @Override
    public void close()
    {
        gcMetrics.close();
        registry.close();
    }
}
