package io.gyro.simulator.verify;

import io.gyro.simulator.SubscriberRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void shouldPassWhenEveryTouchedBalanceIsOpeningMinusTheExpectedCharges() throws IOException
    {
        final Ledger ledger = new Ledger();
        for (int i = 0; i < 4; i++)
        {
            ledger.set(i, 1_000_000, 0);
        }
        final BalanceVerifier verifier = new BalanceVerifier(ledger, RANGE, 2);
        final SubscriberBalance[] opening = verifier.readOpening(4);
        final ExpectedCharges charges = new ExpectedCharges(RANGE);
        charges.charge(0, 300);
        charges.charge(0, 200);
        charges.touch(2);
        ledger.set(0, 999_500, 0);

        final VerificationResult result = verifier.verify(opening, charges, 0);

        assertTrue(result.passed(), result.toString());
        assertEquals(2, result.subscribersChecked(), "untouched subscribers are not compared");
        assertEquals(500, result.expectedChargeMinor());
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
        charges.charge(0, 100);
        charges.charge(1, 100);
        charges.markUncertain(1);
        charges.touch(3);
        ledger.set(0, 999_800, 0);
        ledger.set(1, 999_900, 1_000);

        final VerificationResult result = verifier.verify(opening, charges, 2);

        assertFalse(result.passed());
        assertEquals(1, result.differences().size());
        assertEquals("491700000000", result.differences().get(0).msisdn());
        assertEquals(-100, result.differences().get(0).deltaMinor());
        assertEquals(1, result.reservedNotZero().size());
        assertEquals(1_000, result.reservedNotZero().get(0).reservedMinor());
        assertEquals(java.util.List.of("491700000003"), result.unknown(), "touched but unknown to the server");
        assertEquals(java.util.List.of("491700000001"), result.uncertain());
        assertEquals(2, result.sessionsLeftOpen());
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
