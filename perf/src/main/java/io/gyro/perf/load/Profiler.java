package io.gyro.perf.load;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JDK Flight Recorder around one step: the server JVM through {@code jcmd <pid> JFR.start/JFR.stop} (no flag is
 * needed at its start on JDK 11+), this JVM (the simulator) through the {@code jdk.jfr} API. Both use the JDK's
 * {@code profile} settings: Java samples every 10 ms per thread, native samples, thread CPU load, GC.
 */
final class Profiler implements AutoCloseable
{
    /** Name of the server-side recording, so that the stop names the same one. */
    static final String RECORDING_NAME = "gyro-bench";
    /** Longest wait for a jcmd call; it attaches to the target JVM, which is busy under load. */
    static final long JCMD_TIMEOUT_SECONDS = 60;
    /**
     * Period of {@code jdk.ThreadCPULoad}: the JDK's profile settings take one sample per 10 s, a single value for a
     * whole step; one a second gives a mean.
     */
    static final Duration THREAD_CPU_LOAD_PERIOD = Duration.ofSeconds(1);
    private static final Pattern THREAD_CPU_LOAD = Pattern.compile(
        "(<event name=\"jdk\\.ThreadCPULoad\">.*?<setting name=\"period\"[^>]*>)[^<]*(</setting>)", Pattern.DOTALL);

    private final long serverPid;
    private final Path serverFile;
    private final Path simulatorFile;
    private final Recording simulator;
    private boolean serverStarted;

    /**
     * Start recording both sides.
     *
     * @param serverPid     pid of the server JVM.
     * @param serverFile    where the server's recording goes.
     * @param simulatorFile where this JVM's recording goes.
     * @throws IOException when neither side could start recording.
     */
    Profiler(final long serverPid, final Path serverFile, final Path simulatorFile) throws IOException
    {
        this.serverPid = serverPid;
        this.serverFile = serverFile;
        this.simulatorFile = simulatorFile;
        final Path settings = serverFile.resolveSibling("profile.jfc");
        serverStarted = jcmd("JFR.start", "name=" + RECORDING_NAME, "settings=" + writeSettings(settings),
            "filename=" + serverFile.toAbsolutePath());
        Recording recording = null;
        try
        {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.enable("jdk.ThreadCPULoad").withPeriod(THREAD_CPU_LOAD_PERIOD);
            recording.setName(RECORDING_NAME);
            recording.start();
        }
        catch (final IOException | ParseException | IllegalStateException | SecurityException ex)
        {
            System.err.println("bench: cannot record this JVM: " + ex);
            recording = null;
        }
        simulator = recording;
        if (!serverStarted && null == simulator)
        {
            throw new IOException("neither JVM could start a flight recording");
        }
    }

    /** @return the JDK's profile settings with {@link #THREAD_CPU_LOAD_PERIOD}, written to {@code file}; or "profile". */
    static String writeSettings(final Path file)
    {
        try
        {
            final String profile = Configuration.getConfiguration("profile").getContents();
            final Matcher matcher = THREAD_CPU_LOAD.matcher(profile);
            if (!matcher.find())
            {
                return "profile";
            }
            Files.writeString(file, matcher.replaceFirst("$1" + THREAD_CPU_LOAD_PERIOD.toSeconds() + " s$2"),
                StandardCharsets.UTF_8);
            return file.toAbsolutePath().toString();
        }
        catch (final IOException | ParseException ex)
        {
            return "profile";
        }
    }

    private boolean jcmd(final String... command) throws IOException
    {
        final List<String> line = new java.util.ArrayList<>();
        line.add(JavaCommand.jdkTool("jcmd").toString());
        line.add(Long.toString(serverPid));
        line.addAll(List.of(command));
        final Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        try
        {
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS) || 0 != process.exitValue())
            {
                System.err.println("bench: " + String.join(" ", line) + " failed: " + output.strip());
                return false;
            }
            return true;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    /** @return the server's recording, or null when it could not be made. */
    Path serverFile()
    {
        return serverStarted ? serverFile : null;
    }

    /** @return this JVM's recording, or null when it could not be made. */
    Path simulatorFile()
    {
        return null != simulator ? simulatorFile : null;
    }

    /** Stop both recordings and write them. */
    @Override
    public void close()
    {
        if (serverStarted)
        {
            try
            {
                serverStarted = jcmd("JFR.stop", "name=" + RECORDING_NAME);
            }
            catch (final IOException ex)
            {
                System.err.println("bench: cannot stop the server's recording: " + ex);
                serverStarted = false;
            }
        }
        if (null != simulator)
        {
            try (simulator)
            {
                simulator.stop();
                simulator.dump(simulatorFile);
            }
            catch (final IOException ex)
            {
                System.err.println("bench: cannot write this JVM's recording: " + ex);
            }
        }
    }
}
