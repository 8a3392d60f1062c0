package io.gyro.ledger.testing;

import io.gyro.ledger.AccountSpec;
import io.gyro.ledger.AccountUpdate;
import io.gyro.ledger.BucketSpec;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.rating.TariffTable;

import java.util.SplittableRandom;

/**
 * A seeded, reproducible mix of every command: accounts with buckets, Diameter and RADIUS sessions (some
 * abandoned so supervision releases them, some retransmitted, some out of sequence), top-ups with repeated
 * idempotency keys, events, tariff changes, blocks, aborts, origin releases, renames and ticks. The sequence
 * depends only on the seed, never on the ledger's answers, so feeding it twice gives the same commands.
 */
public final class WorkloadGenerator
{
    /** Data rating group (octets, bands and tiers). */
    public static final long RG_DATA = 10;
    /** Voice rating group (seconds). */
    public static final long RG_VOICE = 20;
    /** Event rating group. */
    public static final long RG_SMS = 30;
    /** A rating group without its own tariff (rated on the default tariff). */
    public static final long RG_OTHER = 77;
    private static final long[] RATING_GROUPS = {RG_DATA, RG_VOICE, RG_SMS, RG_OTHER, -1};
    private static final long MIB = 1 << 20;
    private static final int MAX_SESSIONS = 400;

    private final SplittableRandom random;
    private final int accounts;
    private final String prefix;
    private long nowMs;
    private long produced;
    private int tariffVersion;
    private int nextSession;
    private int nextTopUp;
    private final int[] sessionIds = new int[MAX_SESSIONS];
    private final long[] sessionNumber = new long[MAX_SESSIONS];
    private final boolean[] sessionRadius = new boolean[MAX_SESSIONS];
    private final long[] sessionCounter = new long[MAX_SESSIONS];
    private final int[] sessionAccount = new int[MAX_SESSIONS];
    private final long[] sessionRatingGroup = new long[MAX_SESSIONS];
    private int sessions;

    /**
     * @param seed     random seed (print it in tests).
     * @param accounts accounts created first.
     */
    public WorkloadGenerator(final long seed, final int accounts)
    {
        this(seed, accounts, LedgerDriver.START_MS, "");
    }

    /**
     * @param seed     random seed (print it in tests).
     * @param accounts accounts created first (creating an existing one is answered ACCOUNT_EXISTS).
     * @param startMs  clock start.
     * @param prefix   prefix of session and idempotency keys, so several runs on one journal do not collide.
     */
    public WorkloadGenerator(final long seed, final int accounts, final long startMs, final String prefix)
    {
        this.random = new SplittableRandom(seed);
        this.accounts = accounts;
        this.nowMs = startMs;
        this.prefix = prefix;
    }

    /**
     * @return commands produced so far.
     */
    public long produced()
    {
        return produced;
    }

    /**
     * @return the generator's clock.
     */
    public long nowMs()
    {
        return nowMs;
    }

    /**
     * @param index account index, 1-based.
     * @return its MSISDN.
     */
    public static String msisdn(final int index)
    {
        return Long.toString(491_700_000_000L + index);
    }

    /**
     * The tariff table of a given version (prices drift with the version).
     *
     * @param version version.
     * @return the table.
     */
    public static TariffTable tariffs(final int version)
    {
        return TariffTable.builder()
            .tariff(Tariff.builder(RG_DATA).name("data").unitType(UnitType.OCTETS).quantumUnits(MIB)
                .tiers(0, 50 * MIB).band(0, 40 + version % 20, 20).band(8 * 3600, 100 + version % 20, 50)
                .band(20 * 3600, 70, 35).defaultGrantUnits(10 * MIB).maxGrantUnits(50 * MIB).validityTimeSec(900)
                .quotaThresholdUnits(MIB).build())
            .tariff(Tariff.builder(RG_VOICE).name("voice").unitType(UnitType.SECONDS).quantumUnits(60)
                .pricePerQuantumMinor(500 + version % 20).defaultGrantUnits(300).maxGrantUnits(1800)
                .validityTimeSec(1800).build())
            .tariff(Tariff.builder(RG_SMS).name("sms").unitType(UnitType.EVENTS).quantumUnits(1)
                .pricePerQuantumMinor(25).defaultGrantUnits(1).maxGrantUnits(5).build())
            .tariff(Tariff.builder(Tariff.DEFAULT_RATING_GROUP).name("default").unitType(UnitType.OCTETS)
                .quantumUnits(100_000).pricePerQuantumMinor(3).defaultGrantUnits(1_000_000).validityTimeSec(600)
                .build())
            .build();
    }

