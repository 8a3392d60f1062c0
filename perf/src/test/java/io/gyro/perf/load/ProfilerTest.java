package io.gyro.perf.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilerTest
{
    @Test
    void shouldSampleThreadCpuLoadOnceASecondInTheServersSettings(@TempDir final Path directory) throws IOException
    {
        final Path file = directory.resolve("profile.jfc");
        assertEquals(file.toAbsolutePath().toString(), Profiler.writeSettings(file));
        final String settings = Files.readString(file);
        final Matcher matcher = Pattern.compile("<event name=\"jdk\\.ThreadCPULoad\">.*?<setting name=\"period\"[^>]*>([^<]*)<",
            Pattern.DOTALL).matcher(settings);
        assertTrue(matcher.find());
        assertEquals("1 s", matcher.group(1));
        assertTrue(settings.contains("<event name=\"jdk.ExecutionSample\">"));
    }
}
