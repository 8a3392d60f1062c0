package io.gyro.ledger;

import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.testing.LedgerDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 4006 credit-control rules on the bare state machine: what a failed update leaves behind, supervision after
 * an update that grants nothing, the final-units interrogation, minimal one-time events and usage in a unit the
 * tariff does not count.
 */
class CreditControlRulesTest
{
    static final long MIB = 1 << 20;
    static final String ALICE = "491700000001";

    static final Tariff DATA = Tariff.builder(10).name("data").unitType(UnitType.OCTETS).quantumUnits(MIB)
        .pricePerQuantumMinor(100).defaultGrantUnits(10 * MIB).maxGrantUnits(100 * MIB).validityTimeSec(600).build();
    static final Tariff VOICE = Tariff.builder(20).name("voice").unitType(UnitType.SECONDS).quantumUnits(60)
        .pricePerQuantumMinor(500).defaultGrantUnits(300).maxGrantUnits(3600).validityTimeSec(1800).build();
    static final Tariff SMS = Tariff.builder(30).name("sms").unitType(UnitType.EVENTS).quantumUnits(1)
        .pricePerQuantumMinor(25).defaultGrantUnits(5).maxGrantUnits(10).build();

    private LedgerDriver d;

    @BeforeEach
    void setUp()
    {
        final LedgerContext ctx = new LedgerContext().journalEnabled(false).eventsEncodedWithoutJournal(true)
            .conclude();
        d = new LedgerDriver(LedgerStateMachine.open(ctx, null));
        d.setTariffs(DATA, VOICE, SMS);
    }

    @AfterEach
    void invariantHolds()
    {
        d.assertConserved();
    }

    @Test
    void shouldReleaseEverythingWhenAnUpdateFailsAndStillChargeTheTermination()
    {
        final long account = d.createAccount(ALICE, 250, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        assertEquals(200, d.account(account).reservedMinor(), "2 MiB held for the data rating group");

        final LedgerCommand failed = d.update("s1", 1, 20, -1, 0);
        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, failed.result);
        assertEquals(List.of("UnitsReserved", "ReservationReleased", "Answered", "SessionClosed"),
            d.ledger.lastEventNames());
        assertEquals(0, d.account(account).reservedMinor(), "the failed update ends the session: nothing held");
        assertEquals(250, failed.availableMinor);

        final LedgerCommand again = d.update("s1", 1, 20, -1, 0);
        assertTrue(again.duplicate);
        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, again.result);

