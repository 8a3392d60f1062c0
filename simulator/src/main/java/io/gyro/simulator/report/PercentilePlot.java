package io.gyro.simulator.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws latency-by-percentile curves as an SVG, in the style of HdrHistogram's plotter: the x axis is
 * {@code log10(1 / (1 - p))}, so 90%, 99%, 99.9% ... are evenly spaced and the tail is visible; the y axis is
 * latency in milliseconds, linear.
 */
public final class PercentilePlot
{
    /** Image size in px. */
    public static final int WIDTH = 900;
    /** Image size in px. */
    public static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    /** Deepest tail drawn: 99.9999%; beyond it a run of any length has too few samples to mean anything. */
    private static final double MAX_NINES = 6;
    private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    private PercentilePlot()
    {
    }

    /**
     * A curve to draw.
     *
     * @param name      legend text.
     * @param histogram values in ns.
     */
    public record Series(String name, Histogram histogram)
    {
    }

    /**
     * @param title  heading.
     * @param series curves; empty histograms are skipped.
     * @return the SVG document.
     */
    public static String svg(final String title, final List<Series> series)
    {
        long maxCount = 1;
        double maxMs = 0;
        final List<List<double[]>> curves = new ArrayList<>();
        for (final Series s : series)
        {
            maxCount = Math.max(maxCount, s.histogram().getTotalCount());
        }
        // Stop where the samples run out: with n values the deepest meaningful percentile has log10(n) nines.
        final double nines = Math.max(1, Math.min(MAX_NINES, Math.ceil(Math.log10(maxCount))));
        for (final Series s : series)
        {
            final List<double[]> points = new ArrayList<>();
            if (s.histogram().getTotalCount() > 0)
            {
                for (final HistogramIterationValue v : s.histogram().percentiles(5))
                {
                    final double percentile = v.getPercentileLevelIteratedTo();
                    final double x = percentile >= 100.0 ? nines : Math.min(nines, Math.log10(100.0 / (100.0 - percentile)));
                    final double ms = s.histogram().highestEquivalentValue(v.getValueIteratedTo()) / 1e6;
                    points.add(new double[] {x, ms});
                    maxMs = Math.max(maxMs, ms);
                    if (x >= nines)
                    {
                        break;
                    }
                }
            }
            curves.add(points);
        }
        final double yMax = niceCeiling(maxMs <= 0 ? 1 : maxMs);
        final int plotWidth = WIDTH - LEFT - RIGHT;
        final int plotHeight = HEIGHT - TOP - BOTTOM;

        final StringBuilder svg = new StringBuilder(16_384);
        svg.append(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" " +
            "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">%s</text>%n",
            LEFT, escape(title)));

        for (int i = 0; i <= (int)nines; i++)
        {
            final double x = LEFT + plotWidth * i / nines;
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP, x, TOP + plotHeight));
            svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP + plotHeight + 18, percentLabel(i)));
        }
        final int yTicks = 5;
        for (int i = 0; i <= yTicks; i++)
        {
            final double value = yMax * i / yTicks;
            final double y = TOP + plotHeight - plotHeight * (double)i / yTicks;
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, LEFT + plotWidth, y));
            svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, trim(value)));
        }
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
            LEFT, TOP, plotWidth, plotHeight));
        svg.append(String.format(Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n", LEFT + plotWidth / 2, HEIGHT - 30));
        svg.append(String.format(Locale.ROOT,
            "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">latency (ms)</text>%n",
            TOP + plotHeight / 2, TOP + plotHeight / 2));

        for (int s = 0; s < curves.size(); s++)
        {
            final List<double[]> points = curves.get(s);
            final String colour = COLOURS[s % COLOURS.length];
            if (!points.isEmpty())
            {
                final StringBuilder path = new StringBuilder();
                for (final double[] point : points)
                {
                    final double x = LEFT + plotWidth * point[0] / nines;
                    final double y = TOP + plotHeight - plotHeight * Math.min(1.0, point[1] / yMax);
                    path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                }
                svg.append(String.format(Locale.ROOT,
                    "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path, colour));
            }
            final int legendY = TOP + 16 + 18 * s;
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                LEFT + 12, legendY - 4, LEFT + 36, legendY - 4, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s (%,d values)</text>%n",
                LEFT + 42, legendY, escape(series.get(s).name()), series.get(s).histogram().getTotalCount()));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String percentLabel(final int nines)
    {
        if (0 == nines)
        {
            return "0%";
        }
        final StringBuilder label = new StringBuilder("9");
        if (nines == 1)
        {
            return "90%";
        }
        label.append('9');
        if (nines > 2)
        {
            label.append('.');
            for (int i = 2; i < nines; i++)
            {
                label.append('9');
            }
        }
        return label.append('%').toString();
    }

    private static double niceCeiling(final double value)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (final double step : new double[] {1, 2, 2.5, 5, 10})
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String trim(final double value)
    {
        final String text = String.format(Locale.ROOT, "%.3f", value);
        return text.replaceAll("\\.?0+$", "");
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
