package io.gyro.simulator.verify;

import io.gyro.simulator.SubscriberRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerificationTest
{
    private static final SubscriberRange RANGE = new SubscriberRange(491_700_000_000L, 262_010_000_000_000L, 4);

    private static final class Ledger implements BalanceSource
    {
        final Map<String, SubscriberBalance> balances = new HashMap<>();

        void set(final int index, final long balance, final long reserved)
        {
            balances.put(Long.toString(RANGE.msisdn(index)), new SubscriberBalance(balance, reserved, balance - reserved, 4));
        }

        @Override
        public SubscriberBalance balance(final String msisdn)
        {
            return balances.get(msisdn);
        }
    }

    /** One session of subscriber {@code index} that the server opened and that cost {@code costMinor}. */
    private static void session(final ExpectedCharges charges, final int index, final long costMinor)
    {
        charges.touch(index);
        charges.opened();
        charges.charge(index, costMinor);
    }

    @Test
    void shouldPassWhenEveryBalanceIsOpeningMinusTheExpectedCharges() throws IOException
    {
        final Ledger ledger = new Ledger();
        for (int i = 0; i < 4; i++)
        {
            ledger.set(i, 1_000_000, 0);
        }
        final BalanceVerifier verifier = new BalanceVerifier(ledger, RANGE, 2);
        final SubscriberBalance[] opening = verifier.readOpening(4);
        final ExpectedCharges charges = new ExpectedCharges(RANGE);
        session(charges, 0, 300);
        session(charges, 0, 200);
        session(charges, 2, 0);
        ledger.set(0, 999_500, 0);

        final VerificationResult result = verifier.verify(opening, charges, 0);

        assertEquals(VerificationResult.Status.PASSED, result.status(), result.toString());
        assertTrue(result.passed());
        assertEquals(4, result.subscribersChecked(), "every subscriber read at the opening is compared, touched or not");
        assertEquals(1, result.subscribersCharged());
        assertEquals(500, result.expectedChargeMinor());
        assertEquals(3, result.sessionsStarted());
        assertEquals(3, result.sessionsOpened());
        assertNull(result.vacuousReason());
    }

    @Test
    void shouldListEveryDifferenceReservationAndOpenSession() throws IOException
    {
        final Ledger ledger = new Ledger();
        for (int i = 0; i < 3; i++)
        {
            ledger.set(i, 1_000_000, 0);
        }
        final BalanceVerifier verifier = new BalanceVerifier(ledger, RANGE, 1);
        final SubscriberBalance[] opening = verifier.readOpening(4);
        final ExpectedCharges charges = new ExpectedCharges(RANGE);
        session(charges, 0, 100);
        session(charges, 1, 100);
        charges.markUncertain(1);
        charges.touch(3);
        ledger.set(0, 999_800, 0);
        ledger.set(1, 999_900, 1_000);

        final VerificationResult result = verifier.verify(opening, charges, 2);

        assertEquals(VerificationResult.Status.FAILED, result.status());
        assertEquals(1, result.differences().size());
        assertEquals("491700000000", result.differences().get(0).msisdn());
        assertEquals(-100, result.differences().get(0).deltaMinor());
        assertEquals(1, result.reservedNotZero().size());
        assertEquals(1_000, result.reservedNotZero().get(0).reservedMinor());
        assertEquals(List.of("491700000003"), result.unknown(), "touched but unknown to the server");
        assertEquals(List.of("491700000001"), result.uncertain());
        assertEquals(2, result.sessionsLeftOpen());
        assertEquals(List.of(), result.untouchedChanged(), "subscriber 2 was not used and did not move");
    }

    @Test
    void shouldReportAChargeExpectedForASubscriberTheServerDoesNotKnow() throws IOException
    {
        // The server refuses a subscriber it has no account for, so expecting a charge for one means the simulator
        // took a refused session for a served one.
        final Ledger ledger = new Ledger();
        ledger.set(0, 1_000_000, 0);
        final BalanceVerifier verifier = new BalanceVerifier(ledger, RANGE, 1);
        final SubscriberBalance[] opening = verifier.readOpening(4);
        final ExpectedCharges charges = new ExpectedCharges(RANGE);
        session(charges, 0, 100);
        ledger.set(0, 999_900, 0);
        charges.touch(2);
        session(charges, 3, 250);

        final VerificationResult result = verifier.verify(opening, charges, 0);

        assertEquals(List.of("491700000002", "491700000003"), result.unknown());
        assertEquals(List.of("expected a charge of 250 minor units for 491700000003, whom the server does not know"),
            result.errors());
        assertEquals(VerificationResult.Status.FAILED, result.status());
    }

    @Test
    void shouldFailWhenASubscriberNoSessionUsedWasChargedOrHoldsANewReservation() throws IOException
    {
        // A charge booked on the wrong subscriber: the one the run used is right, a bystander lost 100.
        final Ledger ledger = new Ledger();
        ledger.set(0, 1_000_000, 0);
        ledger.set(1, 1_000_000, 0);
        ledger.set(2, 1_000_000, 0);
        ledger.set(3, 1_000_000, 700);
        final BalanceVerifier verifier = new BalanceVerifier(ledger, RANGE, 2);
        final SubscriberBalance[] opening = verifier.readOpening(4);
        final ExpectedCharges charges = new ExpectedCharges(RANGE);
        session(charges, 0, 100);
        ledger.set(0, 999_900, 0);
        ledger.set(1, 999_900, 0);
        ledger.set(2, 1_000_000, 50);
        // Subscriber 3 held 700 from an earlier run and released it: allowed, its balance did not move.
        ledger.set(3, 1_000_000, 0);

        final VerificationResult result = verifier.verify(opening, charges, 0);

        assertEquals(VerificationResult.Status.FAILED, result.status());
        assertEquals(List.of(), result.differences(), "the touched subscriber is right");
        assertEquals(List.of(), result.reservedNotZero());
        assertEquals(List.of("491700000001", "491700000002"),
            result.untouchedChanged().stream().map(VerificationResult.Difference::msisdn).toList());
        final VerificationResult.Difference bystander = result.untouchedChanged().get(0);
        assertEquals(0, bystander.chargedMinor());
        assertEquals(1_000_000, bystander.expectedMinor());
        assertEquals(-100, bystander.deltaMinor());
        assertEquals(50, result.untouchedChanged().get(1).reservedMinor());
        assertEquals(4, result.subscribersChecked());
    }

    @Test
    void shouldNotPassARunWhoseServerRefusedEverySession() throws IOException
    {
        // Every CCR-I shed or refused: nothing opened, nothing charged, every balance as it was.
        final Ledger ledger = new Ledger();
        for (int i = 0; i < 4; i++)
        {
            ledger.set(i, 1_000_000, 0);
        }
        final BalanceVerifier verifier = new BalanceVerifier(ledger, RANGE, 2);
        final SubscriberBalance[] opening = verifier.readOpening(4);
        final ExpectedCharges charges = new ExpectedCharges(RANGE);
        for (int i = 0; i < 8; i++)
        {
            charges.touch(i % 4);
            charges.charge(i % 4, 0);
        }

        final VerificationResult result = verifier.verify(opening, charges, 0);

        assertEquals(VerificationResult.Status.VACUOUS, result.status(), result.toString());
        assertFalse(result.passed());
        assertEquals("the server opened only 0 of 8 sessions (below 10 %): the rest were refused at their first " +
            "request and could not move money", result.vacuousReason());
    }

    @Test
    void shouldNotPassWhenTooFewSessionsOpenedEvenIfTheyWereCharged() throws IOException
    {
        final Ledger ledger = new Ledger();
        ledger.set(0, 1_000_000, 0);
        final BalanceVerifier verifier = new BalanceVerifier(ledger, RANGE, 1);
        final SubscriberBalance[] opening = verifier.readOpening(4);

        final ExpectedCharges tooFew = new ExpectedCharges(RANGE);
        final ExpectedCharges justEnough = new ExpectedCharges(RANGE);
        for (int i = 0; i < 90; i++)
        {
            tooFew.touch(0);
            justEnough.touch(0);
        }
        tooFew.touch(0);
        for (int i = 0; i < 9; i++)
        {
            session(tooFew, 0, 10);
            session(justEnough, 0, 10);
        }
        session(justEnough, 0, 10);
        ledger.set(0, 1_000_000 - 90, 0);

        final VerificationResult nine = verifier.verify(opening, tooFew, 0);
        assertEquals(VerificationResult.Status.VACUOUS, nine.status(), "9 of 100 opened: " + nine);
        assertTrue(nine.vacuousReason().startsWith("the server opened only 9 of 100 sessions"), nine.vacuousReason());

        ledger.set(0, 1_000_000 - 100, 0);
        final VerificationResult ten = verifier.verify(opening, justEnough, 0);
        assertEquals(VerificationResult.Status.PASSED, ten.status(), "10 of 100 opened, exactly the threshold: " + ten);
    }

    @Test
    void shouldNotPassWhenSessionsOpenedButNothingWasExpectedToBeCharged() throws IOException
    {
        final Ledger ledger = new Ledger();
        ledger.set(0, 1_000_000, 0);
        final BalanceVerifier verifier = new BalanceVerifier(ledger, RANGE, 1);
        final SubscriberBalance[] opening = verifier.readOpening(4);
        final ExpectedCharges charges = new ExpectedCharges(RANGE);
        session(charges, 0, 0);
        session(charges, 0, 0);

        final VerificationResult result = verifier.verify(opening, charges, 0);

        assertEquals(VerificationResult.Status.VACUOUS, result.status());
        assertEquals("no money was expected to move: 2 sessions opened, but no usage the server accepted cost " +
            "anything", result.vacuousReason());
        assertEquals(0, result.subscribersCharged());
    }

    @Test
    void shouldReportEvidenceAgainstTheServerAsFailedEvenWhenTheRunWasVacuous() throws IOException
    {
        final Ledger ledger = new Ledger();
        ledger.set(0, 1_000_000, 0);
        ledger.set(1, 1_000_000, 0);
        final BalanceVerifier verifier = new BalanceVerifier(ledger, RANGE, 1);
        final SubscriberBalance[] opening = verifier.readOpening(4);
        final ExpectedCharges charges = new ExpectedCharges(RANGE);
        charges.touch(0);
        charges.charge(0, 0);
        ledger.set(1, 999_000, 0);

        final VerificationResult result = verifier.verify(opening, charges, 0);

        assertEquals(VerificationResult.Status.FAILED, result.status(), "a changed bystander is a finding");
        assertEquals(1, result.untouchedChanged().size());
        assertNotNull(result.vacuousReason(), "still reported, for the reader");
    }

    @Test
    void shouldReadNumbersOutOfTheAdminDocument()
    {
        final String json = "{\"msisdn\":\"491700000000\", \"balanceMinor\" : -1250, \"reservedMinor\":0," +
            "\"availableMinor\":\"-1250\",\"moneyScale\":4,\"ratio\":1.5}";
        assertEquals(-1250, JsonFields.longField(json, "balanceMinor"));
        assertEquals(0, JsonFields.longField(json, "reservedMinor"));
        assertEquals(-1250, JsonFields.longField(json, "availableMinor"));
        assertEquals(Long.MIN_VALUE, JsonFields.longField(json, "ratio"), "not an integer");
        assertEquals(Long.MIN_VALUE, JsonFields.longField(json, "missing"));
        assertEquals(491_700_000_000L, JsonFields.longField(json, "msisdn"), "quoted digits read as a number");
    }
}