        final LedgerCommand end = d.terminate("s1", 2, 10, MIB);
        assertEquals(LedgerResult.SUCCESS, end.result);
        assertEquals(100, end.serviceResults[0].chargedMinor, "usage reported after the failure is charged");
        assertEquals(150, d.account(account).balanceMinor());
        assertEquals(0, d.account(account).reservedMinor());
    }

    @Test
    void shouldKeepARadiusSessionOpenWhenAnInterimGetsNoGrant()
    {
        final long account = d.createAccount(ALICE, 250, 0);
        final LedgerCommand start = d.session(CommandType.RESERVE, "nas1/acct1", 0);
        start.cumulativeUsage = true;
        start.addIdentity(IdentityType.E164, ALICE);
        start.addService(10, 0, -1);
        d.run(start);
        final LedgerCommand interim = d.session(CommandType.UPDATE, "nas1/acct1", 0);
        interim.cumulativeUsage = true;
        interim.addService(10, 0, 2 * MIB);
        d.run(interim);
        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, interim.result);
        assertFalse(d.ledger.lastEventNames().contains("SessionClosed"), "RFC 4006 section 7 is Diameter's");

        final LedgerCommand next = d.session(CommandType.UPDATE, "nas1/acct1", 0);
        next.cumulativeUsage = true;
        next.addService(10, 0, 3 * MIB);
        d.run(next);
        assertEquals(250 - 300, d.account(account).balanceMinor(), "later interims are still charged");
    }

    @Test
    void shouldNotMoveSupervisionOnWithAnUpdateThatGrantsNothing()
    {
        final long account = d.createAccount(ALICE, 100_000, 0);
        final LedgerCommand reserve = d.session(CommandType.RESERVE, "s1", 0);
        reserve.addIdentity(IdentityType.E164, ALICE);
        reserve.addService(10, 0, -1);
        reserve.addService(20, 0, -1);
        d.run(reserve);
        assertEquals(1_000 + 2_500, d.account(account).reservedMinor());

        d.advance(1_000_000);
        final LedgerCommand voiceDone = d.update("s1", 1, 20, 60, -1);
        assertEquals(LedgerResult.SUCCESS, voiceDone.result);
        assertEquals(1_000, d.account(account).reservedMinor());

        // Tcc of the initial grants: 2 x 1800 s from the CCR-I. Without the rule, the update would have set 1 h from
        // itself (4600 s).
        d.advance(2_599_999);
        d.tick();
        assertEquals(1_000, d.account(account).reservedMinor(), "not due before the grants' Tcc");
        d.advance(1);
        d.tick();
        assertEquals(0, d.account(account).reservedMinor(), "released at the grants' Tcc");
        assertEquals(100_000 - 500, d.account(account).balanceMinor());
    }

    @Test
    void shouldNotPullSupervisionInBeforeAGrantTheUpdateLeftAlone()
    {
        final long account = d.createAccount(ALICE, 100_000, 0);
        final LedgerCommand reserve = d.session(CommandType.RESERVE, "s1", 0);
        reserve.addIdentity(IdentityType.E164, ALICE);
        reserve.addService(10, 0, -1);
        reserve.addService(20, 0, -1);
        d.run(reserve);
        assertEquals(1_000 + 2_500, d.account(account).reservedMinor(), "data valid 600 s, voice 1800 s: Tcc 3600 s");

        // Data re-granted at 500 s (its own Tcc would end at 1700 s), then data stops at 1000 s; voice is silent.
        d.advance(500_000);
        assertEquals(600, d.update("s1", 1, 10, MIB, 0).serviceResults[0].validityTimeSec);
        d.advance(500_000);
        assertEquals(LedgerResult.SUCCESS, d.update("s1", 2, 10, MIB, -1).result);
        assertEquals(2_500, d.account(account).reservedMinor());

        d.advance(2_599_999);
        d.tick();
        assertEquals(2_500, d.account(account).reservedMinor(), "the voice grant keeps its Tcc of 3600 s");
        d.advance(1);
        d.tick();
        assertEquals(0, d.account(account).reservedMinor(), "released at 3600 s");
        assertEquals(100_000 - 200, d.account(account).balanceMinor(), "2 MiB of data; the release charged nothing");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveTheFinalUnitsInterrogationAValidityTimeAndTccFromIt()
    {
        final Tariff redirect = Tariff.builder(10).name("data").unitType(UnitType.OCTETS).quantumUnits(MIB)
            .pricePerQuantumMinor(100).defaultGrantUnits(10 * MIB).maxGrantUnits(100 * MIB).validityTimeSec(600)
            .finalUnitAction(FinalUnitAction.REDIRECT).redirectAddress("http://top-up.example/").build();
        d.setTariffs(redirect, VOICE, SMS);
        final long account = d.createAccount(ALICE, 500, 0);
        final LedgerCommand initial = d.reserve("s1", 0, ALICE, 10, 0);
        assertTrue(initial.serviceResults[0].finalUnits);
        assertEquals(5 * MIB, initial.serviceResults[0].grantedUnits);

        d.advance(100_000);
        final LedgerCommand consumed = d.update("s1", 1, 10, 5 * MIB, -1);
        final ServiceResult r = consumed.serviceResults[0];
        assertEquals(LedgerResult.SUCCESS, consumed.result);
        assertEquals(0, r.grantedUnits);
        assertEquals(600, r.validityTimeSec, "RFC 4006 §5.6.2: MUST include the Validity-Time");
        assertTrue(r.finalUnits);
        assertEquals(FinalUnitAction.REDIRECT, r.finalUnitAction);
        assertEquals(0, d.account(account).balanceMinor());

        final LedgerCommand again = d.update("s1", 1, 10, 5 * MIB, -1);
        assertTrue(again.duplicate);
        assertEquals(600, again.serviceResults[0].validityTimeSec);
        assertTrue(again.serviceResults[0].finalUnits);

        // Tcc = 2 x that Validity-Time from the interrogation, not the default hour.
        d.advance(1_199_999);
        assertEquals(LedgerResult.SUCCESS, d.tick().result);
        final LedgerCommand list = d.command(CommandType.LIST_SESSIONS);
        list.accountId = account;
        d.run(list);
        assertEquals("open", ((List<SessionView>)list.payload).get(0).state());
        d.advance(1);
        d.tick();
        d.run(list);
        assertEquals("tombstone", ((List<SessionView>)list.payload).get(0).state());
    }

    @Test
    void shouldNotTimeTheFinalUnitsOfATerminateTariff()
    {
        d.createAccount(ALICE, 500, 0);
        assertTrue(d.reserve("s1", 0, ALICE, 10, 0).serviceResults[0].finalUnits);
        final LedgerCommand consumed = d.update("s1", 1, 10, 5 * MIB, -1);
        assertEquals(0, consumed.serviceResults[0].validityTimeSec);
        assertFalse(consumed.serviceResults[0].finalUnits);
    }

    private LedgerCommand event(final CommandType type, final String key, final String msisdn, final long rg,
        final long requested, final long used)
    {
        final LedgerCommand cmd = d.session(type, key, 0);
        cmd.addIdentity(IdentityType.E164, msisdn);
        if (rg != Long.MIN_VALUE)
        {
            cmd.addService(rg, requested, used);
        }
        return d.run(cmd);
    }

    @Test
    void shouldDebitAnEventNamedOnlyByItsService()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand sms = event(CommandType.DIRECT_DEBIT, "e1", ALICE, 30, -1, -1);
        assertEquals(LedgerResult.SUCCESS, sms.result);
        assertEquals(1, sms.serviceResults[0].grantedUnits, "one event of an events tariff");
        assertEquals(25, sms.serviceResults[0].chargedMinor);

        final LedgerCommand data = event(CommandType.DIRECT_DEBIT, "e2", ALICE, 10, 0, -1);
        assertEquals(LedgerResult.SUCCESS, data.result);
        assertEquals(10 * MIB, data.serviceResults[0].grantedUnits, "the tariff's default grant");
        assertEquals(1_000, data.serviceResults[0].chargedMinor);
        assertEquals(10_000 - 25 - 1_000, d.account(account).balanceMinor());

        assertEquals(LedgerResult.INVALID_ARGUMENT,
            event(CommandType.DIRECT_DEBIT, "e3", ALICE, 30, -1, 0).result, "a reported zero debits nothing");
        assertEquals(10_000 - 25 - 1_000, d.account(account).balanceMinor());
    }

    @Test
    void shouldPriceAnEventNamedOnlyByItsService()
    {
        d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand sms = event(CommandType.PRICE_ENQUIRY, "p1", ALICE, 30, -1, -1);
        assertEquals(LedgerResult.SUCCESS, sms.result);
        assertEquals(25, sms.costMinor);
        final LedgerCommand data = event(CommandType.PRICE_ENQUIRY, "p2", ALICE, 10, 0, -1);
        assertEquals(1_000, data.costMinor);
        assertEquals(LedgerResult.RATING_FAILED, event(CommandType.PRICE_ENQUIRY, "p3", ALICE, 99, 0, -1).result);
    }

    @Test
    void shouldCheckTheBalanceForOneQuantumWhenNoAmountIsGiven()
    {
        d.createAccount(ALICE, 99, 0);
        d.createAccount("491700000002", 100, 0);
        d.createAccount("491700000003", 0, 0,
            new BucketSpec(UnitType.OCTETS, MIB, BucketSpec.ANY_RATING_GROUP, BucketSpec.NEVER_EXPIRES));
        final LedgerCommand poor = event(CommandType.CHECK_BALANCE, "c1", ALICE, 10, 0, -1);
        assertEquals(LedgerResult.SUCCESS, poor.result);
        assertFalse(poor.checkBalanceEnough, "99 does not pay a started MiB at 100");
        assertTrue(event(CommandType.CHECK_BALANCE, "c2", "491700000002", 10, -1, -1).checkBalanceEnough);
        assertTrue(event(CommandType.CHECK_BALANCE, "c3", "491700000003", 10, 0, -1).checkBalanceEnough,
            "a bucket of one quantum");

        final LedgerCommand noService = event(CommandType.CHECK_BALANCE, "c4", ALICE, Long.MIN_VALUE, 0, 0);
        assertEquals(LedgerResult.SUCCESS, noService.result);
        assertTrue(noService.checkBalanceEnough, "no default tariff: any available money");
        final LedgerCommand nothing = event(CommandType.CHECK_BALANCE, "c5", "491700000003", Long.MIN_VALUE, 0, 0);
        assertFalse(nothing.checkBalanceEnough);
    }

    @Test
    void shouldRecordUsageInAnotherUnitUnratedAndRefuseIt()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand reserve = d.session(CommandType.RESERVE, "s1", 0);
        reserve.addIdentity(IdentityType.E164, ALICE);
        reserve.addService(10, 0, -1);
        reserve.addService(20, 0, -1);
        d.run(reserve);

        final LedgerCommand update = d.session(CommandType.UPDATE, "s1", 1);
        update.addService(10, -1, ServiceRequest.UNRATABLE);
        update.addService(20, 0, 60);
        d.run(update);
        assertEquals(LedgerResult.SUCCESS, update.result);
        assertEquals(LedgerResult.RATING_FAILED, update.serviceResults[0].result);
        assertEquals(LedgerResult.SUCCESS, update.serviceResults[1].result);
        assertEquals(List.of("UnratedRecorded", "ReservationReleased", "UsageCommitted", "UnitsReserved", "Answered"),
            d.ledger.lastEventNames());
        assertEquals(10_000 - 500, d.account(account).balanceMinor(), "only the voice minute is charged");
        assertEquals(2_500, d.account(account).reservedMinor(), "the data grant is released");

        final LedgerCommand end = d.terminate("s1", 2, 20, 0);
        assertEquals(LedgerResult.SUCCESS, end.result);
        assertEquals(0, d.account(account).reservedMinor());

        final LedgerCommand debit = event(CommandType.DIRECT_DEBIT, "e1", ALICE, 30, -1, ServiceRequest.UNRATABLE);
        assertEquals(LedgerResult.RATING_FAILED, debit.result);
        assertEquals(10_000 - 500, d.account(account).balanceMinor());

        // A one-time event whose amount is in units its tariff does not count: refused, never a default amount.
        for (final CommandType type : new CommandType[] {CommandType.DIRECT_DEBIT, CommandType.REFUND})
        {
            final LedgerCommand asked = event(type, "e-" + type, ALICE, 30, ServiceRequest.UNRATABLE, -1);
            assertEquals(LedgerResult.RATING_FAILED, asked.result, type.name());
        }
        final LedgerCommand check = event(CommandType.CHECK_BALANCE, "c1", ALICE, 30, ServiceRequest.UNRATABLE, -1);
        assertEquals(LedgerResult.RATING_FAILED, check.result);
        assertEquals(10_000 - 500, d.account(account).balanceMinor());
    }

    @Test
    void shouldRefuseASessionServiceAskingOnlyInAnotherUnitAndStillChargeItsUsage()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand reserve = d.session(CommandType.RESERVE, "s1", 0);
        reserve.addIdentity(IdentityType.E164, ALICE);
        reserve.addService(10, 0, -1);
        d.run(reserve);
        assertEquals(1_000, d.account(account).reservedMinor());

        // RFC 4006 section 8.18: data asked for only in a unit its tariff does not count (the edge saw e.g. CC-Money).
        final LedgerCommand update = d.session(CommandType.UPDATE, "s1", 1);
        update.addService(10, ServiceRequest.UNRATABLE, 2 * MIB);
        update.addService(20, 0, -1);
        d.run(update);
        assertEquals(LedgerResult.SUCCESS, update.result);
        assertEquals(LedgerResult.RATING_FAILED, update.serviceResults[0].result);
        assertEquals(0, update.serviceResults[0].grantedUnits, "no default grant");
        assertEquals(200, update.serviceResults[0].chargedMinor, "the usage reported with it is charged");
        assertEquals(LedgerResult.SUCCESS, update.serviceResults[1].result);
        assertEquals(300, update.serviceResults[1].grantedUnits);
        assertEquals(List.of("UsageCommitted", "UnitsReserved", "Answered"), d.ledger.lastEventNames());
        assertEquals(2_500, d.account(account).reservedMinor(), "only the voice grant");
        assertEquals(10_000 - 200, d.account(account).balanceMinor());

        // A CCR-I asking only so: the sole failure is the command's, and the session never opens.
        final LedgerCommand only = d.session(CommandType.RESERVE, "s2", 0);
        only.addIdentity(IdentityType.E164, ALICE);
        only.addService(10, ServiceRequest.UNRATABLE, -1);
        d.run(only);
        assertEquals(LedgerResult.RATING_FAILED, only.result);
        assertEquals(2_500, d.account(account).reservedMinor());

        // Two services of one rating group: the one asking in another unit is refused, the other gets the grant.
        final LedgerCommand split = d.session(CommandType.RESERVE, "s3", 0);
        split.addIdentity(IdentityType.E164, ALICE);
        service(split, 10, 1, ServiceRequest.UNRATABLE, -1);
        service(split, 10, 2, 0, -1);
        d.run(split);
        assertEquals(LedgerResult.SUCCESS, split.result);
        assertEquals(LedgerResult.RATING_FAILED, split.serviceResults[0].result);
        assertEquals(LedgerResult.SUCCESS, split.serviceResults[1].result);
        assertEquals(10 * MIB, split.serviceResults[1].grantedUnits);
        assertEquals(2_500 + 1_000, d.account(account).reservedMinor());
    }

    private static ServiceRequest service(final LedgerCommand cmd, final long rg, final long si, final long requested,
        final long used)
    {
        final ServiceRequest req = cmd.addService(rg, requested, used);
        req.serviceIdentifier = si;
        return req;
    }

    @Test
    void shouldChargeEveryServiceOfARatingGroupToItsOneReservation()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand reserve = d.session(CommandType.RESERVE, "s1", 0);
        reserve.addIdentity(IdentityType.E164, ALICE);
        service(reserve, 10, 1, 0, -1);
        service(reserve, 10, 2, 0, -1);
        d.run(reserve);
        assertEquals(LedgerResult.SUCCESS, reserve.result);
        assertEquals(LedgerResult.SUCCESS, reserve.serviceResults[1].result);
        assertEquals(10 * MIB, reserve.serviceResults[0].grantedUnits);
        assertEquals(0, reserve.serviceResults[1].grantedUnits, "one grant for the rating group");
        assertEquals(1_000, d.account(account).reservedMinor());

        final LedgerCommand update = d.session(CommandType.UPDATE, "s1", 1);
        service(update, 10, 1, 0, MIB / 2);
        service(update, 10, 2, 0, MIB / 2 + 1);
        d.run(update);
        assertEquals(LedgerResult.SUCCESS, update.serviceResults[1].result);
        assertEquals(List.of("UsageCommitted", "UsageCommitted", "UnitsReserved", "Answered"),
            d.ledger.lastEventNames());
        assertEquals(200, update.serviceResults[0].chargedMinor + update.serviceResults[1].chargedMinor,
            "1 MiB + 1 octet: two started MiB, rounded across both services");
        assertEquals(1_000, d.account(account).reservedMinor(), "still one grant");

        final LedgerCommand end = d.session(CommandType.TERMINATE, "s1", 2);
        service(end, 10, 1, -1, 2 * MIB);
        service(end, 10, 2, -1, 3 * MIB);
        d.run(end);
        assertEquals(LedgerResult.SUCCESS, end.serviceResults[0].result);
        assertEquals(LedgerResult.SUCCESS, end.serviceResults[1].result);
        assertEquals(10_000 - 200 - 500, d.account(account).balanceMinor(), "the second service's usage is charged");
        assertEquals(0, d.account(account).reservedMinor());

        final LedgerCommand same = d.session(CommandType.RESERVE, "s2", 0);
        same.addIdentity(IdentityType.E164, ALICE);
        service(same, 10, 1, 0, -1);
        service(same, 10, 1, 0, -1);
        d.run(same);
        assertEquals(LedgerResult.INVALID_ARGUMENT, same.serviceResults[1].result, "the same service twice");
    }

    @Test
    void shouldAnswerABufferedEventResentHoursLaterFromItsRecordedAnswer()
    {
        final long account = d.createAccount(ALICE, 10_000, 0);
        final LedgerCommand first = event(CommandType.DIRECT_DEBIT, "ev;1", ALICE, 30, 2, -1);
        assertEquals(50, first.serviceResults[0].chargedMinor);
        final LedgerCommand refund = event(CommandType.REFUND, "rf;1", ALICE, 30, 4, -1);
        assertEquals(LedgerResult.SUCCESS, refund.result);
        assertEquals(10_000 - 50 + 100, d.account(account).balanceMinor());

        d.advance(6 * 3_600_000);
        d.tick();
        final LedgerCommand again = event(CommandType.DIRECT_DEBIT, "ev;1", ALICE, 30, 2, -1);
        assertTrue(again.duplicate, "RFC 4006 §6.5: never debited twice");
        assertEquals(LedgerResult.SUCCESS, again.result);
        assertEquals(50, again.serviceResults[0].chargedMinor);
        assertTrue(event(CommandType.REFUND, "rf;1", ALICE, 30, 4, -1).duplicate, "never credited twice");
        assertEquals(10_000 - 50 + 100, d.account(account).balanceMinor());

        d.advance(LedgerContext.EVENT_ANSWER_RETENTION_MS_DEFAULT);
        d.tick();
        assertTrue(d.ledger.lastEventNames().contains("EventAnswersPurged"));
        assertFalse(event(CommandType.DIRECT_DEBIT, "ev;1", ALICE, 30, 2, -1).duplicate,
            "past the retention the answer is forgotten");
    }

    @Test
    void shouldForgetTheOldestEventAnswerAtCapacity()
    {
        d = new LedgerDriver(LedgerStateMachine.open(new LedgerContext().journalEnabled(false)
            .eventsEncodedWithoutJournal(true).eventAnswerCapacity(2).conclude(), null));
        d.setTariffs(DATA, VOICE, SMS);
        final long account = d.createAccount(ALICE, 10_000, 0);
        event(CommandType.DIRECT_DEBIT, "ev;1", ALICE, 30, 1, -1);
        event(CommandType.DIRECT_DEBIT, "ev;2", ALICE, 30, 1, -1);
        event(CommandType.DIRECT_DEBIT, "ev;3", ALICE, 30, 1, -1);
        assertTrue(d.ledger.lastEventNames().contains("EventAnswersPurged"));
        d.advance(LedgerContext.EVENT_RESULT_RETENTION_MS_DEFAULT);
        d.tick();
        assertTrue(event(CommandType.DIRECT_DEBIT, "ev;3", ALICE, 30, 1, -1).duplicate);
        assertTrue(event(CommandType.DIRECT_DEBIT, "ev;2", ALICE, 30, 1, -1).duplicate);
        assertFalse(event(CommandType.DIRECT_DEBIT, "ev;1", ALICE, 30, 1, -1).duplicate, "the oldest went first");
        assertEquals(10_000 - 4 * 25, d.account(account).balanceMinor());
    }

    private LedgerCommand accounting(final CommandType type, final String key, final String msisdn, final long counter)
    {
        final LedgerCommand cmd = d.session(type, key, 0);
        cmd.cumulativeUsage = true;
        cmd.originKey = 77;
        if (msisdn != null)
        {
            cmd.addIdentity(IdentityType.E164, msisdn);
        }
        cmd.addService(10, type == CommandType.TERMINATE ? -1 : 0, counter);
        return d.run(cmd);
    }

    @Test
    void shouldOpenANewSessionForAnAcctSessionIdReusedAfterAccountingOn()
    {
        final long alice = d.createAccount(ALICE, 100_000, 0);
        final long bob = d.createAccount("491700000002", 100_000, 0);
        accounting(CommandType.RESERVE, "nas/00000001", ALICE, -1);
        accounting(CommandType.UPDATE, "nas/00000001", null, 50 * MIB);
        assertEquals(100_000 - 5_000, d.account(alice).balanceMinor());
        final LedgerCommand on = d.command(CommandType.RELEASE_ORIGIN_SESSIONS);
        on.originKey = 77;
        d.run(on);

        // The NAS rebooted and numbers its sessions from the start again: the same key is Bob's new session.
        final LedgerCommand start = accounting(CommandType.RESERVE, "nas/00000001", "491700000002", -1);
        assertEquals(LedgerResult.SUCCESS, start.result);
        assertFalse(start.duplicate, "not answered from the old session's record");
        assertEquals(bob, start.accountId);
        accounting(CommandType.UPDATE, "nas/00000001", null, 10 * MIB);
        accounting(CommandType.UPDATE, "nas/00000001", null, 60 * MIB);
        assertEquals(100_000 - 5_000, d.account(alice).balanceMinor(), "nothing of Bob's on Alice");
        assertEquals(100_000 - 6_000, d.account(bob).balanceMinor());
        accounting(CommandType.TERMINATE, "nas/00000001", null, 60 * MIB);
        assertEquals(0, d.account(bob).reservedMinor());

        // A report for a session of the old life finds nothing to charge.
        accounting(CommandType.RESERVE, "nas/00000002", ALICE, -1);
        final LedgerCommand again = d.command(CommandType.RELEASE_ORIGIN_SESSIONS);
        again.originKey = 77;
        d.run(again);
        assertEquals(LedgerResult.UNKNOWN_SESSION,
            accounting(CommandType.UPDATE, "nas/00000002", null, MIB).result);
        assertEquals(100_000 - 5_000, d.account(alice).balanceMinor());
    }
}
