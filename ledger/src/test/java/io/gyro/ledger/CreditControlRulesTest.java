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
}
