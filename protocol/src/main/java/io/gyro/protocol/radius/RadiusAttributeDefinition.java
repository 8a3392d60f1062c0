package io.gyro.protocol.radius;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One {@code ATTRIBUTE} line of a FreeRADIUS dictionary, with its {@code VALUE} names. Immutable once the
 * {@link RadiusDictionary} is built; shared between threads.
 */
public final class RadiusAttributeDefinition
{
    private final String name;
    private final int vendorId;
    private final int type;
    private final RadiusDataType dataType;
    private final int fixedLength;
    private final int encryptMethod;
    private final boolean hasTag;
    private final boolean concat;
    private final RadiusAttributeDefinition parent;
    private final Map<Integer, RadiusAttributeDefinition> children = new HashMap<>();
    private final Map<Long, String> valueNames = new HashMap<>();
    private final Map<String, Long> valuesByName = new HashMap<>();

    RadiusAttributeDefinition(
        final String name,
        final int vendorId,
        final int type,
        final RadiusDataType dataType,
        final int fixedLength,
        final int encryptMethod,
        final boolean hasTag,
        final boolean concat,
        final RadiusAttributeDefinition parent)
    {
        this.name = name;
        this.vendorId = vendorId;
        this.type = type;
        this.dataType = dataType;
        this.fixedLength = fixedLength;
        this.encryptMethod = encryptMethod;
        this.hasTag = hasTag;
        this.concat = concat;
        this.parent = parent;
    }

    void addChild(final RadiusAttributeDefinition child)
    {
        children.putIfAbsent(child.type, child);
    }

    void addValue(final String valueName, final long value)
    {
        // A later VALUE for the same number wins when rendering (FreeRADIUS lists aliases such as
        // "Alive 3 # dup" before the preferred "Interim-Update 3").
        valueNames.put(value, valueName);
        valuesByName.put(valueName.toLowerCase(Locale.ROOT), value);
    }

    /**
     * The attribute name, e.g. {@code "Acct-Status-Type"}.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Vendor of the attribute.
     *
     * @return the enterprise number, 0 for standard attributes.
     */
    public int vendorId()
    {
        return vendorId;
    }

    /**
     * Attribute type (for TLV children: the sub-type within the parent).
     *
     * @return the type number.
     */
    public int type()
    {
        return type;
    }

    /**
     * Data type of the value.
     *
     * @return the type.
     */
    public RadiusDataType dataType()
    {
        return dataType;
    }

    /**
     * Declared fixed size ({@code octets[16]}).
     *
     * @return octets, or -1 when not fixed.
     */
    public int fixedLength()
    {
        return fixedLength;
    }

    /**
     * FreeRADIUS {@code encrypt=} method: 1 User-Password (RFC 2865 §5.2), 2 Tunnel-Password (RFC 2868 §3.5),
     * 3 Ascend secret.
     *
     * @return 0 when the value is sent in clear.
     */
    public int encryptMethod()
    {
        return encryptMethod;
    }

    /**
     * Whether the value is hidden on the wire and must never be logged.
     *
     * @return true when {@link #encryptMethod()} is non-zero.
     */
    public boolean isSecret()
    {
        return 0 != encryptMethod;
    }

    /**
     * Whether the value may start with an RFC 2868 §3.1 tag octet ({@code has_tag}).
     *
     * @return true for tagged attributes.
     */
    public boolean hasTag()
    {
        return hasTag;
    }

    /**
     * Whether long values are split over consecutive attributes ({@code concat}, e.g. EAP-Message).
     *
     * @return true when instances concatenate.
     */
    public boolean isConcat()
    {
        return concat;
    }

    /**
     * The enclosing TLV for nested attributes.
     *
     * @return the parent, or null for top-level attributes.
     */
    public RadiusAttributeDefinition parent()
    {
        return parent;
    }

    /**
     * A nested attribute of this TLV.
     *
     * @param subType the sub-type.
     * @return the definition, or null.
     */
    public RadiusAttributeDefinition child(final int subType)
    {
        return children.get(subType);
    }

    /**
     * All nested attributes, by sub-type.
     *
     * @return an unmodifiable view.
     */
    public Map<Integer, RadiusAttributeDefinition> children()
    {
        return Collections.unmodifiableMap(children);
    }

    /**
     * The VALUE name of a number, e.g. 3 for Acct-Status-Type gives {@code "Interim-Update"}.
     *
     * @param value the number.
     * @return the name, or null.
     */
    public String valueName(final long value)
    {
        return valueNames.get(value);
    }

    /**
     * The number of a VALUE name (case-insensitive).
     *
     * @param valueName e.g. {@code "Stop"}.
     * @return the number, or empty.
     */
    public OptionalLong value(final String valueName)
    {
        final Long value = valuesByName.get(valueName.toLowerCase(Locale.ROOT));
        return null == value ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public String toString()
    {
        return name + "(" + (0 == vendorId ? "" : vendorId + ".") + type + ", " + dataType + ")";
    }
}
