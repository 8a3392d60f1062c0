package io.gyro.simulator.report;

import io.gyro.simulator.verify.VerificationResult;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the end-of-run report into the report directory: {@code report.txt} (also returned for the console),
 * {@code summary.json}, {@code latency.hgrm} and {@code service-time.hgrm} (HdrHistogram percentile distributions in
 * microseconds), {@code latency.svg} (percentile plot) and, after a verification, {@code verification.txt} listing
 * every difference. The {@code .hlog} is written during the run by {@link RunReporter}.
 */
public final class FinalReport
{
    /** JSON summary file name. */
    public static final String SUMMARY_JSON = "summary.json";
    /** Text report file name. */
    public static final String REPORT_TXT = "report.txt";
    /** Response-time distribution (from the intended send time). */
    public static final String LATENCY_HGRM = "latency.hgrm";
    /** Service-time distribution (from the actual send time). */
    public static final String SERVICE_TIME_HGRM = "service-time.hgrm";
    /** One response-time histogram per second. */
    public static final String LATENCY_HLOG = "latency.hlog";
    /** Percentile plot. */
    public static final String LATENCY_SVG = "latency.svg";
    /** Every verification difference. */
    public static final String VERIFICATION_TXT = "verification.txt";
    /** Every message, rendered (with --trace). */
    public static final String TRACE_LOG = "trace.log";
    /** .hgrm values are printed in microseconds (recorded in ns; STYLE.md §8). */
    public static final double HGRM_UNIT_RATIO = 1000.0;
    /** Differences printed on the console; the file has them all. */
    public static final int MAX_LISTED = 20;

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String[] PERCENTILE_NAMES = {"p50", "p90", "p99", "p999", "p9999"};

    private FinalReport()
    {
    }

    /**
     * @param directory    the report directory (exists).
     * @param options      the run's options, as name/value pairs.
     * @param summary      measurements.
     * @param verification the balance check, or null when not asked for.
     * @param passed       the run's verdict.
     * @param notes        remarks for the reader (drain timed out, offered rate not reached ...).
     * @return the text report.
     * @throws IOException when a file cannot be written.
     */
    public static String write(
        final Path directory,
        final Map<String, String> options,
        final RunSummary summary,
        final VerificationResult verification,
        final boolean passed,
        final List<String> notes) throws IOException
    {
        writeHgrm(directory.resolve(LATENCY_HGRM), summary.responseTime());
        writeHgrm(directory.resolve(SERVICE_TIME_HGRM), summary.serviceTime());
        Files.writeString(directory.resolve(LATENCY_SVG), PercentilePlot.svg(
            "Latency by percentile: " + options.getOrDefault("mode", "") + ", " + offered(options),
            List.of(new PercentilePlot.Series("response time from intended send", summary.responseTime()),
                new PercentilePlot.Series("service time from actual send", summary.serviceTime()))));
        if (null != verification)
        {
            Files.writeString(directory.resolve(VERIFICATION_TXT), verificationText(verification, Integer.MAX_VALUE));
        }
        Files.writeString(directory.resolve(SUMMARY_JSON), json(options, summary, verification, passed, notes));
        final String text = text(directory, options, summary, verification, passed, notes);
        Files.writeString(directory.resolve(REPORT_TXT), text);
        return text;
    }

    private static String offered(final Map<String, String> options)
    {
        final String rate = options.getOrDefault("rate", "");
        return rate.isEmpty() ? "closed loop, window " + options.getOrDefault("window", "?") + " per connection" :
            "open loop at " + rate + " requests/s";
    }

