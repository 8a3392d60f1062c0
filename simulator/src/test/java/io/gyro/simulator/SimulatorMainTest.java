package io.gyro.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulatorMainTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        return SimulatorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintHelp()
    {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--subscribers START:COUNT"));
    }

    @Test
    void shouldExitTwoOnBadOptions()
    {
        assertEquals(2, run("--connections", "zero"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--connections must be an integer"));
    }

    @Test
    void shouldExitThreeWhenNoServerListens(@TempDir final Path dir) throws IOException
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        assertEquals(3, run("--port", Integer.toString(port), "--count", "1", "--connections", "1",
            "--sessions", "1", "--report-dir", dir.toString(), "--quiet"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot connect"), err.toString(StandardCharsets.UTF_8));
    }
}
