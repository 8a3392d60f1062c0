package io.gyro.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses keys the registry does not know, naming the key and suggesting the nearest known one, and
 * reports sections and lists written as something else. A typo like {@code prot: 3869} would otherwise
 * be silently ignored and the server would start on the default port.
 */
final class KeyCheck
{
    /** At most this many edits away a known name is offered as "did you mean", and at most half the name. */
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private KeyCheck()
    {
    }

    static void check(final ConfigTree.Mapping root, final Problems problems)
    {
        walk(root, "", "", problems);
    }

    private static void walk(
        final ConfigTree.Mapping mapping, final String pattern, final String concrete, final Problems problems)
    {
        for (final var entry : mapping.entries.entrySet())
        {
            final String name = entry.getKey();
            final ConfigTree.Node child = entry.getValue();
            final String childPattern = pattern.isEmpty() ? name : pattern + "." + name;
            final String childConcrete = concrete.isEmpty() ? name : concrete + "." + name;
            final ConfigKey<?> key = ConfigurationKeys.find(childPattern);
            if (null != key)
            {
                if (key.isListOfEntries() && child instanceof ConfigTree.Sequence)
                {
                    final var items = ((ConfigTree.Sequence)child).items;
                    for (int i = 0; i < items.size(); i++)
                    {
                        final ConfigTree.Node item = items.get(i);
                        if (item instanceof ConfigTree.Mapping)
                        {
                            walk((ConfigTree.Mapping)item, childPattern + "[]", childConcrete + "[" + i + "]", problems);
                        }
                        else
                        {
                            problems.malformed(childConcrete + "[" + i + "]", "expected an entry with keys " +
                                String.join(", ", childNames(childPattern + "[]")), item.origin);
                        }
                    }
                }
                else if (key.isListOfEntries() && !isNull(child))
                {
                    problems.malformed(childConcrete, "expected a list of entries with keys " +
                        String.join(", ", childNames(childPattern + "[]")), child.origin);
                }
                continue;
            }
            final Set<String> children = childNames(childPattern);
            if (!children.isEmpty())
            {
                if (child instanceof ConfigTree.Mapping)
                {
                    walk((ConfigTree.Mapping)child, childPattern, childConcrete, problems);
                }
                else if (!isNull(child))
                {
                    problems.malformed(childConcrete, "expected a section with keys " + String.join(", ", children),
                        child.origin);
                }
                continue;
            }
            final Set<String> allowed = childNames(pattern);
            problems.unknownKey(childConcrete, "allowed " + (pattern.isEmpty() ? "sections" : "keys here") + ": " +
                String.join(", ", allowed) + suggestion(name, allowed), child.origin);
        }
    }

    /**
     * @param pattern a registry path prefix; empty for the top level.
     * @return the names that may appear directly below it.
     */
    static Set<String> childNames(final String pattern)
    {
        final Set<String> names = new LinkedHashSet<>();
        final String prefix = pattern.isEmpty() ? "" : pattern + ".";
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            if (key.path().startsWith(prefix))
            {
                final String rest = key.path().substring(prefix.length());
                final int dot = rest.indexOf('.');
                final String next = -1 == dot ? rest : rest.substring(0, dot);
                names.add(next.endsWith("[]") ? next.substring(0, next.length() - 2) : next);
            }
        }
        return names;
    }

    /**
     * @param name       what was written.
     * @param candidates known names.
     * @return {@code " (did you mean x?)"} for the nearest candidate within a few edits, else empty.
     */
    static String suggestion(final String name, final Collection<String> candidates)
    {
        String best = null;
        int bestDistance = Math.min(MAX_SUGGESTION_DISTANCE, (name.length() + 1) / 2) + 1;
        for (final String candidate : candidates)
        {
            final int distance = distance(name.toLowerCase(Locale.ROOT), candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return null == best ? "" : " (did you mean " + best + "?)";
    }

    /** Levenshtein distance. */
    private static int distance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static boolean isNull(final ConfigTree.Node node)
    {
        return node instanceof ConfigTree.Scalar && null == ((ConfigTree.Scalar)node).text;
    }
}
