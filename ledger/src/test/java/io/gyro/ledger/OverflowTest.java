package io.gyro.ledger;

import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.testing.LedgerDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A decision whose application would carry a balance, consumed, credited or a reservation's used units past a long
 * is refused, never applied with wrapping arithmetic; amounts an operator gives are bounded at
 * {@link LedgerLimits#MAX_AMOUNT_MINOR}.
 */
class OverflowTest
{
    static final long MIB = 1 << 20;
    static final String ALICE = "491700000001";
    static final Tariff DATA = Tariff.builder(10).name("data").unitType(UnitType.OCTETS).quantumUnits(MIB)
        .pricePerQuantumMinor(100).defaultGrantUnits(10 * MIB).maxGrantUnits(100 * MIB).validityTimeSec(600).build();
    static final Tariff SMS = Tariff.builder(30).name("sms").unitType(UnitType.EVENTS).quantumUnits(1)
        .pricePerQuantumMinor(25).defaultGrantUnits(1).maxGrantUnits(10).build();
    static final Tariff PING = Tariff.builder(31).name("ping").unitType(UnitType.EVENTS).quantumUnits(1)
        .pricePerQuantumMinor(1).defaultGrantUnits(1).maxGrantUnits(10).build();
    static final Tariff FREE = Tariff.builder(32).name("free").unitType(UnitType.EVENTS).quantumUnits(1)
        .pricePerQuantumMinor(0).defaultGrantUnits(1).maxGrantUnits(10).build();
    /** 2^12 per event: a report within {@link LedgerLimits#MAX_REPORTED_UNITS} can cost more than a long holds. */
    static final Tariff PREMIUM = Tariff.builder(33).name("premium").unitType(UnitType.EVENTS).quantumUnits(1)
        .pricePerQuantumMinor(1 << 12).defaultGrantUnits(1).maxGrantUnits(10).build();
    /** 1.5 x 2^10 per event: 2^52 events cost 1.5 x 2^62, which a long holds once but not twice. */
    static final Tariff DEAR = Tariff.builder(34).name("dear").unitType(UnitType.EVENTS).quantumUnits(1)
        .pricePerQuantumMinor(3 << 9).defaultGrantUnits(1).maxGrantUnits(10).build();

    private LedgerDriver d = driver(false);

    private static LedgerDriver driver(final boolean pilot)
    {
        final LedgerDriver driver = new LedgerDriver(LedgerStateMachine.open(new LedgerContext().journalEnabled(false)
            .eventsEncodedWithoutJournal(true).pilotMode(pilot).conclude(), null));
        driver.setTariffs(DATA, SMS, PING, FREE, PREMIUM, DEAR);
        return driver;
    }

    @AfterEach
    void invariantHolds()
    {
        d.assertConserved();
    }

    @Test
    void shouldRefuseUsageWhoseChargeNoLongHoldsAndRecordItUnrated()
    {
        final long account = d.createAccount(ALICE, 5_000, 0);
        d.reserve("s1", 0, ALICE, 33, 1);
        d.reserve("s2", 0, ALICE, 30, 1);

        // 2^52 events at 2^12 each: 2^64, more than a long holds.
        final LedgerCommand huge = d.terminate("s1", 1, 33, 1L << 52);
        assertEquals(LedgerResult.INVALID_ARGUMENT, huge.result);
        assertEquals(LedgerResult.INVALID_ARGUMENT, huge.serviceResults[0].result);
        assertEquals(0, huge.serviceResults[0].chargedMinor);
        assertEquals(List.of("UnratedRecorded", "ReservationReleased", "Answered", "SessionClosed"),
            d.ledger.lastEventNames());
        assertEquals(5_000, d.account(account).balanceMinor(), "nothing charged");
        assertEquals(0, d.account(account).consumedMinor());
        assertEquals(25, d.account(account).reservedMinor(), "s2 still holds its grant");

        final LedgerCommand next = d.terminate("s2", 1, 30, 300);
        assertEquals(LedgerResult.SUCCESS, next.result);
        assertEquals(7_500, next.serviceResults[0].chargedMinor);
        assertEquals(-2_500, d.account(account).balanceMinor());
        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, d.reserve("s3", 0, ALICE, 10, 100 * MIB).result,
            "the balance did not wrap into credit");
    }

    @Test
    void shouldRefuseTheReportThatWouldCarryTheBalancePastALong()
    {
        final long account = d.createAccount(ALICE, 1_000, 5_000);
        d.reserve("s1", 0, ALICE, 34, 1);
        d.reserve("s2", 0, ALICE, 34, 1);
        final long charge = 3L << 61;
        assertEquals(charge, d.terminate("s1", 1, 34, 1L << 52).serviceResults[0].chargedMinor,
            "a charge a long holds is applied");
        assertEquals(1_000 - charge, d.account(account).balanceMinor());

        final LedgerCommand second = d.terminate("s2", 1, 34, 1L << 52);
        assertEquals(LedgerResult.INVALID_ARGUMENT, second.serviceResults[0].result);
        assertEquals(1_000 - charge, d.account(account).balanceMinor());
        assertEquals(charge, d.account(account).consumedMinor());
        assertEquals(0, d.account(account).reservedMinor());
    }

    @Test
    void shouldRefuseUsageThatWouldCarryAReservationsUsedUnitsPastALong()
    {
        final long account = d.createAccount(ALICE, 1_000, 0);
        d.reserve("s1", 0, ALICE, 32, 1);
        // 1024 reports of the largest count: 2^63 - 1024 units used.
        final int reports = 1 << 10;
        for (int i = 1; i <= reports; i++)
        {
            assertEquals(LedgerResult.SUCCESS, d.update("s1", i, 32, LedgerLimits.MAX_REPORTED_UNITS, 1).result);
        }
        assertEquals(Long.MAX_VALUE - 1023, d.update("s1", reports + 1, 32, 0, 1).serviceResults[0].cumulativeUsedUnits);

        final LedgerCommand second = d.update("s1", reports + 2, 32, 1024, 1);
        assertEquals(LedgerResult.INVALID_ARGUMENT, second.result);
        assertEquals(List.of("UnratedRecorded", "ReservationReleased", "Answered", "SessionClosed"),
            d.ledger.lastEventNames());
        final LedgerCommand last = d.terminate("s1", reports + 3, 32, 1023);
        assertEquals(LedgerResult.SUCCESS, last.result);
        assertEquals(Long.MAX_VALUE, last.serviceResults[0].cumulativeUsedUnits, "the count stayed exact");
        assertEquals(1_000, d.account(account).balanceMinor());
    }

    @Test
    void shouldRefuseAReportLargerThanAnyRealUsageEvenWhenItsChargeWouldFit()
    {
        final long account = d.createAccount(ALICE, 1_000, 0);
        d.reserve("s1", 0, ALICE, 10, 0);
        d.reserve("s2", 0, ALICE, 32, 1);

        // 2^53 octets (8 PiB) cost 8.6 x 10^11 at 1.00 per MiB, which a long holds: refused all the same.
        final LedgerCommand huge = d.terminate("s1", 1, 10, LedgerLimits.MAX_REPORTED_UNITS + 1);
        assertEquals(LedgerResult.INVALID_ARGUMENT, huge.serviceResults[0].result);
        assertEquals(0, huge.serviceResults[0].chargedMinor);
        assertEquals(List.of("UnratedRecorded", "ReservationReleased", "Answered", "SessionClosed"),
            d.ledger.lastEventNames());
        assertEquals(1_000, d.account(account).balanceMinor());

        final LedgerCommand largest = d.terminate("s2", 1, 32, LedgerLimits.MAX_REPORTED_UNITS);
        assertEquals(LedgerResult.SUCCESS, largest.serviceResults[0].result, "the largest count is still taken");
        assertEquals(LedgerLimits.MAX_REPORTED_UNITS, largest.serviceResults[0].cumulativeUsedUnits);
        assertEquals(0, d.account(account).reservedMinor());
    }

    @Test
    void shouldRefuseARefundOrPilotDebitWhoseAmountNoLongHolds()
    {
        final long account = d.createAccount(ALICE, 1_000, 0);
        final LedgerCommand refund = d.session(CommandType.REFUND, "r1", 0);
        refund.addIdentity(IdentityType.E164, ALICE);
        refund.addService(30, Long.MAX_VALUE, -1);
        d.run(refund);
        assertEquals(LedgerResult.INVALID_ARGUMENT, refund.result);
        assertEquals(1_000, d.account(account).balanceMinor());
        d.assertConserved();

        d = driver(true);
        final long pilot = d.createAccount(ALICE, 1_000, 0);
        final LedgerCommand debit = d.session(CommandType.DIRECT_DEBIT, "e1", 0);
        debit.addIdentity(IdentityType.E164, ALICE);
        debit.addService(30, Long.MAX_VALUE, -1);
        d.run(debit);
        assertEquals(LedgerResult.INVALID_ARGUMENT, debit.result, "pilot mode charges anything a long holds");
        assertEquals(1_000, d.account(pilot).balanceMinor());
    }

    @Test
    void shouldBoundAmountsAnOperatorGives()
    {
        final long max = LedgerLimits.MAX_AMOUNT_MINOR;
        final LedgerCommand tooRich = d.command(CommandType.CREATE_ACCOUNT);
        tooRich.payload = new AccountSpec().identity(IdentityType.E164, ALICE).openingBalanceMinor(max + 1);
        assertEquals(LedgerResult.INVALID_ARGUMENT, d.run(tooRich).result);
        final LedgerCommand tooPoor = d.command(CommandType.CREATE_ACCOUNT);
        tooPoor.payload = new AccountSpec().identity(IdentityType.E164, ALICE).openingBalanceMinor(-max - 1);
        assertEquals(LedgerResult.INVALID_ARGUMENT, d.run(tooPoor).result);
        final LedgerCommand tooMuchCredit = d.command(CommandType.CREATE_ACCOUNT);
        tooMuchCredit.payload = new AccountSpec().identity(IdentityType.E164, ALICE).creditLimitMinor(max + 1);
        assertEquals(LedgerResult.INVALID_ARGUMENT, d.run(tooMuchCredit).result);

        final long account = d.createAccount(ALICE, -max, max);
        assertEquals(LedgerResult.INVALID_ARGUMENT, d.topUp(account, max + 1, null).result);
        final LedgerCommand bucket = d.command(CommandType.ADD_BUCKET);
        bucket.accountId = account;
        bucket.payload = new BucketSpec(UnitType.OCTETS, LedgerLimits.MAX_BUCKET_UNITS + 1, 10, 0);
        assertEquals(LedgerResult.INVALID_ARGUMENT, d.run(bucket).result);
        final LedgerCommand limit = d.command(CommandType.UPDATE_ACCOUNT);
        limit.accountId = account;
        limit.payload = new AccountUpdate().creditLimitMinor(max + 1);
        assertEquals(LedgerResult.INVALID_ARGUMENT, d.run(limit).result);
        final LedgerCommand debit = d.command(CommandType.DIRECT_DEBIT);
        debit.accountId = account;
        debit.amountMinor = max + 1;
        assertEquals(LedgerResult.INVALID_ARGUMENT, d.run(debit).result);
        assertEquals(-max, d.account(account).balanceMinor(), "nothing applied");
        assertEquals(max, d.account(account).creditLimitMinor());
    }

    @Test
    void shouldRefuseTheTopUpThatWouldCarryTheBalancePastALong()
    {
        final long max = LedgerLimits.MAX_AMOUNT_MINOR;
        final long account = d.createAccount(ALICE, 0, 0);
        final long fitting = Long.MAX_VALUE / max;
        for (int i = 0; i < fitting; i++)
        {
            assertEquals(LedgerResult.SUCCESS, d.topUp(account, max, null).result);
        }
        final LedgerCommand past = d.topUp(account, max, "one-too-many");
        assertEquals(LedgerResult.INVALID_ARGUMENT, past.result);
        assertEquals(fitting * max, past.balanceMinor);
        assertEquals(fitting * max, d.account(account).balanceMinor());
        assertEquals(LedgerResult.INVALID_ARGUMENT, d.topUp(account, max, "one-too-many").result,
            "a refused top-up does not record its idempotency key");

        final LedgerCommand limit = d.command(CommandType.UPDATE_ACCOUNT);
        limit.accountId = account;
        limit.payload = new AccountUpdate().creditLimitMinor(max);
        assertEquals(LedgerResult.INVALID_ARGUMENT, d.run(limit).result, "available money would pass a long");
        assertEquals(0, d.account(account).creditLimitMinor());
    }
}
