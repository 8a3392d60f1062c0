package io.gyro.server.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180: comma separated, fields optionally in double quotes with {@code ""} for a quote) one
 * physical line at a time, so every row has one line number to report. Blank lines and lines starting with
 * {@code #} are skipped. A quoted field may not span lines.
 */
final class CsvReader
{
    private final BufferedReader in;
    private long lineNumber;

    CsvReader(final BufferedReader in)
    {
        this.in = in;
    }

    /** @return the number of the line last read (1-based). */
    long lineNumber()
    {
        return lineNumber;
    }

    /**
     * @param fields receives the fields of the next row (cleared first).
     * @return null at the end, "" when the row was read, or a reason why the line is not valid CSV.
     * @throws IOException when reading fails.
     */
    String next(final List<String> fields) throws IOException
    {
        while (true)
        {
            final String line = in.readLine();
            if (null == line)
            {
                return null;
            }
            lineNumber++;
            if (line.isBlank() || line.charAt(0) == '#')
            {
                continue;
            }
            fields.clear();
            return split(line, fields);
        }
    }

    static String split(final String line, final List<String> fields)
    {
        final StringBuilder field = new StringBuilder();
        int i = 0;
        final int length = line.length();
        while (true)
        {
            field.setLength(0);
            if (i < length && line.charAt(i) == '"')
            {
                i++;
                boolean closed = false;
                while (i < length)
                {
                    final char c = line.charAt(i++);
                    if (c == '"')
                    {
                        if (i < length && line.charAt(i) == '"')
                        {
                            field.append('"');
                            i++;
                        }
                        else
                        {
                            closed = true;
                            break;
                        }
                    }
                    else
                    {
                        field.append(c);
                    }
                }
                if (!closed)
                {
                    return "unterminated quoted field (a quoted field must end on its line)";
                }
                if (i < length && line.charAt(i) != ',')
                {
                    return "text after a closing quote in field " + (fields.size() + 1);
                }
            }
            else
            {
                final int comma = line.indexOf(',', i);
                final int end = -1 == comma ? length : comma;
                field.append(line, i, end);
                i = end;
            }
            fields.add(field.toString().trim());
            if (i >= length)
            {
                return "";
            }
            i++; // the comma
        }
    }

    static List<String> splitToList(final String line)
    {
        final List<String> fields = new ArrayList<>();
        split(line, fields);
        return fields;
    }
}
