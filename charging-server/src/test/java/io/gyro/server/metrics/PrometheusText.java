package io.gyro.server.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small parser of the Prometheus text exposition format (0.0.4) for tests: samples with name, labels, value.
 * Public for the fault tests, which read the journal and shedding meters.
 */
public final class PrometheusText
{
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /**
     * One sample line.
     *
     * @param name   metric name.
     * @param labels label values by name.
     * @param value  the value.
     */
    public record Sample(String name, Map<String, String> labels, double value)
    {
    }

    private PrometheusText()
    {
    }

    /**
     * @param text a scrape.
     * @return its samples.
     */
    public static List<Sample> parse(final String text)
    {
        final List<Sample> samples = new ArrayList<>();
        for (final String line : text.split("\n"))
        {
            if (line.isBlank() || line.startsWith("#"))
            {
                continue;
            }
            final Matcher matcher = SAMPLE.matcher(line);
            if (!matcher.matches())
            {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            final Map<String, String> labels = new LinkedHashMap<>();
            if (null != matcher.group(3))
            {
                final Matcher label = LABEL.matcher(matcher.group(3));
                int end = 0;
                while (label.find())
                {
                    if (label.start() != end)
                    {
                        throw new AssertionError("bad labels: " + line);
                    }
                    labels.put(label.group(1), label.group(2));
                    end = label.end();
                }
                if (end != matcher.group(3).length())
                {
                    throw new AssertionError("bad labels: " + line);
                }
            }
            samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
        }
        return samples;
    }

    /**
     * @param samples    a parsed scrape.
     * @param name       metric name.
     * @param labelPairs label name, value, name, value ...
     * @return the first matching sample's value.
     */
    public static double value(final List<Sample> samples, final String name, final String... labelPairs)
    {
        for (final Sample sample : samples)
        {
            if (!sample.name().equals(name))
            {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < labelPairs.length; i += 2)
            {
                match &= labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]));
            }
            if (match)
            {
                return sample.value();
            }
        }
        throw new AssertionError("no sample " + name + " " + String.join(",", labelPairs));
    }
}
