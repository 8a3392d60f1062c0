package io.gyro.protocol.diameter.dictionary;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * What a dictionary knows about one AVP: code, vendor, data type, flag rules, enumerated values and, for
 * Grouped AVPs, the rules for its children.
 * <p>
 * Immutable once its {@link DiameterDictionary} is built; safe to share between threads. The lookups
 * ({@link #isKnownEnumValue(int)}, {@link #enumName(int)}, {@link #groupRule(int, int)}) use primitive-keyed
 * Agrona maps and allocate nothing, so decoders may call them per AVP.
 */
public final class AvpDefinition
{
    /**
     * Receiving policy for the M bit of an AVP this dictionary knows: a known AVP is never rejected because
     * its M bit differs from {@link #mandatoryBit()}. RFC 6733 §4.1 makes the M bit decide what to do with
     * AVPs the receiver does not understand; for 3GPP TS 29.061 AVPs the specification, freeDiameter and
     * real PGWs disagree on the bit (PROTOCOLS.md §4 item 5), so checking it would refuse working peers.
     * The recorded flag rule is what Gyro sends.
     */
    public static final boolean MANDATORY_BIT_ENFORCED_ON_RECEIPT = false;

    /** Child-rule index of every non-Grouped AVP; never written, so sharing it is safe. */
    private static final Long2ObjectHashMap<AvpRule> NO_CHILD_RULES = new Long2ObjectHashMap<>();

    private final String name;
    private final int code;
    private final int vendorId;
    private final long key;
    private final AvpType type;
    private final FlagRule mandatoryBit;
    private final FlagRule vendorBit;
    private final boolean mandatoryBitDisputed;
    private final boolean strictEnumeration;
    private final Int2ObjectHashMap<String> enumNames;
    private final Map<Integer, String> enumItems;
    private final String definedIn;

    // Set once by the loader before the dictionary is built (groups may refer to AVPs defined later); the
    // dictionary's final fields then publish them safely (JLS §17.5).
    private List<AvpRule> groupRules = Collections.emptyList();
    private Long2ObjectHashMap<AvpRule> groupRuleByKey = NO_CHILD_RULES;
    private boolean groupAllowsAnyAvp;
    private String source;

    AvpDefinition(
        final String name,
        final int code,
        final int vendorId,
        final AvpType type,
        final FlagRule mandatoryBit,
        final FlagRule vendorBit,
        final boolean mandatoryBitDisputed,
        final boolean strictEnumeration,
        final Map<Integer, String> enumItems,
        final String source)
    {
        this.name = name;
        this.code = code;
        this.vendorId = vendorId;
        this.key = key(vendorId, code);
        this.type = type;
        this.mandatoryBit = mandatoryBit;
        this.vendorBit = vendorBit;
        this.mandatoryBitDisputed = mandatoryBitDisputed;
        this.strictEnumeration = strictEnumeration;
        this.enumItems = Collections.unmodifiableMap(enumItems);
        this.enumNames = new Int2ObjectHashMap<>();
        enumItems.forEach(this.enumNames::put);
        this.definedIn = source;
        this.source = source;
    }

    /**
     * The lookup key of an AVP: vendor in the high 32 bits, code in the low 32 bits, both unsigned.
     *
     * @param vendorId Vendor-ID of the AVP header, 0 when the V bit is clear (IETF)
     * @param code     AVP Code
     * @return {@code ((long) vendorId << 32) | (code & 0xFFFFFFFFL)}
     */
    public static long key(final int vendorId, final int code)
    {
        return ((long)vendorId << 32) | (code & 0xFFFFFFFFL);
    }

    /**
     * @return the AVP name as its defining document spells it, e.g. "CC-Request-Type"
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the AVP Code (an unsigned 32-bit value held in an int)
     */
    public int code()
    {
        return code;
    }

    /**
     * @return the Vendor-ID, 0 for IETF AVPs (sent without the V bit)
     */
    public int vendorId()
    {
        return vendorId;
    }

    /**
     * @return {@link #key(int, int)} of this AVP
     */
    public long key()
    {
        return key;
    }

    /**
     * @return the data format of the value
     */
    public AvpType type()
    {
        return type;
    }

    /**
     * What the defining document says a sender does with the M bit. Use it to encode. Do not reject a
     * received known AVP on it: see {@link #MANDATORY_BIT_ENFORCED_ON_RECEIPT}.
     *
     * @return the M bit rule
     */
    public FlagRule mandatoryBit()
    {
        return mandatoryBit;
    }

    /**
     * True when the sources disagree about this AVP's M bit (the TS 29.061 3GPP-* AVPs: the TS says MUST NOT,
     * captures and freeDiameter set it). An encoder should send such AVPs the way the peer does.
     *
     * @return whether the M bit is known to vary in the field
     */
    public boolean mandatoryBitDisputed()
    {
        return mandatoryBitDisputed;
    }

    /**
     * @return the V bit rule: {@link FlagRule#MUST} for vendor-specific AVPs, {@link FlagRule#MUST_NOT} for IETF
     * ones (RFC 6733 §4.1: a Vendor-ID of 0 is never sent)
     */
    public FlagRule vendorBit()
    {
        return vendorBit;
    }

    /**
     * @return true for vendor-specific AVPs ({@code vendorId() != 0})
     */
    public boolean isVendorSpecific()
    {
        return 0 != vendorId;
    }

    /**
     * Whether an unknown value of this Enumerated AVP is an error (5004 DIAMETER_INVALID_AVP_VALUE). Only the
     * enumerations whose unknown values cannot be acted on are strict (CC-Request-Type, Requested-Action, ...);
     * the others are open enums whose unknown values are kept (RFC 4006 §8.35: an unknown Final-Unit-Action
     * means TERMINATE).
     *
     * @return true for a strict enumeration, false otherwise and for non-Enumerated AVPs
     */
    public boolean strictEnumeration()
    {
        return strictEnumeration;
    }

    /**
     * Allocation-free check of an Enumerated value.
     *
     * @param value the received Integer32 value
     * @return true when the dictionary lists the value; always false for non-Enumerated AVPs
     */
    public boolean isKnownEnumValue(final int value)
    {
        return enumNames.containsKey(value);
    }

    /**
     * Allocation-free name of an Enumerated value, for logs and tests.
     *
     * @param value the Integer32 value
     * @return the value's name as the defining document spells it, or null when unknown
     */
    public String enumName(final int value)
    {
        return enumNames.get(value);
    }

    /**
     * @return every listed value and its name, in file order (read-only; not for the hot path)
     */
    public Map<Integer, String> enumItems()
    {
        return enumItems;
    }

    /**
     * @return true when the type is {@link AvpType#GROUPED}
     */
    public boolean isGrouped()
    {
        return AvpType.GROUPED == type;
    }

    /**
     * The grouped-AVP grammar (RFC 6733 §4.4), including rules added by later documents (TS 32.299 extends
     * Multiple-Services-Credit-Control and Used-Service-Unit).
     *
     * @return the child rules in grammar order; empty unless the AVP is Grouped
     */
    public List<AvpRule> groupRules()
    {
        return groupRules;
    }

    /**
     * Allocation-free lookup of the rule for one child AVP.
     *
     * @param vendorId child Vendor-ID, 0 for IETF
     * @param code     child AVP Code
     * @return the rule, or null when the grammar does not name that AVP
     */
    public AvpRule groupRule(final int vendorId, final int code)
    {
        return groupRuleByKey.get(key(vendorId, code));
    }

    /**
     * @return true when the grammar ends with {@code *[AVP]}: children it does not name are allowed
     */
    public boolean groupAllowsAnyAvp()
    {
        return groupAllowsAnyAvp;
    }

    /**
     * @return the document section that defines the AVP, plus the sections that extend its grammar
     */
    public String source()
    {
        return source;
    }

    void initGroup(final List<AvpRule> rules, final boolean allowsAnyAvp, final String extendedBy)
    {
        this.groupRules = List.copyOf(rules);
        final Long2ObjectHashMap<AvpRule> byKey = new Long2ObjectHashMap<>();
        for (final AvpRule rule : rules)
        {
            byKey.put(rule.avp().key(), rule);
        }
        this.groupRuleByKey = byKey;
        this.groupAllowsAnyAvp = allowsAnyAvp;
        this.source = null == extendedBy ? definedIn : definedIn + "; extended by " + extendedBy;
    }

    @Override
    public String toString()
    {
        return name + "(" + code + (0 == vendorId ? "" : ", vendor " + Integer.toUnsignedString(vendorId)) + ", " +
            type.dictionaryName() + ")";
    }
}
