package io.gyro.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration as an untyped tree of mappings, lists and scalar texts, before any key is parsed.
 * <p>
 * Scalars keep their text exactly as written: YAML's own typing is ignored, so {@code 0.0100} never becomes
 * a floating-point number and {@code 0755} is not read as octal; each key's {@link ValueType} alone decides.
 * Every node remembers where it came from, for error messages.
 */
final class ConfigTree
{
    /** Deeper nesting than any real configuration; also stops self-referencing aliases. */
    static final int MAX_DEPTH = 32;
    /** Largest accepted file, in code points: room for tens of thousands of explicit demo accounts. */
    static final int MAX_CODE_POINTS = 16 * 1024 * 1024;
    /** Alias expansion limit: configurations need few; many is a "billion laughs" attack. */
    static final int MAX_ALIASES = 100;

    private ConfigTree()
    {
    }

    /** A node with its origin. */
    abstract static class Node
    {
        final String origin;

        Node(final String origin)
        {
            this.origin = origin;
        }
    }

    /** A scalar; {@code text} is null for YAML null ({@code ~}, {@code null} or nothing), meaning "not set". */
    static final class Scalar extends Node
    {
        final String text;

        Scalar(final String text, final String origin)
        {
            super(origin);
            this.text = text;
        }
    }

    /** A mapping with its keys in file order. */
    static final class Mapping extends Node
    {
        final Map<String, Node> entries = new LinkedHashMap<>();

        Mapping(final String origin)
        {
            super(origin);
        }
    }

    /** A list. */
    static final class Sequence extends Node
    {
        final List<Node> items = new ArrayList<>();

        Sequence(final String origin)
        {
            super(origin);
        }
    }

    /**
     * @param yaml       the document.
     * @param sourceName file name for messages.
     * @param problems   where syntax and shape problems go.
     * @return the root mapping (empty for an empty document), or null if the text is not usable YAML.
     */
    static Mapping parse(final String yaml, final String sourceName, final Problems problems)
    {
        final LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(MAX_DEPTH);
        final org.yaml.snakeyaml.nodes.Node root;
        try
        {
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
        }
        catch (final MarkedYAMLException ex)
        {
            final Mark mark = null != ex.getProblemMark() ? ex.getProblemMark() : ex.getContextMark();
            final String where = null == mark ? sourceName :
                sourceName + " line " + (mark.getLine() + 1) + " column " + (mark.getColumn() + 1);
            problems.malformed("", "not valid YAML: " + firstLine(ex.getProblem(), ex.getMessage()), where);
            return null;
        }
        catch (final YAMLException ex)
        {
            problems.malformed("", "not valid YAML: " + firstLine(ex.getMessage(), "unreadable"), sourceName);
            return null;
        }
        if (null == root || isNull(root))
        {
            return new Mapping(sourceName);
        }
        if (!(root instanceof MappingNode))
        {
            problems.malformed("", "the document must be a mapping of sections (mode:, node:, diameter: ...)",
                origin(sourceName, root));
            return null;
        }
        return (Mapping)convert(root, sourceName, "", problems, 0);
    }

    /**
     * Parses a flow-style default such as {@code [10415]} or {@code [{name: a}]} into a tree.
     *
     * @param yaml   the default text from the registry.
     * @param origin origin to record.
     * @return the node.
     */
    static Node parseDefault(final String yaml, final String origin)
    {
        final Problems problems = new Problems();
        final Mapping holder = parse("value: " + yaml, origin, problems);
        if (!problems.isEmpty() || null == holder)
        {
            throw new IllegalStateException("registry default is not valid YAML: " + yaml + " " + problems.list());
        }
        return relabel(holder.entries.get("value"), origin);
    }

    private static Node relabel(final Node node, final String origin)
    {
        if (node instanceof Scalar)
        {
            return new Scalar(((Scalar)node).text, origin);
        }
        if (node instanceof Sequence)
        {
            final Sequence copy = new Sequence(origin);
            for (final Node item : ((Sequence)node).items)
            {
                copy.items.add(relabel(item, origin));
            }
            return copy;
        }
        final Mapping copy = new Mapping(origin);
        ((Mapping)node).entries.forEach((key, value) -> copy.entries.put(key, relabel(value, origin)));
        return copy;
    }

    private static Node convert(
        final org.yaml.snakeyaml.nodes.Node node,
        final String sourceName,
        final String path,
        final Problems problems,
        final int depth)
    {
        final String origin = origin(sourceName, node);
        if (depth > MAX_DEPTH)
        {
            problems.malformed(path, "nested deeper than " + MAX_DEPTH + " levels", origin);
            return new Scalar(null, origin);
        }
        if (node instanceof ScalarNode)
        {
            return new Scalar(isNull(node) ? null : ((ScalarNode)node).getValue(), origin);
        }
        if (node instanceof SequenceNode)
        {
            final Sequence sequence = new Sequence(origin);
            final List<org.yaml.snakeyaml.nodes.Node> items = ((SequenceNode)node).getValue();
            for (int i = 0; i < items.size(); i++)
            {
                sequence.items.add(convert(items.get(i), sourceName, path + "[" + i + "]", problems, depth + 1));
            }
            return sequence;
        }
        final Mapping mapping = new Mapping(origin);
        for (final NodeTuple tuple : ((MappingNode)node).getValue())
        {
            final org.yaml.snakeyaml.nodes.Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode) || isNull(keyNode))
            {
                problems.malformed(path, "a key must be a plain name", origin(sourceName, keyNode));
                continue;
            }
            final String key = ((ScalarNode)keyNode).getValue();
            final String childPath = path.isEmpty() ? key : path + "." + key;
            if (mapping.entries.containsKey(key))
            {
                problems.malformed(childPath, "the key appears twice", origin(sourceName, keyNode));
                continue;
            }
            mapping.entries.put(key, convert(tuple.getValueNode(), sourceName, childPath, problems, depth + 1));
        }
        return mapping;
    }

    private static boolean isNull(final org.yaml.snakeyaml.nodes.Node node)
    {
        return Tag.NULL.equals(node.getTag());
    }

    private static String origin(final String sourceName, final org.yaml.snakeyaml.nodes.Node node)
    {
        final Mark mark = node.getStartMark();
        return null == mark ? sourceName : sourceName + " line " + (mark.getLine() + 1);
    }

    private static String firstLine(final String text, final String fallback)
    {
        final String chosen = null == text ? fallback : text;
        final int newline = chosen.indexOf('\n');
        return -1 == newline ? chosen : chosen.substring(0, newline);
    }
}
