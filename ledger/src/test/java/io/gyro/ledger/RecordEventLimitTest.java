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
        // 4096 due sessions with 16 reservations each are 69,632 events, past a record's 65,535: the ledger halted.
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

    /** Repeat a block or delete with the boundary its first command answered until nothing is left. */
    private static int continueUntilDone(final LedgerDriver d, final LedgerCommand first, final CommandType type)
    {
        int commands = 1;
        LedgerCommand last = first;
        while (last.result == LedgerResult.LIMIT_EXCEEDED)
        {
            assertTrue(eventsOfLastCommand(d) <= LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND *
                (RATING_GROUPS + 1) + 1);
            final LedgerCommand next = d.command(type);
            next.accountId = first.accountId;
            next.requestNumber = first.requestNumber;
            last = d.run(next);
            assertEquals(first.requestNumber, next.requestNumber, "the boundary stays");
            commands++;
        }
        assertEquals(LedgerResult.SUCCESS, last.result);
        return commands;
    }

    private static LedgerCommand reserveOne(final LedgerDriver d, final String key)
    {
        return d.reserve(key, 0, ALICE, 100, 0);
    }

    @Test
    void shouldBlockAnAccountWithMoreSessionsThanOneRecordHoldsInBoundedCommands()
    {
        // A block used to release every open session in one record; about 32k sessions halted the ledger.
        final LedgerStateMachine ledger = open();
        final LedgerDriver d = new LedgerDriver(ledger);
        d.setTariffs(ANY_RATING_GROUP);
        final long account = d.createAccount(ALICE, 1_000_000_000, 0);
        final int sessions = 2 * LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND + 88;
        openSessions(d, "s", sessions, RATING_GROUPS);

        final LedgerCommand block = d.command(CommandType.BLOCK_ACCOUNT);
        block.accountId = account;
        assertEquals(LedgerResult.LIMIT_EXCEEDED, d.run(block).result, "more than one command releases");
        assertTrue(block.requestNumber > 0, "the boundary the continuations carry");
        assertEquals(account, block.accountId);
        assertEquals(AccountStatus.BLOCKED, d.account(account).status());
        assertEquals(sessions - LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND, d.account(account).openSessions());
        assertEquals(LedgerResult.END_USER_SERVICE_DENIED, reserveOne(d, "new").result, "blocked at once");

        assertEquals(3, continueUntilDone(d, block, CommandType.BLOCK_ACCOUNT));
        d.ledger.flush();
        assertEquals(0, d.account(account).openSessions());
        assertEquals(0, d.account(account).reservedMinor());
        assertEquals(1_000_000_000, d.account(account).balanceMinor());
        assertEquals(sessions, listener.events.size());
        assertEquals("abort s0 ACCOUNT_BLOCKED", listener.events.get(0));
        assertEquals("abort s" + (sessions - 1) + " ACCOUNT_BLOCKED", listener.events.get(sessions - 1));
        assertReplaysToTheSameState(ledger);
    }

    @Test
    void shouldStopContinuingABlockOnceTheAccountIsUnblocked()
    {
        final LedgerDriver d = new LedgerDriver(open());
        d.setTariffs(ANY_RATING_GROUP);
        final long account = d.createAccount(ALICE, 1_000_000_000, 0);
        final int sessions = LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND + 5;
        openSessions(d, "s", sessions, 1);
        final LedgerCommand update = d.command(CommandType.UPDATE_ACCOUNT);
        update.accountId = account;
        update.payload = new AccountUpdate().status(AccountStatus.BLOCKED);
        assertEquals(LedgerResult.LIMIT_EXCEEDED, d.run(update).result, "an update that blocks continues as a block");
        assertEquals(5, d.account(account).openSessions());

        final LedgerCommand unblock = d.command(CommandType.UNBLOCK_ACCOUNT);
        unblock.accountId = account;
        assertEquals(LedgerResult.SUCCESS, d.run(unblock).result);
        final LedgerCommand late = d.command(CommandType.BLOCK_ACCOUNT);
        late.accountId = account;
        late.requestNumber = update.requestNumber;
        assertEquals(LedgerResult.SUCCESS, d.run(late).result);
        assertEquals(List.of(), d.ledger.lastEventNames(), "an unblocked account keeps its sessions");
        assertEquals(5, d.account(account).openSessions());
        assertEquals(AccountStatus.ACTIVE, d.account(account).status());
        assertReplaysToTheSameState(d.ledger);
    }

    @Test
    void shouldDeleteAnAccountWithManyOpenSessionsInBoundedCommandsBlockingItMeanwhile()
    {
        final LedgerStateMachine ledger = open();
        final LedgerDriver d = new LedgerDriver(ledger);
        d.setTariffs(ANY_RATING_GROUP);
        final long account = d.createAccount(ALICE, 1_000_000_000, 0);
        final int sessions = 2 * LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND + 88;
        openSessions(d, "s", sessions, RATING_GROUPS);

        final LedgerCommand delete = d.command(CommandType.DELETE_ACCOUNT);
        delete.accountId = account;
        assertEquals(LedgerResult.LIMIT_EXCEEDED, d.run(delete).result);
        assertEquals(AccountStatus.BLOCKED, d.account(account).status(), "no new sessions while it is deleted");
        assertEquals(LedgerResult.END_USER_SERVICE_DENIED, reserveOne(d, "new").result);

        assertEquals(3, continueUntilDone(d, delete, CommandType.DELETE_ACCOUNT));
        final List<String> lastEvents = d.ledger.lastEventNames();
        assertEquals("AccountDeleted", lastEvents.get(lastEvents.size() - 1));
        d.ledger.flush();
        assertEquals(LedgerResult.USER_UNKNOWN, reserveOne(d, "after").result, "identities are gone");
        assertEquals(sessions, listener.events.size());
        assertEquals("abort s0 ACCOUNT_DELETED", listener.events.get(0));
        final LedgerAudit audit = ledger.audit();
        assertEquals(0, audit.reservedMinor[(int)account], "every reservation was released");
        assertEquals(0, audit.sessionHeldMinor[(int)account]);
        assertEquals(1_000_000_000, audit.balanceMinor[(int)account]);

        final LedgerCommand late = d.update("s7", 1, 100, MIB, 0);
        assertEquals(LedgerResult.UNKNOWN_SESSION, late.result, "a tombstone of a deleted account");
        assertEquals(List.of("UnratedRecorded", "Answered"), d.ledger.lastEventNames(), "its usage leaves a trace");
        d.advance(LedgerContext.TOMBSTONE_MS_DEFAULT + 1);
        while (d.tick().result == LedgerResult.LIMIT_EXCEEDED)
        {
            eventsOfLastCommand(d);
        }
        d.ledger.flush();
        assertEquals(0, ledger.sessionCount(), "tombstones are forgotten at their deadline");
        assertReplaysToTheSameState(ledger);
    }

    @Test
    void shouldDeleteAnAccountWithMoreRetainedEventsThanOneRecordHolds()
    {
        // 65,536 one-shot events retained for 5 minutes used to make the delete write 65,537 events.
        final LedgerStateMachine ledger = open();
        final LedgerDriver d = new LedgerDriver(ledger);
        d.setTariffs(Tariff.builder(30).name("sms").unitType(UnitType.EVENTS).quantumUnits(1)
            .pricePerQuantumMinor(25).defaultGrantUnits(1).maxGrantUnits(10).build());
        final long account = d.createAccount(ALICE, 10_000_000, 0);
        final int events = JournalRecordDescriptor.MAX_EVENTS_PER_RECORD + 1;
        for (int i = 0; i < events; i++)
        {
            final LedgerCommand ev = d.session(CommandType.DIRECT_DEBIT, "ev" + i, 0);
            ev.addIdentity(IdentityType.E164, ALICE);
            ev.addService(30, 1, -1);
            assertEquals(LedgerResult.SUCCESS, d.run(ev).result);
        }
        d.ledger.flush();
        assertEquals(10_000_000 - 25L * events, d.account(account).balanceMinor());

        final LedgerCommand delete = d.command(CommandType.DELETE_ACCOUNT);
        delete.accountId = account;
        assertEquals(LedgerResult.SUCCESS, d.run(delete).result);
        assertEquals(List.of("AccountDeleted"), d.ledger.lastEventNames(), "closed entries end on their own");
        final LedgerCommand retransmitted = d.session(CommandType.DIRECT_DEBIT, "ev9", 0);
        retransmitted.addIdentity(IdentityType.E164, ALICE);
        retransmitted.addService(30, 1, -1);
        assertTrue(d.run(retransmitted).duplicate, "its answer is still kept for retransmissions");

        d.advance(LedgerContext.EVENT_RESULT_RETENTION_MS_DEFAULT + 1);
        int ticks = 1;
        while (d.tick().result == LedgerResult.LIMIT_EXCEEDED)
        {
            eventsOfLastCommand(d);
            ticks++;
        }
        assertEquals(events / LedgerLimits.MAX_DEADLINES_PER_TICK, ticks);
        assertEquals(0, ledger.sessionCount());
        assertReplaysToTheSameState(ledger);
    }
}
