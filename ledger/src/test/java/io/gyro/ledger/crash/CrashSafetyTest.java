package io.gyro.ledger.crash;

import io.gyro.ledger.CommandType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.LedgerStateMachine;
import io.gyro.ledger.testing.ConservationInvariant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety: a child JVM runs a random workload through the pipeline and is killed with SIGKILL after a random
 * number of acknowledgements; after each reopen every acknowledged command is in the journal (the recovered
 * sequence is at least the highest acknowledged one), every acknowledged top-up is applied exactly once, and the
 * conservation invariant holds. 5 rounds by default, 50 under {@code -Pslow}; the seed is printed
 * ({@code -Dgyro.test.seed=...} repeats a run).
 */
class CrashSafetyTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void shouldKeepEveryAcknowledgedCommandAcrossKills() throws Exception
    {
        killLoop(5);
    }

    @Test
    @Tag("slow")
    @Timeout(3600)
    void shouldKeepEveryAcknowledgedCommandAcrossFiftyKills() throws Exception
    {
        killLoop(50);
    }

    private void killLoop(final int rounds) throws Exception
    {
        final long seed = Long.getLong("gyro.test.seed", System.nanoTime());
        System.out.println("CrashSafetyTest seed=" + seed + " rounds=" + rounds);
        final SplittableRandom random = new SplittableRandom(seed);
        final Path journal = dir.resolve("journal");
        long previousSeq = 0;
        for (int round = 0; round < rounds; round++)
        {
            final int killAfterAcks = 500 + random.nextInt(60_000);
            final Round result = runAndKill(journal, random.nextLong(), round, killAfterAcks);
            assertEquals(previousSeq, result.readySeq, "the child recovered everything the last reopen saw");
            try (LedgerStateMachine ledger = LedgerStateMachine.open(new LedgerContext().journalDir(journal), null))
            {
                final long recovered = ledger.lastCommandSeq();
                System.out.println("round " + round + ": acks=" + result.acks + " maxAcked=" + result.maxAcked +
                    " recovered=" + recovered + " topUps=" + result.topUps.size() + " snapshot=" +
                    ledger.recovery().snapshot());
                assertTrue(recovered >= result.maxAcked,
                    "round " + round + ": acknowledged command " + result.maxAcked + " lost, journal ends at " + recovered);
                ConservationInvariant.assertHolds(ledger.audit());
                final long hash = ledger.stateHash();
                for (final String topUp : result.topUps)
                {
                    final String[] parts = topUp.split(" ");
                    final LedgerCommand cmd = new LedgerCommand().reset();
                    cmd.type = CommandType.TOP_UP;
                    cmd.accountId = Long.parseLong(parts[1]);
                    // The same top-up again (a retry): the ledger must know its key and answer it as a replay.
                    cmd.amountMinor = Long.parseLong(parts[3]);
                    cmd.idempotencyKey(parts[2]);
                    ledger.process(cmd);
                    assertEquals(LedgerResult.IDEMPOTENT_REPLAY, cmd.result,
                        "round " + round + ": acknowledged top-up " + parts[2] + " is missing");
                }
                assertEquals(hash, ledger.stateHash(), "checking top-ups changed nothing");
                previousSeq = recovered;
            }
        }
    }

    /** What one child did before it was killed. */
    private static final class Round
    {
        long readySeq = -1;
        long acks;
        long maxAcked;
        final List<String> topUps = new ArrayList<>();
        /** The first complete line that did not parse, or null. */
        String unreadable;
    }

    private static Round runAndKill(final Path journal, final long seed, final int round, final int killAfterAcks)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native-access") ||
                arg.startsWith("--sun-misc-unsafe") || arg.startsWith("-Dchronicle"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashWorker.class.getName());
        command.add(journal.toString());
        command.add(Long.toString(seed));
        command.add(Integer.toString(round));
        final Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final Round result = new Round();
        final CountDownLatch enough = new CountDownLatch(1);
        final AtomicLong acks = new AtomicLong();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII)))
            {
                // Lines are taken only when their newline arrived: the kill can cut the last one anywhere, even
                // into a number that still parses ("T 7 r0-pay-3 10" of "... 1000"), and that one is never complete.
                final StringBuilder line = new StringBuilder(64);
                int c;
                while ((c = in.read()) != -1)
                {
                    if (c != '\n')
                    {
                        line.append((char)c);
                        continue;
                    }
                    final String complete = line.toString();
                    line.setLength(0);
                    if (!take(complete, result, acks, killAfterAcks, enough) && null == result.unreadable)
                    {
                        // Any other line must parse: stopping at the first that does not would quietly shrink
                        // maxAcked and the top-ups, and weaken every check below without failing one.
                        result.unreadable = complete;
                    }
                }
            }
            catch (final IOException endOfStream)
            {
                // The pipe closing under the kill ends the output like end of file does.
            }
            finally
            {
                enough.countDown();
            }
        });
        reader.start();
        assertTrue(enough.await(120, TimeUnit.SECONDS), "child produced no acknowledgements");
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        reader.join();
        result.acks = acks.get();
        assertEquals(137, child.exitValue(), "the child died of SIGKILL, not of an error");
        assertNull(result.unreadable, "round " + round + ": the child wrote a line the test cannot read");
        return result;
    }

    /**
     * One complete line of the child's output.
     *
     * @return false when it is not one of the lines {@link CrashWorker} writes, or does not parse.
     */
    private static boolean take(final String line, final Round result, final AtomicLong acks, final int killAfterAcks,
        final CountDownLatch enough)
    {
        try
        {
            if (line.startsWith("A "))
            {
                result.maxAcked = Math.max(result.maxAcked, Long.parseLong(line.substring(2)));
                if (acks.incrementAndGet() >= killAfterAcks)
                {
                    enough.countDown();
                }
                return true;
            }
            if (line.startsWith("T "))
            {
                final String[] parts = line.split(" ");
                if (4 != parts.length || parts[2].isEmpty())
                {
                    return false;
                }
                Long.parseLong(parts[1]);
                Long.parseLong(parts[3]);
                result.topUps.add(line);
                return true;
            }
            if (line.startsWith("READY "))
            {
                result.readySeq = Long.parseLong(line.substring(6));
                return true;
            }
            return false;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }
}
