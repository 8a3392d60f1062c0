package io.gyro.simulator.report;

import java.util.Locale;

/**
 * A minimal streaming JSON writer for the run summary: objects, arrays, strings, integers, decimals, booleans and
 * null, pretty-printed with two-space indents. Off the hot path; written once per run.
 */
public final class JsonWriter
{
    private static final int MAX_DEPTH = 32;

    private final StringBuilder out = new StringBuilder(4096);
    private final boolean[] hasElements = new boolean[MAX_DEPTH];
    private int depth;
    private boolean afterName;

    private void beforeValue()
    {
        if (afterName)
        {
            afterName = false;
            return;
        }
        if (depth > 0)
        {
            if (hasElements[depth])
            {
                out.append(',');
            }
            hasElements[depth] = true;
            newline();
        }
    }

    private void newline()
    {
        out.append('\n');
        for (int i = 0; i < depth; i++)
        {
            out.append("  ");
        }
    }

    /** @return this, after opening an object. */
    public JsonWriter beginObject()
    {
        beforeValue();
        out.append('{');
        hasElements[++depth] = false;
        return this;
    }

    /** @return this, after closing the current object. */
    public JsonWriter endObject()
    {
        return close('}');
    }

    /** @return this, after opening an array. */
    public JsonWriter beginArray()
    {
        beforeValue();
        out.append('[');
        hasElements[++depth] = false;
        return this;
    }

    /** @return this, after closing the current array. */
    public JsonWriter endArray()
    {
        return close(']');
    }

    private JsonWriter close(final char bracket)
    {
        final boolean any = hasElements[depth];
        depth--;
        if (any)
        {
            newline();
        }
        out.append(bracket);
        return this;
    }

    /**
     * @param name of the next member.
     * @return this.
     */
    public JsonWriter name(final String name)
    {
        beforeValue();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    /**
     * @param value a string, or null.
     * @return this.
     */
    public JsonWriter value(final String value)
    {
        beforeValue();
        if (null == value)
        {
            out.append("null");
        }
        else
        {
            string(value);
        }
        return this;
    }

    /**
     * @param value an integer.
     * @return this.
     */
    public JsonWriter value(final long value)
    {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * @param value a decimal; NaN and infinities are written as null.
     * @return this.
     */
    public JsonWriter value(final double value)
    {
        beforeValue();
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            out.append("null");
        }
        else
        {
            out.append(String.format(Locale.ROOT, "%.3f", value));
        }
        return this;
    }

    /**
     * @param value a boolean.
     * @return this.
     */
    public JsonWriter value(final boolean value)
    {
        beforeValue();
        out.append(value);
        return this;
    }

    /** @return this, after writing null. */
    public JsonWriter nullValue()
    {
        beforeValue();
        out.append("null");
        return this;
    }

    private void string(final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString()
    {
        return out.toString();
    }
}
