package io.gyro.perf.faults;

import io.gyro.perf.load.JavaCommand;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Gyro server ({@code io.gyro.server.GyroMain}) in a JVM of its own, as {@code ./gyro run} starts it: the same
 * {@code java} and JVM flags as every child of the perf module ({@link JavaCommand}), this JVM's class path, the
 * bundled configuration with overrides (free loopback ports, a data directory, the admin API on). It can be
 * killed with SIGKILL (a crash) or stopped with SIGTERM (a clean shutdown), and started again on the same data
 * directory and ports.
 * <p>
 * Ready means its start-up line ({@code "Gyro ... started in"}) appeared in this start's part of the log: the
 * admin API answers {@code /health/ready} as soon as the journal is recovered, but the demo subscribers are loaded
 * and the Diameter port opened only afterwards.
 */
public final class ServerProcess implements AutoCloseable
{
    /** Admin token the child is configured with. */
    public static final String ADMIN_TOKEN = "fault-run-admin-token-0123456789";
    /** Exit status of a JVM killed by SIGKILL (128 + 9). */
    public static final int SIGKILL_EXIT_STATUS = 137;
    /** What GyroServer logs once everything listens. */
    static final String STARTED_MARKER = " started in ";
    /** Pause between readiness polls. */
    private static final long READY_POLL_MS = 20;
    /** Longest wait for a clean stop after SIGTERM (the server drains, sends DPR, closes the journal). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> command;
    private final int adminPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private long readyAfterMs;

    /**
     * @param dataDir      journal, snapshots, CDRs.
     * @param diameterPort Diameter port (fixed, so peers reconnect to the same one after a restart).
     * @param adminPort    admin API port.
     * @param heap         {@code -Xmx} value, e.g. {@code 512m}.
     * @param overrides    further {@code key=value} configuration overrides (they win over the defaults here).
     * @param log          where the child's output goes (appended across restarts).
     */
    public ServerProcess(
        final Path dataDir,
        final int diameterPort,
        final int adminPort,
        final String heap,
        final List<String> overrides,
        final Path log)
    {
        this.adminPort = adminPort;
        this.log = log;
        final List<String> settings = new ArrayList<>(List.of(
            "node.data-dir=" + dataDir.toAbsolutePath(),
            "diameter.bind-address=127.0.0.1",
            "diameter.port=" + diameterPort,
            "radius.enabled=false",
            "admin.enabled=true",
            "admin.bind-address=127.0.0.1",
            "admin.port=" + adminPort,
            "admin.token=" + ADMIN_TOKEN));
        settings.addAll(overrides);
        final List<String> arguments = new ArrayList<>(List.of("--config", bundledConfig().toString()));
        for (final String setting : settings)
        {
            arguments.add("--set");
            arguments.add(setting);
        }
        // Pauses explain latency tails: the GC log goes beside the server's log (one file, appended per start).
        command = JavaCommand.command(System.getProperty("java.class.path"), heap,
            List.of("-Xlog:gc:file=" + log.toAbsolutePath().resolveSibling("gc.log") + ":uptime,level,tags"),
            "io.gyro.server.GyroMain", arguments);
    }

    /** @return {@code config/gyro.yaml} of the repository, found upwards from the working directory. */
    public static Path bundledConfig()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (null != dir)
        {
            final Path candidate = dir.resolve("config").resolve("gyro.yaml");
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("config/gyro.yaml not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * @return a loopback TCP port that was free a moment ago.
     * @throws IOException when none can be bound.
     */
    public static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    /**
     * Start (again) and wait until ready.
     *
     * @param timeout longest wait.
     * @return this.
     * @throws IOException when it exits early or is not ready in time (the message quotes its log).
     * @throws InterruptedException when interrupted.
     */
    public ServerProcess start(final Duration timeout) throws IOException, InterruptedException
    {
        if (null != process && process.isAlive())
        {
            throw new IllegalStateException("already running");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        final long logOffset = Files.exists(log) ? Files.size(log) : 0;
        final long startedNs = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        final long deadlineNs = startedNs + timeout.toNanos();
        while (!started(logOffset) || !ready())
        {
            if (!process.isAlive())
            {
                throw new IOException("the server exited with status " + process.exitValue() + "; log " + log +
                    ":\n" + tail(30));
            }
            if (System.nanoTime() > deadlineNs)
            {
                kill();
                throw new IOException("the server was not ready within " + timeout + "; log " + log + ":\n" + tail(30));
            }
            // Returns at once if the server exits: the loop then reports its status and log.
            process.waitFor(READY_POLL_MS, TimeUnit.MILLISECONDS);
        }
        readyAfterMs = (System.nanoTime() - startedNs) / 1_000_000;
        return this;
    }

    private boolean started(final long logOffset) throws IOException
    {
        final byte[] all = Files.readAllBytes(log);
        return new String(all, (int)Math.min(logOffset, all.length), (int)Math.max(0, all.length - logOffset),
            StandardCharsets.UTF_8).contains(STARTED_MARKER);
    }

    private boolean ready() throws InterruptedException
    {
        try
        {
            final HttpResponse<Void> response = http.send(HttpRequest.newBuilder(adminUri("/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return 200 == response.statusCode();
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * @param path a path of the admin API.
     * @return its URI.
     */
    public URI adminUri(final String path)
    {
        return URI.create("http://127.0.0.1:" + adminPort + path);
    }

    /** @return wall time from process start to ready, ms, of the last start (JVM start and journal recovery). */
    public long readyAfterMs()
    {
        return readyAfterMs;
    }

    /** @return the operating-system process id of the running server. */
    public long pid()
    {
        return process.pid();
    }

    /**
     * SIGKILL: the process dies at once, with no shutdown hook, in the middle of whatever it did.
     *
     * @return its exit status ({@link #SIGKILL_EXIT_STATUS}).
     * @throws InterruptedException when interrupted.
     */
    public int kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        {
            throw new IllegalStateException("the server did not die on SIGKILL");
        }
        return process.exitValue();
    }

    /**
     * @param lines how many.
     * @return the last lines of the log.
     */
    public String tail(final int lines)
    {
        try
        {
            final List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex + ")";
        }
    }

    /** SIGTERM and wait for the clean stop (killed if it does not come). Idempotent. */
    @Override
    public void close()
    {
        if (null == process || !process.isAlive())
        {
            return;
        }
        process.destroy();
        try
        {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            {
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
