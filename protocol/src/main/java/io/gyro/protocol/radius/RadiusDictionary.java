package io.gyro.protocol.radius;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Attribute names, types and VALUE names read from FreeRADIUS-format dictionaries (v3 syntax: {@code ATTRIBUTE},
 * {@code VALUE}, {@code VENDOR ... [format=t,l[,c]]}, {@code BEGIN-VENDOR}/{@code END-VENDOR}, {@code $INCLUDE};
 * TLV children written as dotted numbers such as {@code 90.1}).
 * <p>
 * Built once at start-up and immutable afterwards, so it can be shared by every thread. The bundled data lives in
 * {@code io/gyro/protocol/radius/dictionary/}, each file citing the FreeRADIUS file it was copied from; load it with
 * {@link #standard()}. Malformed dictionary data fails loading with an {@link IllegalArgumentException} naming
 * the file and line: dictionaries are configuration, not network input.
 * <p>
 * Names are matched case-insensitively, as FreeRADIUS does. When two names share a number, the first one
 * defined is used for rendering and both resolve by name.
 */
public final class RadiusDictionary
{
    /** Resource directory of the bundled dictionaries, relative to this class. */
    public static final String BUNDLED_DIRECTORY = "dictionary/";
    /** Top-level bundled file that {@code $INCLUDE}s the others. */
    public static final String BUNDLED_ROOT = "dictionary";

    /** Guards against {@code $INCLUDE} cycles; the FreeRADIUS trees nest two or three levels at most. */
    private static final int MAX_INCLUDE_DEPTH = 8;

    /** Opens an included file by the name written after {@code $INCLUDE}. */
    @FunctionalInterface
    public interface IncludeResolver
    {
        /**
         * Opens a dictionary file.
         *
         * @param name the file name as written in the including file (or the root name).
         * @return a reader; the loader closes it.
         * @throws IOException when the file cannot be read.
         */
        Reader open(String name) throws IOException;
    }

    private final RadiusAttributeDefinition[] standardAttributes = new RadiusAttributeDefinition[256];
    private final Map<Integer, RadiusVendorDefinition> vendorsById = new HashMap<>();
    private final Map<String, RadiusVendorDefinition> vendorsByName = new HashMap<>();
    private final Map<String, RadiusAttributeDefinition> attributesByName = new HashMap<>();

    private RadiusDictionary()
    {
    }

    private static final class StandardHolder
    {
        static final RadiusDictionary STANDARD = load(
            BUNDLED_ROOT,
            name ->
            {
                final InputStream stream = RadiusDictionary.class.getResourceAsStream(BUNDLED_DIRECTORY + name);
                if (null == stream)
                {
                    throw new IOException("bundled RADIUS dictionary not found: " + BUNDLED_DIRECTORY + name);
                }
                return new InputStreamReader(stream, StandardCharsets.UTF_8);
            });
    }

    /**
     * The bundled dictionaries (RFC 2865, 2866, 2869, 3162, 3576, 4372, 5176 and the vendors 3GPP, 3GPP2, Cisco,
     * Ericsson-AB, Huawei, Juniper, Juniper ERX, MikroTik, Nokia SR, Starent, WiMAX), loaded once.
     *
     * @return the shared instance.
     */
    public static RadiusDictionary standard()
    {
        return StandardHolder.STANDARD;
    }

    /**
     * Loads a dictionary file from the file system; {@code $INCLUDE} names resolve against its directory.
     *
     * @param file the root dictionary file.
     * @return the dictionary.
     */
    public static RadiusDictionary load(final Path file)
    {
        final Path directory = file.toAbsolutePath().getParent();
        return load(
            file.getFileName().toString(),
            name -> Files.newBufferedReader(directory.resolve(name), StandardCharsets.UTF_8));
    }

    /**
     * Loads a dictionary through a resolver (classpath, tests, embedded strings).
     *
     * @param rootName name of the first file to read.
     * @param resolver opens the root and every {@code $INCLUDE}d file.
     * @return the dictionary.
     */
    public static RadiusDictionary load(final String rootName, final IncludeResolver resolver)
    {
        final Parser parser = new Parser(new RadiusDictionary(), resolver);
        parser.parseFile(rootName, 0);
        parser.resolveValues();
        return parser.dictionary;
    }

    /**
     * A standard (non-vendor) attribute.
     *
     * @param type 1-255.
     * @return the definition, or null.
     */
    public RadiusAttributeDefinition attribute(final int type)
    {
        return type >= 0 && type < standardAttributes.length ? standardAttributes[type] : null;
    }

    /**
     * A standard or vendor attribute.
     *
     * @param vendorId 0 for standard attributes.
     * @param type     the (vendor) type.
     * @return the definition, or null.
     */
    public RadiusAttributeDefinition attribute(final int vendorId, final int type)
    {
        if (0 == vendorId)
        {
            return attribute(type);
        }
        final RadiusVendorDefinition vendor = vendorsById.get(vendorId);
        return null == vendor ? null : vendor.attribute(type);
    }

    /**
     * An attribute by name (case-insensitive), standard, vendor or TLV child.
     *
     * @param name e.g. {@code "Huawei-Remanent-Volume"}.
     * @return the definition, or null.
     */
    public RadiusAttributeDefinition attribute(final String name)
    {
        return attributesByName.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * A vendor by enterprise number.
     *
     * @param vendorId IANA enterprise number.
     * @return the vendor, or null.
     */
    public RadiusVendorDefinition vendor(final int vendorId)
    {
        return vendorsById.get(vendorId);
    }

    /**
     * A vendor by name (case-insensitive).
     *
     * @param name e.g. {@code "Starent"}.
     * @return the vendor, or null.
     */
    public RadiusVendorDefinition vendor(final String name)
    {
        return vendorsByName.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * All vendors.
     *
     * @return an unmodifiable view.
     */
    public Collection<RadiusVendorDefinition> vendors()
    {
        return Collections.unmodifiableCollection(vendorsById.values());
    }

    /**
     * The sub-attribute layout of a vendor: the dictionary's {@code format=} when the vendor is known, otherwise
     * the built-in default ({@link RadiusVendorFormat#forVendor(int)}).
     *
     * @param vendorId IANA enterprise number.
     * @return the format.
     */
    public RadiusVendorFormat vendorFormat(final int vendorId)
    {
        final RadiusVendorDefinition vendor = vendorsById.get(vendorId);
        return null == vendor ? RadiusVendorFormat.forVendor(vendorId) : vendor.format();
    }

    // ------------------------------------------------------------------ parsing

    private static final class PendingValue
    {
        final String attributeName;
        final String valueName;
        final long value;
        final String location;

        PendingValue(final String attributeName, final String valueName, final long value, final String location)
        {
            this.attributeName = attributeName;
            this.valueName = valueName;
            this.value = value;
            this.location = location;
        }
    }

    private static final class Parser
    {
        final RadiusDictionary dictionary;
        final IncludeResolver resolver;
        final List<PendingValue> pendingValues = new ArrayList<>();
        RadiusVendorDefinition currentVendor;

        Parser(final RadiusDictionary dictionary, final IncludeResolver resolver)
        {
            this.dictionary = dictionary;
            this.resolver = resolver;
        }

        void parseFile(final String name, final int depth)
        {
            if (depth > MAX_INCLUDE_DEPTH)
            {
                throw new IllegalArgumentException("$INCLUDE nested deeper than " + MAX_INCLUDE_DEPTH + " at " + name);
            }
            try (BufferedReader reader = new BufferedReader(resolver.open(name)))
            {
                String line;
                int lineNumber = 0;
                while (null != (line = reader.readLine()))
                {
                    lineNumber++;
                    final int comment = line.indexOf('#');
                    final String content = (comment >= 0 ? line.substring(0, comment) : line).trim();
                    if (content.isEmpty())
                    {
                        continue;
                    }
                    final String location = name + ":" + lineNumber;
                    try
                    {
                        parseLine(content.split("\\s+"), location, depth);
                    }
                    catch (final RuntimeException ex)
                    {
                        throw new IllegalArgumentException(location + ": " + ex.getMessage() + " in \"" + content + "\"", ex);
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read RADIUS dictionary " + name, ex);
            }
            if (0 == depth && null != currentVendor)
            {
                throw new IllegalArgumentException(name + ": BEGIN-VENDOR " + currentVendor.name() + " without END-VENDOR");
            }
        }

        void parseLine(final String[] tokens, final String location, final int depth)
        {
            switch (tokens[0])
            {
                case "$INCLUDE":
                    requireTokens(tokens, 2, 2);
                    final RadiusVendorDefinition vendorAround = currentVendor;
                    parseFile(tokens[1], depth + 1);
                    currentVendor = vendorAround;
                    break;
                case "VENDOR":
                    requireTokens(tokens, 3, 4);
                    addVendor(tokens);
                    break;
                case "BEGIN-VENDOR":
                    requireTokens(tokens, 2, 2);
                    if (null != currentVendor)
                    {
                        throw new IllegalArgumentException("BEGIN-VENDOR inside BEGIN-VENDOR " + currentVendor.name());
                    }
                    currentVendor = dictionary.vendor(tokens[1]);
                    if (null == currentVendor)
                    {
                        throw new IllegalArgumentException("unknown vendor " + tokens[1]);
                    }
                    break;
                case "END-VENDOR":
                    requireTokens(tokens, 2, 2);
                    if (null == currentVendor || !currentVendor.name().equalsIgnoreCase(tokens[1]))
                    {
                        throw new IllegalArgumentException("END-VENDOR " + tokens[1] + " does not close the open block");
                    }
                    currentVendor = null;
                    break;
                case "ATTRIBUTE":
                    requireTokens(tokens, 4, 5);
                    addAttribute(tokens);
                    break;
                case "VALUE":
                    requireTokens(tokens, 4, 4);
                    pendingValues.add(new PendingValue(tokens[1], tokens[2], parseNumber(tokens[3]), location));
                    break;
                default:
                    throw new IllegalArgumentException("unsupported dictionary keyword " + tokens[0]);
            }
        }

        void addVendor(final String[] tokens)
        {
            final String name = tokens[1];
            final int vendorId = (int)parseNumber(tokens[2]);
            RadiusVendorFormat format = RadiusVendorFormat.STANDARD;
            if (4 == tokens.length)
            {
                if (!tokens[3].startsWith("format="))
                {
                    throw new IllegalArgumentException("unknown VENDOR option " + tokens[3]);
                }
                final String[] parts = tokens[3].substring("format=".length()).split(",");
                if (parts.length < 2 || parts.length > 3 || (3 == parts.length && !"c".equals(parts[2])))
                {
                    throw new IllegalArgumentException("format must be t,l or t,l,c: " + tokens[3]);
                }
                format = RadiusVendorFormat.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 3 == parts.length);
            }
            final RadiusVendorDefinition existing = dictionary.vendorsById.get(vendorId);
            if (null != existing)
            {
                throw new IllegalArgumentException("vendor " + vendorId + " already defined as " + existing.name());
            }
            final RadiusVendorDefinition vendor = new RadiusVendorDefinition(name, vendorId, format);
            dictionary.vendorsById.put(vendorId, vendor);
            dictionary.vendorsByName.put(name.toLowerCase(Locale.ROOT), vendor);
        }

        void addAttribute(final String[] tokens)
        {
            final String name = tokens[1];
            final String[] oid = tokens[2].split("\\.");
            String typeKeyword = tokens[3];
            int fixedLength = -1;
            final int bracket = typeKeyword.indexOf('[');
            if (bracket >= 0)
            {
                if (!typeKeyword.endsWith("]"))
                {
                    throw new IllegalArgumentException("bad size in type " + typeKeyword);
                }
                fixedLength = Integer.parseInt(typeKeyword.substring(bracket + 1, typeKeyword.length() - 1));
                typeKeyword = typeKeyword.substring(0, bracket);
            }
            final RadiusDataType dataType = RadiusDataType.parse(typeKeyword);

            int encryptMethod = 0;
            boolean hasTag = false;
            boolean concat = false;
            if (5 == tokens.length)
            {
                for (final String flag : tokens[4].split(","))
                {
                    if ("has_tag".equals(flag))
                    {
                        hasTag = true;
                    }
                    else if ("concat".equals(flag))
                    {
                        concat = true;
                    }
                    else if (flag.startsWith("encrypt="))
                    {
                        encryptMethod = Integer.parseInt(flag.substring("encrypt=".length()));
                    }
                    else if (!"array".equals(flag) && !"virtual".equals(flag))
                    {
                        throw new IllegalArgumentException("unsupported attribute flag " + flag);
                    }
                }
            }

            final int vendorId = null == currentVendor ? 0 : currentVendor.vendorId();
            final int maxTopLevelType = null == currentVendor ? 255 : currentVendor.format().maxType();
            RadiusAttributeDefinition parent = null;
            for (int i = 0; i < oid.length - 1; i++)
            {
                final int component = parseType(oid[i], 0 == i ? maxTopLevelType : 255);
                parent = 0 == i ? dictionary.attribute(vendorId, component) : parent.child(component);
                if (null == parent || RadiusDataType.TLV != parent.dataType())
                {
                    throw new IllegalArgumentException("parent of " + tokens[2] + " is not a defined tlv");
                }
            }
            final int type = parseType(oid[oid.length - 1], null == parent ? maxTopLevelType : 255);

            final String key = name.toLowerCase(Locale.ROOT);
            final RadiusAttributeDefinition sameName = dictionary.attributesByName.get(key);
            if (null != sameName)
            {
                if (sameName.vendorId() == vendorId && sameName.type() == type && sameName.parent() == parent)
                {
                    return;
                }
                throw new IllegalArgumentException("attribute name " + name + " already defined as " + sameName);
            }

            final RadiusAttributeDefinition definition = new RadiusAttributeDefinition(
                name, vendorId, type, dataType, fixedLength, encryptMethod, hasTag, concat, parent);
            dictionary.attributesByName.put(key, definition);
            if (null != parent)
            {
                parent.addChild(definition);
            }
            else if (0 == vendorId)
            {
                if (null == dictionary.standardAttributes[type])
                {
                    dictionary.standardAttributes[type] = definition;
                }
            }
            else
            {
                currentVendor.addAttribute(definition);
            }
        }

        void resolveValues()
        {
            for (final PendingValue pending : pendingValues)
            {
                final RadiusAttributeDefinition definition = dictionary.attribute(pending.attributeName);
                if (null == definition)
                {
                    throw new IllegalArgumentException(
                        pending.location + ": VALUE for undefined attribute " + pending.attributeName);
                }
                if (!definition.dataType().isInteger())
                {
                    throw new IllegalArgumentException(
                        pending.location + ": VALUE for non-integer attribute " + pending.attributeName);
                }
                definition.addValue(pending.valueName, pending.value);
            }
        }

        static int parseType(final String text, final int maxType)
        {
            final long type = parseNumber(text);
            if (type < 0 || type > maxType)
            {
                throw new IllegalArgumentException("attribute number out of range 0-" + maxType + ": " + text);
            }
            return (int)type;
        }

        static long parseNumber(final String text)
        {
            return text.startsWith("0x") || text.startsWith("0X") ?
                Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
        }

        static void requireTokens(final String[] tokens, final int min, final int max)
        {
            if (tokens.length < min || tokens.length > max)
            {
                throw new IllegalArgumentException(tokens[0] + " takes " + (min - 1) + "-" + (max - 1) + " arguments");
            }
        }
    }
}
