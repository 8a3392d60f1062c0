package io.gyro.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values of registry keys from one mapping of the tree: the root, or one entry of a list such
 * as {@code tariffs[2]}. Every bad value becomes a problem naming its concrete key path, and reading goes on,
 * so that all problems are reported together.
 */
final class Section
{
    private final ConfigTree.Mapping mapping;
    private final String pattern;
    private final String concrete;
    private final Problems problems;
    private final ParseContext context;
    private final Map<String, Object> values;
    private final Set<String> keysRead;

    Section(final ConfigTree.Mapping root, final Problems problems, final ParseContext context)
    {
        this(root, "", "", problems, context, new HashMap<>(), new HashSet<>());
    }

    private Section(
        final ConfigTree.Mapping mapping,
        final String pattern,
        final String concrete,
        final Problems problems,
        final ParseContext context,
        final Map<String, Object> values,
        final Set<String> keysRead)
    {
        this.mapping = mapping;
        this.pattern = pattern;
        this.concrete = concrete;
        this.problems = problems;
        this.context = context;
        this.values = values;
        this.keysRead = keysRead;
    }

    /** @return a view of the same mapping whose unit-dependent keys are read in the given tariff unit. */
    Section withContext(final ParseContext newContext)
    {
        return new Section(mapping, pattern, concrete, problems, newContext, values, keysRead);
    }

    ParseContext context()
    {
        return context;
    }

    /** @return the concrete path of a key in this section, e.g. {@code tariffs[2].price}. */
    String pathOf(final ConfigKey<?> key)
    {
        return concrete.isEmpty() ? relative(key) : concrete + "." + relative(key);
    }

    /** @return whether the key has a value in the tree (from the file, an override or an entry default). */
    boolean isSet(final ConfigKey<?> key)
    {
        final ConfigTree.Node node = nodeOf(key);
        return null != node && !(node instanceof ConfigTree.Scalar && null == ((ConfigTree.Scalar)node).text);
    }

    /** @return whether a problem was reported for this key in this section. */
    boolean isBad(final ConfigKey<?> key)
    {
        return problems.isBad(pathOf(key));
    }

    /**
     * @return the value; the default if unset; null if unset without a written default (optional, required
     *         or derived keys) or if invalid without a default. An invalid value is reported once.
     */
    @SuppressWarnings("unchecked")
    <T> T get(final ConfigKey<T> key)
    {
        final String path = pathOf(key);
        final String cacheKey = path + "@" + context.unit();
        if (values.containsKey(cacheKey))
        {
            return (T)values.get(cacheKey);
        }
        final ConfigTree.Node node = nodeOf(key);
        T value;
        if (null == node || (node instanceof ConfigTree.Scalar && null == ((ConfigTree.Scalar)node).text))
        {
            value = writtenDefault(key, path);
        }
        else
        {
            value = parse(key, node, path);
            if (null == value && problems.isBad(path))
            {
                value = writtenDefault(key, path);
            }
        }
        values.put(cacheKey, value);
        return value;
    }

    /** @return the value or, when unset or invalid, {@code fallback}. */
    <T> T getOr(final ConfigKey<T> key, final T fallback)
    {
        final T value = get(key);
        return null == value ? fallback : value;
    }

    /**
     * Reports the key as missing unless it is set.
     *
     * @param condition when it is required, e.g. "required while admin.enabled is true".
     * @return the value, or null when missing or invalid.
     */
    <T> T require(final ConfigKey<T> key, final String condition)
    {
        if (!isSet(key))
        {
            problems.missing(pathOf(key), condition, mapping.origin);
            return null;
        }
        return get(key);
    }

    /** @return one section per entry of a list of entries. */
    List<Section> entries(final ConfigKey<?> listKey)
    {
        final List<Section> sections = new ArrayList<>();
        final ConfigTree.Node node = nodeOf(listKey);
        if (node instanceof ConfigTree.Sequence)
        {
            final List<ConfigTree.Node> items = ((ConfigTree.Sequence)node).items;
            for (int i = 0; i < items.size(); i++)
            {
                if (items.get(i) instanceof ConfigTree.Mapping)
                {
                    sections.add(new Section((ConfigTree.Mapping)items.get(i), listKey.path() + "[]",
                        pathOf(listKey) + "[" + i + "]", problems, context, values, keysRead));
                }
            }
        }
        return sections;
    }

    /** @return the concrete path of this section, e.g. {@code tariffs[2]}. */
    String path()
    {
        return concrete;
    }