    /**
     * Fill the next command (the slot is reset first).
     *
     * @param cmd slot.
     */
    public void next(final LedgerCommand cmd)
    {
        cmd.reset();
        final long n = produced++;
        nowMs += random.nextInt(20);
        if (n == 0)
        {
            setTariffs(cmd);
        }
        else if (n <= accounts)
        {
            createAccount(cmd, (int)n);
        }
        else
        {
            pick(cmd);
        }
        cmd.timestampMs = nowMs;
    }

    private void pick(final LedgerCommand cmd)
    {
        final int roll = random.nextInt(1000);
        if (roll < 230 && sessions < MAX_SESSIONS)
        {
            startSession(cmd);
        }
        else if (roll < 600 && sessions > 0)
        {
            updateSession(cmd);
        }
        else if (roll < 700 && sessions > 0)
        {
            terminateSession(cmd);
        }
        else if (roll < 740 && sessions > 0)
        {
            retransmit(cmd);
        }
        else if (roll < 800)
        {
            topUp(cmd);
        }
        else if (roll < 830)
        {
            tick(cmd);
        }
        else if (roll < 860)
        {
            directDebit(cmd);
        }
        else if (roll < 875)
        {
            addBucket(cmd);
        }
        else if (roll < 878)
        {
            blockOrUnblock(cmd);
        }
        else if (roll < 880)
        {
            setTariffs(cmd);
        }
        else if (roll < 895 && sessions > 0)
        {
            abortOrAbandon(cmd);
        }
        else if (roll < 898)
        {
            cmd.type = CommandType.RELEASE_ORIGIN_SESSIONS;
            cmd.originKey = random.nextInt(8);
        }
        else if (roll < 920)
        {
            enquiry(cmd);
        }
        else if (roll < 925 && sessions > 0)
        {
            rename(cmd);
        }
        else if (roll < 930)
        {
            cmd.type = CommandType.UPDATE_ACCOUNT;
            cmd.accountId = 1 + random.nextInt(accounts);
            cmd.payload = new AccountUpdate().creditLimitMinor(random.nextInt(3) * 500L);
        }
        else if (roll < 932)
        {
            cmd.type = CommandType.RECORD_UNRATED;
            final byte[] record = ("unrated-" + produced).getBytes();
            cmd.sessionContext(record, 0, record.length);
        }
        else
        {
            tick(cmd);
        }
    }

    private void setTariffs(final LedgerCommand cmd)
    {
        cmd.type = CommandType.SET_TARIFFS;
        cmd.payload = tariffs(tariffVersion++);
    }

    private void createAccount(final LedgerCommand cmd, final int index)
    {
        cmd.type = CommandType.CREATE_ACCOUNT;
        final AccountSpec spec = new AccountSpec().identity(IdentityType.E164, msisdn(index))
            .identity(IdentityType.NAI, "user" + index + "@example.org")
            .openingBalanceMinor(5_000 + random.nextInt(100_000))
            .creditLimitMinor(index % 10 == 0 ? 5_000 : 0)
            .lowBalanceThresholdMinor(500)
            .billingDay(1 + index % 28);
        if (random.nextInt(3) == 0)
        {
            spec.bucket(new BucketSpec(UnitType.OCTETS, (1 + random.nextInt(50)) * MIB,
                random.nextBoolean() ? RG_DATA : BucketSpec.ANY_RATING_GROUP,
                random.nextBoolean() ? 0 : nowMs + random.nextInt(7_200_000)));
        }
        if (random.nextInt(5) == 0)
        {
            spec.bucket(new BucketSpec(UnitType.SECONDS, 600, BucketSpec.ANY_RATING_GROUP, 0));
        }
        cmd.payload = spec;
    }

