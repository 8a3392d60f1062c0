package io.gyro.ledger.crash;

import io.gyro.ledger.CommandType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerPipeline;
import io.gyro.ledger.LedgerReplyHandler;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.testing.WorkloadGenerator;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

/**
 * Child JVM of {@link CrashSafetyTest}: runs a random workload through the real pipeline (journal on, sync none)
 * until it is killed, printing what was acknowledged. A line leaves only from the reply handler, that is after
 * the journal holds the command:
 * <pre>
 * READY &lt;last command sequence after recovery&gt;
 * A &lt;journal sequence&gt;                    a journaled command was answered
 * T &lt;account&gt; &lt;idempotency key&gt;       a top-up was answered SUCCESS
 * </pre>
 */
public final class CrashWorker
{
    /** Accounts of the workload: small enough that every round touches the same ones. */
    static final int ACCOUNTS = 500;
    /** A snapshot every this many commands, so kills also land during snapshot writes. */
    static final int SNAPSHOT_EVERY = 20_000;

    private CrashWorker()
    {
    }

    /**
     * @param args journal directory, seed, round.
     * @throws Exception never expected; the parent kills this process.
     */
    public static void main(final String[] args) throws Exception
    {
        final long seed = Long.parseLong(args[1]);
        final int round = Integer.parseInt(args[2]);
        final PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
            1 << 16), false, StandardCharsets.US_ASCII);
        final LedgerReplyHandler replies = (cmd, sequence, endOfBatch) ->
        {
            if (cmd.journalSequence > 0)
            {
                out.print("A ");
                out.println(cmd.journalSequence);
            }
            if (cmd.type == CommandType.TOP_UP && cmd.result == LedgerResult.SUCCESS)
            {
                out.println("T " + cmd.accountId + " " +
                    new String(cmd.idempotencyKey, 0, cmd.idempotencyKeyLength, StandardCharsets.US_ASCII) + " " +
                    cmd.amountMinor);
            }
            if (endOfBatch)
            {
                out.flush();
            }
        };
        final LedgerContext context = new LedgerContext().journalDir(Paths.get(args[0])).ringSize(4096);
        final LedgerPipeline pipeline = new LedgerPipeline(context, replies, null);
        pipeline.start();
        out.println("READY " + pipeline.recovery().commandSeq());
        out.flush();
        final WorkloadGenerator workload = new WorkloadGenerator(seed, ACCOUNTS,
            1_768_471_200_000L + round * 86_400_000L, "r" + round + "-");
        long published = 0;
        while (true)
        {
            final boolean snapshot = ++published % SNAPSHOT_EVERY == 0;
            while (!pipeline.tryPublish(CrashWorker::translate, workload, snapshot))
            {
                Thread.onSpinWait();
            }
        }
    }

    private static void translate(
        final LedgerCommand cmd, final long sequence, final WorkloadGenerator workload, final Boolean snapshot)
    {
        workload.next(cmd);
        if (snapshot)
        {
            final long timestampMs = cmd.timestampMs;
            cmd.reset();
            cmd.type = CommandType.TAKE_SNAPSHOT;
            cmd.timestampMs = timestampMs;
        }
    }
}
