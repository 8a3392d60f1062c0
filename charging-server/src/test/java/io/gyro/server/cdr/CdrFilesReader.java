package io.gyro.server.cdr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every CDR file of a directory (completed and in progress, in name order) as rows keyed by column, and
 * checks the CSV shape on the way: each file starts with the header, every line ends with CRLF.
 */
public final class CdrFilesReader
{
    private CdrFilesReader()
    {
    }

    static List<Path> files(final Path dir, final String suffix) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, CdrFiles.PREFIX + "*" + suffix))
        {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    /**
     * @param dir the CDR directory.
     * @return every line of every file, keyed by column (and "file").
     * @throws IOException when a file cannot be read.
     */
    public static List<Map<String, String>> rows(final Path dir) throws IOException
    {
        final List<Path> all = new ArrayList<>(files(dir, CdrFiles.DONE_SUFFIX));
        all.addAll(files(dir, CdrFiles.OPEN_SUFFIX));
        all.sort(null);
        final List<Map<String, String>> rows = new ArrayList<>();
        for (final Path file : all)
        {
            final String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.isEmpty() && !text.endsWith("\r\n"))
            {
                throw new AssertionError(file + " does not end with CRLF");
            }
            final String[] lines = text.split("\r\n");
            if (!CdrLine.HEADER.equals(lines[0]))
            {
                throw new AssertionError(file + " does not start with the header: " + lines[0]);
            }
            final String[] columns = CdrLine.HEADER.split(",");
            for (int i = 1; i < lines.length; i++)
            {
                final List<String> fields = parse(lines[i]);
                if (fields.size() != columns.length)
                {
                    throw new AssertionError(file + " line " + (i + 1) + " has " + fields.size() + " fields: " +
                        lines[i]);
                }
                final Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < columns.length; c++)
                {
                    row.put(columns[c], fields.get(c));
                }
                row.put("file", file.getFileName().toString());
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<String> parse(final String line)
    {
        final List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (quoted)
            {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"')
                {
                    field.append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
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
