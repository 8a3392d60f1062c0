package io.gyro.config;

import java.util.Locale;

/**
 * One entry of the key registry: a key path, its type, default, unit, what is allowed and what it means.
 * The loader, the validator, the environment and command-line overrides and the documentation test all
 * read the same entry.
 * <p>
 * Keys inside lists of entries use {@code []} in their path: {@code tariffs[].price} is the price of each
 * tariff; a concrete value is addressed as {@code tariffs[0].price}.
 *
 * @param <T> the parsed type.
 */
public final class ConfigKey<T>
{
    /** Prefix of every environment variable that overrides a key. */
    public static final String ENVIRONMENT_PREFIX = "GYRO_";

    private final String path;
    private final ValueType<T> type;
    private final String defaultText;
    private final boolean derivedDefault;
    private final String unit;
    private final String note;
    private final String meaning;

    ConfigKey(
        final String path,
        final ValueType<T> type,
        final String defaultText,
        final boolean derivedDefault,
        final String unit,
        final String note,
        final String meaning)
    {
        this.path = path;
        this.type = type;
        this.defaultText = defaultText;
        this.derivedDefault = derivedDefault;
        this.unit = unit;
        this.note = note;
        this.meaning = meaning;
    }

    /** @return the key path, e.g. {@code diameter.port} or {@code tariffs[].bands[].price}. */
    public String path()
    {
        return path;
    }

    /** @return the value type. */
    public ValueType<T> type()
    {
        return type;
    }

    /**
     * @return the default as written in YAML ({@code 3868}, {@code 30s}, {@code [10415]}), a description of a
     *         default computed from other keys ({@code <node.data-dir>/cdr}), or null when the key has no
     *         default (it is then optional or required, as {@link #allowed()} says).
     */
    public String defaultText()
    {
        return defaultText;
    }

    /** @return whether the default is computed from other keys rather than written in {@link #defaultText()}. */
    public boolean hasDerivedDefault()
    {
        return derivedDefault;
    }

    /** @return the unit of the value, or "—". */
    public String unit()
    {
        return unit;
    }

    /** @return what is allowed, including rules that involve other keys. */
    public String allowed()
    {
        return null == note ? type.allowed() : type.allowed() + "; " + note;
    }

    String allowedIn(final ParseContext context)
    {
        final String allowed = type.allowedIn(context);
        return null == note ? allowed : allowed + "; " + note;
    }

    /** @return what the key does. */
    public String meaning()
    {
        return meaning;
    }

    /** @return whether values of this key are secrets, never printed. */
    public boolean isSecret()
    {
        return type.isSecret();
    }

    /** @return whether the key holds a list of entries that have keys of their own. */
    public boolean isListOfEntries()
    {
        return type instanceof ValueTypes.ObjectListType;
    }

    /** @return whether the key holds a list of plain values (comma-separated in overrides). */
    public boolean isListOfValues()
    {
        return type instanceof ValueTypes.ListType;
    }

    /** @return the environment variable, with {@code <i>} for list indices, e.g. {@code GYRO_TARIFFS_<i>_PRICE}. */
    public String environmentVariable()
    {
        return environmentVariable(path.replace("[]", "[<i>]")).replace("<I>", "<i>");
    }

    /**
     * @param concretePath a key path with indices, e.g. {@code radius.clients[0].secret}.
     * @return its environment variable, e.g. {@code GYRO_RADIUS_CLIENTS_0_SECRET}: {@code GYRO_} and the path
     *         upper-cased, with {@code .}, {@code -} and {@code [i]} turned into {@code _}.
     */
    public static String environmentVariable(final String concretePath)
    {
        final String flat = concretePath.replace("[", ".").replace("]", "").replace('.', '_').replace('-', '_');
        return ENVIRONMENT_PREFIX + flat.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString()
    {
        return path;
    }

    /** Fluent definition used by the registry. */
    static final class Builder<T>
    {
        private final String path;
        private final ValueType<T> type;
        private String defaultText;
        private boolean derivedDefault;
        private String unit;
        private String note;

        Builder(final String path, final ValueType<T> type)
        {
            this.path = path;
            this.type = type;
            this.unit = type.unit();
        }

        Builder<T> byDefault(final String text)
        {
            defaultText = text;
            return this;
        }

        Builder<T> derivedDefault(final String description)
        {
            defaultText = description;
            derivedDefault = true;
            return this;
        }

        Builder<T> unit(final String keyUnit)
        {
            unit = keyUnit;
            return this;
        }

        Builder<T> note(final String rule)
        {
            note = rule;
            return this;
        }

        ConfigKey<T> means(final String meaning)
        {
            return ConfigurationKeys.register(new ConfigKey<>(path, type, defaultText, derivedDefault, unit, note, meaning));
        }
    }
}
