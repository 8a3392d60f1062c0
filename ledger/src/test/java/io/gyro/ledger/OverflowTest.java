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

    private LedgerDriver d = driver(false);

    private static LedgerDriver driver(final boolean pilot)
    {
        final LedgerDriver driver = new LedgerDriver(LedgerStateMachine.open(new LedgerContext().journalEnabled(false)
            .eventsEncodedWithoutJournal(true).pilotMode(pilot).conclude(), null));
        driver.setTariffs(DATA, SMS, PING, FREE);
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
        final long account = d.createAccount(ALICE, 1_000, 0);
        d.reserve("s1", 0, ALICE, 30, 1);
        d.reserve("s2", 0, ALICE, 30, 1);

        final LedgerCommand huge = d.terminate("s1", 1, 30, 400_000_000_000_000_000L);
        assertEquals(LedgerResult.INVALID_ARGUMENT, huge.result);
        assertEquals(LedgerResult.INVALID_ARGUMENT, huge.serviceResults[0].result);
        assertEquals(0, huge.serviceResults[0].chargedMinor);
        assertEquals(List.of("UnratedRecorded", "ReservationReleased", "Answered", "SessionClosed"),
            d.ledger.lastEventNames());
        assertEquals(1_000, d.account(account).balanceMinor(), "nothing charged");
        assertEquals(0, d.account(account).consumedMinor());
        assertEquals(25, d.account(account).reservedMinor(), "s2 still holds its grant");

        final LedgerCommand next = d.terminate("s2", 1, 30, 100);
        assertEquals(LedgerResult.SUCCESS, next.result);
        assertEquals(2_500, next.serviceResults[0].chargedMinor);
        assertEquals(-1_500, d.account(account).balanceMinor());
        assertEquals(LedgerResult.CREDIT_LIMIT_REACHED, d.reserve("s3", 0, ALICE, 10, 100 * MIB).result,
            "the balance did not wrap into credit");
    }

    @Test
    void shouldRefuseTheReportThatWouldCarryTheBalancePastALong()
    {
        final long account = d.createAccount(ALICE, 1_000, 0);
        d.reserve("s1", 0, ALICE, 31, 1);
        d.reserve("s2", 0, ALICE, 31, 1);
        final long quarter = 1L << 62;
        assertEquals(quarter, d.terminate("s1", 1, 31, quarter).serviceResults[0].chargedMinor,
            "a charge a long holds is applied");
        assertEquals(1_000 - quarter, d.account(account).balanceMinor());

        final LedgerCommand second = d.terminate("s2", 1, 31, quarter);
        assertEquals(LedgerResult.INVALID_ARGUMENT, second.serviceResults[0].result);
        assertEquals(1_000 - quarter, d.account(account).balanceMinor());
        assertEquals(quarter, d.account(account).consumedMinor());
        assertEquals(0, d.account(account).reservedMinor());
    }

    @Test
    void shouldRefuseUsageThatWouldCarryAReservationsUsedUnitsPastALong()
    {
        final long account = d.createAccount(ALICE, 1_000, 0);
        d.reserve("s1", 0, ALICE, 32, 1);
        final LedgerCommand first = d.update("s1", 1, 32, Long.MAX_VALUE - 5, 1);
        assertEquals(LedgerResult.SUCCESS, first.result);
        assertEquals(Long.MAX_VALUE - 5, first.serviceResults[0].cumulativeUsedUnits);

        final LedgerCommand second = d.update("s1", 2, 32, 10, 1);
        assertEquals(LedgerResult.INVALID_ARGUMENT, second.result);
        assertEquals(List.of("UnratedRecorded", "ReservationReleased", "Answered", "SessionClosed"),
            d.ledger.lastEventNames());
        final LedgerCommand last = d.terminate("s1", 3, 32, 5);
        assertEquals(LedgerResult.SUCCESS, last.result);
        assertEquals(Long.MAX_VALUE, last.serviceResults[0].cumulativeUsedUnits, "the count stayed exact");
        assertEquals(1_000, d.account(account).balanceMinor());
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
