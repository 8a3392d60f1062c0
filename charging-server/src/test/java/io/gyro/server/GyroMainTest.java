package io.gyro.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line refuses invalid configuration files before anything starts, naming each bad key.
 */
class GyroMainTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRefuseAnInvalidConfigurationFileNamingEveryBadKey() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("bad.yaml"), """
            mode: testing
            admin:
              enabled: true
              token: short
            cdr:
              roll-interval: 10s
            tariffs:
              - rating-group: 10
                unit: octets
                price: "0.00001"
            """);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = GyroMain.run(new String[] {"check-config", "--config", file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(GyroMain.EXIT_USAGE, status);
        final String message = err.toString(StandardCharsets.UTF_8);
        for (final String key : new String[] {"mode", "admin.token", "cdr.roll-interval", "tariffs[0].price"})
        {
            assertTrue(message.contains(key), key + " not named in: " + message);
        }
        assertTrue(!message.contains("short"), "the token is never printed: " + message);
        assertTrue(message.startsWith("invalid configuration (4 problems):"), "one heading, with the count: " + message);
    }

    @Test
    void shouldExplainUsageOfImport() throws Exception
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(GyroMain.EXIT_USAGE, GyroMain.run(new String[] {"import"}, new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("gyro import FILE.csv"));
    }
}
