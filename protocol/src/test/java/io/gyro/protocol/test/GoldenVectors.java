package io.gyro.protocol.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Loads golden vectors kept as commented hex ({@code .hex}) next to the test classes: octets in hex, whitespace
 * ignored, everything after {@code #} on a line is a comment (provenance and field-by-field notes).
 * Shared with other modules through this module's test-jar.
 */
public final class GoldenVectors
{
    private GoldenVectors()
    {
    }

    /**
     * @param anchor class whose package holds the resource.
     * @param name   resource name relative to the anchor's package, e.g. {@code golden/cer.hex}.
     * @return the octets.
     */
    public static byte[] load(final Class<?> anchor, final String name)
    {
        try (InputStream in = anchor.getResourceAsStream(name))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("no golden vector " + name + " next to " + anchor.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param text commented hex.
     * @return the octets.
     */
    public static byte[] parse(final String text)
    {
        final StringBuilder hex = new StringBuilder(text.length());
        for (final String line : text.split("\n"))
        {
            final int comment = line.indexOf('#');
            final String data = comment >= 0 ? line.substring(0, comment) : line;
            for (int i = 0; i < data.length(); i++)
            {
                final char c = data.charAt(i);
                if (!Character.isWhitespace(c))
                {
                    hex.append(c);
                }
            }
        }
        return HexFormat.of().parseHex(hex);
    }
}
