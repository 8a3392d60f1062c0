package io.gyro.protocol.radius;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@code VENDOR} of a FreeRADIUS dictionary with its attributes. Immutable once the
 * {@link RadiusDictionary} is built.
 */
public final class RadiusVendorDefinition
{
    private final String name;
    private final int vendorId;
    private final RadiusVendorFormat format;
    private final Map<Integer, RadiusAttributeDefinition> attributes = new HashMap<>();

    RadiusVendorDefinition(final String name, final int vendorId, final RadiusVendorFormat format)
    {
        this.name = name;
        this.vendorId = vendorId;
        this.format = format;
    }

    void addAttribute(final RadiusAttributeDefinition definition)
    {
        // First definition of a number keeps it for rendering; later aliases remain reachable by name.
        attributes.putIfAbsent(definition.type(), definition);
    }

    /**
     * Vendor name, e.g. {@code "Huawei"}.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * IANA enterprise number.
     *
     * @return the id.
     */
    public int vendorId()
    {
        return vendorId;
    }

    /**
     * Sub-attribute layout ({@code format=}).
     *
     * @return the format.
     */
    public RadiusVendorFormat format()
    {
        return format;
    }

    /**
     * A top-level attribute of this vendor.
     *
     * @param vendorType the vendor type.
     * @return the definition, or null.
     */
    public RadiusAttributeDefinition attribute(final int vendorType)
    {
        return attributes.get(vendorType);
    }

    /**
     * All top-level attributes of this vendor.
     *
     * @return an unmodifiable view.
     */
    public Map<Integer, RadiusAttributeDefinition> attributes()
    {
        return Collections.unmodifiableMap(attributes);
    }

    @Override
    public String toString()
    {
        return name + "(" + vendorId + ", " + format + ")";
    }
}
