package io.gyro.simulator.verify;

/**
 * Reads a top-level integer field out of a small JSON object without a JSON library: enough for the few numbers of
 * the admin API's subscriber document. Keys are matched as whole quoted strings; nested objects are not searched
 * separately, so field names must be unique in the document (they are in the admin API's answer).
 */
public final class JsonFields
{
    private JsonFields()
    {
    }

    /**
     * @param json the document.
     * @param name field name.
     * @return the integer value, or {@link Long#MIN_VALUE} when absent, null or not an integer.
     */
    public static long longField(final String json, final String name)
    {
        final String key = '"' + name + '"';
        int at = json.indexOf(key);
        while (at >= 0)
        {
            int i = at + key.length();
            while (i < json.length() && Character.isWhitespace(json.charAt(i)))
            {
                i++;
            }
            if (i < json.length() && ':' == json.charAt(i))
            {
                i++;
                while (i < json.length() && Character.isWhitespace(json.charAt(i)))
                {
                    i++;
                }
                boolean quoted = false;
                if (i < json.length() && '"' == json.charAt(i))
                {
                    quoted = true;
                    i++;
                }
                final int start = i;
                if (i < json.length() && '-' == json.charAt(i))
                {
                    i++;
                }
                while (i < json.length() && Character.isDigit(json.charAt(i)))
                {
                    i++;
                }
                if (i == start || (i == start + 1 && '-' == json.charAt(start)))
                {
                    return Long.MIN_VALUE;
                }
                if (quoted && (i >= json.length() || '"' != json.charAt(i)))
                {
                    return Long.MIN_VALUE;
                }
                if (!quoted && i < json.length() && ('.' == json.charAt(i) || 'e' == json.charAt(i) || 'E' == json.charAt(i)))
                {
                    return Long.MIN_VALUE;
                }
                try
                {
                    return Long.parseLong(json.substring(start, i));
                }
                catch (final NumberFormatException ex)
                {
                    return Long.MIN_VALUE;
                }
            }
            at = json.indexOf(key, at + 1);
        }
        return Long.MIN_VALUE;
    }
}
