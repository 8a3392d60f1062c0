package io.gyro.ledger;

import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.testing.LedgerDriver;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Network commands allocate nothing per message once the ledger is warm (STYLE.md, "Hot paths"). */
class HotPathAllocationTest
{
    private static final int SESSIONS = 1_000;
    private static final long MIB = 1 << 20;

    @Test
    void shouldAllocateNothingPerNetworkCommandInSteadyState()
    {
        final LedgerDriver d = new LedgerDriver(LedgerStateMachine.open(
            new LedgerContext().journalEnabled(false), null));
        d.setTariffs(Tariff.builder(10).quantumUnits(MIB).pricePerQuantumMinor(1).defaultGrantUnits(MIB)
            .validityTimeSec(600).build());
        for (int i = 0; i < SESSIONS; i++)
        {
            d.createAccount(Long.toString(491_700_000_000L + i), 1_000_000_000L, 0);
        }
        final LedgerCommand[] reserve = new LedgerCommand[SESSIONS];
        final LedgerCommand[] update = new LedgerCommand[SESSIONS];
        final LedgerCommand[] terminate = new LedgerCommand[SESSIONS];
        final LedgerCommand tick = d.command(CommandType.TICK);
        for (int i = 0; i < SESSIONS; i++)
        {
            reserve[i] = d.session(CommandType.RESERVE, "pgw.example.org;" + i, 0);
            reserve[i].addIdentity(IdentityType.IMSI, "262010000000000");
            reserve[i].addIdentity(IdentityType.E164, Long.toString(491_700_000_000L + i));
            reserve[i].addService(10, 0, -1);
            update[i] = d.session(CommandType.UPDATE, "pgw.example.org;" + i, 1);
            update[i].addService(10, 0, 12_345);
            terminate[i] = d.session(CommandType.TERMINATE, "pgw.example.org;" + i, 2);
            terminate[i].addService(10, -1, 777);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        final long thread = Thread.currentThread().getId();
        long allocated = 0;
        long commands = 0;
        for (int round = 0; round < 30; round++)
        {
            final long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < SESSIONS; i++)
            {
                final long base = round * 10L;
                reserve[i].requestNumber = base;
                update[i].requestNumber = base + 1;
                terminate[i].requestNumber = base + 2;
                reserve[i].timestampMs = update[i].timestampMs = terminate[i].timestampMs = tick.timestampMs =
                    LedgerDriver.START_MS + round * 1_000_000L;
                d.ledger.process(reserve[i]);
                d.ledger.process(update[i]);
                d.ledger.process(terminate[i]);
                assertEquals(LedgerResult.SUCCESS, terminate[i].result);
            }
            tick.timestampMs += 600_000;
            d.ledger.process(tick);
            final long after = threads.getThreadAllocatedBytes(thread);
            if (round >= 20)
            {
                allocated += after - before;
                commands += 3L * SESSIONS + 1;
            }
        }
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes over " + commands + " commands");
        d.assertConserved();
    }
}
