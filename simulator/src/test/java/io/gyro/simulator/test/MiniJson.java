package io.gyro.simulator.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict little JSON parser for reading the simulator's summary in tests: objects become {@link Map}s, arrays
 * {@link List}s, integers {@link Long}, other numbers {@link Double}; anything malformed throws.
 */
public final class MiniJson
{
    private final String text;
    private int position;

    private MiniJson(final String text)
    {
        this.text = text;
    }

    /**
     * @param text a JSON document.
     * @return its value.
     */
    public static Object parse(final String text)
    {
        final MiniJson parser = new MiniJson(text);
        final Object value = parser.value();
        parser.skipWhitespace();
        if (parser.position != text.length())
        {
            throw parser.error("trailing characters");
        }
        return value;
    }

    /**
     * @param root  a parsed document.
     * @param path  member names separated by dots.
     * @return the value at the path.
     */
    @SuppressWarnings("unchecked")
    public static Object at(final Object root, final String path)
    {
        Object current = root;
        for (final String name : path.split("\\."))
        {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(name))
            {
                throw new AssertionError("no " + path + " (at " + name + ")");
            }
            current = ((Map<String, Object>)map).get(name);
        }
        return current;
    }

    private IllegalArgumentException error(final String message)
    {
        return new IllegalArgumentException(message + " at " + position);
    }

    private void skipWhitespace()
    {
        while (position < text.length() && Character.isWhitespace(text.charAt(position)))
        {
            position++;
        }
    }

    private Object value()
    {
        skipWhitespace();
        if (position >= text.length())
        {
            throw error("unexpected end");
        }
        final char c = text.charAt(position);
        return switch (c)
        {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, position))
        {
            throw error("expected " + word);
        }
        position += word.length();
        return value;
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (text.charAt(position) == '}')
        {
            position++;
            return map;
        }
        while (true)
        {
            skipWhitespace();
            final String name = string();
            skipWhitespace();
            expect(':');
            if (map.containsKey(name))
            {
                throw error("duplicate member " + name);
            }
            map.put(name, value());
            skipWhitespace();
            if (text.charAt(position) == ',')
            {
                position++;
                continue;
            }
            expect('}');
            return map;
        }
    }

    private List<Object> array()
    {
        final List<Object> list = new ArrayList<>();
        position++;
        skipWhitespace();
        if (text.charAt(position) == ']')
        {
            position++;
            return list;
        }
        while (true)
        {
            list.add(value());
            skipWhitespace();
            if (text.charAt(position) == ',')
            {
                position++;
                continue;
            }
            expect(']');
            return list;
        }
    }

    private void expect(final char c)
    {
        if (position >= text.length() || text.charAt(position) != c)
        {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private String string()
    {
        expect('"');
        final StringBuilder out = new StringBuilder();
        while (true)
        {
            if (position >= text.length())
            {
                throw error("unterminated string");
            }
            final char c = text.charAt(position++);
            if (c == '"')
            {
                return out.toString();
            }
            if (c == '\\')
            {
                final char escaped = text.charAt(position++);
                switch (escaped)
                {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' ->
                    {
                        out.append((char)Integer.parseInt(text.substring(position, position + 4), 16));
                        position += 4;
                    }
                    default -> throw error("bad escape");
                }
            }
            else if (c < 0x20)
            {
                throw error("control character in string");
            }
            else
            {
                out.append(c);
            }
        }
    }

    private Object number()
    {
        final int start = position;
        if (text.charAt(position) == '-')
        {
            position++;
        }
        while (position < text.length() && "0123456789.eE+-".indexOf(text.charAt(position)) >= 0)
        {
            position++;
        }
        final String number = text.substring(start, position);
        if (number.isEmpty() || "-".equals(number))
        {
            throw error("expected a value");
        }
        if (number.contains(".") || number.contains("e") || number.contains("E"))
        {
            return Double.parseDouble(number);
        }
        return Long.parseLong(number);
    }
}
