package io.gyro.server.cdr;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The start and end columns of a CDR line: ISO-8601 UTC with milliseconds, whatever second the previous line of the
 * same column was in.
 */
class CdrLineTest
{
    private static final int START_TIME_COLUMN = 9;
    private static final int END_TIME_COLUMN = 10;

    private static String[] columns(final CdrLine line)
    {
        final StringBuilder out = new StringBuilder();
        line.appendTo(1, 4, out);
        return out.toString().split(",", -1);
    }

    private static CdrLine line(final String start, final String end)
    {
        final CdrLine line = new CdrLine();
        line.reset();
        line.recordType = "session";
        line.startMs = Instant.parse(start).toEpochMilli();
        line.endMs = Instant.parse(end).toEpochMilli();
        return line;
    }

    @Test
    void shouldWriteMillisecondsWithLeadingZeros()
    {
        final CdrLine line = line("2026-01-05T10:00:00.007Z", "2026-01-05T10:00:00.045Z");
        final String[] columns = columns(line);
        assertEquals("2026-01-05T10:00:00.007Z", columns[START_TIME_COLUMN]);
        assertEquals("2026-01-05T10:00:00.045Z", columns[END_TIME_COLUMN]);

        line.startMs = Instant.parse("2026-01-05T10:00:00.120Z").toEpochMilli();
        line.endMs = Instant.parse("2026-01-05T10:00:00.000Z").toEpochMilli();
        final String[] same = columns(line);
        assertEquals("2026-01-05T10:00:00.120Z", same[START_TIME_COLUMN], "the same second, reused");
        assertEquals("2026-01-05T10:00:00.000Z", same[END_TIME_COLUMN]);
    }

    @Test
    void shouldFollowTheSecondFromLineToLine()
    {
        final CdrLine line = line("2026-12-31T23:59:59.999Z", "2027-01-01T00:00:00.001Z");
        assertEquals("2026-12-31T23:59:59.999Z", columns(line)[START_TIME_COLUMN]);
        assertEquals("2027-01-01T00:00:00.001Z", columns(line)[END_TIME_COLUMN]);

        line.startMs = Instant.parse("2028-02-29T12:34:56.789Z").toEpochMilli();
        line.endMs = Instant.parse("1969-12-31T23:59:59.500Z").toEpochMilli();
        final String[] next = columns(line);
        assertEquals("2028-02-29T12:34:56.789Z", next[START_TIME_COLUMN]);
        assertEquals("1969-12-31T23:59:59.500Z", next[END_TIME_COLUMN], "before the epoch: floor, not truncation");
    }
}
