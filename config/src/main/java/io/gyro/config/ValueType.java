package io.gyro.config;

/**
 * The type of a configuration key: how its text is parsed and what the documentation and error messages
 * say is allowed. Instances come from the registry ({@link ConfigurationKeys}); parsing is internal to the
 * loader so that every value goes through the same path, whether it came from the file, the environment,
 * the command line or a default.
 *
 * @param <T> the parsed Java type.
 */
public abstract class ValueType<T>
{
    private final String name;
    private final String allowed;
    private final String unit;

    ValueType(final String name, final String allowed, final String unit)
    {
        this.name = name;
        this.allowed = allowed;
        this.unit = unit;
    }

    /** @return the type's name in the documentation's Type column, e.g. {@code duration}. */
    public final String name()
    {
        return name;
    }

    /** @return what values are allowed, e.g. {@code 6s..1h}. */
    public final String allowed()
    {
        return allowed;
    }

    /**
     * @param context facts other keys decide.
     * @return what is allowed, made concrete for error messages (e.g. the actual money scale).
     */
    String allowedIn(final ParseContext context)
    {
        return allowed;
    }

    /** @return the unit shown in the documentation unless the key names its own, or "—". */
    public final String unit()
    {
        return unit;
    }

    /** @return whether values are printed masked. */
    public boolean isSecret()
    {
        return false;
    }

    /**
     * @param text    the value's text exactly as written (YAML typing is ignored: {@code 0.0100} stays exact).
     * @param context facts other keys decide (money scale, tariff unit).
     * @return the value.
     * @throws IllegalArgumentException whose message says what is wrong, when the text is not allowed.
     * @throws Undecidable when the value cannot be judged because a key it depends on is itself invalid.
     */
    abstract T parse(String text, ParseContext context);

    /** Thrown when a value depends on another key's value that is itself missing or invalid. */
    static final class Undecidable extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Undecidable()
        {
            super(null, null, false, false);
        }
    }
}
