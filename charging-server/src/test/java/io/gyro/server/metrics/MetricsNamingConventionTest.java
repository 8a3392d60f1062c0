package io.gyro.server.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prometheus naming conventions (prometheus.io/docs/practices/naming) over every meter the registry exports, JVM
 * ones included: counters end in {@code _total}, units are base units spelled out as a suffix (seconds, bytes),
 * never nanoseconds or milliseconds, and every family has HELP and TYPE. Found in the session 8 operator review:
 * Micrometer's process CPU time was exported as {@code gyro_process_cpu_time_ns_total}.
 */
class MetricsNamingConventionTest
{
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);
    private static final Pattern HELP = Pattern.compile("^# HELP (\\S+) ", Pattern.MULTILINE);
    /** Unit spellings Prometheus asks to replace by base units. */
    private static final Pattern NON_BASE_UNIT =
        Pattern.compile("_(ns|us|ms|nanoseconds|microseconds|milliseconds|minutes|hours|kilobytes|megabytes)(_|$)");

    @Test
    void shouldNameEveryFamilyByPrometheusConventions()
    {
        try (GyroMetrics metrics = new GyroMetrics())
        {
            final String text = metrics.scrape();
            final List<String> problems = new ArrayList<>();
            final List<String> helped = new ArrayList<>();
            final Matcher help = HELP.matcher(text);
            while (help.find())
            {
                helped.add(help.group(1));
            }
            final Matcher type = TYPE.matcher(text);
            int families = 0;
            while (type.find())
            {
                families++;
                final String name = type.group(1);
                if ("counter".equals(type.group(2)) && !name.endsWith("_total"))
                {
                    problems.add(name + ": a counter without _total");
                }
                if (NON_BASE_UNIT.matcher(name).find())
                {
                    problems.add(name + ": not in base units");
                }
                if (!name.startsWith("gyro_"))
                {
                    problems.add(name + ": not under gyro_");
                }
                if (!helped.contains(name))
                {
                    problems.add(name + ": no HELP");
                }
            }
            assertTrue(families > 30, "the JVM and server families are exported: " + families);
            assertEquals(List.of(), problems);
            assertTrue(text.contains("# TYPE gyro_process_cpu_seconds_total counter"), "process CPU time in seconds");
        }
    }
}