    private void startSession(final LedgerCommand cmd)
    {
        final int slot = sessions++;
        final int id = nextSession++;
        sessionIds[slot] = id;
        sessionNumber[slot] = 0;
        sessionRadius[slot] = random.nextInt(4) == 0;
        sessionCounter[slot] = 0;
        sessionAccount[slot] = 1 + random.nextInt(accounts + accounts / 50 + 1);
        sessionRatingGroup[slot] = RATING_GROUPS[random.nextInt(RATING_GROUPS.length)];
        cmd.type = CommandType.RESERVE;
        sessionKey(cmd, slot);
        cmd.cumulativeUsage = sessionRadius[slot];
        cmd.originKey = random.nextInt(8);
        if (random.nextInt(10) == 0)
        {
            cmd.supervisionMs = 60_000;
        }
        final byte[] context = ("pgw-" + cmd.originKey + "|apn=internet").getBytes();
        cmd.sessionContext(context, 0, context.length);
        if (random.nextBoolean())
        {
            cmd.addIdentity(IdentityType.IMSI, "26201" + id);
        }
        if (random.nextInt(5) == 0)
        {
            cmd.addIdentity(IdentityType.NAI, "user" + sessionAccount[slot] + "@example.org");
        }
        else
        {
            cmd.addIdentity(IdentityType.E164, msisdn(sessionAccount[slot]));
        }
        cmd.addService(sessionRatingGroup[slot], requested(sessionRatingGroup[slot]), -1);
        if (random.nextInt(4) == 0 && sessionRatingGroup[slot] != RG_VOICE)
        {
            cmd.addService(RG_VOICE, 0, -1);
        }
    }

    private void updateSession(final LedgerCommand cmd)
    {
        final int slot = random.nextInt(sessions);
        if (sessionNumber[slot] >= 8 && random.nextBoolean())
        {
            terminate(cmd, slot);
            return;
        }
        cmd.type = CommandType.UPDATE;
        sessionKey(cmd, slot);
        cmd.requestNumber = ++sessionNumber[slot];
        cmd.cumulativeUsage = sessionRadius[slot];
        cmd.addService(sessionRatingGroup[slot], requested(sessionRatingGroup[slot]), used(slot)).reportingReason =
            random.nextInt(5);
        if (random.nextInt(6) == 0 && sessionRatingGroup[slot] != RG_VOICE)
        {
            cmd.addService(RG_VOICE, random.nextBoolean() ? 0 : -1, random.nextInt(400));
        }
    }

    private void terminateSession(final LedgerCommand cmd)
    {
        terminate(cmd, random.nextInt(sessions));
    }

    private void terminate(final LedgerCommand cmd, final int slot)
    {
        cmd.type = CommandType.TERMINATE;
        sessionKey(cmd, slot);
        cmd.requestNumber = ++sessionNumber[slot];
        cmd.cumulativeUsage = sessionRadius[slot];
        cmd.addService(sessionRatingGroup[slot], -1, used(slot));
        removeSession(slot);
    }

    private void retransmit(final LedgerCommand cmd)
    {
        final int slot = random.nextInt(sessions);
        cmd.type = sessionNumber[slot] == 0 ? CommandType.RESERVE : CommandType.UPDATE;
        sessionKey(cmd, slot);
        cmd.requestNumber = random.nextInt(5) == 0 ? Math.max(0, sessionNumber[slot] - 1) : sessionNumber[slot];
        cmd.cumulativeUsage = sessionRadius[slot];
        if (cmd.type == CommandType.RESERVE)
        {
            cmd.addIdentity(IdentityType.E164, msisdn(sessionAccount[slot]));
        }
        cmd.addService(sessionRatingGroup[slot], 0, cmd.type == CommandType.RESERVE ? -1 : sessionCounter[slot]);
    }

    private void abortOrAbandon(final LedgerCommand cmd)
    {
        final int slot = random.nextInt(sessions);
        if (random.nextBoolean())
        {
            cmd.type = CommandType.ABORT_SESSION;
            sessionKey(cmd, slot);
        }
        else
        {
            cmd.type = CommandType.TICK;
        }
        removeSession(slot);
    }

    private void rename(final LedgerCommand cmd)
    {
        final int slot = random.nextInt(sessions);
        cmd.type = CommandType.RENAME_SESSION;
        sessionKey(cmd, slot);
        final int id = nextSession++;
        sessionIds[slot] = id;
        final String key = prefix + (sessionRadius[slot] ? "nas-" : "pgw-") + id;
        cmd.newSessionKey(key.getBytes(), 0, key.length());
        cmd.cumulativeUsage = sessionRadius[slot];
    }

