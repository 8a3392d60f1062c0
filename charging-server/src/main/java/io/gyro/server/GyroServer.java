package io.gyro.server;

import io.gyro.config.model.GyroConfiguration;
import io.gyro.config.model.JournalRetention;
import io.gyro.config.model.JournalSync;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.JournalObserver;
import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerNotificationListener;
import io.gyro.ledger.LedgerPipeline;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.SessionEndReason;
import io.gyro.ledger.SyncPolicy;
import io.gyro.ledger.journal.Journal;
import io.gyro.ledger.rating.TariffTable;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.server.diameter.DiameterNode;
import io.gyro.server.diameter.DiameterServer;
import io.gyro.server.diameter.DiameterSettings;
import io.gyro.server.diameter.DiameterTls;
import io.gyro.server.diameter.PeerRegistry;
import io.gyro.server.diameter.SessionNotifier;
import io.gyro.server.diameter.TariffDirectory;
import io.gyro.server.ledger.CommandOutcome;
import io.gyro.server.ledger.DemoData;
import io.gyro.server.ledger.LedgerGateway;
import io.gyro.server.ledger.PipelineRing;
import io.gyro.server.ledger.Priority;
import io.gyro.server.ledger.TariffMapper;
import io.gyro.server.radius.RadiusServer;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The composition root: the ledger pipeline (recovered from its journal), the gateway onto its ring, the Diameter
 * listener, the demo data and the timers, started in that order and stopped in reverse (issue 4).
 * <p>
 * Time comes from one injected {@link EpochClock}; with {@link Options#runTimers()} false nothing runs on a real
 * timer, and tests drive {@link #tick()} after moving their clock.
 */
public final class GyroServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(GyroServer.class);
    /** How often Tick(now) reaches the ledger: deadlines are honoured to within this. */
    public static final long TICK_PERIOD_MS = 1_000;
    /** Longest wait for answers in flight during a clean shutdown. */
    private static final long DRAIN_TIMEOUT_MS = 5_000;

    /**
     * How the server is run.
     *
     * @param clock             the time stamped on every command and read by every protocol timer.
     * @param runTimers         true in production; false in tests, which call {@link #tick()}.
     * @param journalDecorator  wraps the ledger's journal: identity in production; tests inject disk faults.
     */
    public record Options(EpochClock clock, boolean runTimers, UnaryOperator<Journal> journalDecorator)
    {
        /**
         * @param clock     the time stamped on every command and read by every protocol timer.
         * @param runTimers true in production; false in tests, which call {@link #tick()}.
         */
        public Options(final EpochClock clock, final boolean runTimers)
        {
            this(clock, runTimers, UnaryOperator.identity());
        }

        /** @return production options: system clock, timers on. */
        public static Options production()
        {
            return new Options(SystemEpochClock.INSTANCE, true);
        }
    }

    private final GyroConfiguration configuration;
    private final Options options;
    private final EpochClock clock;
    private final LedgerGateway ledger;
    private final LedgerPipeline pipeline;
    private final PeerRegistry peers = new PeerRegistry();
    private final DiameterServer diameter;
    private final RadiusServer radius;
    private final ScheduledExecutorService timer;
    private final Operations operations;
    private InetSocketAddress diameterAddress;
    private InetSocketAddress diameterTlsAddress;
    private InetSocketAddress adminAddress;
    private volatile boolean closed;

    private GyroServer(final GyroConfiguration configuration, final Options options) throws Exception
    {
        this.configuration = configuration;
        this.options = options;
        this.clock = options.clock();
        final long startedAtMs = clock.time();

        ledger = new LedgerGateway(configuration.ledger().shedNewSessionsAt(),
            configuration.ledger().adminPublishBelow());
        operations = new Operations(configuration, clock);
        // The lanes learn the journaled tariffs once the ledger has recovered (see startAll); until then none.
        final TariffDirectory tariffs = new TariffDirectory(TariffTable.empty());
        diameter = new DiameterServer(configuration.diameter().ioThreads(), DiameterNode.from(configuration, startedAtMs),
            DiameterSettings.from(configuration), DiameterDictionary.standard(),
            configuration.diameter(), peers, ledger, clock, tariffs, DiameterTls.from(configuration.diameter().tls()));
        radius = configuration.radius().enabled() ? new RadiusServer(configuration, ledger, clock, tariffs) : null;
        pipeline = new LedgerPipeline(ledgerContext(configuration, operations.journalObserver())
            .journalDecorator(options.journalDecorator()).journalReaderFloor(operations::journalReaderFloor)
            .journalRollClockMs(clock::time)
            .conclude(), ledger,
            new Notifications(new SessionNotifier(peers), radius));
        ledger.attach(new PipelineRing(pipeline));
        operations.bind(ledger, diameter, null == radius ? null : radius.counters(), this::isReady,
            this::isJournalStalled, this::tariffsInForce);
        timer = options.runTimers() ? Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "gyro-timer");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /**
     * Start everything: recover the ledger, load tariffs and demo data into an empty ledger, then listen.
     *
     * @param configuration the validated configuration.
     * @param options       clock and timers.
     * @return the running server.
     * @throws Exception when something cannot start (the message says what).
     */
    public static GyroServer start(final GyroConfiguration configuration, final Options options) throws Exception
    {
        final GyroServer server = new GyroServer(configuration, options);
        try
        {
            server.startAll();
            return server;
        }
        catch (final Exception | Error ex)
        {
            server.close();
            throw ex;
        }
    }

    private void startAll() throws Exception
    {
        final long started = System.nanoTime();
        adminAddress = operations.startEarly(options.runTimers());
        pipeline.start();
        LOG.info("ledger recovered: {}", pipeline.recovery());
        tariffsInForce(applyConfiguredTariffs());
        DemoData.loadIfEmpty(ledger, configuration.demo(), clock.time());
        operations.startCdr(configuration.node().dataDir().resolve("journal"));
        if (configuration.diameter().enabled())
        {
            diameterAddress = diameter.start(new InetSocketAddress(configuration.diameter().bindAddress(),
                configuration.diameter().port()), options.runTimers());
            if (configuration.diameter().tls().enabled())
            {
                diameterTlsAddress = diameter.startTls(new InetSocketAddress(configuration.diameter().bindAddress(),
                    configuration.diameter().tls().port()));
            }
        }
        if (null != radius)
        {
            radius.start(options.runTimers());
        }
        if (null != timer)
        {
            timer.scheduleAtFixedRate(this::publishTick, TICK_PERIOD_MS, TICK_PERIOD_MS, TimeUnit.MILLISECONDS);
            final long snapshotMs = configuration.ledger().snapshotIntervalMs();
            if (snapshotMs > 0)
            {
                timer.scheduleAtFixedRate(this::publishSnapshot, snapshotMs, snapshotMs, TimeUnit.MILLISECONDS);
            }
        }
        LOG.info("Gyro {} started in {} ms (mode {}, origin-host {})", version(),
            (System.nanoTime() - started) / 1_000_000, configuration.mode(), configuration.node().originHost());
    }

    /**
     * Tariffs from the configuration seed an empty ledger; afterwards the journaled tariffs (changed through the
     * admin API) are authoritative, and a configuration that differs is reported, not silently applied.
     */
    private TariffTable applyConfiguredTariffs()
    {
        final TariffTable configured = TariffMapper.toTable(configuration.tariffs(), Instant.ofEpochMilli(clock.time()));
        final CommandOutcome current = ledger.call(Priority.INTERNAL, command ->
        {
            command.type = CommandType.GET_TARIFFS;
            command.timestampMs = clock.time();
        }).join();
        final TariffTable journaled = (TariffTable)current.payload();
        if (null != journaled && !journaled.tariffs().isEmpty())
        {
            if (!TariffMapper.sameTariffs(journaled, configured))
            {
                LOG.warn("the tariffs in the configuration differ from the journaled ones (version {}); the " +
                    "journaled tariffs stay in force: change tariffs through the admin API", journaled.version());
            }
            return journaled;
        }
        if (configured.tariffs().isEmpty())
        {
            return TariffTable.empty();
        }
        final CommandOutcome outcome = ledger.call(Priority.INTERNAL, command ->
        {
            command.type = CommandType.SET_TARIFFS;
            command.timestampMs = clock.time();
            command.payload = configured;
        }).join();
        if (LedgerResult.SUCCESS != outcome.result())
        {
            throw new IllegalStateException("the ledger refused the configured tariffs: " + outcome.result());
        }
        LOG.info("loaded {} tariffs from the configuration", configured.tariffs().size());
        return (TariffTable)ledger.call(Priority.INTERNAL, command ->
        {
            command.type = CommandType.GET_TARIFFS;
            command.timestampMs = clock.time();
        }).join().payload();
    }

    /** Give the protocol lanes the tariff table the ledger rates with (start-up and every change). */
    private void tariffsInForce(final TariffTable table)
    {
        final TariffDirectory directory = new TariffDirectory(table);
        diameter.tariffs(directory);
        if (null != radius)
        {
            radius.tariffs(directory);
        }
    }

    private static LedgerContext ledgerContext(final GyroConfiguration configuration, final JournalObserver observer)
    {
        final Path dataDir = configuration.node().dataDir();
        return new LedgerContext()
            .ringSize(configuration.ledger().ringSize())
            .waitStrategy(waitStrategy(configuration.ledger().waitStrategy()))
            .journalEnabled(configuration.ledger().journalEnabled())
            .journalDir(dataDir.resolve("journal"))
            .syncPolicy(JournalSync.BATCH == configuration.ledger().journalSync() ? SyncPolicy.BATCH : SyncPolicy.NONE)
            .snapshotDir(dataDir.resolve("snapshots"))
            .snapshotRetention(configuration.ledger().snapshotsKept())
            .journalDeleteCoveredCycles(JournalRetention.SNAPSHOTS == configuration.ledger().journalRetention())
            .moneyScale(configuration.ledger().moneyScale())
            .tombstoneMs(configuration.ledger().tombstoneTimeMs())
            .eventResultRetentionMs(configuration.ledger().eventResultRetentionMs())
            .eventAnswerRetentionMs(configuration.ledger().eventAnswerRetentionMs())
            .eventAnswerCapacity(configuration.ledger().eventAnswerCapacity())
            .closedSessionRetentionMs(configuration.ledger().closedSessionRetentionMs())
            .defaultSupervisionMs(configuration.ledger().defaultSupervisionMs())
            .supervisionMarginMs(configuration.ledger().supervisionMarginMs())
            .pilotMode(configuration.isPilot())
            .journalObserver(observer);
    }

    private static WaitStrategy waitStrategy(final io.gyro.config.model.WaitStrategy strategy)
    {
        return switch (strategy)
        {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy(200, 50_000);
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }

    private void publishTick()
    {
        if (pipeline.isJournalStalled())
        {
            // The ring is filling and nothing is processed: the next tick after the journal recovers carries the time.
            return;
        }
        try
        {
            tickLedger().thenAcceptAsync(this::tickAgainIfMoreAreDue, this::runOnTimer);
        }
        catch (final RuntimeException ex)
        {
            if (!closed)
            {
                LOG.error("could not publish Tick", ex);
            }
        }
    }

    /**
     * A Tick processes a bounded number of deadlines; when more were due it says so and the next follows at once,
     * so that closed sessions are forgotten as fast as they end (at more than one tick's budget a second they would
     * otherwise pile up until the heap is gone).
     */
    private void tickAgainIfMoreAreDue(final CommandOutcome outcome)
    {
        if (LedgerResult.LIMIT_EXCEEDED == outcome.result() && !closed)
        {
            publishTick();
        }
    }

    /** Continuations of the timer's work run on the timer thread: publishing may wait for a slot in the ring. */
    private void runOnTimer(final Runnable task)
    {
        try
        {
            timer.execute(task);
        }
        catch (final RejectedExecutionException shuttingDown)
        {
            // Closing: the next start's first Tick processes what is still due.
        }
    }

    private CompletableFuture<CommandOutcome> tickLedger()
    {
        final long now = clock.time();
        return ledger.call(Priority.INTERNAL, command ->
        {
            command.type = CommandType.TICK;
            command.timestampMs = now;
        });
    }

    private void publishSnapshot()
    {
        try
        {
            takeSnapshot();
        }
        catch (final RuntimeException ex)
        {
            LOG.error("could not request a snapshot", ex);
        }
    }

    /**
     * Ask the ledger for a snapshot at the current journal position.
     *
     * @return the outcome, when the snapshot is written.
     */
    public CompletableFuture<CommandOutcome> takeSnapshot()
    {
        final long now = clock.time();
        return ledger.call(Priority.INTERNAL, command ->
        {
            command.type = CommandType.TAKE_SNAPSHOT;
            command.timestampMs = now;
        });
    }

    /**
     * Run every timer once at the clock's current time and wait: the ledger's Tick (supervision, bucket expiry),
     * each lane's peer timers (watchdog, CER wait, RAA/ASA wait) and the admin API's idle connections. For tests
     * with an adjustable clock.
     *
     * @throws InterruptedException if interrupted.
     */
    public void tick() throws InterruptedException
    {
        CommandOutcome outcome;
        do
        {
            outcome = tickLedger().join();
        }
        while (LedgerResult.LIMIT_EXCEEDED == outcome.result());
        diameter.runTimers();
        if (null != radius)
        {
            radius.runTimers();
        }
        operations.runTimers();
    }

    /** @return the gateway onto the ledger ring. */
    public LedgerGateway ledger()
    {
        return ledger;
    }

    /** @return the configuration the server runs with. */
    public GyroConfiguration configuration()
    {
        return configuration;
    }

    /** @return where Diameter listens, or null when disabled. */
    public InetSocketAddress diameterAddress()
    {
        return diameterAddress;
    }

    /** @return where Diameter over TLS listens, or null when TLS is off. */
    public InetSocketAddress diameterTlsAddress()
    {
        return diameterTlsAddress;
    }

    /** @return the Diameter listener. */
    public DiameterServer diameter()
    {
        return diameter;
    }

    /** @return where the admin API (and /metrics, /health) listens, or null when disabled. */
    public InetSocketAddress adminAddress()
    {
        return adminAddress;
    }

    /** @return the metrics registry served at /metrics. */
    public io.gyro.server.metrics.GyroMetrics metrics()
    {
        return operations.metrics();
    }

    /** @return the admin API's server, or null when it is off. */
    public io.gyro.server.admin.AdminServer adminServer()
    {
        return operations.adminServer();
    }

    /** @return the CDR writer, or null when CDRs are off. */
    public io.gyro.server.cdr.CdrWriter cdrWriter()
    {
        return operations.cdr();
    }

    /** @return the RADIUS listeners, or null when RADIUS is disabled. */
    public RadiusServer radius()
    {
        return radius;
    }

    /** @return open Diameter peers. */
    public PeerRegistry peers()
    {
        return peers;
    }

    /** @return true while journal appends fail and the ledger holds its answers (disk full). */
    public boolean isJournalStalled()
    {
        return pipeline.isJournalStalled();
    }

    /** @return true once recovery finished and while the ledger runs. */
    public boolean isReady()
    {
        return pipeline.isReady() && !closed;
    }

    /**
     * Clean shutdown (SIGTERM): stop accepting, DPR to peers, answer what is in flight, flush and close the
     * journal, close the connections.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        LOG.info("Gyro stopping");
        if (null != timer)
        {
            timer.shutdownNow();
        }
        operations.stopHttp();
        try
        {
            diameter.stopAccepting();
            if (null != radius)
            {
                radius.stopAccepting();
            }
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
            while (inFlight() > 0 && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("while stopping the listeners", ex);
        }
        pipeline.close();
        diameter.close();
        if (null != radius)
        {
            radius.close();
        }
        operations.close();
        LOG.info("Gyro stopped");
    }

    private int inFlight()
    {
        int count = 0;
        for (final var lane : diameter.lanes())
        {
            count += lane.pendingCount();
        }
        return null == radius ? count : count + radius.pendingCount();
    }

    private static String version()
    {
        final String version = GyroServer.class.getPackage().getImplementationVersion();
        return null == version ? "(development build)" : version;
    }

    /** Routes the ledger's side effects to the protocol that owns the session. */
    private static final class Notifications implements LedgerNotificationListener
    {
        private final SessionNotifier diameterSessions;
        private final RadiusServer radiusSessions;

        Notifications(final SessionNotifier diameterSessions, final RadiusServer radiusSessions)
        {
            this.diameterSessions = diameterSessions;
            this.radiusSessions = radiusSessions;
        }

        @Override
        public void reauthorize(
            final byte[] sessionKey,
            final int sessionKeyLength,
            final byte[] sessionContext,
            final int sessionContextLength,
            final long[] ratingGroups,
            final int ratingGroupCount)
        {
            if (SessionNotifier.isDiameterSession(sessionContext, sessionContextLength))
            {
                // One RAR for the whole session: the client reports and re-requests every rating group (§5.5).
                diameterSessions.send(CommandCode.RE_AUTH, sessionKey, sessionKeyLength, sessionContext,
                    sessionContextLength, -1);
            }
            else if (null != radiusSessions && RadiusServer.isRadiusSession(sessionKey, sessionKeyLength))
            {
                radiusSessions.reauthorize(sessionKey, sessionKeyLength, sessionContext, sessionContextLength,
                    ratingGroups, ratingGroupCount);
            }
        }

        @Override
        public void abortSession(
            final byte[] sessionKey,
            final int sessionKeyLength,
            final byte[] sessionContext,
            final int sessionContextLength,
            final SessionEndReason reason)
        {
            if (SessionNotifier.isDiameterSession(sessionContext, sessionContextLength))
            {
                diameterSessions.send(CommandCode.ABORT_SESSION, sessionKey, sessionKeyLength, sessionContext,
                    sessionContextLength, -1);
            }
            else if (null != radiusSessions && RadiusServer.isRadiusSession(sessionKey, sessionKeyLength))
            {
                radiusSessions.abortSession(sessionKey, sessionKeyLength, sessionContext, sessionContextLength);
            }
        }
    }
}
