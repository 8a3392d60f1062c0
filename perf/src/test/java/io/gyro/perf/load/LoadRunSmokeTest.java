package io.gyro.perf.load;

import io.gyro.simulator.report.FinalReport;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole load run in miniature ({@code --quick}): the real server and the echo server in their own JVMs, one
 * slow step each, the batch pass and a flight recording; checks that every result file exists and parses. Nothing
 * here asserts a time or a rate: the machine is shared.
 */
class LoadRunSmokeTest
{
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRunAQuickLoadRunAndWriteResultsThatParse(@TempDir final Path output) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = LoadRun.run(new String[]{"--quick", "--profile-rate", "300", "--output", output.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        final String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(LoadRun.EXIT_OK, status, console);

        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(output.resolve(RunReport.RUN_PROPERTIES), StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), properties.getProperty("machine.nproc"));
        assertNotNull(properties.getProperty("machine.cpu-model"));
        assertNotNull(properties.getProperty("jvm.version"));
        assertNotNull(properties.getProperty("git.revision"));
        assertEquals("40", properties.getProperty("settings.sessions"));
        assertEquals("none", properties.getProperty("settings.journal-sync"));
        assertTrue(properties.getProperty("server.gyro.command").contains("ledger.journal-sync=none"));
        assertTrue(properties.getProperty("server.gyro-batch.command").contains("ledger.journal-sync=batch"));
        assertTrue(properties.getProperty("server.ceiling.command").contains(EchoServer.class.getName()));

        final List<Map<String, String>> rows = readCsv(output.resolve(RunReport.RESULTS_CSV));
        assertEquals(List.of(StepResult.GYRO, StepResult.CEILING, StepResult.BATCH),
            rows.stream().map(row -> row.get("phase")).toList(), console);
        for (final Map<String, String> row : rows)
        {
            assertEquals("300", row.get("offered_per_s"));
            assertEquals("", row.get("failure"), row.toString());
            final long answered = Long.parseLong(row.get("answered"));
            assertTrue(answered > 100, row.toString());
            assertEquals(row.get("sent"), row.get("answered"), row.toString());
            assertEquals("0", row.get("errors"), row.toString());
            assertTrue(Double.parseDouble(row.get("p99_ms")) >= Double.parseDouble(row.get("p50_ms")), row.toString());
            assertTrue(Double.parseDouble(row.get("server_cpu_pct")) > 0, row.toString());
            assertTrue(Double.parseDouble(row.get("simulator_cpu_pct")) > 0, row.toString());
            assertTrue(row.get("answered_per_s_by_type").contains("CCR-U="), row.toString());

            final Path stepDir = output.resolve(row.get("report_dir"));
            assertTrue(Files.readString(stepDir.resolve(FinalReport.SUMMARY_JSON)).contains("\"latencyMicros\""));
            assertTrue(Files.readString(stepDir.resolve(FinalReport.LATENCY_HGRM)).contains("#[Mean"));
            try (var in = Files.newInputStream(stepDir.resolve(FinalReport.LATENCY_HLOG)))
            {
                assertNotNull(new HistogramLogReader(in).nextIntervalHistogram());
            }
        }
        assertTrue(Files.readString(output.resolve(StepResult.GYRO).resolve("server.log")).contains(LoadRun.GYRO_READY_MARKER));

        final String report = Files.readString(output.resolve(RunReport.REPORT_MD));
        assertTrue(report.contains("## Steps"), report);
        assertTrue(report.contains("| gyro | 300 |"), report);
        assertTrue(report.contains("## Verdict"), report);
        assertTrue(report.contains("## Targets (issue 7)"), report);
        assertTrue(report.contains("## Profile"), report);
        assertTrue(report.contains("CPU by thread"), report);
        final Path profiled = output.resolve(StepResult.GYRO).resolve("01-300");
        assertTrue(Files.size(profiled.resolve("server.jfr")) > 0, console);
        assertTrue(Files.size(profiled.resolve("simulator.jfr")) > 0, console);
        assertNotEquals(-1, console.indexOf("Gyro / ceiling"), console);
    }

    /** RFC 4180: fields separated by commas, quoted when they hold commas, quotes or line breaks. */
    static List<Map<String, String>> readCsv(final Path file) throws IOException
    {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        final List<String> header = splitCsv(lines.get(0));
        assertEquals(RunReport.CSV_COLUMNS, header);
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final String line : lines.subList(1, lines.size()))
        {
            final List<String> fields = splitCsv(line);
            assertEquals(header.size(), fields.size(), line);
            final Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++)
            {
                row.put(header.get(i), fields.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> splitCsv(final String line)
    {
        final List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (quoted)
            {
                if ('"' == c && i + 1 < line.length() && '"' == line.charAt(i + 1))
                {
                    field.append('"');
                    i++;
                }
                else if ('"' == c)
                {
                    quoted = false;
                }
                else
                {
                    field.append(c);
                }
            }
            else if ('"' == c)
            {
                quoted = true;
            }
            else if (',' == c)
            {
                fields.add(field.toString());
                field.setLength(0);
            }
            else
            {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
