package io.gyro.perf.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM this run started (the Gyro server or the echo server): output to a log file, ready once a marker line
 * appears in it, stopped with SIGTERM so shutdown hooks close the journal, and killed only if that does not end it.
 */
public final class ChildProcess implements AutoCloseable
{
    /** How often the log is read while waiting for the ready marker. */
    static final long READY_POLL_MS = 50;
    /**
     * Longest wait for a clean stop after SIGTERM: the server closes its listeners (2 s grace), drains the ring and
     * closes the journal; on a loaded 2-core box that has taken several seconds.
     */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Lines of the log quoted when a child fails to start. */
    static final int LOG_TAIL_LINES = 20;

    private final String name;
    private final Process process;
    private final Path log;
    private boolean closed;

    private ChildProcess(final String name, final Process process, final Path log)
    {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Start a child and wait until its log shows {@code readyMarker}.
     *
     * @param name        label for messages.
     * @param command     the command line.
     * @param log         where its stdout and stderr go.
     * @param readyMarker text whose appearance in the log means it is serving.
     * @param timeout     longest wait for the marker.
     * @return the running child.
     * @throws IOException when it cannot start, exits early or is not ready in time (the message quotes its log).
     */
    public static ChildProcess start(
        final String name, final List<String> command, final Path log, final String readyMarker, final Duration timeout)
        throws IOException
    {
        Files.createDirectories(log.toAbsolutePath().getParent());
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        final ChildProcess child = new ChildProcess(name, process, log);
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        try
        {
            while (true)
            {
                if (readLog(log).contains(readyMarker))
                {
                    return child;
                }
                if (!process.isAlive())
                {
                    throw new IOException(name + " exited with status " + process.exitValue() + " before it was ready; " +
                        "last lines of " + log + ":\n" + child.tail(LOG_TAIL_LINES));
                }
                if (System.nanoTime() > deadlineNs)
                {
                    throw new IOException(name + " was not ready within " + timeout.toSeconds() + " s; last lines of " +
                        log + ":\n" + child.tail(LOG_TAIL_LINES));
                }
                process.waitFor(READY_POLL_MS, TimeUnit.MILLISECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            child.close();
            throw new IOException("interrupted while waiting for " + name, ex);
        }
        catch (final IOException | RuntimeException ex)
        {
            child.close();
            throw ex;
        }
    }

    private static String readLog(final Path log)
    {
        try
        {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    /** @return the label given at start. */
    public String name()
    {
        return name;
    }

    /** @return the operating-system process id. */
    public long pid()
    {
        return process.pid();
    }

    /** @return true while it runs. */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /** @return its CPU time so far in ns (user + system), -1 when unreadable. */
    public long cpuNanos()
    {
        return ProcessCpu.cpuNanos(process.pid());
    }

    /** @return the log file. */
    public Path log()
    {
        return log;
    }

    /**
     * @param lines how many.
     * @return the last lines of the log.
     */
    public String tail(final int lines)
    {
        final List<String> all = readLog(log).lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** SIGTERM, wait for a clean stop, kill if it does not come. Idempotent. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        process.destroy();
        try
        {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            {
                System.err.println("bench: " + name + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s, killing it");
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
