package io.gyro.ledger;

import io.gyro.ledger.journal.JournalRecordDescriptor;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.testing.ConservationInvariant;
import io.gyro.ledger.testing.LedgerDriver;
import io.gyro.ledger.testing.RecordingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No command writes a journal record past its 16-bit event count (the encoder halts the ledger rather than do so):
 * commands whose work grows with the number of sessions do it in bounded steps. Each case runs with the journal on
 * and checks that a restart replays to the same state.
 */
class RecordEventLimitTest
{
    static final long MIB = 1 << 20;
    static final String ALICE = "491700000001";
    static final int RATING_GROUPS = 16;
    static final Tariff ANY_RATING_GROUP = Tariff.builder(Tariff.DEFAULT_RATING_GROUP).name("dflt")
        .unitType(UnitType.OCTETS).quantumUnits(MIB).pricePerQuantumMinor(1).defaultGrantUnits(MIB)
        .maxGrantUnits(MIB).validityTimeSec(600).build();

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();

    private LedgerStateMachine open()
    {
        return LedgerStateMachine.open(new LedgerContext().journalDir(dir.resolve("journal"))
            .snapshotDir(dir.resolve("snapshots")).fatalErrorHandler(ex ->
            {
                throw new AssertionError(ex);
            }), listener);
    }

    /** Sessions of one account, each holding one reservation in each of {@code ratingGroups} rating groups. */
    private static void openSessions(final LedgerDriver d, final String prefix, final int sessions,
        final int ratingGroups)
    {
        for (int i = 0; i < sessions; i++)
        {
            final LedgerCommand cmd = d.session(CommandType.RESERVE, prefix + i, 0);
            cmd.addIdentity(IdentityType.E164, ALICE);
            for (int rg = 0; rg < ratingGroups; rg++)
            {
                cmd.addService(100 + rg, 0, -1);
            }
            d.run(cmd);
            assertEquals(LedgerResult.SUCCESS, cmd.result);
            if (i % 512 == 511)
            {
                d.ledger.flush();
            }
        }
        d.ledger.flush();
    }

    private static int eventsOfLastCommand(final LedgerDriver d)
    {
        final int events = d.ledger.lastEventNames().size();
        assertTrue(events <= JournalRecordDescriptor.MAX_EVENTS_PER_RECORD, events + " events");
        return events;
    }

    private void assertReplaysToTheSameState(final LedgerStateMachine ledger)
    {
        ConservationInvariant.assertHolds(ledger.audit());
        final long hash = ledger.stateHash();
        ledger.close();
        try (LedgerStateMachine reopened = open())
        {
            assertEquals(hash, reopened.stateHash(), "replay rebuilds the same state");
            ConservationInvariant.assertHolds(reopened.audit());
        }
    }

    @Test
    void shouldTickInStepsOfBoundedEventsWhenDueSessionsHoldManyReservations()
    {
        // Review finding 2: 4096 due sessions with 16 reservations each are 69,632 events, past a record's 65,535.
        final LedgerStateMachine ledger = open();
        final LedgerDriver d = new LedgerDriver(ledger);
        d.setTariffs(ANY_RATING_GROUP);
        final long account = d.createAccount(ALICE, 1_000_000_000, 0);
        openSessions(d, "s", LedgerLimits.MAX_DEADLINES_PER_TICK, RATING_GROUPS);
        assertEquals(LedgerLimits.MAX_DEADLINES_PER_TICK * RATING_GROUPS, d.account(account).reservedMinor());
        d.advance(3_600_000);

        final int perTick = LedgerLimits.MAX_EVENTS_PER_TICK / (RATING_GROUPS + 1);
        final LedgerCommand first = d.tick();
        assertEquals(LedgerResult.LIMIT_EXCEEDED, first.result, "more is due: tick again");
        assertEquals(perTick * (RATING_GROUPS + 1), eventsOfLastCommand(d));
        d.ledger.flush();
        assertEquals(perTick, listener.events.size());
        assertEquals(LedgerResult.LIMIT_EXCEEDED, d.tick().result);
        assertEquals(perTick * (RATING_GROUPS + 1), eventsOfLastCommand(d));
        final LedgerCommand last = d.tick();
        assertEquals(LedgerResult.SUCCESS, last.result);
        final int rest = LedgerLimits.MAX_DEADLINES_PER_TICK - 2 * perTick;
        assertEquals(rest * (RATING_GROUPS + 1), eventsOfLastCommand(d));
        d.ledger.flush();

        assertEquals(LedgerLimits.MAX_DEADLINES_PER_TICK, listener.events.size());
        assertTrue(listener.events.stream().allMatch(e -> e.startsWith("expired s")), listener.events.get(0));
        assertEquals(0, d.account(account).reservedMinor());
        assertEquals(0, d.account(account).openSessions());
        assertEquals(1_000_000_000, d.account(account).balanceMinor(), "released, not charged");
        assertEquals(LedgerResult.SUCCESS, d.tick().result);
        assertEquals(List.of(), d.ledger.lastEventNames(), "nothing left due");
        assertReplaysToTheSameState(ledger);
    }
}
