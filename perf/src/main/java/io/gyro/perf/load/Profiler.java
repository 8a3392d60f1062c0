package io.gyro.perf.load;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        serverStarted = jcmd("JFR.start", "name=" + RECORDING_NAME, "settings=profile",
            "filename=" + serverFile.toAbsolutePath());
        Recording recording = null;
        try
        {
            recording = new Recording(Configuration.getConfiguration("profile"));
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
