package io.gyro.config;

import io.gyro.config.model.Secret;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects every problem found while loading, so all of them are reported at once. */
final class Problems
{
    private final List<ConfigurationProblem> list = new ArrayList<>();
    private final Set<String> messages = new HashSet<>();
    private final Set<String> badPaths = new HashSet<>();

    void badValue(final String keyPath, final String value, final boolean secret, final String allowed, final String origin)
    {
        badPaths.add(keyPath);
        add(new ConfigurationProblem(keyPath, ConfigurationProblem.Kind.BAD_VALUE,
            secret ? Secret.MASK : value, allowed, origin));
    }

    void missing(final String keyPath, final String detail, final String origin)
    {
        badPaths.add(keyPath);
        add(new ConfigurationProblem(keyPath, ConfigurationProblem.Kind.MISSING, null, detail, origin));
    }

    void unknownKey(final String keyPath, final String detail, final String origin)
    {
        add(new ConfigurationProblem(keyPath, ConfigurationProblem.Kind.UNKNOWN_KEY, null, detail, origin));
    }

    void malformed(final String keyPath, final String detail, final String origin)
    {
        badPaths.add(keyPath);
        add(new ConfigurationProblem(keyPath, ConfigurationProblem.Kind.MALFORMED, null, detail, origin));
    }

    /** Marks a path bad because of a problem reported under it (e.g. one element of a list). */
    void markBad(final String keyPath)
    {
        badPaths.add(keyPath);
    }

    /**
     * @return whether a problem was already reported for this concrete path or for a section or list that
     *         holds it (then rules about the path would only repeat that problem).
     */
    boolean isBad(final String keyPath)
    {
        if (badPaths.contains(keyPath))
        {
            return true;
        }
        for (int i = 0; i < keyPath.length(); i++)
        {
            final char c = keyPath.charAt(i);
            if (('.' == c || '[' == c) && badPaths.contains(keyPath.substring(0, i)))
            {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty()
    {
        return list.isEmpty();
    }

    List<ConfigurationProblem> list()
    {
        return list;
    }

    private void add(final ConfigurationProblem problem)
    {
        if (messages.add(problem.message()))
        {
            list.add(problem);
        }
    }
}
