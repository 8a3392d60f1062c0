package io.gyro.ledger;

import io.gyro.ledger.journal.LedgerEventsAdapter;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.testing.LedgerDriver;
import io.gyro.ledger.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands in, events and answers out, on the bare state machine with an adjustable clock. */
class LedgerStateMachineTest
{
    static final long MIB = 1 << 20;
    static final String ALICE = "491700000001";
    static final String BOB = "491700000002";

    static final Tariff DATA = Tariff.builder(10).name("data").unitType(UnitType.OCTETS).quantumUnits(MIB)
        .pricePerQuantumMinor(100).defaultGrantUnits(10 * MIB).maxGrantUnits(100 * MIB).validityTimeSec(600)
        .quotaThresholdUnits(MIB).quotaHoldingTimeSec(30).build();
    static final Tariff VOICE = Tariff.builder(20).name("voice").unitType(UnitType.SECONDS).quantumUnits(60)
        .pricePerQuantumMinor(500).defaultGrantUnits(300).maxGrantUnits(3600).validityTimeSec(1800).build();
    static final Tariff SMS = Tariff.builder(30).name("sms").unitType(UnitType.EVENTS).quantumUnits(1)
        .pricePerQuantumMinor(25).defaultGrantUnits(1).maxGrantUnits(10).build();

    private final RecordingListener listener = new RecordingListener();
    private LedgerDriver d;

    @BeforeEach
    void setUp()
    {
        d = driver(false);
        d.setTariffs(DATA, VOICE, SMS);
    }

    private LedgerDriver driver(final boolean pilot)
    {
        final LedgerContext ctx = new LedgerContext().journalEnabled(false).eventsEncodedWithoutJournal(true).pilotMode(pilot).conclude();
        return new LedgerDriver(LedgerStateMachine.open(ctx, listener));
    }

    @AfterEach
    void invariantHolds()
    {
        d.assertConserved();
    }

    @Test
    void shouldReserveTheDefaultGrantAndHoldItsPrice()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand cmd = d.reserve("s1", 0, ALICE, 10, 0);