    private static void writeHgrm(final Path file, final Histogram histogram) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(out, HGRM_UNIT_RATIO);
        }
        Files.write(file, bytes.toByteArray());
    }

    private static double ms(final long ns)
    {
        return ns / 1e6;
    }

    private static String latencyLine(final Histogram h)
    {
        if (0 == h.getTotalCount())
        {
            return "no answers";
        }
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            line.append(String.format(Locale.ROOT, "%s %.3f  ", PERCENTILE_NAMES[i], ms(h.getValueAtPercentile(PERCENTILES[i]))));
        }
        return line.append(String.format(Locale.ROOT, "max %.3f  mean %.3f  (%,d values)",
            ms(h.getMaxValue()), h.getMean() / 1e6, h.getTotalCount())).toString();
    }

    static String text(
        final Path directory,
        final Map<String, String> options,
        final RunSummary summary,
        final VerificationResult verification,
        final boolean passed,
        final List<String> notes)
    {
        final StringBuilder out = new StringBuilder(4096);
        final String[] types = summary.labels().requestTypes();
        out.append(String.format(Locale.ROOT, "gyro simulator: %s, %s connections, %s sessions, %s, %.1f s%n",
            options.getOrDefault("mode", "?"), options.getOrDefault("connections", "?"),
            options.getOrDefault("sessions", "?"), offered(options), summary.elapsedNs() / 1e9));
        out.append(String.format(Locale.ROOT, "%n%-10s %14s %14s  latency from intended send (ms)%n", "request", "sent", "answered"));
        for (int t = 0; t < types.length; t++)
        {
            if (0 == summary.sent(t) && 0 == summary.answered(t))
            {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-10s %,14d %,14d  %s%n", types[t], summary.sent(t), summary.answered(t),
                latencyLine(summary.responseTime(t))));
        }
        out.append(String.format(Locale.ROOT, "%-10s %,14d %,14d%n", "total", summary.totalSent(), summary.totalAnswered()));
        out.append(String.format(Locale.ROOT, "%nthroughput     %,.0f answers/s%n", summary.throughputPerSecond()));
        out.append("latency (ms)   ").append(latencyLine(summary.responseTime())).append(" - from intended send time\n");
        out.append("service (ms)   ").append(latencyLine(summary.serviceTime())).append(" - from actual send time\n");
        out.append("\nresult codes\n");
        summary.resultCodes().forEach((code, count) -> out.append(String.format(Locale.ROOT, "  %-6s %-36s %,d%n",
            code < 0 ? "other" : code.toString(), code < 0 ? "" : summary.labels().resultName(code), count)));
        if (null != summary.labels().serviceResultLabel() && !summary.serviceResultCodes().isEmpty())
        {
            out.append(summary.labels().serviceResultLabel()).append('\n');
            summary.serviceResultCodes().forEach((code, count) -> out.append(String.format(Locale.ROOT,
                "  %-6s %-36s %,d%n", code < 0 ? "other" : code.toString(), code < 0 ? "" : summary.labels().resultName(code),
                count)));
        }
        out.append(String.format(Locale.ROOT,
            "%nsessions       started %,d  ended %,d  left open on the server %,d  uncertain %,d%n",
            summary.counter(Counter.SESSIONS_STARTED), summary.counter(Counter.SESSIONS_ENDED),
            summary.counter(Counter.SESSIONS_LEFT_OPEN), summary.counter(Counter.SESSIONS_UNCERTAIN)));
        out.append(String.format(Locale.ROOT,
            "server asked   re-auth %,d  abort %,d  unknown session %,d  (answered by %,d immediate requests)%n",
            summary.counter(Counter.SERVER_REAUTH), summary.counter(Counter.SERVER_ABORT),
            summary.counter(Counter.SERVER_UNKNOWN_SESSION), summary.counter(Counter.SERVER_TRIGGERED_REQUESTS)));
        out.append(String.format(Locale.ROOT,
            "quota          final-unit indications %,d  services stopped for no credit %,d%n",
            summary.counter(Counter.FINAL_UNITS), summary.counter(Counter.SERVICE_STOPPED)));
        out.append(String.format(Locale.ROOT,
            "unanswered     timeouts %,d  lost with connection %,d  unmatched answers %,d  connections lost %,d%n",
            summary.counter(Counter.TIMEOUTS), summary.counter(Counter.LOST_ON_CLOSE),
            summary.counter(Counter.UNMATCHED_ANSWERS), summary.counter(Counter.CONNECTIONS_LOST)));
        if (summary.counter(Counter.RECONNECTS) > 0)
        {
            out.append(String.format(Locale.ROOT, "failover       reconnects %,d  retransmitted with the T flag %,d%n",
                summary.counter(Counter.RECONNECTS), summary.counter(Counter.RETRANSMISSIONS)));
        }
        out.append(String.format(Locale.ROOT, "pacing         max send lag %.3f ms%n",
            ms(summary.counter(Counter.MAX_SEND_LAG_NS))));
        for (final String note : notes)
        {
            out.append("note: ").append(note).append('\n');
        }
        if (null != verification)
        {
            out.append('\n').append(verificationText(verification, MAX_LISTED));
        }
        out.append(String.format(Locale.ROOT, "%nfiles in %s: %s %s %s %s %s %s%s%n", directory, SUMMARY_JSON, REPORT_TXT,
            LATENCY_HGRM, SERVICE_TIME_HGRM, LATENCY_HLOG, LATENCY_SVG, null == verification ? "" : " " + VERIFICATION_TXT));
        if (!passed && null != verification && VerificationResult.Status.VACUOUS == verification.status())
        {
            // Say why plainly: "FAILED" with every difference list empty would otherwise read as a server bug.
            out.append("RESULT: FAILED (verification vacuous: ").append(verification.vacuousReason()).append(")\n");
        }
        else
        {
            out.append(passed ? "RESULT: PASSED\n" : "RESULT: FAILED\n");
        }
        return out.toString();
    }

    static String verificationText(final VerificationResult v, final int maxListed)
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
            "verification   %s: %,d subscribers checked, %,d of them charged, expected charges %,d minor units%n",
            v.status(), v.subscribersChecked(), v.subscribersCharged(), v.expectedChargeMinor()));
        out.append(String.format(Locale.ROOT, "               sessions opened by the server %,d of %,d%n",
            v.sessionsOpened(), v.sessionsStarted()));
        if (null != v.vacuousReason())
        {
            out.append("               vacuous: ").append(v.vacuousReason()).append('\n');
        }
        out.append(String.format(Locale.ROOT,
            "               balance differences %,d  untouched but changed %,d  still reserved %,d  unknown %,d  " +
            "uncertain %,d  sessions left open %,d%n", v.differences().size(), v.untouchedChanged().size(),
            v.reservedNotZero().size(), v.unknown().size(), v.uncertain().size(), v.sessionsLeftOpen()));
        if (!v.differences().isEmpty())
        {
            out.append(String.format(Locale.ROOT, "  %-16s %14s %14s %14s %14s %12s%n",
                "msisdn", "opening", "charged", "expected", "actual", "actual-exp"));
            int listed = 0;
            for (final VerificationResult.Difference d : v.differences())
            {
                if (listed++ == maxListed)
                {
                    out.append("  ... ").append(v.differences().size() - maxListed).append(" more in ")
                        .append(VERIFICATION_TXT).append('\n');
                    break;
                }
                out.append(String.format(Locale.ROOT, "  %-16s %,14d %,14d %,14d %,14d %,12d%s%n", d.msisdn(),
                    d.openingMinor(), d.chargedMinor(), d.expectedMinor(), d.actualMinor(), d.deltaMinor(),
                    d.uncertain() ? " (uncertain)" : ""));
            }
        }
        if (!v.untouchedChanged().isEmpty())
        {
            out.append("  untouched by the run, but changed:\n");
            out.append(String.format(Locale.ROOT, "  %-16s %14s %14s %14s%n", "msisdn", "opening", "actual", "reserved"));
            int listed = 0;
            for (final VerificationResult.Difference d : v.untouchedChanged())
            {
                if (listed++ == maxListed)
                {
                    out.append("  ... ").append(v.untouchedChanged().size() - maxListed).append(" more in ")
                        .append(VERIFICATION_TXT).append('\n');
                    break;
                }
                out.append(String.format(Locale.ROOT, "  %-16s %,14d %,14d %,14d%n", d.msisdn(), d.openingMinor(),
                    d.actualMinor(), d.reservedMinor()));
            }
        }
        if (!v.reservedNotZero().isEmpty())
        {
            out.append("  still reserved:");
            int listed = 0;
            for (final VerificationResult.Difference d : v.reservedNotZero())
            {
                if (listed++ == maxListed)
                {
                    out.append(" ...");
                    break;
                }
                out.append(' ').append(d.msisdn()).append('=').append(d.reservedMinor());
            }
            out.append('\n');
        }
        if (!v.unknown().isEmpty())
        {
            out.append("  unknown to the server: ")
                .append(String.join(" ", v.unknown().subList(0, Math.min(maxListed, v.unknown().size())))).append('\n');
        }
        for (final String error : v.errors())
        {
            out.append("  error: ").append(error).append('\n');
        }
        return out.toString();
    }

    private static void latencyJson(final JsonWriter json, final Histogram h)
    {
        json.beginObject();
        json.name("count").value(h.getTotalCount());
        if (h.getTotalCount() > 0)
        {
            json.name("mean").value(h.getMean() / 1e3);
            for (int i = 0; i < PERCENTILES.length; i++)
            {
                json.name(PERCENTILE_NAMES[i]).value(h.getValueAtPercentile(PERCENTILES[i]) / 1e3);
            }
            json.name("max").value(h.getMaxValue() / 1e3);
        }
        json.endObject();
    }

    static String json(
        final Map<String, String> options,
        final RunSummary summary,
        final VerificationResult verification,
        final boolean passed,
        final List<String> notes)
    {
        final JsonWriter json = new JsonWriter();
        final String[] types = summary.labels().requestTypes();
        json.beginObject();
        json.name("passed").value(passed);
        json.name("mode").value(options.getOrDefault("mode", ""));
        json.name("startedAt").value(Instant.ofEpochMilli(summary.startEpochMs()).toString());
        json.name("durationSeconds").value(summary.elapsedNs() / 1e9);
        json.name("options").beginObject();
        options.forEach((name, value) -> json.name(name).value(value));
        json.endObject();
        json.name("requests").beginObject();
        json.name("sent").value(summary.totalSent());
        json.name("answered").value(summary.totalAnswered());
        json.name("timedOut").value(summary.counter(Counter.TIMEOUTS));
        json.name("lostWithConnection").value(summary.counter(Counter.LOST_ON_CLOSE));
        json.name("unmatchedAnswers").value(summary.counter(Counter.UNMATCHED_ANSWERS));
        json.name("serverTriggered").value(summary.counter(Counter.SERVER_TRIGGERED_REQUESTS));
        json.name("byType").beginObject();
        for (int t = 0; t < types.length; t++)
        {
            json.name(types[t]).beginObject();
            json.name("sent").value(summary.sent(t));
            json.name("answered").value(summary.answered(t));
            json.name("latencyMicros");
            latencyJson(json, summary.responseTime(t));
            json.endObject();
        }
        json.endObject();
        json.endObject();
        json.name("throughputPerSecond").value(summary.throughputPerSecond());
        json.name("latencyMicros");
        latencyJson(json, summary.responseTime());
        json.name("serviceTimeMicros");
        latencyJson(json, summary.serviceTime());
        json.name("maxSendLagMicros").value(summary.counter(Counter.MAX_SEND_LAG_NS) / 1e3);
        json.name("resultCodes").beginObject();
        summary.resultCodes().forEach((code, count) -> json.name(code < 0 ? "other" : code.toString()).value(count));
        json.endObject();
        json.name("serviceResultCodes").beginObject();
        summary.serviceResultCodes().forEach((code, count) -> json.name(code < 0 ? "other" : code.toString()).value(count));
        json.endObject();
        json.name("counters").beginObject();
        for (final Counter counter : Counter.all())
        {
            json.name(camel(counter.name())).value(summary.counter(counter));
        }
        json.endObject();
        json.name("sessions").beginObject();
        json.name("started").value(summary.counter(Counter.SESSIONS_STARTED));
        json.name("ended").value(summary.counter(Counter.SESSIONS_ENDED));
        json.name("leftOpenOnServer").value(summary.counter(Counter.SESSIONS_LEFT_OPEN));
        json.name("uncertain").value(summary.counter(Counter.SESSIONS_UNCERTAIN));
        json.endObject();
        json.name("verification");
        if (null == verification)
        {
            json.nullValue();
        }
        else
        {
            json.beginObject();
            json.name("passed").value(verification.passed());
            json.name("status").value(verification.status().name());
            json.name("vacuousReason").value(verification.vacuousReason());
            json.name("subscribersChecked").value(verification.subscribersChecked());
            json.name("subscribersCharged").value(verification.subscribersCharged());
            json.name("expectedChargeMinor").value(verification.expectedChargeMinor());
            json.name("sessionsStarted").value(verification.sessionsStarted());
            json.name("sessionsOpened").value(verification.sessionsOpened());
            json.name("sessionsLeftOpen").value(verification.sessionsLeftOpen());
            json.name("differences").beginArray();
            for (final VerificationResult.Difference d : verification.differences())
            {
                difference(json, d);
            }
            json.endArray();
            json.name("untouchedChanged").beginArray();
            for (final VerificationResult.Difference d : verification.untouchedChanged())
            {
                difference(json, d);
            }
            json.endArray();
            json.name("reservedNotZero").beginArray();
            for (final VerificationResult.Difference d : verification.reservedNotZero())
            {
                difference(json, d);
            }
            json.endArray();
            strings(json.name("unknown"), verification.unknown());
            strings(json.name("uncertain"), verification.uncertain());
            strings(json.name("errors"), verification.errors());
            json.endObject();
        }
        strings(json.name("notes"), notes);
        json.name("files").beginObject();
        json.name("hgrm").value(LATENCY_HGRM);
        json.name("serviceTimeHgrm").value(SERVICE_TIME_HGRM);
        json.name("hlog").value(LATENCY_HLOG);
        json.name("plot").value(LATENCY_SVG);
        json.name("report").value(REPORT_TXT);
        json.name("verification").value(null == verification ? null : VERIFICATION_TXT);
        json.endObject();
        json.endObject();
        return json + "\n";
    }

    private static void difference(final JsonWriter json, final VerificationResult.Difference d)
    {
        json.beginObject();
        json.name("msisdn").value(d.msisdn());
        json.name("openingMinor").value(d.openingMinor());
        json.name("chargedMinor").value(d.chargedMinor());
        json.name("expectedMinor").value(d.expectedMinor());
        json.name("actualMinor").value(d.actualMinor());
        json.name("reservedMinor").value(d.reservedMinor());
        json.name("uncertain").value(d.uncertain());
        json.endObject();
    }

    private static void strings(final JsonWriter json, final List<String> values)
    {
        json.beginArray();
        for (final String value : values)
        {
            json.value(value);
        }
        json.endArray();
    }

    private static String camel(final String constant)
    {
        final List<String> words = new ArrayList<>(List.of(constant.toLowerCase(Locale.ROOT).split("_")));
        final StringBuilder out = new StringBuilder(words.remove(0));
        for (final String word : words)
        {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