    private void topUp(final LedgerCommand cmd)
    {
        cmd.type = random.nextInt(10) == 0 ? CommandType.REFUND : CommandType.TOP_UP;
        cmd.accountId = 1 + random.nextInt(accounts);
        cmd.amountMinor = 1_000 + random.nextInt(20_000);
        final int key = random.nextInt(8) == 0 ? Math.max(0, nextTopUp - 1 - random.nextInt(5)) : nextTopUp++;
        cmd.idempotencyKey(prefix + "pay-" + key);
    }

    private void tick(final LedgerCommand cmd)
    {
        cmd.type = CommandType.TICK;
        nowMs += random.nextInt(100_000) == 0 ? 86_400_000 : random.nextInt(2_000);
    }

    private void directDebit(final LedgerCommand cmd)
    {
        cmd.type = CommandType.DIRECT_DEBIT;
        final int account = 1 + random.nextInt(accounts);
        cmd.addIdentity(IdentityType.E164, msisdn(account));
        if (random.nextBoolean())
        {
            cmd.sessionKey(prefix + "event-" + random.nextInt(1 + (int)(produced / 4)));
            cmd.requestNumber = 0;
        }
        if (random.nextInt(3) == 0)
        {
            cmd.amountMinor = 1 + random.nextInt(300);
        }
        else
        {
            cmd.addService(RG_SMS, 1 + random.nextInt(3), -1);
        }
    }

    private void addBucket(final LedgerCommand cmd)
    {
        cmd.type = CommandType.ADD_BUCKET;
        cmd.accountId = 1 + random.nextInt(accounts);
        cmd.payload = new BucketSpec(random.nextBoolean() ? UnitType.OCTETS : UnitType.SECONDS,
            1 + random.nextInt(20 * (int)MIB), random.nextBoolean() ? RG_DATA : BucketSpec.ANY_RATING_GROUP,
            random.nextBoolean() ? 0 : nowMs + random.nextInt(3_600_000));
    }

    private void blockOrUnblock(final LedgerCommand cmd)
    {
        cmd.type = random.nextInt(3) == 0 ? CommandType.BLOCK_ACCOUNT : CommandType.UNBLOCK_ACCOUNT;
        cmd.accountId = 1 + random.nextInt(accounts);
    }

    private void enquiry(final LedgerCommand cmd)
    {
        cmd.type = random.nextBoolean() ? CommandType.PRICE_ENQUIRY : CommandType.CHECK_BALANCE;
        cmd.accountId = 1 + random.nextInt(accounts);
        cmd.addService(RATING_GROUPS[random.nextInt(RATING_GROUPS.length)], 1 + random.nextInt(10_000_000), -1);
    }

    /** A typical amount of units for a rating group: octets for data, seconds for voice, events for SMS. */
    private int scale(final long ratingGroup)
    {
        return ratingGroup == RG_VOICE ? 600 : ratingGroup == RG_SMS ? 3 : 12 * (int)MIB;
    }

    private long requested(final long ratingGroup)
    {
        final int r = random.nextInt(10);
        return r == 0 ? -1 : r < 6 ? 0 : 1 + random.nextInt(2 * scale(ratingGroup));
    }

    private long used(final int slot)
    {
        final long delta = random.nextInt(12) == 0 ? 0 : random.nextInt(scale(sessionRatingGroup[slot]));
        if (sessionRadius[slot])
        {
            if (random.nextInt(20) == 0)
            {
                return Math.max(0, sessionCounter[slot] - delta);
            }
            sessionCounter[slot] += delta;
            return sessionCounter[slot];
        }
        return delta;
    }

    private void sessionKey(final LedgerCommand cmd, final int slot)
    {
        cmd.sessionKey(prefix + (sessionRadius[slot] ? "nas-" : "pgw-") + sessionIds[slot]);
    }

    private void removeSession(final int slot)
    {
        sessions--;
        sessionIds[slot] = sessionIds[sessions];
        sessionNumber[slot] = sessionNumber[sessions];
        sessionRadius[slot] = sessionRadius[sessions];
        sessionCounter[slot] = sessionCounter[sessions];
        sessionAccount[slot] = sessionAccount[sessions];
        sessionRatingGroup[slot] = sessionRatingGroup[sessions];
    }
}