        assertEquals(LedgerResult.SUCCESS, cmd.result);
        assertEquals(List.of("SessionOpened", "UnitsReserved", "Answered"), d.ledger.lastEventNames());
        final ServiceResult r = cmd.serviceResults[0];
        assertEquals(LedgerResult.SUCCESS, r.result);
        assertEquals(10 * MIB, r.grantedUnits);
        assertEquals(UnitType.OCTETS, r.unitType);
        assertEquals(600, r.validityTimeSec);
        assertFalse(r.finalUnits);
        assertEquals(MIB, r.volumeThreshold);
        assertEquals(30, r.quotaHoldingTimeSec);
        assertEquals("data", r.tariff.name());
        assertEquals(10_000, cmd.balanceMinor);
        assertEquals(9_000, cmd.availableMinor);
        assertEquals(account, cmd.accountId);
        assertEquals(1000, d.account(account).reservedMinor());
    }

    @Test
    void shouldEmitCommitThenReserveEventsForAnUpdate()
    {
        d.createAccount(ALICE, 10_000, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        final LedgerCommand cmd = d.update("s1", 1, 10, 3 * MIB, 0);

        assertEquals(List.of("UsageCommitted", "UnitsReserved", "Answered"), d.ledger.lastEventNames());
        assertEquals(300, cmd.serviceResults[0].chargedMinor);
        assertEquals(3 * MIB, cmd.serviceResults[0].cumulativeUsedUnits);
        assertEquals(9_700, cmd.balanceMinor);
        assertEquals(8_700, cmd.availableMinor);
        assertTrue(cmd.journalSequence > 0);
    }

    @Test
    void shouldChargeManySmallReportsNoMoreThanOneLargeReport()
    {
        final long alice = d.createAccount(ALICE, 10_000, 0);
        final long bob = d.createAccount(BOB, 10_000, 0);
        d.reserve("small", 0, ALICE, 10, 0);
        for (int i = 1; i <= 100; i++)
        {
            assertEquals(LedgerResult.SUCCESS, d.update("small", i, 10, 15_000, 0).result);
        }
        d.terminate("small", 101, 10, 0);
        d.reserve("large", 0, BOB, 10, 0);
        d.terminate("large", 1, 10, 1_500_000);

        assertEquals(10_000 - 200, d.account(alice).balanceMinor());
        assertEquals(10_000 - 200, d.account(bob).balanceMinor());
        assertEquals(0, d.account(alice).reservedMinor());
    }

    @Test
    void shouldGrantOnlyWhatTheBalanceCoversAndFlagFinalUnits()
    {
        d.createAccount(ALICE, 250, 0);
        final LedgerCommand cmd = d.reserve("s1", 0, ALICE, 10, 0);

        final ServiceResult r = cmd.serviceResults[0];
        assertEquals(LedgerResult.SUCCESS, cmd.result);
        assertEquals(2 * MIB, r.grantedUnits);
        assertTrue(r.finalUnits);
        assertEquals(FinalUnitAction.TERMINATE, r.finalUnitAction);
        assertEquals(50, cmd.availableMinor);
    }

    @Test
    void shouldRefuseWithCreditLimitReachedWhenNothingCanBeGranted()
    {
        d.createAccount(ALICE, 50, 0);
        final LedgerCommand cmd = d.reserve("s1", 0, ALICE, 10, 0);

        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, cmd.result);
        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, cmd.serviceResults[0].result);
        assertEquals(0, cmd.serviceResults[0].grantedUnits);
        final LedgerCommand again = d.reserve("s1", 0, ALICE, 10, 0);
        assertTrue(again.duplicate);
        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, again.result);
        assertEquals(LedgerResult.UNKNOWN_SESSION, d.update("s1", 1, 10, 0, 0).result);
    }

    @Test
    void shouldUseTheCreditLimitOfAPostpaidAccount()
    {
        final long account = d.createAccount(ALICE, 0, 500);
        final LedgerCommand cmd = d.reserve("s1", 0, ALICE, 10, 0);

        assertEquals(5 * MIB, cmd.serviceResults[0].grantedUnits);
        assertTrue(cmd.serviceResults[0].finalUnits);
        d.terminate("s1", 1, 10, 5 * MIB);
        assertEquals(-500, d.account(account).balanceMinor());
        assertEquals(0, d.account(account).availableMinor());
    }

    @Test
    void shouldAnswerUserUnknownBlockedAndRatingFailed()
    {
        assertEquals(LedgerResult.USER_UNKNOWN, d.reserve("s1", 0, "499999", 10, 0).result);
        assertEquals(0, d.ledger.lastRecord().length, "an unknown subscriber changes nothing");

        final long bob = d.createAccount(BOB, 1000, 0);
        final LedgerCommand block = d.command(CommandType.BLOCK_ACCOUNT);
        block.accountId = bob;
        assertEquals(LedgerResult.SUCCESS, d.run(block).result);
        assertEquals(LedgerResult.END_USER_SERVICE_DENIED, d.reserve("s2", 0, BOB, 10, 0).result);

        d.createAccount(ALICE, 1000, 0);
        final LedgerCommand unrated = d.reserve("s3", 0, ALICE, 99, 0);
        assertEquals(LedgerResult.RATING_FAILED, unrated.result);
        assertEquals(LedgerResult.RATING_FAILED, unrated.serviceResults[0].result);
    }

    @Test
    void shouldRateRatingGroupsWithoutTariffOnTheDefaultTariff()
    {
        d.setTariffs(DATA, Tariff.builder(Tariff.DEFAULT_RATING_GROUP).name("fallback").unitType(UnitType.OCTETS)
            .quantumUnits(MIB).pricePerQuantumMinor(10).defaultGrantUnits(MIB).build());
        d.createAccount(ALICE, 1000, 0);
        final LedgerCommand cmd = d.reserve("s1", 0, ALICE, 99, 0);
        assertEquals(LedgerResult.SUCCESS, cmd.result);
        assertEquals("fallback", cmd.serviceResults[0].tariff.name());
        final LedgerCommand commandLevel = d.reserve("s2", 0, ALICE, -1, 0);
        assertEquals(MIB, commandLevel.serviceResults[0].grantedUnits);
        assertEquals(-1, commandLevel.serviceResults[0].ratingGroup);
    }

    @Test
    void shouldReturnTheRecordedAnswerForARetransmissionAndChangeNothing()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        final LedgerCommand first = d.update("s1", 1, 10, MIB, 0);
        final long hash = d.ledger.stateHash();

        final LedgerCommand retransmitted = d.update("s1", 1, 10, MIB, 0);
        assertTrue(retransmitted.duplicate);
        assertEquals(first.result, retransmitted.result);
        assertEquals(first.serviceResults[0].grantedUnits, retransmitted.serviceResults[0].grantedUnits);
        assertEquals(first.serviceResults[0].chargedMinor, retransmitted.serviceResults[0].chargedMinor);
        assertEquals(first.serviceResults[0].validityTimeSec, retransmitted.serviceResults[0].validityTimeSec);
        assertSame(first.serviceResults[0].tariff, retransmitted.serviceResults[0].tariff);
        assertEquals(first.balanceMinor, retransmitted.balanceMinor);
        assertEquals(hash, d.ledger.stateHash());
        assertEquals(0, d.ledger.lastRecord().length);

        assertEquals(LedgerResult.OUT_OF_SEQUENCE, d.update("s1", 0, 10, MIB, 0).result);
        assertEquals(hash, d.ledger.stateHash());
        assertEquals(9_900, d.account(account).balanceMinor());
    }

    @Test
    void shouldConsumeBucketsBeforeMoney()
    {
        final long account = d.createAccount(ALICE, 10_000, 0,
            new BucketSpec(UnitType.OCTETS, 5 * MIB, 10, BucketSpec.NEVER_EXPIRES));
        final LedgerCommand first = d.reserve("s1", 0, ALICE, 10, 0);
        assertEquals(5 * MIB, first.serviceResults[0].grantedUnits);
        assertEquals(10_000, first.availableMinor, "a bucket grant holds no money");
        assertFalse(first.serviceResults[0].finalUnits);

        final LedgerCommand second = d.update("s1", 1, 10, 5 * MIB, 0);
        assertEquals(0, second.serviceResults[0].chargedMinor);
        assertEquals(10 * MIB, second.serviceResults[0].grantedUnits);
        assertEquals(9_000, second.availableMinor);

        d.terminate("s1", 2, 10, MIB + 1);
        final AccountView view = d.account(account);
        assertEquals(9_800, view.balanceMinor());
        assertEquals(5 * MIB, view.buckets().get(0).consumedUnits());
        assertEquals(0, view.buckets().get(0).balanceUnits());
    }

    @Test
    void shouldPreferScopedThenEarliestExpiringBuckets()
    {
        final long far = LedgerDriver.START_MS + 30L * 86_400_000;
        final long near = LedgerDriver.START_MS + 86_400_000;
        final long account = d.createAccount(ALICE, 0, 0,
            new BucketSpec(UnitType.OCTETS, 3 * MIB, BucketSpec.ANY_RATING_GROUP, near),
            new BucketSpec(UnitType.OCTETS, 3 * MIB, 10, far),
            new BucketSpec(UnitType.OCTETS, 3 * MIB, 10, near),
            new BucketSpec(UnitType.SECONDS, 600, BucketSpec.ANY_RATING_GROUP, BucketSpec.NEVER_EXPIRES));
        d.reserve("s1", 0, ALICE, 10, 0);
        d.update("s1", 1, 10, 3 * MIB, 0);
        d.update("s1", 2, 10, 3 * MIB, 0);
        d.terminate("s1", 3, 10, MIB);
        final List<BucketView> buckets = d.account(account).buckets();
        assertEquals(MIB, consumed(buckets, 0), "unscoped bucket pays last");
        assertEquals(3 * MIB, consumed(buckets, 1), "later-expiring scoped bucket pays second");
        assertEquals(3 * MIB, consumed(buckets, 2), "earliest-expiring scoped bucket pays first");
        assertEquals(0, consumed(buckets, 3), "a bucket of another unit type never pays");
    }

    private static long consumed(final List<BucketView> buckets, final long bucketId)
    {
        return buckets.stream().filter(b -> b.bucketId() == bucketId).findFirst().orElseThrow().consumedUnits();
    }

    @Test
    void shouldExpireBucketsOnTickCountingReservedUnitsWhenTheirReservationEnds()
    {
        final long expiry = LedgerDriver.START_MS + 3_600_000;
        final long account = d.createAccount(ALICE, 10_000, 0,
            new BucketSpec(UnitType.OCTETS, 5 * MIB, 10, expiry));
        final LedgerCommand reserve = d.reserve("s1", 0, ALICE, 10, 2 * MIB);
        assertEquals(2 * MIB, reserve.serviceResults[0].grantedUnits);
        d.advance(3_000_000);
        d.update("s1", 1, 10, -1, 2 * MIB);
        d.advance(600_000);
        d.tick();
        assertEquals(List.of("BucketExpired"), d.ledger.lastEventNames());
        BucketView bucket = d.account(account).buckets().get(0);
        assertTrue(bucket.expired());
        assertEquals(3 * MIB, bucket.expiredUnits());
        assertEquals(2 * MIB, bucket.reservedUnits());

        d.terminate("s1", 2, 10, MIB);
        bucket = d.account(account).buckets().get(0);
        assertEquals(MIB, bucket.consumedUnits());
        assertEquals(4 * MIB, bucket.expiredUnits());
        assertEquals(0, bucket.balanceUnits());
        assertEquals(10_000, d.account(account).balanceMinor());
    }

    @Test
    void shouldCutABucketGrantsValidityAtTheBucketExpiry()
    {
        d.createAccount(ALICE, 0, 0, new BucketSpec(UnitType.OCTETS, 5 * MIB, 10, LedgerDriver.START_MS + 120_000));
        assertEquals(120, d.reserve("s1", 0, ALICE, 10, 0).serviceResults[0].validityTimeSec);
    }

    @Test
    void shouldAskForAnotherTickWhileMoreDeadlinesAreDueThanOneTickProcesses()
    {
        // Sessions can end faster than one tick's budget a second; what one tick leaves must not wait a whole period.
        d.createAccount(ALICE, 100_000_000, 0);
        final int sessions = LedgerLimits.MAX_DEADLINES_PER_TICK + 3;
        for (int i = 0; i < sessions; i++)
        {
            d.reserve("s" + i, 0, ALICE, 10, 0);
            d.terminate("s" + i, 1, 10, MIB);
        }
        d.advance(LedgerContext.CLOSED_SESSION_RETENTION_MS_DEFAULT + 1);

        assertEquals(LedgerResult.LIMIT_EXCEEDED, d.tick().result, "more are due than one tick takes");
        final List<String> first = d.ledger.lastEventNames();
        assertEquals(LedgerLimits.MAX_DEADLINES_PER_TICK, first.size());
        assertTrue(first.stream().allMatch("SessionRemoved"::equals), first.get(0));
        assertEquals(LedgerResult.SUCCESS, d.tick().result);
        assertEquals(List.of("SessionRemoved", "SessionRemoved", "SessionRemoved"), d.ledger.lastEventNames());
        assertEquals(LedgerResult.SUCCESS, d.tick().result);
        assertEquals(List.of(), d.ledger.lastEventNames(), "nothing left to forget");
        assertEquals(LedgerResult.UNKNOWN_SESSION, d.update("s0", 2, 10, MIB, 0).result, "forgotten");
    }

    @Test
    void shouldReleaseSilentSessionsAtSupervisionTimeNotAtValidityTime()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand reserve = d.session(CommandType.RESERVE, "s1", 0);
        reserve.addIdentity(IdentityType.E164, ALICE);
        reserve.addService(10, 0, -1);
        reserve.sessionContext("pgw-1".getBytes(), 0, 5);
        d.run(reserve);

        d.advance(600_001);
        assertEquals(LedgerResult.SUCCESS, d.tick().result);
        assertEquals(List.of(), d.ledger.lastEventNames(), "validity time alone releases nothing");
        assertEquals(1000, d.account(account).reservedMinor());

        d.advance(600_000);
        d.tick();
        assertEquals(List.of("ReservationReleased", "SessionClosed"), d.ledger.lastEventNames());
        assertEquals(0, d.account(account).reservedMinor());
        assertEquals(10_000, d.account(account).balanceMinor(), "released, not charged");
        assertEquals(List.of("expired s1 ctx=pgw-1"), listener.events);
    }

    /** Data whose price band changes at 10:00:02 UTC, 2 s after the driver's clock starts. */
    private static final Tariff DATA_BAND_AT_TWO_SECONDS = Tariff.builder(10).unitType(UnitType.OCTETS)
        .quantumUnits(MIB).band(0, 100).band(10 * 3600 + 2, 100).defaultGrantUnits(10 * MIB).validityTimeSec(600)
        .build();

    @Test
    void shouldKeepASessionAtLeastTheMarginPastAValidityCutShort()
    {
        // The band boundary cuts the grant's validity to 2 s: Tcc is not 2 x 2 s but 2 s + 30 s (the default margin).
        d.setTariffs(DATA_BAND_AT_TWO_SECONDS);
        final long account = d.createAccount(ALICE, 10_000, 0);
        assertEquals(2, d.reserve("s1", 0, ALICE, 10, 0).serviceResults[0].validityTimeSec);
        d.advance(10_000);
        d.tick();
        assertEquals(1_000, d.account(account).reservedMinor(), "8 s after its validity: still held");
        d.advance(21_000);
        d.tick();
        assertEquals(1_000, d.account(account).reservedMinor(), "at 31 s");
        d.advance(2_000);
        d.tick();
        assertEquals(0, d.account(account).reservedMinor(), "at 33 s: released");
        assertEquals(List.of("expired s1 ctx="), listener.events);
        assertEquals(10_000, d.account(account).balanceMinor(), "released, not charged");
    }

    @Test
    void shouldSuperviseByTwiceTheValidityWithoutAMargin()
    {
        final LedgerContext ctx = new LedgerContext().journalEnabled(false).eventsEncodedWithoutJournal(true)
            .supervisionMarginMs(0).conclude();
        final LedgerDriver bare = new LedgerDriver(LedgerStateMachine.open(ctx, listener));
        bare.setTariffs(DATA_BAND_AT_TWO_SECONDS);
        final long account = bare.createAccount(ALICE, 10_000, 0);
        assertEquals(2, bare.reserve("s1", 0, ALICE, 10, 0).serviceResults[0].validityTimeSec);
        bare.advance(3_000);
        bare.tick();
        assertEquals(1_000, bare.account(account).reservedMinor());
        bare.advance(2_000);
        bare.tick();
        assertEquals(0, bare.account(account).reservedMinor(), "RFC 4006 section 13: 2 x Validity-Time");
        assertEquals(10_000, bare.account(account).balanceMinor());
        bare.assertConserved();
    }

    @Test
    void shouldChargeUsageReportedWithinTheTombstoneTime()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        d.advance(1_200_000);
        d.tick();

        final LedgerCommand late = d.update("s1", 1, 10, 2 * MIB, 0);
        assertEquals(LedgerResult.UNKNOWN_SESSION, late.result);
        assertEquals(200, late.serviceResults[0].chargedMinor);
        assertEquals(0, late.serviceResults[0].grantedUnits);
        final LedgerCommand end = d.terminate("s1", 2, 10, MIB);
        assertEquals(LedgerResult.SUCCESS, end.result);
        assertEquals(100, end.serviceResults[0].chargedMinor);
        assertEquals(9_700, d.account(account).balanceMinor());

        d.reserve("s2", 0, ALICE, 10, 0);
        d.advance(1_200_000);
        d.tick();
        d.advance(600_000);
        d.tick();
        assertEquals(LedgerResult.UNKNOWN_SESSION, d.update("s2", 1, 10, MIB, 0).result);
        assertEquals(9_700, d.account(account).balanceMinor(), "after the tombstone nothing is charged");
    }

    @Test
    void shouldProcessDueDeadlinesInDeadlineThenSessionOrder()
    {
        d.createAccount(ALICE, 100_000, 0);
        for (final String key : new String[]{"c", "a", "b"})
        {
            d.reserve(key, 0, ALICE, 10, 0);
        }
        d.advance(1_200_000);
        d.tick();
        final List<Long> closed = new ArrayList<>();
        d.ledger.decodeLastRecord(new LedgerEventsAdapter()
        {
            @Override
            public void sessionClosed(final long sessionId, final int state, final int reason, final long retainUntilMs)
            {
                closed.add(sessionId);
            }
        });
        assertEquals(List.of(1L, 2L, 3L), closed);
        assertEquals(List.of("expired c ctx=", "expired a ctx=", "expired b ctx="), listener.events);
    }

    @Test
    void shouldShareTheBalanceBetweenConcurrentSessions()
    {
        d.createAccount(ALICE, 1_500, 0);
        assertEquals(10 * MIB, d.reserve("s1", 0, ALICE, 10, 0).serviceResults[0].grantedUnits);
        final LedgerCommand second = d.reserve("s2", 0, ALICE, 10, 0);
        assertEquals(5 * MIB, second.serviceResults[0].grantedUnits);
        assertTrue(second.serviceResults[0].finalUnits);
        assertEquals(0, second.availableMinor);
        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, d.reserve("s3", 0, ALICE, 20, 0).result);
    }

    @Test
    void shouldChargeOverageInFullAndLetAvailableMoneyGoNegative()
    {
        final long account = d.createAccount(ALICE, 1_000, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        final LedgerCommand end = d.terminate("s1", 1, 10, 12 * MIB);
        assertEquals(1_200, end.serviceResults[0].chargedMinor);
        assertEquals(2 * MIB, end.serviceResults[0].overageUnits);
        assertEquals(-200, d.account(account).balanceMinor());
        assertEquals(-200, d.account(account).availableMinor());
    }

    @Test
    void shouldPayOverageFromTheNextBucketsBeforeMoney()
    {
        final long near = LedgerDriver.START_MS + 86_400_000;
        final long account = d.createAccount(ALICE, 10_000, 0,
            new BucketSpec(UnitType.OCTETS, 5 * MIB, 10, near),
            new BucketSpec(UnitType.OCTETS, 2 * MIB, BucketSpec.ANY_RATING_GROUP, near),
            new BucketSpec(UnitType.OCTETS, 4 * MIB, BucketSpec.ANY_RATING_GROUP, BucketSpec.NEVER_EXPIRES));
        assertEquals(5 * MIB, d.reserve("s1", 0, ALICE, 10, 0).serviceResults[0].grantedUnits);

        // 5 MiB granted from the scoped bucket, 8 MiB + 1 used: the scoped bucket pays 5, the unscoped one expiring
        // first pays its 2, the never-expiring one the remaining 1 MiB + 1 octet; no money.
        final LedgerCommand end = d.terminate("s1", 1, 10, 8 * MIB + 1);
        assertEquals(List.of("BucketUnitsConsumed", "BucketUnitsConsumed", "UsageCommitted", "Answered",
            "SessionClosed"), d.ledger.lastEventNames());
        assertEquals(0, end.serviceResults[0].chargedMinor);
        assertEquals(3 * MIB + 1, end.serviceResults[0].overageUnits);
        final List<BucketView> buckets = d.account(account).buckets();
        assertEquals(5 * MIB, consumed(buckets, 0));
        assertEquals(2 * MIB, consumed(buckets, 1));
        assertEquals(MIB + 1, consumed(buckets, 2));
        assertEquals(3 * MIB - 1,
            buckets.stream().filter(b -> b.bucketId() == 2).findFirst().orElseThrow().balanceUnits());
        assertEquals(10_000, d.account(account).balanceMinor());
    }

    @Test
    void shouldPayWhatNoBucketCoversWithMoneyInWholeQuanta()
    {
        final long account = d.createAccount(ALICE, 10_000, 0,
            new BucketSpec(UnitType.OCTETS, 2 * MIB, 10, BucketSpec.NEVER_EXPIRES),
            new BucketSpec(UnitType.OCTETS, MIB, BucketSpec.ANY_RATING_GROUP, BucketSpec.NEVER_EXPIRES),
            new BucketSpec(UnitType.SECONDS, 600, BucketSpec.ANY_RATING_GROUP, BucketSpec.NEVER_EXPIRES));
        d.reserve("s1", 0, ALICE, 10, 0);

        // 2 + 1 MiB from the buckets, 1 MiB + 1 octet from money: two started quanta at 100.
        final LedgerCommand end = d.terminate("s1", 1, 10, 4 * MIB + 1);
        assertEquals(200, end.serviceResults[0].chargedMinor);
        final List<BucketView> buckets = d.account(account).buckets();
        assertEquals(2 * MIB, consumed(buckets, 0));
        assertEquals(MIB, consumed(buckets, 1));
        assertEquals(0, consumed(buckets, 2), "a bucket of another unit type never pays");
        assertEquals(10_000 - 200, d.account(account).balanceMinor());
    }

    @Test
    void shouldPayUsageWithoutAGrantFromSeveralBuckets()
    {
        final long account = d.createAccount(ALICE, 10_000, 0,
            new BucketSpec(UnitType.OCTETS, 2 * MIB, 10, BucketSpec.NEVER_EXPIRES),
            new BucketSpec(UnitType.OCTETS, 2 * MIB, BucketSpec.ANY_RATING_GROUP, BucketSpec.NEVER_EXPIRES));
        d.reserve("s1", 0, ALICE, 20, 0);

        // Rating group 10 was never granted: its usage is paid as buckets pay, then money.
        final LedgerCommand end = d.terminate("s1", 1, 10, 3 * MIB);
        assertEquals(0, end.serviceResults[0].chargedMinor);
        final List<BucketView> buckets = d.account(account).buckets();
        assertEquals(2 * MIB, consumed(buckets, 0));
        assertEquals(MIB, consumed(buckets, 1));
        assertEquals(10_000, d.account(account).balanceMinor());
    }

    @Test
    void shouldKeepAMoneyGrantOnMoneyAndPayOnlyItsOverageFromABucket()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        final LedgerCommand bundle = d.command(CommandType.ADD_BUCKET);
        bundle.accountId = account;
        bundle.payload = new BucketSpec(UnitType.OCTETS, 5 * MIB, BucketSpec.ANY_RATING_GROUP, BucketSpec.NEVER_EXPIRES);
        assertEquals(LedgerResult.SUCCESS, d.run(bundle).result);

        // 10 MiB were granted and held in money (1,000); 12 MiB used: the grant's 10 MiB stay on money, the 2 MiB of
        // overage go to the bundle bought meanwhile.
        final LedgerCommand end = d.terminate("s1", 1, 10, 12 * MIB);
        assertEquals(1_000, end.serviceResults[0].chargedMinor);
        assertEquals(2 * MIB, d.account(account).buckets().get(0).consumedUnits());
        assertEquals(9_000, d.account(account).balanceMinor());
        assertEquals(0, d.account(account).reservedMinor());
    }

    @Test
    void shouldPayOverageFromAtMostTheBoundedNumberOfFurtherBuckets()
    {
        final BucketSpec[] many = new BucketSpec[LedgerLimits.MAX_FURTHER_BUCKETS_PER_USAGE + 2];
        for (int i = 0; i < many.length; i++)
        {
            many[i] = new BucketSpec(UnitType.OCTETS, MIB, BucketSpec.ANY_RATING_GROUP, BucketSpec.NEVER_EXPIRES);
        }
        final long account = d.createAccount(ALICE, 10_000, 0, many);
        d.reserve("s1", 0, ALICE, 10, 0);

        // The grant's bucket and MAX_FURTHER_BUCKETS_PER_USAGE more pay one MiB each; the last MiB goes to money.
        final long used = (LedgerLimits.MAX_FURTHER_BUCKETS_PER_USAGE + 2) * MIB;
        final LedgerCommand end = d.terminate("s1", 1, 10, used);
        assertEquals(100, end.serviceResults[0].chargedMinor);
        assertEquals(MIB, d.account(account).buckets().stream().mapToLong(BucketView::balanceUnits).sum());
        assertEquals(10_000 - 100, d.account(account).balanceMinor());
    }

    @Test
    void shouldTurnCumulativeRadiusCountersIntoDeltas()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand start = d.session(CommandType.RESERVE, "nas1/acct1", 0);
        start.cumulativeUsage = true;
        start.addIdentity(IdentityType.E164, ALICE);
        start.addService(10, 0, -1);
        d.run(start);

        assertEquals(300, radius(CommandType.UPDATE, 3 * MIB).serviceResults[0].chargedMinor);
        assertEquals(0, radius(CommandType.UPDATE, 3 * MIB).serviceResults[0].chargedMinor);
        assertEquals(0, radius(CommandType.UPDATE, 2 * MIB).serviceResults[0].chargedMinor);
        final LedgerCommand stop = radius(CommandType.TERMINATE, 5 * MIB);
        assertEquals(200, stop.serviceResults[0].chargedMinor);
        assertEquals(5 * MIB, stop.serviceResults[0].cumulativeUsedUnits);
        final LedgerCommand repeatedStop = radius(CommandType.TERMINATE, 5 * MIB);
        assertTrue(repeatedStop.duplicate);
        assertEquals(9_500, d.account(account).balanceMinor());
    }

    private LedgerCommand radius(final CommandType type, final long counter)
    {
        final LedgerCommand cmd = d.session(type, "nas1/acct1", 0);
        cmd.cumulativeUsage = true;
        cmd.addService(10, type == CommandType.UPDATE ? 0 : -1, counter);
        return d.run(cmd);
    }

    @Test
    void shouldApplyATopUpOnceAndAskStarvedSessionsToReauthorise()
    {
        final long account = d.createAccount(ALICE, 150, 0);
        final LedgerCommand reserve = d.reserve("s1", 0, ALICE, 10, 0);
        assertTrue(reserve.serviceResults[0].finalUnits);
        // Two services keep the update successful at command level (a sole failing one would end the session).
        final LedgerCommand update = d.session(CommandType.UPDATE, "s1", 1);
        update.addService(10, 0, MIB);
        update.addService(30, 0, -1);
        d.run(update);
        assertEquals(LedgerResult.SUCCESS, update.result);
        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, update.serviceResults[0].result);
        assertTrue(listener.events.isEmpty());

        final LedgerCommand topUp = d.topUp(account, 1_000, "pay-1");
        assertEquals(LedgerResult.SUCCESS, topUp.result);
        assertEquals(1_050, topUp.balanceMinor);
        assertEquals(List.of("reauthorize s1 [10]"), listener.events);

        final LedgerCommand again = d.topUp(account, 1_000, "pay-1");
        assertEquals(LedgerResult.IDEMPOTENT_REPLAY, again.result);
        assertEquals(1_050, d.account(account).balanceMinor());
        assertEquals(LedgerResult.SUCCESS, d.update("s1", 2, 10, -1, 0).result);
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedForAnotherCredit()
    {
        final long alice = d.createAccount(ALICE, 0, 0);
        final long bob = d.createAccount(BOB, 0, 0);
        assertEquals(LedgerResult.SUCCESS, d.topUp(alice, 500, "batch-1").result);

        final LedgerCommand otherAccount = d.topUp(bob, 500, "batch-1");
        assertEquals(LedgerResult.IDEMPOTENCY_KEY_REUSED, otherAccount.result, "not a replay: another subscriber");
        final LedgerCommand otherAmount = d.topUp(alice, 2_000, "batch-1");
        assertEquals(LedgerResult.IDEMPOTENCY_KEY_REUSED, otherAmount.result, "not a replay: another amount");
        assertEquals(List.of(), d.ledger.lastEventNames(), "nothing journaled");
        assertEquals(0, d.account(bob).balanceMinor());
        assertEquals(500, d.account(alice).balanceMinor());

        assertEquals(LedgerResult.IDEMPOTENT_REPLAY, d.topUp(alice, 500, "batch-1").result, "the same credit again");
        assertEquals(500, d.account(alice).balanceMinor());
    }

    @Test
    void shouldForgetIdempotencyKeysAfterTheirRetention()
    {
        final long account = d.createAccount(ALICE, 0, 0);
        d.topUp(account, 100, "k");
        d.advance(LedgerContext.IDEMPOTENCY_RETENTION_MS_DEFAULT);
        d.tick();
        assertEquals(List.of("IdempotencyPurged"), d.ledger.lastEventNames());
        assertEquals(LedgerResult.SUCCESS, d.topUp(account, 100, "k").result);
        assertEquals(200, d.account(account).balanceMinor());
    }

    @Test
    void shouldAbortSessionsWhenTheAccountIsBlocked()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        final LedgerCommand block = d.command(CommandType.BLOCK_ACCOUNT);
        block.accountId = account;
        d.run(block);
        assertEquals(List.of("abort s1 ACCOUNT_BLOCKED"), listener.events);
        assertEquals(0, d.account(account).reservedMinor());

        final LedgerCommand late = d.terminate("s1", 1, 10, MIB);
        assertEquals(100, late.serviceResults[0].chargedMinor, "usage reported after an abort is still charged");
        assertEquals(LedgerResult.END_USER_SERVICE_DENIED, d.reserve("s2", 0, ALICE, 10, 0).result);

        final LedgerCommand unblock = d.command(CommandType.UNBLOCK_ACCOUNT);
        unblock.accountId = account;
        d.run(unblock);
        assertEquals(LedgerResult.SUCCESS, d.reserve("s3", 0, ALICE, 10, 0).result);
    }

    @Test
    void shouldAbortOneSessionOnOperatorRequest()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        final LedgerCommand abort = d.session(CommandType.ABORT_SESSION, "s1", 0);
        assertEquals(LedgerResult.SUCCESS, d.run(abort).result);
        assertEquals(List.of("abort s1 ADMINISTRATIVE"), listener.events);
        assertEquals(0, d.account(account).reservedMinor());
        assertEquals(LedgerResult.UNKNOWN_SESSION, d.run(d.session(CommandType.ABORT_SESSION, "s1", 0)).result);
    }

    @Test
    void shouldReleaseEverySessionOfAnOrigin()
    {
        final long account = d.createAccount(ALICE, 100_000, 0);
        for (final String key : new String[]{"a", "b", "c"})
        {
            final LedgerCommand cmd = d.session(CommandType.RESERVE, key, 0);
            cmd.originKey = key.equals("c") ? 8 : 7;
            cmd.addIdentity(IdentityType.E164, ALICE);
            cmd.addService(10, 0, -1);
            d.run(cmd);
        }
        final LedgerCommand release = d.command(CommandType.RELEASE_ORIGIN_SESSIONS);
        release.originKey = 7;
        d.run(release);
        assertEquals(List.of("OriginEpochAdvanced", "ReservationReleased", "SessionClosed", "ReservationReleased",
            "SessionClosed"), d.ledger.lastEventNames());
        assertEquals(1_000, d.account(account).reservedMinor());
        assertEquals(1, d.account(account).openSessions());
    }

    @Test
    void shouldReleaseALargeOriginInBoundedCommandsAndSpareWhatItOpensMeanwhile()
    {
        // A PGW that restarts may hold far more sessions than one journal record can release.
        final int sessions = 2 * LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND + 88;
        final long account = d.createAccount(ALICE, 1_000_000_000L, 0);
        for (int i = 0; i < sessions; i++)
        {
            final LedgerCommand cmd = d.session(CommandType.RESERVE, "old-" + i, 0);
            cmd.originKey = 7;
            cmd.addIdentity(IdentityType.E164, ALICE);
            cmd.addService(10, 0, -1);
            d.run(cmd);
        }
        final LedgerCommand first = d.command(CommandType.RELEASE_ORIGIN_SESSIONS);
        first.originKey = 7;
        assertEquals(LedgerResult.LIMIT_EXCEEDED, d.run(first).result, "more than one command can release");
        final long boundary = first.requestNumber;
        assertTrue(boundary > 0, "the boundary the continuations must carry");
        assertEquals(sessions - LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND, d.account(account).openSessions());

        final LedgerCommand fresh = d.session(CommandType.RESERVE, "new", 0);
        fresh.originKey = 7;
        fresh.addIdentity(IdentityType.E164, ALICE);
        fresh.addService(10, 0, -1);
        d.run(fresh);

        int commands = 1;
        LedgerResult result;
        do
        {
            final LedgerCommand next = d.command(CommandType.RELEASE_ORIGIN_SESSIONS);
            next.originKey = 7;
            next.requestNumber = boundary;
            result = d.run(next).result;
            commands++;
        }
        while (LedgerResult.LIMIT_EXCEEDED == result);
        assertEquals(LedgerResult.SUCCESS, result);
        assertEquals(3, commands, "256 + 256 + 88");
        assertEquals(1, d.account(account).openSessions(), "the session opened after the first command stays");
        assertEquals(1_000, d.account(account).reservedMinor(), "with its reservation");
    }

    @Test
    void shouldReleaseAnUnadoptedReservationAfterItsShortSupervision()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand accept = d.session(CommandType.RESERVE, "class-a", 0);
        accept.supervisionMs = 60_000;
        accept.addIdentity(IdentityType.E164, ALICE);
        accept.addService(10, 0, -1);
        d.run(accept);
        d.advance(60_000);
        d.tick();
        assertEquals(0, d.account(account).reservedMinor());
    }

    @Test
    void shouldRenameAnAdoptedReservationAndGiveItNormalSupervision()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand accept = d.session(CommandType.RESERVE, "class-b", 0);
        accept.supervisionMs = 60_000;
        accept.addIdentity(IdentityType.E164, ALICE);
        accept.addService(10, 0, -1);
        d.run(accept);

        final LedgerCommand rename = d.session(CommandType.RENAME_SESSION, "class-b", 0);
        rename.newSessionKey("nas1/acct9".getBytes(), 0, 10);
        rename.cumulativeUsage = true;
        assertEquals(LedgerResult.SUCCESS, d.run(rename).result);

        d.advance(60_000);
        d.tick();
        assertEquals(1_000, d.account(account).reservedMinor(), "a renamed session is supervised normally");
        assertEquals(LedgerResult.UNKNOWN_SESSION, d.update("class-b", 1, 10, 0, 0).result);
        final LedgerCommand interim = d.session(CommandType.UPDATE, "nas1/acct9", 0);
        interim.cumulativeUsage = true;
        interim.addService(10, 0, MIB);
        assertEquals(LedgerResult.SUCCESS, d.run(interim).result);
        assertEquals(100, interim.serviceResults[0].chargedMinor);
    }

    @Test
    void shouldPayAnEventFromTheFirstBucketThatCoversItWhole()
    {
        // The scoped bucket pays first, but holds one event; the unscoped one holds five.
        final long account = d.createAccount(ALICE, 1_000, 0,
            new BucketSpec(UnitType.EVENTS, 1, 30, BucketSpec.NEVER_EXPIRES),
            new BucketSpec(UnitType.EVENTS, 5, BucketSpec.ANY_RATING_GROUP, BucketSpec.NEVER_EXPIRES));
        assertEquals(0, debitEvents("three", 3).serviceResults[0].chargedMinor, "the unscoped bucket covers 3");
        assertEquals(0, debitEvents("one", 1).serviceResults[0].chargedMinor, "the scoped bucket pays 1");
        assertEquals(Map.of(30L, 0L, BucketSpec.ANY_RATING_GROUP, 2L), bucketBalances(account));
        assertEquals(75, debitEvents("three-more", 3).serviceResults[0].chargedMinor,
            "no bucket covers 3 any more: money pays (25 per event), the buckets are left as they are");
        assertEquals(1_000 - 75, d.account(account).balanceMinor());
        assertEquals(Map.of(30L, 0L, BucketSpec.ANY_RATING_GROUP, 2L), bucketBalances(account));
    }

    private Map<Long, Long> bucketBalances(final long account)
    {
        return d.account(account).buckets().stream()
            .collect(java.util.stream.Collectors.toMap(BucketView::ratingGroup, BucketView::balanceUnits));
    }

    private LedgerCommand debitEvents(final String sessionId, final long events)
    {
        final LedgerCommand event = d.session(CommandType.DIRECT_DEBIT, sessionId, 0);
        event.addIdentity(IdentityType.E164, ALICE);
        event.addService(30, events, -1);
        d.run(event);
        assertEquals(LedgerResult.SUCCESS, event.result);
        return event;
    }

    @Test
    void shouldDebitEventsAndKeepTheirAnswersForRetransmissions()
    {
        final long account = d.createAccount(ALICE, 1_000, 0);
        final LedgerCommand event = d.session(CommandType.DIRECT_DEBIT, "ev1", 0);
        event.addIdentity(IdentityType.E164, ALICE);
        event.addService(30, 2, -1);
        d.run(event);
        assertEquals(LedgerResult.SUCCESS, event.result);
        assertEquals(50, event.serviceResults[0].chargedMinor);

        final LedgerCommand again = d.session(CommandType.DIRECT_DEBIT, "ev1", 0);
        again.addIdentity(IdentityType.E164, ALICE);
        again.addService(30, 2, -1);
        d.run(again);
        assertTrue(again.duplicate);
        assertEquals(950, d.account(account).balanceMinor());

        d.advance(LedgerContext.EVENT_RESULT_RETENTION_MS_DEFAULT);
        d.tick();
        assertEquals(List.of("SessionRemoved"), d.ledger.lastEventNames());

        final LedgerCommand amount = d.command(CommandType.DIRECT_DEBIT);
        amount.accountId = account;
        amount.amountMinor = 2_000;
        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, d.run(amount).result);
        amount.amountMinor = 900;
        assertEquals(LedgerResult.SUCCESS, d.run(amount).result);
        assertEquals(50, d.account(account).balanceMinor());
    }

    @Test
    void shouldNeverDenyInPilotMode()
    {
        d = driver(true);
        d.setTariffs(DATA);
        final LedgerCommand unknown = d.reserve("p1", 0, "490000000000", 10, 0);
        assertEquals(LedgerResult.SUCCESS, unknown.result);
        assertEquals(LedgerResult.USER_UNKNOWN, unknown.wouldDenyReason);
        assertEquals(10 * MIB, unknown.serviceResults[0].grantedUnits);
        assertFalse(unknown.serviceResults[0].finalUnits);
        final long pilot = unknown.accountId;
        assertEquals(-1_000, d.account(pilot).availableMinor());

        final LedgerCommand second = d.reserve("p2", 0, "490000000001", 10, 0);
        assertEquals(pilot, second.accountId, "every unknown subscriber lands on one pilot account");

        final long broke = d.createAccount(ALICE, 0, 0);
        final LedgerCommand noMoney = d.reserve("p3", 0, ALICE, 10, 0);
        assertEquals(LedgerResult.SUCCESS, noMoney.result);
        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, noMoney.wouldDenyReason);
        d.terminate("p3", 1, 10, 3 * MIB);
        assertEquals(-300, d.account(broke).balanceMinor());

        final LedgerCommand block = d.command(CommandType.BLOCK_ACCOUNT);
        block.accountId = broke;
        d.run(block);
        final LedgerCommand blocked = d.reserve("p4", 0, ALICE, 10, 0);
        assertEquals(LedgerResult.SUCCESS, blocked.result);
        assertEquals(LedgerResult.END_USER_SERVICE_DENIED, blocked.wouldDenyReason,
            "the first reason production would have given");
    }

    @Test
    void shouldRateAGrantAtTheTariffVersionInForceWhenGranted()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        d.reserve("old", 0, ALICE, 10, 0);
        d.setTariffs(Tariff.builder(10).unitType(UnitType.OCTETS).quantumUnits(MIB).pricePerQuantumMinor(200)
            .defaultGrantUnits(10 * MIB).build());
        assertEquals(100, d.terminate("old", 1, 10, MIB).serviceResults[0].chargedMinor);
        d.reserve("new", 0, ALICE, 10, 0);
        assertEquals(200, d.terminate("new", 1, 10, MIB).serviceResults[0].chargedMinor);
        assertEquals(9_700, d.account(account).balanceMinor());
    }

    @Test
    void shouldCutValidityAtTheBandBoundaryAndRateAtTheBandPrice()
    {
        // Day starts 10:05 UTC; the clock starts at 10:00 UTC.
        d.setTariffs(Tariff.builder(10).unitType(UnitType.OCTETS).quantumUnits(MIB).band(0, 50)
            .band(10 * 3600 + 300, 100).defaultGrantUnits(10 * MIB).validityTimeSec(3600).build());
        d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand night = d.reserve("s1", 0, ALICE, 10, 0);
        assertEquals(300, night.serviceResults[0].validityTimeSec);
        assertEquals(500, 10_000 - night.availableMinor);
        d.advance(300_000);
        final LedgerCommand day = d.update("s1", 1, 10, MIB, 0);
        assertEquals(50, day.serviceResults[0].chargedMinor, "usage is charged at the rate of its grant");
        assertEquals(3600, day.serviceResults[0].validityTimeSec);
        assertEquals(100, d.terminate("s1", 2, 10, MIB).serviceResults[0].chargedMinor,
            "the new grant is rated at the day price");
    }

    @Test
    void shouldPriceTiersByTheMonthlyUsageOfTheRatingGroup()
    {
        d.setTariffs(Tariff.builder(10).unitType(UnitType.OCTETS).quantumUnits(MIB).tiers(0, 5 * MIB)
            .band(0, 100, 50).defaultGrantUnits(10 * MIB).build());
        final long account = d.createAccount(ALICE, 10_000, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        assertEquals(600, d.terminate("s1", 1, 10, 6 * MIB).serviceResults[0].chargedMinor);
        d.reserve("s2", 0, ALICE, 10, 0);
        assertEquals(100, d.terminate("s2", 1, 10, 2 * MIB).serviceResults[0].chargedMinor);
        d.advance(31L * 86_400_000);
        d.reserve("s3", 0, ALICE, 10, 0);
        assertEquals(100, d.terminate("s3", 1, 10, MIB).serviceResults[0].chargedMinor,
            "a new billing period starts again at the first tier");
        assertEquals(10_000 - 800, d.account(account).balanceMinor());
    }

    private LedgerCommand oneShot(final CommandType type, final String key, final long rg, final long units)
    {
        final LedgerCommand cmd = d.session(type, key, 0);
        cmd.addIdentity(IdentityType.E164, ALICE);
        cmd.addService(rg, units, -1);
        return d.run(cmd);
    }

    @Test
    void shouldPriceARefundAtTheTierADebitIsPricedAtAndRoundItDown()
    {
        // A refund used to be priced at tier 0 (100) while the debit before it paid tier 2 (50): money created.
        d.setTariffs(Tariff.builder(10).unitType(UnitType.OCTETS).quantumUnits(MIB).tiers(0, 5 * MIB)
            .band(0, 100, 50).defaultGrantUnits(10 * MIB).build());
        final long account = d.createAccount(ALICE, 10_000, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        assertEquals(600, d.terminate("s1", 1, 10, 6 * MIB).serviceResults[0].chargedMinor);

        final LedgerCommand debit = oneShot(CommandType.DIRECT_DEBIT, "ev1", 10, MIB);
        assertEquals(50, debit.serviceResults[0].chargedMinor);
        assertEquals(9_350, d.account(account).balanceMinor());
        assertEquals(LedgerResult.SUCCESS, oneShot(CommandType.REFUND, "ev2", 10, MIB).result);
        assertEquals(9_400, d.account(account).balanceMinor(), "the refund gives back what the debit took");

        final LedgerCommand partial = oneShot(CommandType.REFUND, "ev3", 10, MIB + MIB / 2);
        assertEquals(LedgerResult.SUCCESS, partial.result);
        assertEquals(9_450, d.account(account).balanceMinor(), "a started quantum is not refunded");
        final LedgerCommand less = oneShot(CommandType.REFUND, "ev4", 10, MIB / 2);
        assertEquals(LedgerResult.SUCCESS, less.result);
        assertEquals(List.of("SessionOpened", "Answered", "SessionClosed", "EventAnswerRecorded"),
            d.ledger.lastEventNames(), "less than a quantum credits nothing");
        assertEquals(9_450, d.account(account).balanceMinor());
    }

    @Test
    void shouldRecordUsageOfARatingGroupPastTheSessionLimitUnrated()
    {
        // This usage used to be refused without any journal trace.
        d.setTariffs(DATA, Tariff.builder(Tariff.DEFAULT_RATING_GROUP).name("fallback").unitType(UnitType.OCTETS)
            .quantumUnits(MIB).pricePerQuantumMinor(1).defaultGrantUnits(MIB).build());
        final long account = d.createAccount(ALICE, 1_000_000, 0);
        final LedgerCommand reserve = d.session(CommandType.RESERVE, "s1", 0);
        reserve.addIdentity(IdentityType.E164, ALICE);
        for (int rg = 0; rg < LedgerLimits.MAX_SERVICES; rg++)
        {
            reserve.addService(1000 + rg, 0, -1);
        }
        assertEquals(LedgerResult.SUCCESS, d.run(reserve).result);
        final LedgerCommand more = d.session(CommandType.UPDATE, "s1", 1);
        for (int rg = LedgerLimits.MAX_SERVICES; rg < LedgerLimits.MAX_RATING_GROUPS_PER_SESSION; rg++)
        {
            more.addService(1000 + rg, 0, -1);
        }
        assertEquals(LedgerResult.SUCCESS, d.run(more).result);
        final long balance = d.account(account).balanceMinor();

        final LedgerCommand past = d.update("s1", 2, 10, 5 * MIB, -1);
        assertEquals(LedgerResult.LIMIT_EXCEEDED, past.result);
        final List<String> events = d.ledger.lastEventNames();
        assertEquals("UnratedRecorded", events.get(0));
        // Failed at command level: RFC 4006 section 7 ends the session, so its grants are released too.
        assertEquals(List.of("Answered", "SessionClosed"), events.subList(events.size() - 2, events.size()));
        assertEquals(balance, d.account(account).balanceMinor(), "not charged");
    }

    @Test
    void shouldCountUsageWithoutARatingGroupTowardsTheDefaultRatingGroupsTier()
    {
        // Tier usage used to be written under -1 but read under the default rating group.
        d = new LedgerDriver(LedgerStateMachine.open(new LedgerContext().journalEnabled(false)
            .eventsEncodedWithoutJournal(true).defaultRatingGroup(10).conclude(), listener));
        d.setTariffs(Tariff.builder(10).unitType(UnitType.OCTETS).quantumUnits(MIB).tiers(0, 5 * MIB)
            .band(0, 100, 50).defaultGrantUnits(10 * MIB).build());
        final long account = d.createAccount(ALICE, 10_000, 0);
        d.reserve("s1", 0, ALICE, -1, 0);
        assertEquals(600, d.terminate("s1", 1, -1, 6 * MIB).serviceResults[0].chargedMinor);
        d.reserve("s2", 0, ALICE, -1, 0);
        final LedgerCommand second = d.terminate("s2", 1, -1, 2 * MIB);
        assertEquals(100, second.serviceResults[0].chargedMinor, "tier 2");
        assertEquals(-1, second.serviceResults[0].ratingGroup, "the answer echoes the request");
        d.reserve("s3", 0, ALICE, 10, 0);
        assertEquals(100, d.terminate("s3", 1, 10, 2 * MIB).serviceResults[0].chargedMinor, "the same tier usage");
        assertEquals(10_000 - 800, d.account(account).balanceMinor());

        final LedgerCommand both = d.session(CommandType.RESERVE, "s4", 0);
        both.addIdentity(IdentityType.E164, ALICE);
        both.addService(-1, 0, -1);
        both.addService(10, 0, -1);
        d.run(both);
        assertEquals(LedgerResult.SUCCESS, both.serviceResults[0].result);
        assertEquals(LedgerResult.INVALID_ARGUMENT, both.serviceResults[1].result, "the same rating group twice");
    }

    @Test
    void shouldAnswerPriceEnquiryAndCheckBalanceWithoutChangingAnything()
    {
        final long account = d.createAccount(ALICE, 1_000, 0);
        final long hash = d.ledger.stateHash();
        final LedgerCommand price = d.command(CommandType.PRICE_ENQUIRY);
        price.addService(20, 90, -1);
        d.run(price);
        assertEquals(1_000, price.costMinor);

        final LedgerCommand check = d.command(CommandType.CHECK_BALANCE);
        check.accountId = account;
        check.addService(20, 120, -1);
        assertTrue(d.run(check).checkBalanceEnough);
        check.services[0].requestedUnits = 121;
        assertFalse(d.run(check).checkBalanceEnough);
        assertEquals(hash, d.ledger.stateHash());
    }

    @Test
    void shouldDeleteAnAccountWithItsIdentitiesAndSessions()
    {
        final long account = d.createAccount(ALICE, 1_000, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        final LedgerCommand delete = d.command(CommandType.DELETE_ACCOUNT);
        delete.accountId = account;
        assertEquals(LedgerResult.SUCCESS, d.run(delete).result);
        assertEquals(List.of("abort s1 ACCOUNT_DELETED"), listener.events);
        assertEquals(LedgerResult.USER_UNKNOWN, d.reserve("s2", 0, ALICE, 10, 0).result);
        assertEquals(LedgerResult.UNKNOWN_SESSION, d.update("s1", 1, 10, MIB, 0).result);
        final long again = d.createAccount(ALICE, 5, 0);
        assertTrue(again > account, "account ids are never reused");
    }

    @Test
    void shouldRefuseTakenIdentities()
    {
        final long account = d.createAccount(ALICE, 0, 0);
        final LedgerCommand create = d.command(CommandType.CREATE_ACCOUNT);
        create.payload = new AccountSpec().identity(IdentityType.E164, ALICE);
        assertEquals(LedgerResult.ACCOUNT_EXISTS, d.run(create).result);
        final LedgerCommand create2 = d.command(CommandType.CREATE_ACCOUNT);
        create2.payload = new AccountSpec().identity(IdentityType.E164, BOB).identity(IdentityType.E164, ALICE);
        assertEquals(LedgerResult.IDENTITY_TAKEN, d.run(create2).result);

        final LedgerCommand add = d.command(CommandType.ADD_IDENTITY);
        add.accountId = account;
        add.addIdentity(IdentityType.NAI, "alice@example.org");
        assertEquals(LedgerResult.SUCCESS, d.run(add).result);
        final LedgerCommand byNai = d.session(CommandType.RESERVE, "s1", 0);
        byNai.addIdentity(IdentityType.NAI, "alice@example.org");
        d.run(byNai);
        assertEquals(account, byNai.accountId);
        assertEquals(List.of("NAI:alice@example.org", "E164:" + ALICE), d.account(account).identities());
    }

    @Test
    void shouldResolveTheFirstIdentityThatMatches()
    {
        final long account = d.createAccount(ALICE, 1_000, 0);
        final LedgerCommand cmd = d.session(CommandType.RESERVE, "s1", 0);
        cmd.addIdentity(IdentityType.IMSI, "262010000000001");
        cmd.addIdentity(IdentityType.E164, "0" + ALICE);
        cmd.addIdentity(IdentityType.E164, ALICE);
        d.run(cmd);
        assertEquals(account, cmd.accountId, "leading zeros are significant; the third identity resolves");
    }

    @Test
    void shouldReportInvalidInputAsAResultNeverAnException()
    {
        d.createAccount(ALICE, 1_000, 0);
        assertEquals(LedgerResult.INVALID_ARGUMENT, d.reserve("", 0, ALICE, 10, 0).result);
        final LedgerCommand twice = d.session(CommandType.RESERVE, "s1", 0);
        twice.addIdentity(IdentityType.E164, ALICE);
        twice.addService(10, 0, -1);
        twice.addService(10, 0, -1);
        d.run(twice);
        assertEquals(LedgerResult.SUCCESS, twice.serviceResults[0].result);
        assertEquals(LedgerResult.INVALID_ARGUMENT, twice.serviceResults[1].result);
        final LedgerCommand bad = d.update("s1", 1, -7, 0, 0);
        assertEquals(LedgerResult.INVALID_ARGUMENT, bad.result);
        final LedgerCommand noType = new LedgerCommand();
        d.run(noType);
        assertEquals(LedgerResult.INVALID_ARGUMENT, noType.result);
        final LedgerCommand topUp = d.command(CommandType.TOP_UP);
        topUp.accountId = 1;
        topUp.amountMinor = -5;
        assertEquals(LedgerResult.INVALID_ARGUMENT, d.run(topUp).result);
    }

    @Test
    void shouldListSessionsWithTheirContext()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand reserve = d.session(CommandType.RESERVE, "s1", 0);
        reserve.addIdentity(IdentityType.E164, ALICE);
        reserve.addService(10, 0, -1);
        reserve.sessionContext("ctx".getBytes(), 0, 3);
        d.run(reserve);
        final LedgerCommand list = d.command(CommandType.LIST_SESSIONS);
        list.accountId = account;
        d.run(list);
        @SuppressWarnings("unchecked") final List<SessionView> sessions = (List<SessionView>)list.payload;
        assertNotNull(sessions);
        assertEquals(1, sessions.size());
        assertEquals("s1", new String(sessions.get(0).sessionKey()));
        assertEquals("ctx", new String(sessions.get(0).sessionContext()));
        assertEquals(1_000, sessions.get(0).reservedMinor());
        assertEquals("open", sessions.get(0).state());
    }
}
