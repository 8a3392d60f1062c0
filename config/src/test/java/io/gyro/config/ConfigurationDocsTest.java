package io.gyro.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps {@code docs/configuration.md} in step with the key registry: every key has its row, with the same
 * default (and type, unit, allowed values and meaning), and every row names a real key.
 * <p>
 * The tables are generated from the registry. After changing a key, regenerate them with
 * {@code mvn -pl config test -Dtest=ConfigurationDocsTest -Dgyro.docs.write=true} and review the diff.
 */
class ConfigurationDocsTest
{
    static final Path DOCS = Path.of(System.getProperty("user.dir")).resolve("../docs/configuration.md").normalize();
    static final String BEGIN = "<!-- BEGIN GENERATED KEY TABLES: edit ConfigurationKeys, then regenerate (see ConfigurationDocsTest) -->";
    static final String END = "<!-- END GENERATED KEY TABLES -->";

    private static final Pattern KEY_ROW = Pattern.compile("^\\| `([^`]+)` \\|.*$", Pattern.MULTILINE);

    @Test
    void shouldDocumentEveryKeyWithItsDefault() throws IOException
    {
        regenerateIfAsked();
        final Map<String, String> rows = documentedRows();
        final List<String> wrong = new ArrayList<>();
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            final String row = rows.get(key.path());
            if (null == row)
            {
                wrong.add("missing row:  " + ConfigurationKeys.markdownRow(key));
            }
            else if (!row.equals(ConfigurationKeys.markdownRow(key)))
            {
                wrong.add("row differs:  " + row + "\n  registry:    " + ConfigurationKeys.markdownRow(key));
            }
        }
        if (!wrong.isEmpty())
        {
            fail(DOCS + " is out of step with ConfigurationKeys (regenerate with -Dgyro.docs.write=true):\n" +
                String.join("\n", wrong));
        }
    }

    @Test
    void shouldDocumentTheSameDefaultAsTheRegistry() throws IOException
    {
        final Map<String, String> rows = documentedRows();
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            final String row = rows.get(key.path());
            assertNotNull(row, key.path());
            assertEquals(ConfigurationKeys.defaultCell(key), cells(row).get(2), "default of " + key.path());
        }
    }

    @Test
    void shouldOnlyDocumentRealKeys() throws IOException
    {
        for (final String documented : documentedRows().keySet())
        {
            assertNotNull(ConfigurationKeys.find(documented), "docs/configuration.md documents unknown key " + documented);
        }
    }

    @Test
    void shouldDocumentEachKeyOnce() throws IOException
    {
        final Matcher matcher = KEY_ROW.matcher(keyTables());
        final List<String> seen = new ArrayList<>();
        while (matcher.find())
        {
            assertTrue(!seen.contains(matcher.group(1)), "documented twice: " + matcher.group(1));
            seen.add(matcher.group(1));
        }
        assertEquals(ConfigurationKeys.all().size(), seen.size());
    }

    /** Splits a Markdown table row into cells, honouring {@code \|} escapes. */
    static List<String> cells(final String row)
    {
        final List<String> cells = new ArrayList<>();
        final String inner = row.substring(1, row.length() - 1);
        final StringBuilder cell = new StringBuilder();
        for (int i = 0; i < inner.length(); i++)
        {
            final char c = inner.charAt(i);
            if ('\\' == c && i + 1 < inner.length() && '|' == inner.charAt(i + 1))
            {
                cell.append("\\|");
                i++;
            }
            else if ('|' == c)
            {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            }
            else
            {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    private static Map<String, String> documentedRows() throws IOException
    {
        final Map<String, String> rows = new LinkedHashMap<>();
        final Matcher matcher = KEY_ROW.matcher(keyTables());
        while (matcher.find())
        {
            rows.put(matcher.group(1), matcher.group(0));
        }
        return rows;
    }

    /** @return the key tables of the page: the part between the markers. */
    private static String keyTables() throws IOException
    {
        final String text = Files.readString(DOCS, StandardCharsets.UTF_8);
        final int begin = text.indexOf(BEGIN);
        final int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "key-table markers not found in " + DOCS);
        return text.substring(begin, end);
    }

    private static void regenerateIfAsked() throws IOException
    {
        if (!Boolean.getBoolean("gyro.docs.write"))
        {
            return;
        }
        final String text = Files.readString(DOCS, StandardCharsets.UTF_8);
        final int begin = text.indexOf(BEGIN);
        final int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "markers not found in " + DOCS);
        Files.writeString(DOCS, text.substring(0, begin + BEGIN.length()) + "\n\n" +
            ConfigurationKeys.markdownTables() + "\n" + text.substring(end), StandardCharsets.UTF_8);
    }
}
