package io.gyro.server;

import io.gyro.config.model.GyroConfiguration;
import io.gyro.ledger.rating.TariffTable;
import io.gyro.ledger.JournalObserver;
import io.gyro.server.admin.AdminApi;
import io.gyro.server.admin.AdminServer;
import io.gyro.server.cdr.CdrWriter;
import io.gyro.server.diameter.DiameterServer;
import io.gyro.server.ledger.LedgerGateway;
import io.gyro.server.metrics.GyroMetrics;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The operations side of the server (issue 6), composed in one place so the composition root only calls it at
 * its few points: the data-directory lock, metrics, the admin HTTP API (started before recovery, so
 * {@code /health} answers "not ready" while the journal replays) and the CDR writer (started after recovery).
 */
final class Operations implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    private final GyroConfiguration configuration;
    private final EpochClock clock;
    private final GyroMetrics metrics = new GyroMetrics();
    private DataDirectoryLock lock;
    private AdminApi api;
    private AdminServer http;
    private volatile CdrWriter cdr;

    Operations(final GyroConfiguration configuration, final EpochClock clock)
    {
        this.configuration = configuration;
        this.clock = clock;
    }

    /** @return the observer the ledger reports journal appends to. */
    JournalObserver journalObserver()
    {
        return metrics.journalObserver();
    }

    /**
     * Bind metrics and prepare the admin API.
     *
     * @param ledger         the ring gateway.
     * @param diameter       the Diameter listener (its lanes are counted).
     * @param radius         the RADIUS listener's counters, or null when RADIUS is off.
     * @param ready          readiness (recovery finished, ledger running).
     * @param journalStalled true while journal appends fail: /health/ready answers 503 then.
     * @param tariffsChanged what to do after a tariff change through the API.
     */
    void bind(
        final LedgerGateway ledger,
        final DiameterServer diameter,
        final io.gyro.server.radius.RadiusCounters radius,
        final BooleanSupplier ready,
        final BooleanSupplier journalStalled,
        final Consumer<TariffTable> tariffsChanged)
    {
        metrics.bindLedger(ledger, ready);
        metrics.bindDiameter(diameter);
        if (null != radius)
        {
            metrics.bindRadius(radius);
        }
        if (configuration.admin().enabled())
        {
            api = new AdminApi(ledger, configuration, clock, metrics, ready, journalStalled, tariffsChanged);
            http = new AdminServer(configuration.admin(), api, metrics.registry(), clock);
        }
    }

    /**
     * Lock the data directory, check that its amounts are at the configured money scale, and start the admin API.
     *
     * @return where the admin API listens, or null when disabled.
     * @throws Exception when the directory is in use or holds amounts at another scale, or the port is taken.
     */
    InetSocketAddress startEarly(final boolean runTimers) throws Exception
    {
        lock = DataDirectoryLock.acquire(configuration.node().dataDir());
        MoneyScaleFile.check(configuration.node().dataDir(), configuration.ledger().moneyScale());
        return null == http ? null : http.start(runTimers);
    }

    /**
     * Run the admin API's timer (idle connections) at the clock's current time, and wait. For tests.
     *
     * @throws InterruptedException if interrupted.
     */
    void runTimers() throws InterruptedException
    {
        if (null != http)
        {
            http.runTimers();
        }
    }

    /**
     * Start the CDR writer after recovery (it needs the journal the ledger opened).
     *
     * @param journalDir the journal directory.
     * @throws Exception when the CDR directory is inconsistent.
     */
    void startCdr(final Path journalDir) throws Exception
    {
        if (!configuration.cdr().enabled())
        {
            return;
        }
        if (!configuration.ledger().journalEnabled())
        {
            LOG.warn("CDRs are enabled but the journal is off: no CDRs are written (they are derived from the journal)");
            return;
        }
        cdr = CdrWriter.start(journalDir, configuration.cdr().dir(), configuration.cdr().rollIntervalMs(),
            configuration.ledger().moneyScale(), clock, metrics.journalTotals());
    }

    /** @return the metrics. */
    GyroMetrics metrics()
    {
        return metrics;
    }

    /**
     * @return the journal index the CDR writer would read again after a restart: the ledger deletes no journal cycle
     * from that index's on. With CDRs off, the index of a checkpoint left in the CDR directory (they may be turned on
     * again), Long.MAX_VALUE when there is none; -1 until an enabled writer has started.
     */
    long journalReaderFloor()
    {
        if (!configuration.cdr().enabled() || !configuration.ledger().journalEnabled())
        {
            return CdrWriter.checkpointedIndexIn(configuration.cdr().dir());
        }
        final CdrWriter writer = cdr;
        return null == writer ? -1 : writer.checkpointedIndex();
    }

    /** @return the admin API's server, or null when off. */
    AdminServer adminServer()
    {
        return http;
    }

    /** @return the CDR writer, or null when off. */
    CdrWriter cdr()
    {
        return cdr;
    }

    /** Stop the admin API first on shutdown: no new admin commands while the ledger drains. */
    void stopHttp()
    {
        if (null != http)
        {
            http.close();
            http = null;
        }
        if (null != api)
        {
            api.close();
            api = null;
        }
    }

    /** After the ledger closed: let the CDR writer finish the journal, then release the directory. */
    @Override
    public void close()
    {
        stopHttp();
        if (null != cdr)
        {
            cdr.close();
            cdr = null;
        }
        metrics.close();
        if (null != lock)
        {
            try
            {
                lock.close();
            }
            catch (final java.io.IOException ex)
            {
                LOG.warn("could not release the data directory lock", ex);
            }
            lock = null;
        }
    }
}
