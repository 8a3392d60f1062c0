package io.gyro.server.test;

import io.gyro.config.ConfigurationLoader;
import io.gyro.config.model.GyroConfiguration;
import io.gyro.ledger.AccountView;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.testing.FaultInjectingJournal;
import io.gyro.server.GyroServer;
import io.gyro.server.ledger.CommandOutcome;
import io.gyro.server.ledger.Priority;
import org.agrona.concurrent.CachedEpochClock;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Starts the real server in process for tests, on loopback, free ports and a temporary data directory, with an
 * adjustable clock and no real timers (STYLE.md §7: {@code aServer().withOverride(...).start()}).
 * The bundled configuration is the base, with 100 demo subscribers instead of 100,000 to keep tests quick.
 */
public final class TestServer implements AutoCloseable
{
    /** A fixed start time: 2026-01-05T10:00:00Z (a Monday, inside business hours). */
    public static final long START_TIME_MS = 1_767_607_200_000L;
    /** The admin token {@link #withAdmin()} configures. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private final Path dataDir;
    private final List<String> overrides = new ArrayList<>();
    private final CachedEpochClock clock = new CachedEpochClock();
    private final AtomicReference<FaultInjectingJournal> journalFaults = new AtomicReference<>();
    private boolean injectJournalFaults;
    private Path configFile = Path.of("..", "config", "gyro.yaml");
    private GyroServer server;

    private TestServer(final Path dataDir)
    {
        this.dataDir = dataDir;
        clock.update(START_TIME_MS);
        overrides.add("node.data-dir=" + dataDir);
        overrides.add("diameter.port=0");
        overrides.add("radius.enabled=false");
        overrides.add("radius.auth-port=0");
        overrides.add("radius.acct-port=0");
        overrides.add("admin.enabled=false");
        overrides.add("demo.subscribers.count=100");
        overrides.add("ledger.journal-sync=none");
        overrides.add("ledger.ring-size=1024");
        overrides.add("ledger.wait-strategy=blocking");
    }

    /**
     * @param dataDir a temporary directory for journal and snapshots.
     * @return a builder.
     */
    public static TestServer aServer(final Path dataDir)
    {
        return new TestServer(dataDir);
    }

    /**
     * Load this file instead of the bundled {@code config/gyro.yaml} (overrides still apply): for what overrides
     * cannot express, such as a second {@code radius.clients} entry.
     *
     * @param file a YAML configuration.
     * @return this.
     */
    public TestServer withConfigFile(final Path file)
    {
        configFile = file;
        return this;
    }

    /**
     * @param keyValue a configuration override, {@code key=value}.
     * @return this.
     */
    public TestServer with(final String keyValue)
    {
        overrides.add(keyValue);
        return this;
    }

    /**
     * Turn the admin API (and /metrics, /health) on, on a free loopback port, with {@link #ADMIN_TOKEN}.
     *
     * @return this.
     */
    public TestServer withAdmin()
    {
        overrides.add("admin.enabled=true");
        overrides.add("admin.port=0");
        overrides.add("admin.token=" + ADMIN_TOKEN);
        return this;
    }

    /**
     * Wrap the ledger's journal in a {@link FaultInjectingJournal} (full, failing, slow or held disk), reachable
     * through {@link #journalFaults()} once started; each start installs a new one.
     *
     * @return this.
     */
    public TestServer withJournalFaults()
    {
        injectJournalFaults = true;
        return this;
    }

    /** @return the journal wrapper of the running server (needs {@link #withJournalFaults()}). */
    public FaultInjectingJournal journalFaults()
    {
        return journalFaults.get();
    }

    /**
     * Start (or start again after {@link #stop()}, on the same data directory and clock).
     *
     * @return this.
     * @throws Exception when the server cannot start.
     */
    public TestServer start() throws Exception
    {
        final GyroConfiguration configuration =
            ConfigurationLoader.load(configFile, Map.of(), overrides);
        server = GyroServer.start(configuration, new GyroServer.Options(clock, false, injectJournalFaults ?
            FaultInjectingJournal.installInto(journalFaults) : UnaryOperator.identity()));
        return this;
    }

    /** Stop cleanly, keeping the data directory (to restart on it). */
    public void stop()
    {
        if (null != server)
        {
            server.close();
            server = null;
        }
    }

    /** @return the running server. */
    public GyroServer server()
    {
        return server;
    }

    /** @return the Diameter address. */
    public InetSocketAddress diameterAddress()
    {
        return server.diameterAddress();
    }

    /** @return the admin API address (null unless {@link #withAdmin()}). */
    public InetSocketAddress adminAddress()
    {
        return server.adminAddress();
    }

    /** @return where RADIUS Access-Requests go (RADIUS must be enabled with {@code radius.enabled=true}). */
    public InetSocketAddress radiusAuthAddress()
    {
        return server.radius().authAddress();
    }

    /** @return where RADIUS Accounting-Requests go (RADIUS must be enabled with {@code radius.enabled=true}). */
    public InetSocketAddress radiusAcctAddress()
    {
        return server.radius().acctAddress();
    }

    /** @return the data directory. */
    public Path dataDir()
    {
        return dataDir;
    }

    /**
     * Move the clock and run every timer.
     *
     * @param millis how far.
     * @throws InterruptedException if interrupted.
     */
    public void advance(final long millis) throws InterruptedException
    {
        clock.advance(millis);
        server.tick();
    }

    /** @return the adjustable clock. */
    public CachedEpochClock clock()
    {
        return clock;
    }

    /**
     * Run a ledger command and wait for its outcome.
     *
     * @param filler fills the command (type, identities, payload...).
     * @return the outcome.
     */
    public CommandOutcome ledger(final Consumer<LedgerCommand> filler)
    {
        return server.ledger().call(Priority.INTERNAL, command ->
        {
            command.timestampMs = clock.time();
            filler.accept(command);
        }).join();
    }

    /**
     * @param msisdn an MSISDN.
     * @return the account, or null when unknown.
     */
    public AccountView account(final String msisdn)
    {
        final CommandOutcome outcome = ledger(command ->
        {
            command.type = CommandType.GET_ACCOUNT;
            command.addIdentity(IdentityType.E164, msisdn);
        });
        return LedgerResult.SUCCESS == outcome.result() ? (AccountView)outcome.payload() : null;
    }

    @Override
    public void close()
    {
        stop();
    }
}