    /** Reports a value that breaks a rule involving other keys. */
    void reject(final ConfigKey<?> key, final String shownValue, final String allowed)
    {
        problems.badValue(pathOf(key), shownValue, key.isSecret(), allowed, originOf(key));
    }

    /** Reports a required key as missing because of another key's value. */
    void rejectMissing(final ConfigKey<?> key, final String detail)
    {
        problems.missing(pathOf(key), detail, originOf(key));
    }

    /** @return the text as written for a scalar key, or null. */
    String textOf(final ConfigKey<?> key)
    {
        final ConfigTree.Node node = nodeOf(key);
        return node instanceof ConfigTree.Scalar ? ((ConfigTree.Scalar)node).text : null;
    }

    private String originOf(final ConfigKey<?> key)
    {
        final ConfigTree.Node node = nodeOf(key);
        return null == node ? mapping.origin : node.origin;
    }

    private String relative(final ConfigKey<?> key)
    {
        final String prefix = pattern.isEmpty() ? "" : pattern + ".";
        if (!key.path().startsWith(prefix) || key.path().indexOf("[]", prefix.length()) >= 0)
        {
            throw new IllegalArgumentException(key.path() + " is not a key of section " + pattern);
        }
        return key.path().substring(prefix.length());
    }

    /** @return the registry paths of every key this section and its entries were asked about. */
    Set<String> keysRead()
    {
        return keysRead;
    }

    private ConfigTree.Node nodeOf(final ConfigKey<?> key)
    {
        keysRead.add(key.path());
        ConfigTree.Node node = mapping;
        for (final String segment : relative(key).split("\\."))
        {
            if (!(node instanceof ConfigTree.Mapping))
            {
                return null;
            }
            node = ((ConfigTree.Mapping)node).entries.get(segment);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private <T> T parse(final ConfigKey<T> key, final ConfigTree.Node node, final String path)
    {
        try
        {
            if (key.isListOfValues())
            {
                if (!(node instanceof ConfigTree.Sequence))
                {
                    problems.malformed(path, "expected a list such as [a, b]", node.origin);
                    return null;
                }
                return (T)parseList((ValueTypes.ListType<Object>)key.type(), key, (ConfigTree.Sequence)node, path);
            }
            if (!(node instanceof ConfigTree.Scalar))
            {
                problems.malformed(path, "expected a single value, not a " +
                    (node instanceof ConfigTree.Sequence ? "list" : "section"), node.origin);
                return null;
            }
            final String text = ((ConfigTree.Scalar)node).text;
            try
            {
                return key.type().parse(text, context);
            }
            catch (final IllegalArgumentException | ArithmeticException ex)
            {
                problems.badValue(path, text, key.isSecret(), key.allowedIn(context), node.origin);
                return null;
            }
        }
        catch (final ValueType.Undecidable ex)
        {
            return null;
        }
    }

    private List<Object> parseList(
        final ValueTypes.ListType<Object> type, final ConfigKey<?> key, final ConfigTree.Sequence sequence, final String path)
    {
        final List<Object> list = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < sequence.items.size(); i++)
        {
            final ConfigTree.Node item = sequence.items.get(i);
            final String itemPath = path + "[" + i + "]";
            if (!(item instanceof ConfigTree.Scalar) || null == ((ConfigTree.Scalar)item).text)
            {
                problems.malformed(itemPath, "expected a single value", item.origin);
                valid = false;
                continue;
            }
            final String text = ((ConfigTree.Scalar)item).text;
            try
            {
                list.add(type.element().parse(text, context));
            }
            catch (final IllegalArgumentException | ArithmeticException ex)
            {
                problems.badValue(itemPath, text, key.isSecret(), type.element().allowedIn(context), item.origin);
                valid = false;
            }
        }
        if (!valid)
        {
            problems.markBad(path);
            return null;
        }
        if (type.nonEmpty() && list.isEmpty())
        {
            problems.badValue(path, "[]", false, key.allowedIn(context), sequence.origin);
            return null;
        }
        final int repeat = type.firstRepeat(list);
        if (repeat >= 0)
        {
            problems.badValue(path + "[" + repeat + "]", ((ConfigTree.Scalar)sequence.items.get(repeat)).text,
                key.isSecret(), "a value not already in the list", sequence.items.get(repeat).origin);
            problems.markBad(path);
            return null;
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private <T> T writtenDefault(final ConfigKey<T> key, final String path)
    {
        if (null == key.defaultText() || key.hasDerivedDefault())
        {
            return null;
        }
        final ConfigTree.Node node = ConfigTree.parseDefault(key.defaultText(), Overrides.DEFAULT_ORIGIN);
        return key.isListOfEntries() ? null : parse(key, node, path);
    }
}
