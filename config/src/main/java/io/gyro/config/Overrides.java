package io.gyro.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts defaults of entry lists, then environment, then command-line values into the tree, in that order,
 * so later sources win: command line > environment > file > defaults.
 */
final class Overrides
{
    static final String ENVIRONMENT_ORIGIN = "environment ";
    static final String COMMAND_LINE_ORIGIN = "command line";
    static final String DEFAULT_ORIGIN = "default";

    private static final Pattern CONCRETE_PATH = Pattern.compile(
        "[a-z0-9-]+(\\[[0-9]{1,9}])?(\\.[a-z0-9-]+(\\[[0-9]{1,9}])?)*");

    private Overrides()
    {
    }

    /**
     * Writes the default of every absent list of entries into the tree (parents first: the registry lists
     * {@code tariffs} before {@code tariffs[].bands}), so that overrides can address default entries such
     * as {@code radius.clients[0].secret}.
     */
    static void materializeEntryDefaults(final ConfigTree.Mapping root)
    {
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            if (!key.isListOfEntries())
            {
                continue;
            }
            final int dot = key.path().lastIndexOf('.');
            final String parentPattern = -1 == dot ? "" : key.path().substring(0, dot);
            final String name = key.path().substring(dot + 1);
            for (final Located container : expand(root, parentPattern, true))
            {
                if (!(container.node instanceof ConfigTree.Mapping))
                {
                    continue; // a shape problem, reported by KeyCheck
                }
                final ConfigTree.Mapping mapping = (ConfigTree.Mapping)container.node;
                final ConfigTree.Node present = mapping.entries.get(name);
                if (null == present || isNull(present))
                {
                    mapping.entries.put(name, ConfigTree.parseDefault(key.defaultText(), DEFAULT_ORIGIN));
                }
            }
        }
    }

    /**
     * Applies every {@code GYRO_...} variable that names a key (including keys of existing list entries);
     * other variables are ignored, since the launcher and the shell may define their own.
     */
    static void applyEnvironment(final ConfigTree.Mapping root, final Map<String, String> environment, final Problems problems)
    {
        if (environment.isEmpty())
        {
            return;
        }
        final List<String[]> assignments = new ArrayList<>();
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            if (key.isListOfEntries())
            {
                continue;
            }
            for (final String concretePath : concretePaths(root, key.path()))
            {
                final String variable = ConfigKey.environmentVariable(concretePath);
                final String value = environment.get(variable);
                if (null != value)
                {
                    assignments.add(new String[]{concretePath, value, variable});
                }
            }
        }
        final Set<String> used = new HashSet<>();
        for (final String[] assignment : assignments)
        {
            used.add(assignment[2]);
        }
        assignments.addAll(entriesThatDoNotExist(environment, used));
        for (final String[] assignment : assignments)
        {
            set(root, ConfigurationKeys.find(ConfigurationKeys.patternOf(assignment[0])), assignment[0], assignment[1],
                ENVIRONMENT_ORIGIN + assignment[2], problems);
        }
    }

    /**
     * The variables that name a key of a list entry the tree does not have ({@code GYRO_RADIUS_CLIENTS_1_SECRET}
     * with one client): set through {@link #set}, which reports them as the command line's are, rather than
     * ignored as variables that name no key.
     */
    private static List<String[]> entriesThatDoNotExist(final Map<String, String> environment, final Set<String> used)
    {
        final List<String[]> assignments = new ArrayList<>();
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            if (key.isListOfEntries() || !key.path().contains("[]"))
            {
                continue;
            }
            final String[] pieces = key.environmentVariable().split("<i>", -1);
            final StringBuilder regex = new StringBuilder();
            for (int i = 0; i < pieces.length; i++)
            {
                regex.append(i == 0 ? "" : "(0|[1-9][0-9]{0,8})").append(Pattern.quote(pieces[i]));
            }
            final Pattern pattern = Pattern.compile(regex.toString());
            for (final Map.Entry<String, String> variable : environment.entrySet())
            {
                final Matcher matcher = pattern.matcher(variable.getKey());
                if (used.contains(variable.getKey()) || !matcher.matches())
                {
                    continue;
                }
                final String[] pathPieces = key.path().split("\\[]", -1);
                final StringBuilder path = new StringBuilder(pathPieces[0]);
                for (int i = 1; i < pathPieces.length; i++)
                {
                    path.append('[').append(Integer.parseInt(matcher.group(i))).append(']').append(pathPieces[i]);
                }
                assignments.add(new String[]{path.toString(), variable.getValue(), variable.getKey()});
            }
        }
        assignments.sort(Comparator.comparing(assignment -> assignment[2]));
        return assignments;
    }

    /** Applies {@code key.path=value} pairs; an unknown key is a problem, like in the file. */
    static void applyCommandLine(final ConfigTree.Mapping root, final List<String> overrides, final Problems problems)
    {
        for (final String override : overrides)
        {
            final int equals = null == override ? -1 : override.indexOf('=');
            if (equals <= 0)
            {
                problems.malformed("", "command-line override '" + override + "' is not key.path=value",
                    COMMAND_LINE_ORIGIN);
                continue;
            }
            final String path = override.substring(0, equals).trim();
            final String value = override.substring(equals + 1);
            final ConfigKey<?> key = CONCRETE_PATH.matcher(path).matches() ?
                ConfigurationKeys.find(ConfigurationKeys.patternOf(path)) : null;
            if (null == key)
            {
                problems.unknownKey(path, "no such configuration key" + KeyCheck.suggestion(
                    ConfigurationKeys.patternOf(path), allPaths()), COMMAND_LINE_ORIGIN);
                continue;
            }
            if (key.isListOfEntries())
            {
                problems.malformed(path, "a list of entries cannot be set as one value; set the keys of its " +
                    "entries instead, e.g. " + firstChild(key) + "", COMMAND_LINE_ORIGIN);
                continue;
            }
            set(root, key, path, value, COMMAND_LINE_ORIGIN, problems);
        }
    }

    private static void set(
        final ConfigTree.Mapping root,
        final ConfigKey<?> key,
        final String concretePath,
        final String value,
        final String origin,
        final Problems problems)
    {
        final String[] segments = concretePath.split("\\.");
        ConfigTree.Mapping mapping = root;
        final StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.length - 1; i++)
        {
            final String segment = segments[i];
            final int bracket = segment.indexOf('[');
            final String name = -1 == bracket ? segment : segment.substring(0, bracket);
            prefix.append(0 == i ? "" : ".").append(name);
            final ConfigTree.Node child = mapping.entries.get(name);
            if (-1 != bracket)
            {
                final int index = Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1));
                final int size = child instanceof ConfigTree.Sequence ? ((ConfigTree.Sequence)child).items.size() : 0;
                if (index >= size)
                {
                    problems.malformed(prefix + "[" + index + "]", "no such entry: the list has " + size +
                        (1 == size ? " entry" : " entries") + "; overrides can change entries, not add them", origin);
                    return;
                }
                prefix.append('[').append(index).append(']');
                final ConfigTree.Node item = ((ConfigTree.Sequence)child).items.get(index);
                if (!(item instanceof ConfigTree.Mapping))
                {
                    return; // a shape problem, reported by KeyCheck
                }
                mapping = (ConfigTree.Mapping)item;
                continue;
            }
            if (null == child || isNull(child))
            {
                final ConfigTree.Mapping created = new ConfigTree.Mapping(origin);
                mapping.entries.put(name, created);
                mapping = created;
            }
            else if (child instanceof ConfigTree.Mapping)
            {
                mapping = (ConfigTree.Mapping)child;
            }
            else
            {
                return; // a shape problem, reported by KeyCheck
            }
        }
        final String leaf = segments[segments.length - 1];
        if (key.isListOfValues())
        {
            final ConfigTree.Sequence list = new ConfigTree.Sequence(origin);
            if (!value.trim().isEmpty())
            {
                for (final String item : value.split(",", -1))
                {
                    list.items.add(new ConfigTree.Scalar(item.trim(), origin));
                }
            }
            mapping.entries.put(leaf, list);
        }
        else
        {
            mapping.entries.put(leaf, new ConfigTree.Scalar(value.isEmpty() ? null : value, origin));
        }
    }

    /**
     * @param root    the tree.
     * @param pattern a key path in registry form.
     * @return the concrete paths of the key over the list entries present in the tree.
     */
    static List<String> concretePaths(final ConfigTree.Mapping root, final String pattern)
    {
        final int lastList = pattern.lastIndexOf("[]");
        if (-1 == lastList)
        {
            return List.of(pattern);
        }
        final String rest = pattern.substring(lastList + 2); // ".key..."
        final List<String> paths = new ArrayList<>();
        for (final Located entry : expand(root, pattern.substring(0, lastList + 2), false))
        {
            paths.add(entry.path + rest);
        }
        return paths;
    }

    /** A node with its concrete path. */
    static final class Located
    {
        final String path;
        final ConfigTree.Node node;

        Located(final String path, final ConfigTree.Node node)
        {
            this.path = path;
            this.node = node;
        }
    }

    /**
     * @param root    the tree.
     * @param pattern a registry path prefix such as {@code tariffs[].bands[]} or {@code diameter}.
     * @param create  whether to create missing plain sections on the way.
     * @return the nodes the pattern reaches, with their concrete paths.
     */
    static List<Located> expand(final ConfigTree.Mapping root, final String pattern, final boolean create)
    {
        final List<Located> out = new ArrayList<>();
        expand(root, pattern.isEmpty() ? new String[0] : pattern.split("\\."), 0, "", create, out);
        return out;
    }

    private static void expand(
        final ConfigTree.Node node,
        final String[] segments,
        final int index,
        final String path,
        final boolean create,
        final List<Located> out)
    {
        if (index == segments.length)
        {
            out.add(new Located(path, node));
            return;
        }
        if (!(node instanceof ConfigTree.Mapping))
        {
            return;
        }
        final ConfigTree.Mapping mapping = (ConfigTree.Mapping)node;
        final boolean list = segments[index].endsWith("[]");
        final String name = list ? segments[index].substring(0, segments[index].length() - 2) : segments[index];
        final String childPath = path.isEmpty() ? name : path + "." + name;
        ConfigTree.Node child = mapping.entries.get(name);
        if (list)
        {
            if (child instanceof ConfigTree.Sequence)
            {
                final List<ConfigTree.Node> items = ((ConfigTree.Sequence)child).items;
                for (int i = 0; i < items.size(); i++)
                {
                    expand(items.get(i), segments, index + 1, childPath + "[" + i + "]", create, out);
                }
            }
            return;
        }
        if ((null == child || isNull(child)) && create)
        {
            child = new ConfigTree.Mapping(DEFAULT_ORIGIN);
            mapping.entries.put(name, child);
        }
        if (null != child)
        {
            expand(child, segments, index + 1, childPath, create, out);
        }
    }

    private static boolean isNull(final ConfigTree.Node node)
    {
        return node instanceof ConfigTree.Scalar && null == ((ConfigTree.Scalar)node).text;
    }

    private static List<String> allPaths()
    {
        final List<String> paths = new ArrayList<>();
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            paths.add(key.path());
        }
        return paths;
    }

    private static String firstChild(final ConfigKey<?> listKey)
    {
        for (final ConfigKey<?> key : ConfigurationKeys.all())
        {
            if (key.path().startsWith(listKey.path() + "[]."))
            {
                return key.path().replace(listKey.path() + "[]", listKey.path() + "[0]");
            }
        }
        return listKey.path() + "[0]";
    }
}
