package io.gyro.ledger;

import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import io.gyro.ledger.journal.ChronicleJournal;
import io.gyro.ledger.journal.Journal;
import io.gyro.ledger.journal.JournalPretoucher;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Configuration of a ledger (Aeron {@code Context} style): set values fluently, then {@link #conclude()} once,
 * which fills defaults from system properties, validates every value and names the bad one. Afterwards the
 * context is read-only. Precedence: explicit setter, system property, default.
 */
public final class LedgerContext
{
    /** Ring slots; must be a power of two. */
    public static final String RING_SIZE_PROP_NAME = "gyro.ledger.ring.size";
    /**
     * 8 Ki slots: 4 ms of traffic at 2 M/s. A slot pre-allocates its 32 services and byte arrays (about 7.5 KB),
     * so the ring takes about 60 MB.
     */
    public static final int RING_SIZE_DEFAULT = 8_192;
    /** Journal directory. */
    public static final String JOURNAL_DIR_PROP_NAME = "gyro.ledger.journal.dir";
    /** Journal on/off. */
    public static final String JOURNAL_ENABLED_PROP_NAME = "gyro.ledger.journal.enabled";
    /** Sync policy (none, batch). */
    public static final String SYNC_POLICY_PROP_NAME = "gyro.ledger.journal.sync";
    /** Bytes kept free on the journal's file system: appends are refused (and retried) below it. */
    public static final String JOURNAL_MIN_FREE_BYTES_PROP_NAME = "gyro.ledger.journal.min-free-bytes";
    /** How far ahead of the journal's append position the page cache is filled by a pretouch thread (0: off). */
    public static final String JOURNAL_PRETOUCH_BYTES_PROP_NAME = "gyro.ledger.journal.pretouch-bytes";
    /** Whether journal cycles that every kept snapshot covers are deleted after each snapshot (true, false). */
    public static final String JOURNAL_DELETE_COVERED_CYCLES_PROP_NAME = "gyro.ledger.journal.delete-covered-cycles";
    /** Snapshot directory. */
    public static final String SNAPSHOT_DIR_PROP_NAME = "gyro.ledger.snapshot.dir";
    /** Snapshots kept. */
    public static final String SNAPSHOT_RETENTION_PROP_NAME = "gyro.ledger.snapshot.retention";
    /** Three snapshots: the newest, one fallback if it is damaged, and one more for safety. */
    public static final int SNAPSHOT_RETENTION_DEFAULT = 3;
    /** Money scale: decimal places of the minor unit. */
    public static final String MONEY_SCALE_PROP_NAME = "gyro.ledger.money.scale";
    /** Four decimals (0.0001) rate sub-cent per-MiB prices without rounding. */
    public static final int MONEY_SCALE_DEFAULT = 4;
    /** Largest money scale: 10^18 still fits a long. */
    public static final int MONEY_SCALE_MAX = 18;
    /** Tombstone time after a supervision release, ms: usage reported within it is still charged. */
    public static final long TOMBSTONE_MS_DEFAULT = 600_000;
    /** How long a terminated session's or one-shot event's answer is kept for retransmissions, ms. */
    public static final long EVENT_RESULT_RETENTION_MS_DEFAULT = 300_000;
    /**
     * How long a one-time event's answer (DIRECT_DEBITING, REFUND_ACCOUNT) is kept by Session-Id after its closed
     * session is gone, ms: RFC 4006 section 6.5 clients buffer such requests in non-volatile storage and resend them
     * with the T flag, minutes to hours later, and a duplicate must never debit or credit twice. A day covers an
     * overnight outage of the client's path to the server.
     */
    public static final long EVENT_ANSWER_RETENTION_MS_DEFAULT = 86_400_000;
    /**
     * Most one-time event answers kept at once; at capacity the oldest is forgotten first. About 300 bytes each on the
     * heap with a 56-byte Session-Id (measured by the perf module's EventAnswerMemoryFootprint), so the default bounds
     * them at 72-79 MiB and covers a day at 3 events a second.
     */
    public static final int EVENT_ANSWER_CAPACITY_DEFAULT = 262_144;
    /**
     * How long a terminated session (or a refused CCR-I) keeps its recorded answer for retransmissions. Clients
     * retransmit within their answer timer Tx (RFC 4006 §13 suggests 10 s; failover adds seconds), and a later
     * duplicate is answered "unknown session" without charging, so this can be far shorter than the 5 minutes
     * one-shot events need: every retained session is memory, 25,000 of them per second at 100,000 CCR/s.
     */
    public static final long CLOSED_SESSION_RETENTION_MS_DEFAULT = 30_000;
    /** Supervision when neither the command nor a validity time gives one: RFC 4006 Tcc practice, 1 hour. */
    public static final long DEFAULT_SUPERVISION_MS_DEFAULT = 3_600_000;
    /**
     * Least time a session is kept past the end of its Validity-Time, 30 s: a grant's validity can be cut to seconds
     * (a price-band boundary, a bucket expiry), and the client's report may come a Tx (RFC 4006 section 13: 10 s)
     * or two late.
     */
    public static final long SUPERVISION_MARGIN_MS_DEFAULT = 30_000;
    /** Idempotency keys are kept 7 days: a payment gateway may retry a top-up after a weekend outage. */
    public static final long IDEMPOTENCY_RETENTION_MS_DEFAULT = 7L * 24 * 3600 * 1000;
    /** Commands per journal document: bounds the document (about 400 B per command) and the reply delay. */
    public static final int MAX_BATCH_SIZE_DEFAULT = 1024;
    /** Identity of the catch-all pilot account (type PRIVATE). */
    public static final String PILOT_ACCOUNT_IDENTITY_DEFAULT = "gyro-pilot";
    /** Sizing hint for identity maps. */
    public static final int EXPECTED_ACCOUNTS_DEFAULT = 1 << 16;

    private boolean concluded;
    private int ringSize;
    private WaitStrategy waitStrategy;
    private Boolean journalEnabled;
    private Path journalDir;
    private SyncPolicy syncPolicy;
    private Path snapshotDir;
    private int snapshotRetention;
    private int moneyScale = -1;
    private long tombstoneMs = TOMBSTONE_MS_DEFAULT;
    private long eventResultRetentionMs = EVENT_RESULT_RETENTION_MS_DEFAULT;
    private long eventAnswerRetentionMs = EVENT_ANSWER_RETENTION_MS_DEFAULT;
    private int eventAnswerCapacity = EVENT_ANSWER_CAPACITY_DEFAULT;
    private long closedSessionRetentionMs = CLOSED_SESSION_RETENTION_MS_DEFAULT;
    private long defaultSupervisionMs = DEFAULT_SUPERVISION_MS_DEFAULT;
    private long supervisionMarginMs = SUPERVISION_MARGIN_MS_DEFAULT;
    private long idempotencyRetentionMs = IDEMPOTENCY_RETENTION_MS_DEFAULT;
    private boolean pilotMode;
    private boolean eventsEncodedWithoutJournal;
    private String pilotAccountIdentity = PILOT_ACCOUNT_IDENTITY_DEFAULT;
    private long defaultRatingGroup = -1;
    private int maxBatchSize = MAX_BATCH_SIZE_DEFAULT;
    private int expectedAccounts = EXPECTED_ACCOUNTS_DEFAULT;
    private Consumer<Throwable> fatalErrorHandler;
    private String threadName = "gyro-ledger";
    private JournalObserver journalObserver = JournalObserver.NONE;
    private UnaryOperator<Journal> journalDecorator = UnaryOperator.identity();
    private long journalMinFreeBytes = -1;
    private long journalPretouchBytes = -1;
    private Boolean journalDeleteCoveredCycles;
    private LongSupplier journalRollClockMs = System::currentTimeMillis;
    private LongSupplier journalReaderFloor = () -> Long.MAX_VALUE;

    /**
     * Validate and fill defaults; call once before use.
     *
     * @return this.
     * @throws IllegalStateException naming the bad value.
     */
    public LedgerContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("LedgerContext already concluded");
        }
        if (ringSize == 0)
        {
            ringSize = Integer.getInteger(RING_SIZE_PROP_NAME, RING_SIZE_DEFAULT);
        }
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalStateException("ring size must be a power of two of at least 2: " + ringSize);
        }
        if (waitStrategy == null)
        {
            // Spin briefly, then yield, then park 50 us: no busy spin on 2 cores shared with a load generator.
            waitStrategy = new SleepingWaitStrategy(200, 50_000);
        }
        if (journalEnabled == null)
        {
            journalEnabled = Boolean.parseBoolean(System.getProperty(JOURNAL_ENABLED_PROP_NAME, "true"));
        }
        if (journalDir == null && System.getProperty(JOURNAL_DIR_PROP_NAME) != null)
        {
            journalDir = Paths.get(System.getProperty(JOURNAL_DIR_PROP_NAME));
        }
        if (journalEnabled && journalDir == null)
        {
            throw new IllegalStateException("journal is enabled but no journal directory is set (" +
                JOURNAL_DIR_PROP_NAME + ")");
        }
        if (syncPolicy == null)
        {
            final String sync = System.getProperty(SYNC_POLICY_PROP_NAME, "none");
            try
            {
                syncPolicy = SyncPolicy.valueOf(sync.trim().toUpperCase(java.util.Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalStateException("sync policy must be none or batch: " + sync);
            }
        }
        if (journalMinFreeBytes < 0)
        {
            journalMinFreeBytes = Long.getLong(JOURNAL_MIN_FREE_BYTES_PROP_NAME, ChronicleJournal.MIN_FREE_BYTES_DEFAULT);
        }
        if (journalMinFreeBytes < 0)
        {
            throw new IllegalStateException("journal min free bytes must not be negative: " + journalMinFreeBytes);
        }
        if (journalPretouchBytes < 0)
        {
            journalPretouchBytes =
                Long.getLong(JOURNAL_PRETOUCH_BYTES_PROP_NAME, JournalPretoucher.DEFAULT_WINDOW_BYTES);
        }
        if (journalPretouchBytes < 0 || journalPretouchBytes > JournalPretoucher.MAX_WINDOW_BYTES)
        {
            throw new IllegalStateException("journal pretouch bytes must be 0 (off) to " +
                JournalPretoucher.MAX_WINDOW_BYTES + ": " + journalPretouchBytes);
        }
        if (journalDeleteCoveredCycles == null)
        {
            journalDeleteCoveredCycles =
                Boolean.parseBoolean(System.getProperty(JOURNAL_DELETE_COVERED_CYCLES_PROP_NAME, "true"));
        }
        if (snapshotDir == null)
        {
            final String dir = System.getProperty(SNAPSHOT_DIR_PROP_NAME);
            if (dir != null)
            {
                snapshotDir = Paths.get(dir);
            }
            else if (journalDir != null)
            {
                snapshotDir = journalDir.resolve("snapshots");
            }
        }
        if (snapshotRetention == 0)
        {
            snapshotRetention = Integer.getInteger(SNAPSHOT_RETENTION_PROP_NAME, SNAPSHOT_RETENTION_DEFAULT);
        }
        if (snapshotRetention < 1)
        {
            throw new IllegalStateException("snapshot retention must be at least 1: " + snapshotRetention);
        }
        if (moneyScale < 0)
        {
            moneyScale = Integer.getInteger(MONEY_SCALE_PROP_NAME, MONEY_SCALE_DEFAULT);
        }
        if (moneyScale < 0 || moneyScale > MONEY_SCALE_MAX)
        {
            throw new IllegalStateException("money scale outside 0.." + MONEY_SCALE_MAX + ": " + moneyScale);
        }
        requirePositive("tombstone time ms", tombstoneMs);
        requirePositive("event result retention ms", eventResultRetentionMs);
        if (eventAnswerRetentionMs < 0)
        {
            throw new IllegalStateException("event answer retention ms must not be negative: " + eventAnswerRetentionMs);
        }
        requirePositive("event answer capacity", eventAnswerCapacity);
        requirePositive("closed session retention ms", closedSessionRetentionMs);
        requirePositive("default supervision ms", defaultSupervisionMs);
        if (supervisionMarginMs < 0)
        {
            throw new IllegalStateException("supervision margin ms must not be negative: " + supervisionMarginMs);
        }
        requirePositive("idempotency retention ms", idempotencyRetentionMs);
        if (defaultRatingGroup < -1)
        {
            throw new IllegalStateException("default rating group must be -1 (default tariff) or a rating group: " +
                defaultRatingGroup);
        }
        if (maxBatchSize < 1)
        {
            throw new IllegalStateException("max batch size must be at least 1: " + maxBatchSize);
        }
        if (expectedAccounts < 0)
        {
            throw new IllegalStateException("expected accounts must not be negative: " + expectedAccounts);
        }
        if (pilotAccountIdentity == null || pilotAccountIdentity.isEmpty() ||
            pilotAccountIdentity.length() > LedgerLimits.MAX_IDENTITY_LENGTH)
        {
            throw new IllegalStateException("pilot account identity must be 1.." + LedgerLimits.MAX_IDENTITY_LENGTH +
                " characters: " + pilotAccountIdentity);
        }
        if (fatalErrorHandler == null)
        {
            fatalErrorHandler = LedgerContext::haltOnFatalError;
        }
        concluded = true;
        return this;
    }

    private static void requirePositive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalStateException(name + " must be positive: " + value);
        }
    }

    /**
     * Default fatal handler: log and halt, because carrying on after a half-applied command breaks determinism.
     *
     * @param error the failure.
     */
    public static void haltOnFatalError(final Throwable error)
    {
        org.slf4j.LoggerFactory.getLogger(LedgerContext.class)
            .error("FATAL: ledger failed mid-command; halting so that no further answer is given", error);
        Runtime.getRuntime().halt(70);
    }

    private void checkMutable()
    {
        if (concluded)
        {
            throw new IllegalStateException("LedgerContext is concluded and read-only");
        }
    }

    /**
     * @return true once {@link #conclude()} ran.
     */
    public boolean isConcluded()
    {
        return concluded;
    }

    /**
     * @param ringSize ring slots, a power of two.
     * @return this.
     */
    public LedgerContext ringSize(final int ringSize)
    {
        checkMutable();
        this.ringSize = ringSize;
        return this;
    }

    /**
     * @return ring slots.
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * @param waitStrategy consumer wait strategy.
     * @return this.
     */
    public LedgerContext waitStrategy(final WaitStrategy waitStrategy)
    {
        checkMutable();
        this.waitStrategy = waitStrategy;
        return this;
    }

    /**
     * @return consumer wait strategy.
     */
    public WaitStrategy waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * @param enabled journal on (off for benchmarks only: nothing then survives a restart).
     * @return this.
     */
    public LedgerContext journalEnabled(final boolean enabled)
    {
        checkMutable();
        this.journalEnabled = enabled;
        return this;
    }

    /**
     * @return journal on.
     */
    public boolean journalEnabled()
    {
        return journalEnabled;
    }

    /**
     * Without a journal the ledger applies each command's events without encoding them, as nothing would read them.
     * This encodes them anyway, so that {@link LedgerStateMachine#lastRecord()} and the methods beside it can show
     * them: for tests and the determinism check. No effect with the journal on, which always encodes.
     *
     * @param encode true to encode events with the journal off.
     * @return this.
     */
    public LedgerContext eventsEncodedWithoutJournal(final boolean encode)
    {
        checkMutable();
        this.eventsEncodedWithoutJournal = encode;
        return this;
    }

    /**
     * @return whether events are encoded with the journal off.
     */
    public boolean eventsEncodedWithoutJournal()
    {
        return eventsEncodedWithoutJournal;
    }

    /**
     * @param dir Chronicle Queue directory.
     * @return this.
     */
    public LedgerContext journalDir(final Path dir)
    {
        checkMutable();
        this.journalDir = dir;
        return this;
    }

    /**
     * @return journal directory.
     */
    public Path journalDir()
    {
        return journalDir;
    }

    /**
     * @param policy sync policy.
     * @return this.
     */
    public LedgerContext syncPolicy(final SyncPolicy policy)
    {
        checkMutable();
        this.syncPolicy = policy;
        return this;
    }

    /**
     * @return sync policy.
     */
    public SyncPolicy syncPolicy()
    {
        return syncPolicy;
    }

    /**
     * @param dir snapshot directory (default: journal dir / snapshots).
     * @return this.
     */
    public LedgerContext snapshotDir(final Path dir)
    {
        checkMutable();
        this.snapshotDir = dir;
        return this;
    }

    /**
     * @return snapshot directory, or null when neither it nor the journal dir is set.
     */
    public Path snapshotDir()
    {
        return snapshotDir;
    }

    /**
     * @param count snapshots kept.
     * @return this.
     */
    public LedgerContext snapshotRetention(final int count)
    {
        checkMutable();
        this.snapshotRetention = count;
        return this;
    }

    /**
     * @return snapshots kept.
     */
    public int snapshotRetention()
    {
        return snapshotRetention;
    }

    /**
     * @param scale decimal places of the minor unit (informational for tools and views).
     * @return this.
     */
    public LedgerContext moneyScale(final int scale)
    {
        checkMutable();
        this.moneyScale = scale;
        return this;
    }

    /**
     * @return money scale.
     */
    public int moneyScale()
    {
        return moneyScale;
    }

    /**
     * @param ms tombstone time after a supervision release.
     * @return this.
     */
    public LedgerContext tombstoneMs(final long ms)
    {
        checkMutable();
        this.tombstoneMs = ms;
        return this;
    }

    /**
     * @return tombstone time.
     */
    public long tombstoneMs()
    {
        return tombstoneMs;
    }

    /**
     * @param ms retention of one-shot event answers (RFC 4006 §6 events: 5 minutes by default).
     * @return this.
     */
    public LedgerContext eventResultRetentionMs(final long ms)
    {
        checkMutable();
        this.eventResultRetentionMs = ms;
        return this;
    }

    /**
     * @return retention of one-shot event answers.
     */
    public long eventResultRetentionMs()
    {
        return eventResultRetentionMs;
    }

    /**
     * @param ms how long a one-time event's answer is kept by Session-Id (RFC 4006 §6.5); 0 keeps none beyond
     *           {@link #eventResultRetentionMs()}.
     * @return this.
     */
    public LedgerContext eventAnswerRetentionMs(final long ms)
    {
        checkMutable();
        this.eventAnswerRetentionMs = ms;
        return this;
    }

    /**
     * @return how long a one-time event's answer is kept by Session-Id.
     */
    public long eventAnswerRetentionMs()
    {
        return eventAnswerRetentionMs;
    }

    /**
     * @param capacity most one-time event answers kept; at capacity the oldest is forgotten first.
     * @return this.
     */
    public LedgerContext eventAnswerCapacity(final int capacity)
    {
        checkMutable();
        this.eventAnswerCapacity = capacity;
        return this;
    }

    /**
     * @return most one-time event answers kept.
     */
    public int eventAnswerCapacity()
    {
        return eventAnswerCapacity;
    }

    /**
     * @param ms retention of the recorded answer of a terminated session or a refused CCR-I.
     * @return this.
     */
    public LedgerContext closedSessionRetentionMs(final long ms)
    {
        checkMutable();
        this.closedSessionRetentionMs = ms;
        return this;
    }

    /**
     * @return retention of the recorded answer of a terminated session or a refused CCR-I.
     */
    public long closedSessionRetentionMs()
    {
        return closedSessionRetentionMs;
    }

    /**
     * @param ms supervision when no validity time applies.
     * @return this.
     */
    public LedgerContext defaultSupervisionMs(final long ms)
    {
        checkMutable();
        this.defaultSupervisionMs = ms;
        return this;
    }

    /**
     * @return default supervision.
     */
    public long defaultSupervisionMs()
    {
        return defaultSupervisionMs;
    }

    /**
     * @param ms least time a session is kept past the end of its Validity-Time: supervision after a grant is
     *           max(2 x Validity-Time, Validity-Time + this) (RFC 4006 section 13, Tcc). 0 leaves 2 x Validity-Time.
     * @return this.
     */
    public LedgerContext supervisionMarginMs(final long ms)
    {
        checkMutable();
        this.supervisionMarginMs = ms;
        return this;
    }

    /**
     * @return least time a session is kept past the end of its Validity-Time.
     */
    public long supervisionMarginMs()
    {
        return supervisionMarginMs;
    }

    /**
     * @param ms idempotency-key retention.
     * @return this.
     */
    public LedgerContext idempotencyRetentionMs(final long ms)
    {
        checkMutable();
        this.idempotencyRetentionMs = ms;
        return this;
    }

    /**
     * @return idempotency-key retention.
     */
    public long idempotencyRetentionMs()
    {
        return idempotencyRetentionMs;
    }

    /**
     * @param pilot never deny; report what would have been denied.
     * @return this.
     */
    public LedgerContext pilotMode(final boolean pilot)
    {
        checkMutable();
        this.pilotMode = pilot;
        return this;
    }

    /**
     * @return pilot mode.
     */
    public boolean pilotMode()
    {
        return pilotMode;
    }

    /**
     * @param identity PRIVATE identity of the catch-all pilot account (created on first use).
     * @return this.
     */
    public LedgerContext pilotAccountIdentity(final String identity)
    {
        checkMutable();
        this.pilotAccountIdentity = identity;
        return this;
    }

    /**
     * @return pilot account identity.
     */
    public String pilotAccountIdentity()
    {
        return pilotAccountIdentity;
    }

    /**
     * @param ratingGroup rating group whose tariff rates command-level usage (-1: the default tariff).
     * @return this.
     */
    public LedgerContext defaultRatingGroup(final long ratingGroup)
    {
        checkMutable();
        this.defaultRatingGroup = ratingGroup;
        return this;
    }

    /**
     * @return default rating group.
     */
    public long defaultRatingGroup()
    {
        return defaultRatingGroup;
    }

    /**
     * @param size commands per Disruptor batch (and journal document).
     * @return this.
     */
    public LedgerContext maxBatchSize(final int size)
    {
        checkMutable();
        this.maxBatchSize = size;
        return this;
    }

    /**
     * @return max batch size.
     */
    public int maxBatchSize()
    {
        return maxBatchSize;
    }

    /**
     * @param count sizing hint for identity maps.
     * @return this.
     */
    public LedgerContext expectedAccounts(final int count)
    {
        checkMutable();
        this.expectedAccounts = count;
        return this;
    }

    /**
     * @return expected accounts.
     */
    public int expectedAccounts()
    {
        return expectedAccounts;
    }

    /**
     * @param handler called when a command fails mid-way; must stop the process (tests may record instead).
     * @return this.
     */
    public LedgerContext fatalErrorHandler(final Consumer<Throwable> handler)
    {
        checkMutable();
        this.fatalErrorHandler = handler;
        return this;
    }

    /**
     * @return fatal error handler.
     */
    public Consumer<Throwable> fatalErrorHandler()
    {
        return fatalErrorHandler;
    }

    /**
     * @param name ledger thread name.
     * @return this.
     */
    public LedgerContext threadName(final String name)
    {
        checkMutable();
        this.threadName = name;
        return this;
    }

    /**
     * @return ledger thread name.
     */
    public String threadName()
    {
        return threadName;
    }

    /**
     * @param observer told about every journal append (metrics); never null.
     * @return this.
     */
    public LedgerContext journalObserver(final JournalObserver observer)
    {
        checkMutable();
        this.journalObserver = java.util.Objects.requireNonNull(observer, "journal observer");
        return this;
    }

    /**
     * @return the journal observer.
     */
    public JournalObserver journalObserver()
    {
        return journalObserver;
    }

    /**
     * @param bytes free space kept on the journal's file system; an append that would leave less is refused and
     *              retried, so a full disk stalls the ledger instead of damaging the journal (0: never checked).
     * @return this.
     */
    public LedgerContext journalMinFreeBytes(final long bytes)
    {
        checkMutable();
        this.journalMinFreeBytes = bytes;
        return this;
    }

    /**
     * @return free space kept on the journal's file system.
     */
    public long journalMinFreeBytes()
    {
        return journalMinFreeBytes;
    }

    /**
     * @param bytes how far ahead of the append position a pretouch thread keeps the journal's pages in the page
     *              cache, so the ledger thread does not take the page faults of new pages (0: no pretouch thread).
     * @return this.
     */
    public LedgerContext journalPretouchBytes(final long bytes)
    {
        checkMutable();
        this.journalPretouchBytes = bytes;
        return this;
    }

    /**
     * @return how far ahead of the append position the journal's pages are pre-touched (0: not at all).
     */
    public long journalPretouchBytes()
    {
        return journalPretouchBytes;
    }

    /**
     * @param delete true (the default) to delete, after each snapshot, the journal's cycle files (one a day) whose
     *               every document the oldest kept snapshot already holds; false to keep every cycle (the operator
     *               archives or deletes them).
     * @return this.
     */
    public LedgerContext journalDeleteCoveredCycles(final boolean delete)
    {
        checkMutable();
        this.journalDeleteCoveredCycles = delete;
        return this;
    }

    /**
     * @return whether journal cycles covered by every kept snapshot are deleted.
     */
    public boolean journalDeleteCoveredCycles()
    {
        return journalDeleteCoveredCycles;
    }

    /**
     * @param floor the journal index from which another reader of the journal will read again after a restart (the
     *              CDR writer's checkpoint), -1 when it needs the whole journal; no cycle from that index's on is
     *              deleted. Called on the ledger thread after each snapshot.
     * @return this.
     */
    public LedgerContext journalReaderFloor(final LongSupplier floor)
    {
        checkMutable();
        this.journalReaderFloor = java.util.Objects.requireNonNull(floor, "journal reader floor");
        return this;
    }

    /**
     * @return the journal index other readers still need (Long.MAX_VALUE when there are none).
     */
    public LongSupplier journalReaderFloor()
    {
        return journalReaderFloor;
    }

    /**
     * @param clockMs the wall clock that decides which daily cycle file a journal document goes to (tests move it
     *                to roll the journal without waiting for midnight).
     * @return this.
     */
    public LedgerContext journalRollClockMs(final LongSupplier clockMs)
    {
        checkMutable();
        this.journalRollClockMs = java.util.Objects.requireNonNull(clockMs, "journal roll clock");
        return this;
    }

    /**
     * @return the clock that picks the journal's cycle file.
     */
    public LongSupplier journalRollClockMs()
    {
        return journalRollClockMs;
    }

    /**
     * Wrap the journal the ledger appends to. For tests only: a wrapper that fails or delays appends simulates a
     * full or slow disk (issue 8). Recovery reads the journal unwrapped.
     *
     * @param decorator receives the production journal and returns the one to append to; never null.
     * @return this.
     */
    public LedgerContext journalDecorator(final UnaryOperator<Journal> decorator)
    {
        checkMutable();
        this.journalDecorator = java.util.Objects.requireNonNull(decorator, "journal decorator");
        return this;
    }

    /**
     * @return the journal decorator (identity unless a test set one).
     */
    public UnaryOperator<Journal> journalDecorator()
    {
        return journalDecorator;
    }
}
