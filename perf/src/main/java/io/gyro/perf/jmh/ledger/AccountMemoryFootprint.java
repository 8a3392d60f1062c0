package io.gyro.perf.jmh.ledger;

import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.LedgerStateMachine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Bytes per account: creates N accounts (one E.164 identity and one bucket each) in a bare ledger and reports the
 * heap retained after a full GC. Run with the heap under test, e.g.
 * {@code java -Xmx2g -XX:+UseParallelGC -cp benchmarks.jar io.gyro.perf.jmh.ledger.AccountMemoryFootprint 10000000}
 * (plus the Chronicle/Agrona flags, or {@code java -jar} style via the manifest).
 */
public final class AccountMemoryFootprint
{
    private AccountMemoryFootprint()
    {
    }

    /**
     * @param args number of accounts (default 10 000 000).
     */
    public static void main(final String[] args)
    {
        final int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        gc();
        final long before = memory.getHeapMemoryUsage().getUsed();
        final LedgerStateMachine ledger = LedgerStateMachine.open(
            new LedgerContext().journalEnabled(false).expectedAccounts(accounts), null);
        final LedgerCommand cmd = new LedgerCommand();
        final long started = System.nanoTime();
        for (int i = 0; i < accounts; i++)
        {
            LedgerFixture.createAccount(cmd, i, 10_000, true, LedgerFixture.START_MS);
            ledger.process(cmd);
            if (cmd.result != LedgerResult.SUCCESS)
            {
                throw new IllegalStateException("account " + i + ": " + cmd.result);
            }
        }
        final long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        gc();
        final long after = memory.getHeapMemoryUsage().getUsed();
        final long retained = after - before;
        System.out.printf("accounts=%d heapMax=%d MB retained=%d MB bytesPerAccount=%.1f " +
                "(columns+identity index ~%.1f B/account) created in %d ms%n",
            accounts, memory.getHeapMemoryUsage().getMax() >> 20, retained >> 20, (double)retained / accounts,
            (double)ledger.approximateStateBytes() / accounts, elapsedMs);
        if (ledger.liveAccounts() != accounts)
        {
            throw new IllegalStateException("live accounts " + ledger.liveAccounts());
        }
    }

    private static void gc()
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
    }
}
