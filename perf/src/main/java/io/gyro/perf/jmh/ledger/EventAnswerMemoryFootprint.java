package io.gyro.perf.jmh.ledger;

import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.LedgerStateMachine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;

/**
 * Bytes per kept one-time event answer (DIRECT_DEBITING and REFUND_ACCOUNT answers kept for
 * {@code ledger.event-answer-retention}, RFC 4006 section 6.5): processes N direct debits with distinct
 * 3GPP-style Session-Ids of 56 octets in a bare ledger, and reports the heap the answers hold (the heap after a full
 * GC with them, less the heap once they are purged) and the bytes the ledger thread allocated per debit. Run with e.g.
 * {@code java -Xmx2g -XX:+UseParallelGC -cp perf/target/benchmarks.jar io.gyro.perf.jmh.ledger.EventAnswerMemoryFootprint 262144}
 * (plus the Chronicle/Agrona module flags).
 */
public final class EventAnswerMemoryFootprint
{
    private EventAnswerMemoryFootprint()
    {
    }

    /**
     * @param args number of debits (default {@link LedgerContext#EVENT_ANSWER_CAPACITY_DEFAULT}).
     */
    public static void main(final String[] args)
    {
        final int debits = args.length > 0 ? Integer.parseInt(args[0]) : LedgerContext.EVENT_ANSWER_CAPACITY_DEFAULT;
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final LedgerStateMachine ledger = LedgerStateMachine.open(new LedgerContext().journalEnabled(false)
            .eventsEncodedWithoutJournal(true).eventAnswerCapacity(Math.max(debits, 1)), null);
        final LedgerCommand cmd = new LedgerCommand();
        LedgerFixture.setTariffs(cmd, LedgerFixture.START_MS);
        ledger.process(cmd);
        LedgerFixture.createAccount(cmd, 0, Long.MAX_VALUE >> 12, false, LedgerFixture.START_MS);
        ledger.process(cmd);
        final byte[][] keys = new byte[debits][];
        for (int i = 0; i < debits; i++)
        {
            keys[i] = String.format("pgw1.mnc001.mcc262.3gppnetwork.org;1768471200;%010d", i)
                .getBytes(StandardCharsets.US_ASCII);
        }

        // A first round grows the session table to its high-water mark (its columns do not shrink), so that the
        // second round's difference is the answers alone.
        long nowMs = debit(ledger, cmd, keys, LedgerFixture.START_MS, "warm-");
        nowMs = tick(ledger, cmd, nowMs + LedgerContext.EVENT_ANSWER_RETENTION_MS_DEFAULT + 1);
        final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        nowMs = debit(ledger, cmd, keys, nowMs, "");
        final long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        // The debits' closed sessions leave after their retention (5 minutes); their answers stay for a day.
        nowMs = tick(ledger, cmd, nowMs + LedgerContext.EVENT_RESULT_RETENTION_MS_DEFAULT + 1);
        gc();
        final long withAnswers = memory.getHeapMemoryUsage().getUsed();
        tick(ledger, cmd, nowMs + LedgerContext.EVENT_ANSWER_RETENTION_MS_DEFAULT + 1);
        gc();
        final long withoutAnswers = memory.getHeapMemoryUsage().getUsed();
        System.out.printf("answers=%d sessionIdOctets=%d heldByAnswers=%d MiB bytesPerAnswer=%.1f " +
            "allocatedPerDebit=%.1f B heapAfterPurge=%d MiB%n", debits, keys[0].length,
            (withAnswers - withoutAnswers) >> 20, (double)(withAnswers - withoutAnswers) / debits,
            (double)allocated / debits, withoutAnswers >> 20);
        if (ledger.sessionCount() != 0)
        {
            throw new IllegalStateException("sessions left: " + ledger.sessionCount());
        }
    }

    private static long debit(
        final LedgerStateMachine ledger, final LedgerCommand cmd, final byte[][] keys, final long startMs,
        final String prefix)
    {
        final byte[] prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
        long nowMs = startMs;
        for (int i = 0; i < keys.length; i++)
        {
            cmd.reset();
            cmd.type = CommandType.DIRECT_DEBIT;
            cmd.timestampMs = ++nowMs;
            if (prefixBytes.length > 0)
            {
                final byte[] key = new byte[prefixBytes.length + keys[i].length];
                System.arraycopy(prefixBytes, 0, key, 0, prefixBytes.length);
                System.arraycopy(keys[i], 0, key, prefixBytes.length, keys[i].length);
                cmd.sessionKey(key, 0, key.length);
            }
            else
            {
                cmd.sessionKey(keys[i], 0, keys[i].length);
            }
            cmd.addIdentity(IdentityType.E164, LedgerFixture.msisdn(0));
            cmd.addService(LedgerFixture.RATING_GROUP, LedgerFixture.MIB, -1);
            ledger.process(cmd);
            if (cmd.result != LedgerResult.SUCCESS)
            {
                throw new IllegalStateException("debit " + i + ": " + cmd.result);
            }
        }
        return nowMs;
    }

    /** TICK until every due closed session (and expired answer) is gone. */
    private static long tick(final LedgerStateMachine ledger, final LedgerCommand cmd, final long nowMs)
    {
        do
        {
            cmd.reset();
            cmd.type = CommandType.TICK;
            cmd.timestampMs = nowMs;
            ledger.process(cmd);
        }
        while (cmd.result == LedgerResult.LIMIT_EXCEEDED);
        return nowMs;
    }

    private static void gc()
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
    }
}
