package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.AvpDefinition;
import io.gyro.protocol.diameter.dictionary.AvpRule;
import io.gyro.protocol.diameter.dictionary.AvpType;
import io.gyro.protocol.diameter.dictionary.CommandDefinition;
import io.gyro.protocol.diameter.dictionary.DiameterDictionary;
import io.gyro.protocol.diameter.dictionary.FlagRule;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.buffer.ByteBuf;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

import static io.gyro.protocol.diameter.DiameterHeaderDescriptor.*;

/**
 * Checks a received message against the dictionary and yields the Result-Code and Failed-AVP to answer with,
 * never throwing on bad input (STYLE.md §3; Artio's {@code validate()} and freeDiameter's {@code fd_pei}).
 * <p>
 * Only the first error is reported (RFC 6733 §7). In the order found:
 * <ul>
 * <li>3007 APPLICATION_UNSUPPORTED: the header's Application-ID is not served, whatever the command (§7.1.3);
 * 3001 COMMAND_UNSUPPORTED: the application is served (0 always) but the Command Code is not in the dictionary or
 * is filed under another application, such as STR (275) with Application-ID 4; 3008 INVALID_HDR_BITS: E bit on a
 * request, or P bit on a command that is not proxiable (§3);</li>
 * <li>5014 INVALID_AVP_LENGTH: an AVP whose length runs past its parent, is shorter than its header, or does not
 * fit its type (PROTOCOLS.md §4 item 2); 3009 INVALID_AVP_BITS: V bit with Vendor-ID 0 (item 4);</li>
 * <li>5001 AVP_UNSUPPORTED: an AVP not in the dictionary with the M bit set, at any depth inside known Grouped
 * AVPs (item 3); unknown AVPs without the M bit are ignored, and the M bit of a known AVP is never a reason to
 * reject (item 5);</li>
 * <li>5004 INVALID_AVP_VALUE: an unknown value of a strict enumeration, a Session-Id longer than the configured
 * maximum, or Grouped AVPs nested deeper than {@link #MAX_NESTING_DEPTH};</li>
 * <li>5008 AVP_NOT_ALLOWED and 5009 AVP_OCCURS_TOO_MANY_TIMES from the command and Grouped rules, and
 * 5005 MISSING_AVP for a required AVP that is absent;</li>
 * <li>Vendor-Specific-Application-Id with both Auth- and Acct-Application-Id 5009, with neither 5005
 * (RFC 6733 §6.11).</li>
 * </ul>
 * The walk allocates nothing. Not thread safe; one instance per event loop.
 */
public final class DiameterValidator
{
    /** Grouped AVPs nested deeper than this are refused: Gy needs 4 levels, this bounds recursion. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Longest Session-Id accepted by default: Gyro keys sessions by at most 256 octets (issue 4). */
    public static final int DEFAULT_MAX_SESSION_ID_LENGTH = 256;
    /**
     * AVP codes below this are looked up by array index for the two vendors Gy uses (IETF and 3GPP); the rest
     * through a hash map. RFC 4006/8506 codes end at 669 and the 3GPP Gy codes at 3926.
     */
    private static final int DIRECT_LOOKUP_CODES = 4096;
    private static final int NOT_FOUND = -1;

    // What the walk checks of an AVP, packed into one int per definition so that a known AVP costs one array read.
    /** The AVP is Grouped: its members are walked with its own rules. */
    private static final int FACT_GROUPED = 1;
    /** An Enumerated AVP whose unknown values are refused (5004). */
    private static final int FACT_STRICT_ENUMERATION = 1 << 1;
    /** Session-Id (263): longer than the configured maximum is refused (5004). */
    private static final int FACT_SESSION_ID = 1 << 2;
    /** Address: the length depends on the address family (RFC 6733 §4.3.1). */
    private static final int FACT_ADDRESS = 1 << 3;
    /** The type has a fixed data length, held in the bits from {@link #FACT_LENGTH_SHIFT}. */
    private static final int FACT_FIXED_LENGTH = 1 << 4;
    /** Vendor-Specific-Application-Id (260): exactly one of Auth- and Acct-Application-Id (RFC 6733 §6.11). */
    private static final int FACT_ONE_APPLICATION_ID = 1 << 5;
    /** The fixed data length, or the least data length of a variable-length type, sits above this bit. */
    private static final int FACT_LENGTH_SHIFT = 8;
    /** Any of the checks that need more than the length. */
    private static final int FACT_VALUE_CHECKED = FACT_STRICT_ENUMERATION | FACT_SESSION_ID;

    // A listed AVP's entry in its rule set's table: rule index, definition id and facts, 16 bits each.
    private static final int ENTRY_ID_SHIFT = 16;
    private static final int ENTRY_RULE_SHIFT = 32;
    private static final int ENTRY_FIELD_MASK = 0xFFFF;
    /** Enumerated values below this are checked against a bit mask per definition; the rest through its map. */
    private static final int SMALL_ENUM_VALUES = Long.SIZE;
    /** The entry of an AVP that its rule set does not list. */
    private static final long NOT_LISTED = -1L;

    private final int maxSessionIdLength;
    /** Application-IDs this node serves, 0 included; read only for a header that the dictionary cannot place. */
    private final LongHashSet served = new LongHashSet();

    // Per definition, indexed by a dense id given here: the facts the walk needs, in arrays (no pointer chasing).
    private final AvpDefinition[] definitions;
    private final AvpType[] types;
    private final int[] facts;
    private final long[] knownSmallEnumValues;
    private final RuleSet[] groupRuleSets;
    private final int[] ietfIds = new int[DIRECT_LOOKUP_CODES];
    private final int[] tgppIds = new int[DIRECT_LOOKUP_CODES];
    private final Long2LongHashMap otherIds = new Long2LongHashMap(NOT_FOUND);

    private final Int2ObjectHashMap<RuleSet> requestRules = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<RuleSet> answerRules = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<CommandRules> commands = new Int2ObjectHashMap<>();
    private final RuleSet errorAnswerRules;
    private final AvpReader[] readers = new AvpReader[MAX_NESTING_DEPTH + 1];
    private final int[] parentOffsets = new int[MAX_NESTING_DEPTH + 1];
    private final FailedAvp failedAvp = new FailedAvp();

    private ByteBuf buffer;
    private AvpVisitor visitor;
    private int rulesVersion;
    private int resultCode;
    private CommandDefinition command;

    /**
     * @param dictionary            definitions of AVPs and command rules.
     * @param supportedApplications Application-IDs this node serves (0 for the base commands is implied).
     * @param maxSessionIdLength    longest Session-Id accepted (5004 beyond).
     */
    public DiameterValidator(
        final DiameterDictionary dictionary, final long[] supportedApplications, final int maxSessionIdLength)
    {
        served.add(0L);
        for (final long id : supportedApplications)
        {
            served.add(id);
        }
        this.maxSessionIdLength = maxSessionIdLength;

        final List<AvpDefinition> all = new ArrayList<>(dictionary.avps());
        final int count = all.size();
        definitions = all.toArray(new AvpDefinition[0]);
        types = new AvpType[count];
        facts = new int[count];
        knownSmallEnumValues = new long[count];
        groupRuleSets = new RuleSet[count];
        Arrays.fill(ietfIds, NOT_FOUND);
        Arrays.fill(tgppIds, NOT_FOUND);
        final IdentityHashMap<AvpDefinition, Integer> ids = new IdentityHashMap<>();
        for (int id = 0; id < count; id++)
        {
            final AvpDefinition definition = definitions[id];
            ids.put(definition, id);
            types[id] = definition.type();
            facts[id] = factsOf(definition);
            knownSmallEnumValues[id] = smallEnumValuesOf(definition);
            final int code = definition.code();
            if (code >= 0 && code < DIRECT_LOOKUP_CODES && 0 == definition.vendorId())
            {
                ietfIds[code] = id;
            }
            else if (code >= 0 && code < DIRECT_LOOKUP_CODES && VendorId.TGPP == definition.vendorId())
            {
                tgppIds[code] = id;
            }
            else
            {
                otherIds.put(definition.key(), id);
            }
        }
        for (int id = 0; id < count; id++)
        {
            if (AvpType.GROUPED == types[id])
            {
                groupRuleSets[id] =
                    new RuleSet(definitions[id].groupRules(), definitions[id].groupAllowsAnyAvp(), ids, facts);
            }
        }
        for (final CommandDefinition definition : dictionary.commands())
        {
            requestRules.put(definition.code(),
                new RuleSet(definition.requestRules(), definition.requestAllowsAnyAvp(), ids, facts));
            answerRules.put(definition.code(),
                new RuleSet(definition.answerRules(), definition.answerAllowsAnyAvp(), ids, facts));
        }
        for (final CommandDefinition definition : dictionary.commands())
        {
            final CommandDefinition known = dictionary.command(definition.code());
            commands.put(definition.code(), new CommandRules(known, served.contains(known.applicationId()),
                requestRules.get(definition.code()), answerRules.get(definition.code())));
        }
        errorAnswerRules =
            new RuleSet(dictionary.errorAnswerRules(), dictionary.errorAnswerAllowsAnyAvp(), ids, facts);
        for (int i = 0; i < readers.length; i++)
        {
            readers[i] = new AvpReader();
        }
    }

    private static int factsOf(final AvpDefinition definition)
    {
        final AvpType type = definition.type();
        int facts = type.isFixedLength() ?
            FACT_FIXED_LENGTH | type.fixedDataLength() << FACT_LENGTH_SHIFT :
            Math.max(0, type.minDataLength()) << FACT_LENGTH_SHIFT;
        facts |= AvpType.GROUPED == type ? FACT_GROUPED : 0;
        facts |= AvpType.ADDRESS == type ? FACT_ADDRESS : 0;
        facts |= definition.strictEnumeration() ? FACT_STRICT_ENUMERATION : 0;
        facts |= AvpCode.SESSION_ID == definition.code() && 0 == definition.vendorId() ? FACT_SESSION_ID : 0;
        facts |= AvpCode.VENDOR_SPECIFIC_APPLICATION_ID == definition.code() && 0 == definition.vendorId() ?
            FACT_ONE_APPLICATION_ID : 0;
        return facts;
    }

    private static long smallEnumValuesOf(final AvpDefinition definition)
    {
        long known = 0;
        for (int value = 0; value < SMALL_ENUM_VALUES; value++)
        {
            known |= definition.isKnownEnumValue(value) ? 1L << value : 0;
        }
        return known;
    }

    private boolean isKnownEnumValue(final int id, final int value)
    {
        return value >= 0 && value < SMALL_ENUM_VALUES ?
            (knownSmallEnumValues[id] & 1L << value) != 0 : definitions[id].isKnownEnumValue(value);
    }

    private int idOf(final int vendorId, final int code)
    {
        if (code >= 0 && code < DIRECT_LOOKUP_CODES)
        {
            if (0 == vendorId)
            {
                return ietfIds[code];
            }
            if (VendorId.TGPP == vendorId)
            {
                return tgppIds[code];
            }
        }
        return (int)otherIds.get(AvpDescriptor.key(vendorId, code));
    }

    /**
     * Lower the most occurrences of an AVP that a command accepts (Gyro's own limits, such as at most 32
     * Multiple-Services-Credit-Control per CCR, answered with 5009 beyond).
     *
     * @param commandCode the command.
     * @param request     true for the request's rules, false for the answer's.
     * @param vendorId    of the AVP.
     * @param avpCode     of the AVP.
     * @param max         most occurrences allowed.
     */
    public void limitOccurrences(
        final int commandCode, final boolean request, final int vendorId, final int avpCode, final int max)
    {
        final RuleSet rules = (request ? requestRules : answerRules).get(commandCode);
        final long entry = null == rules ? NOT_LISTED : rules.find(vendorId, avpCode);
        final int index = NOT_LISTED == entry ? NOT_FOUND : (int)(entry >>> ENTRY_RULE_SHIFT);
        if (index < 0)
        {
            throw new IllegalArgumentException("command " + commandCode + " has no rule for AVP " + avpCode);
        }
        rules.maxOccurs[index] = Math.min(rules.maxOccurs[index], max);
        rulesVersion++;
    }

    /**
     * Validate a whole message.
     *
     * @param buffer holding the message (already framed, so its header is complete).
     * @param offset of the message header.
     * @return true when the message may be processed; otherwise {@link #resultCode()} and {@link #failedAvp()}
     * say how to answer.
     */
    public boolean validate(final ByteBuf buffer, final int offset)
    {
        return validate(buffer, offset, null);
    }

    /**
     * Validate a whole message and show its AVPs to a decoder in the same walk (one pass instead of two). The
     * visitor sees each AVP once it passed its checks, before its members, and unknown AVPs without the M bit
     * (whose members are not walked); the checks and their outcome are those of {@link #validate(ByteBuf, int)}.
     * After a false return the visitor has seen only part of the message.
     *
     * @param buffer  holding the message (already framed, so its header is complete).
     * @param offset  of the message header.
     * @param visitor decoder of the message's fields, or null to validate only.
     * @return true when the message may be processed; otherwise {@link #resultCode()} and {@link #failedAvp()}
     * say how to answer.
     */
    public boolean validate(final ByteBuf buffer, final int offset, final AvpVisitor visitor)
    {
        this.buffer = buffer;
        this.visitor = visitor;
        this.resultCode = ResultCode.SUCCESS;
        this.command = null;
        failedAvp.clear();

        // The header is read through the walk's view: no reference-count check per field.
        final AvpReader reader = readers[0].wrapMessage(buffer, offset);
        final UnsafeBuffer header = reader.view();
        final int flagsAndCommandCode = header.getInt(offset + FLAGS_OFFSET, ByteOrder.BIG_ENDIAN);
        final int flags = flagsAndCommandCode >>> 24;
        final boolean isRequest = (flags & FLAG_REQUEST) != 0;
        final int commandCode = flagsAndCommandCode & 0xFF_FFFF;
        final long applicationId = header.getInt(offset + APPLICATION_ID_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;

        final CommandRules commandRules = commands.get(commandCode);
        if (null == commandRules)
        {
            return fail(applicationRefusal(applicationId));
        }
        final CommandDefinition definition = commandRules.definition;
        command = definition;
        // The CCR path compares two longs and reads one boolean; the set is read only for a mismatch.
        if (applicationId != definition.applicationId())
        {
            return fail(applicationRefusal(applicationId));
        }
        if (!commandRules.served)
        {
            return fail(ResultCode.APPLICATION_UNSUPPORTED);
        }
        if (isRequest && ((flags & FLAG_ERROR) != 0 || (!definition.proxiable() && (flags & FLAG_PROXIABLE) != 0)))
        {
            return fail(ResultCode.INVALID_HDR_BITS);
        }

        final RuleSet rules = isRequest ? commandRules.request :
            (flags & FLAG_ERROR) != 0 ? errorAnswerRules : commandRules.answer;
        return validateLevel(reader, rules, 0, null != visitor);
    }

    /**
     * @param visiting whether the AVPs of this level are shown to the visitor: at the top when there is one, below only
     *              when it asked for the members of the parent.
     */
    private boolean validateLevel(final AvpReader reader, final RuleSet rules, final int depth, final boolean visiting)
    {
        final int visit = rules.beginVisit();
        final int counters = rules.countersAt(depth);
        int position = reader.position();
        while (AvpReader.END != (position = reader.nextAt(position)))
        {
            if (!acceptAvp(reader, rules, visit, depth, visiting))
            {
                return false;
            }
        }

        if (AvpReadError.NONE != reader.error())
        {
            return failBadLength(reader, depth);
        }

        final int[] required = rules.requiredRuleIndices;
        for (final int ruleIndex : required)
        {
            if (rules.countOf(counters + ruleIndex, visit) < rules.minOccurs[ruleIndex])
            {
                final AvpDefinition missing = rules.definitions[ruleIndex];
                final int missingFlags = FlagRule.MUST == missing.mandatoryBit() ? AvpDescriptor.FLAG_MANDATORY : 0;
                failedAvp.parents(parentOffsets, depth);
                failedAvp.zeroFilled(
                    missing.code(),
                    missingFlags | (0 != missing.vendorId() ? AvpDescriptor.FLAG_VENDOR : 0),
                    missing.vendorId(),
                    minimumDataLength(missing.type()));
                return fail(ResultCode.MISSING_AVP);
            }
        }
        return true;
    }

    /**
     * The protocol error for a header whose command is unknown, or known but not defined in the header's
     * application. RFC 6733 §7.1.3: 3007 APPLICATION_UNSUPPORTED "A request was sent for an application that is not
     * supported", 3001 COMMAND_UNSUPPORTED "a message with a Command Code that it does not support". The application
     * comes first: a node that does not serve it knows none of its commands, so 3007 tells an agent to route
     * elsewhere, while 3001 would wrongly suggest that another node of the application could not help either. When
     * the application is served (0 always), the command is what is missing from it: 3001. So an STR (275) with
     * Application-Id 4 gets 3001, since credit control ends its sessions with CCR-T and sends STR to the AAA server,
     * not the credit-control server (RFC 4006 §5.4); a CCR with Application-Id 0 gets 3001 as well.
     */
    private int applicationRefusal(final long applicationId)
    {
        return served.contains(applicationId) ? ResultCode.COMMAND_UNSUPPORTED : ResultCode.APPLICATION_UNSUPPORTED;
    }

    /**
     * One AVP of a level: its bits, whether the level lists it (and how often it may occur) or allows it, its value,
     * and its members; shown to the visitor when the level is visited. On false the Result-Code and Failed-AVP are set.
     */
    private boolean acceptAvp(
        final AvpReader reader, final RuleSet rules, final int visit, final int depth, final boolean visiting)
    {
        final int vendorId = reader.vendorId();
        final int code = reader.code();
        if (reader.isVendorSpecific() && 0 == vendorId)
        {
            return failCopy(ResultCode.INVALID_AVP_BITS, reader, depth);
        }

        final long entry = rules.find(vendorId, code);
        final int id;
        final int avpFacts;
        if (NOT_LISTED != entry)
        {
            final int ruleIndex = (int)(entry >>> ENTRY_RULE_SHIFT);
            if (rules.count(rules.countersAt(depth) + ruleIndex, visit) >= rules.maxOccurs[ruleIndex])
            {
                return failCopy(0 == rules.maxOccurs[ruleIndex] ?
                    ResultCode.AVP_NOT_ALLOWED : ResultCode.AVP_OCCURS_TOO_MANY_TIMES, reader, depth);
            }
            id = (int)(entry >>> ENTRY_ID_SHIFT) & ENTRY_FIELD_MASK;
            avpFacts = (int)entry & ENTRY_FIELD_MASK;
        }
        else
        {
            id = idOf(vendorId, code);
            if (id < 0)
            {
                if (reader.isMandatory())
                {
                    return failCopy(ResultCode.AVP_UNSUPPORTED, reader, depth);
                }
                if (visiting)
                {
                    visitor.visit(reader, depth);
                }
                return true;
            }
            if (!rules.allowsAny)
            {
                // The ABNF has no *[AVP]: a known AVP that is not listed does not belong here (RFC 6733 §7.1.5).
                return failCopy(ResultCode.AVP_NOT_ALLOWED, reader, depth);
            }
            avpFacts = facts[id];
        }

        if (!checkValue(reader, id, avpFacts, depth))
        {
            return false;
        }
        final boolean visitMembers = visiting && visitor.visit(reader, depth);
        return (avpFacts & FACT_GROUPED) == 0 || validateGroup(reader, id, avpFacts, depth, visitMembers);
    }

    private boolean checkValue(final AvpReader reader, final int id, final int facts, final int depth)
    {
        final int dataLength = reader.dataLength();
        final int length = facts >>> FACT_LENGTH_SHIFT;
        final boolean validLength = (facts & FACT_FIXED_LENGTH) != 0 ? dataLength == length :
            (facts & FACT_ADDRESS) != 0 ? hasValidAddressLength(reader) : dataLength >= length;
        if (!validLength)
        {
            failedAvp.parents(parentOffsets, depth);
            failedAvp.zeroFilled(reader.code(), reader.flags(), reader.vendorId(), minimumDataLength(types[id]));
            return fail(ResultCode.INVALID_AVP_LENGTH);
        }
        return (facts & FACT_VALUE_CHECKED) == 0 || checkValueContent(reader, id, facts, depth);
    }

    private boolean checkValueContent(final AvpReader reader, final int id, final int facts, final int depth)
    {
        if ((facts & FACT_STRICT_ENUMERATION) != 0 && !isKnownEnumValue(id, reader.int32()))
        {
            return failCopy(ResultCode.INVALID_AVP_VALUE, reader, depth);
        }
        if ((facts & FACT_SESSION_ID) != 0 && reader.dataLength() > maxSessionIdLength)
        {
            return failCopy(ResultCode.INVALID_AVP_VALUE, reader, depth);
        }
        return true;
    }

    private boolean validateGroup(
        final AvpReader reader, final int id, final int facts, final int depth, final boolean visitMembers)
    {
        if (depth + 1 >= MAX_NESTING_DEPTH)
        {
            return failCopy(ResultCode.INVALID_AVP_VALUE, reader, depth);
        }
        parentOffsets[depth] = reader.avpOffset();
        return validateLevel(readers[depth + 1].wrapGroup(reader), groupRuleSets[id], depth + 1, visitMembers) &&
            ((facts & FACT_ONE_APPLICATION_ID) == 0 || checkOneApplicationId(reader, depth));
    }

    /**
     * RFC 6733 §6.11: a Vendor-Specific-Application-Id "MUST contain exactly one of either Auth-Application-Id or
     * Acct-Application-Id". Both: 5009 with a Failed-AVP that "MUST contain the received Auth-Application-Id AVP and
     * Acct-Application-Id AVP"; neither: 5005 ("SHOULD"), with a zero-filled example of each. Both go inside the
     * group's header, as every nested offender here. The members were validated already, so each occurs at most once.
     */
    private boolean checkOneApplicationId(final AvpReader group, final int depth)
    {
        final AvpReader members = readers[depth + 1].wrapGroup(group);
        int auth = NOT_FOUND;
        int authLength = 0;
        int acct = NOT_FOUND;
        int acctLength = 0;
        int position = members.position();
        while (AvpReader.END != (position = members.nextAt(position)))
        {
            if (0 != members.vendorId())
            {
                continue;
            }
            if (AvpCode.AUTH_APPLICATION_ID == members.code())
            {
                auth = members.avpOffset();
                authLength = Math.min(members.paddedLength(), members.limit() - auth);
            }
            else if (AvpCode.ACCT_APPLICATION_ID == members.code())
            {
                acct = members.avpOffset();
                acctLength = Math.min(members.paddedLength(), members.limit() - acct);
            }
        }
        if (NOT_FOUND != auth && NOT_FOUND != acct)
        {
            failedAvp.parents(parentOffsets, depth + 1);
            failedAvp.copyOf(auth, authLength);
            failedAvp.alsoCopyOf(acct, acctLength);
            return fail(ResultCode.AVP_OCCURS_TOO_MANY_TIMES);
        }
        if (NOT_FOUND == auth && NOT_FOUND == acct)
        {
            failedAvp.parents(parentOffsets, depth + 1);
            failedAvp.zeroFilled(AvpCode.AUTH_APPLICATION_ID, AvpDescriptor.FLAG_MANDATORY, 0, Integer.BYTES);
            failedAvp.alsoZeroFilled(AvpCode.ACCT_APPLICATION_ID, AvpDescriptor.FLAG_MANDATORY, 0, Integer.BYTES);
            return fail(ResultCode.MISSING_AVP);
        }
        return true;
    }

    private static boolean hasValidAddressLength(final AvpReader reader)
    {
        // RFC 6733 §4.3.1: two-octet AddressType then the address; IPv4 is 4 octets, IPv6 16.
        final int family = reader.addressFamily();
        final int dataLength = reader.dataLength();
        return 1 == family ? 6 == dataLength : 2 == family ? 18 == dataLength : dataLength >= 2;
    }

    private static int minimumDataLength(final AvpType type)
    {
        final int fixed = type.fixedDataLength();
        return fixed >= 0 ? fixed : Math.max(0, type.minDataLength());
    }

    private boolean failBadLength(final AvpReader reader, final int depth)
    {
        final int offset = reader.avpOffset();
        final int available = reader.limit() - offset;
        failedAvp.parents(parentOffsets, depth);
        if (available >= AvpDescriptor.HEADER_LENGTH)
        {
            final int flags = buffer.getUnsignedByte(offset + AvpDescriptor.FLAGS_OFFSET);
            final boolean vendorBit = (flags & AvpDescriptor.FLAG_VENDOR) != 0;
            final boolean hasVendor = vendorBit && available >= AvpDescriptor.VENDOR_HEADER_LENGTH;
            final int code = buffer.getInt(offset);
            final int vendorId = hasVendor ? buffer.getInt(offset + AvpDescriptor.VENDOR_ID_OFFSET) : 0;
            // Without its Vendor-ID the AVP's type is unknown: no value then.
            final int id = vendorBit && !hasVendor ? NOT_FOUND : idOf(vendorId, code);
            final int dataLength = id < 0 ? 0 : minimumDataLength(types[id]);
            failedAvp.zeroFilled(code, hasVendor ? flags : flags & ~AvpDescriptor.FLAG_VENDOR, vendorId, dataLength);
        }
        else
        {
            // RFC 6733 §7.1.5 (5014 MUST carry a Failed-AVP): a header cut short is reported "padded with zero up to
            // the minimum AVP header length". The octets there give Code and Flags; the Length written is the 8 of
            // the header itself (a Length left zero would make the answer's own Failed-AVP malformed), and the V bit
            // is cleared because no Vendor-ID follows.
            int code = 0;
            for (int i = 0; i < Integer.BYTES; i++)
            {
                code = code << Byte.SIZE | (i < available ? buffer.getUnsignedByte(offset + i) : 0);
            }
            final int flags = available > AvpDescriptor.FLAGS_OFFSET ?
                buffer.getUnsignedByte(offset + AvpDescriptor.FLAGS_OFFSET) : 0;
            failedAvp.zeroFilled(code, flags & ~AvpDescriptor.FLAG_VENDOR, 0, 0);
        }
        return fail(ResultCode.INVALID_AVP_LENGTH);
    }

    private boolean failCopy(final int resultCode, final AvpReader reader, final int depth)
    {
        failedAvp.parents(parentOffsets, depth);
        failedAvp.copyOf(reader.avpOffset(), Math.min(reader.paddedLength(), reader.limit() - reader.avpOffset()));
        return fail(resultCode);
    }

    private boolean fail(final int resultCode)
    {
        this.resultCode = resultCode;
        return false;
    }

    // ---- For a decoder that walks the AVPs of one command itself (CreditControlRequestDecoder's CCR walk): it checks
    // the AVPs it decodes with the rules below, hands every other known AVP to acceptOther, and on any doubt returns
    // false so that its caller runs validate(...), whose walk decides and names the error. The rules stay here.

    /**
     * @param commandCode the command.
     * @param request     the request's rules, or the answer's.
     * @return the command's top-level rules, or null when the command is unknown.
     */
    public RuleSet commandRules(final int commandCode, final boolean request)
    {
        return (request ? requestRules : answerRules).get(commandCode);
    }

    /**
     * @param vendorId of a Grouped AVP.
     * @param code     of a Grouped AVP.
     * @return the rules of its members, or null when it is not a known Grouped AVP.
     */
    public RuleSet groupRules(final int vendorId, final int code)
    {
        final int id = idOf(vendorId, code);
        return id < 0 ? null : groupRuleSets[id];
    }

    /**
     * @param vendorId of the AVP.
     * @param code     of the AVP.
     * @return whether the dictionary knows the AVP.
     */
    public boolean isKnown(final int vendorId, final int code)
    {
        return idOf(vendorId, code) >= 0;
    }

    /**
     * @param vendorId of a known AVP.
     * @param code     of a known AVP.
     * @return the data length its type requires, or -1 for a type of variable length.
     */
    public int fixedDataLength(final int vendorId, final int code)
    {
        final int facts = this.facts[idOf(vendorId, code)];
        return (facts & FACT_FIXED_LENGTH) != 0 ? facts >>> FACT_LENGTH_SHIFT : -1;
    }

    /**
     * @param vendorId of a known AVP.
     * @param code     of a known AVP.
     * @return the least data length of a type of variable length (its fixed length otherwise).
     */
    public int minDataLength(final int vendorId, final int code)
    {
        return facts[idOf(vendorId, code)] >>> FACT_LENGTH_SHIFT;
    }

    /**
     * @param vendorId of a known AVP.
     * @param code     of a known AVP.
     * @return whether anything beyond the data length is checked: a strict enumeration, the Session-Id's
     * length, an Address, members, or the one-application-id rule.
     */
    public boolean checksMoreThanLength(final int vendorId, final int code)
    {
        return (facts[idOf(vendorId, code)] & (FACT_VALUE_CHECKED | FACT_ADDRESS | FACT_GROUPED |
            FACT_ONE_APPLICATION_ID)) != 0;
    }

    /**
     * @param vendorId of a known AVP.
     * @param code     of a known AVP.
     * @return whether unknown values of the AVP are refused (a strict enumeration).
     */
    public boolean isStrictEnumeration(final int vendorId, final int code)
    {
        return (facts[idOf(vendorId, code)] & FACT_STRICT_ENUMERATION) != 0;
    }

    /**
     * @param vendorId of a known Enumerated AVP.
     * @param code     of a known Enumerated AVP.
     * @param value    received.
     * @return whether the dictionary lists the value.
     */
    public boolean isKnownEnumValue(final int vendorId, final int code, final int value)
    {
        return isKnownEnumValue(idOf(vendorId, code), value);
    }

    /** @return the longest Session-Id accepted. */
    public int maxSessionIdLength()
    {
        return maxSessionIdLength;
    }

    /**
     * Start the specialised walk of a request, if its header passes the header checks of {@link #validate}: the
     * state after it is that of a valid message, until {@link #acceptOther} fails.
     *
     * @param buffer        holding the message.
     * @param flags         of the message header.
     * @param commandCode   of the message.
     * @param applicationId of its header.
     * @param visitor       shown the members of the AVPs passed to {@link #acceptOther}.
     * @return false when the header is not that of a request of the command that {@link #validate} accepts.
     */
    public boolean beginSpecialisedWalk(
        final ByteBuf buffer, final int flags, final int commandCode, final long applicationId,
        final AvpVisitor visitor)
    {
        final CommandRules rules = commands.get(commandCode);
        if (null == rules || !rules.served || applicationId != rules.definition.applicationId() ||
            (flags & FLAG_REQUEST) == 0 || (flags & FLAG_ERROR) != 0 ||
            (!rules.definition.proxiable() && (flags & FLAG_PROXIABLE) != 0))
        {
            return false;
        }
        this.buffer = buffer;
        this.visitor = visitor;
        this.resultCode = ResultCode.SUCCESS;
        this.command = rules.definition;
        failedAvp.clear();
        return true;
    }

    /** @return a number that changes whenever {@link #limitOccurrences} changes a rule. */
    public int rulesVersion()
    {
        return rulesVersion;
    }

    /**
     * Start counting the AVPs of one level of the specialised walk that go through {@link #acceptOther}.
     *
     * @param rules of the level.
     * @return the stamp to pass to {@link #acceptOther} for this level.
     */
    public int beginLevel(final RuleSet rules)
    {
        return rules.beginVisit();
    }

    /**
     * Check an AVP the specialised walk does not handle itself with the very check {@link #validate}'s walk makes at
     * that level (its bits; listed and within its most occurrences, allowed by {@code *[AVP]}, or unknown without the
     * M bit; its value; its members, shown to the visitor when asked), and show it to the visitor when the level is
     * visited.
     *
     * @param rules    of the level.
     * @param visit    the level's stamp from {@link #beginLevel}.
     * @param avp      positioned on the AVP, on a reader wrapped on the message's buffer.
     * @param depth    of the level, 0 for the message's AVPs.
     * @param visiting whether the level's AVPs are shown to the visitor.
     * @return false when the AVP is not valid there; {@link #validate} then names the error.
     */
    public boolean acceptOther(
        final RuleSet rules, final int visit, final AvpReader avp, final int depth, final boolean visiting)
    {
        return acceptAvp(avp, rules, visit, depth, visiting);
    }

    /** @return the Result-Code to answer with; {@link ResultCode#DIAMETER_SUCCESS} when valid. */
    public int resultCode()
    {
        return resultCode;
    }

    /** @return true when the failure is a protocol error, answered with the E bit (3xxx, RFC 6733 §7.1.3). */
    public boolean isProtocolError()
    {
        return resultCode >= 3000 && resultCode < 4000;
    }

    /** @return the offending AVP, when the Result-Code has one. */
    public FailedAvp failedAvp()
    {
        return failedAvp;
    }

    /** @return the command definition of the last message, or null when its Command Code is unknown. */
    public CommandDefinition command()
    {
        return command;
    }

    /** What the walk needs of one command, found with one map read per message. */
    private static final class CommandRules
    {
        private final CommandDefinition definition;
        private final boolean served;
        private final RuleSet request;
        private final RuleSet answer;

        /**
         * @param served whether the command's Application-ID is one this node serves.
         */
        CommandRules(final CommandDefinition definition, final boolean served, final RuleSet request,
            final RuleSet answer)
        {
            this.definition = definition;
            this.served = served;
            this.request = request;
            this.answer = answer;
        }
    }

    /**
     * Rules of one command or Grouped AVP, compiled into arrays indexed by rule, and an open-addressing table from
     * (Vendor-ID, AVP Code) to what the walk needs of a listed AVP (its rule, its definition id and its facts): a
     * listed AVP costs one probe of a table sized for this level instead of a chain of dependent reads through
     * dictionary-wide arrays. Occurrences are counted per visit with a stamp instead of clearing the counters, so a
     * level with sixty rules costs nothing for the fifty-seven AVPs it does not contain. Each nesting depth has its own
     * counters: a Grouped AVP that allows {@code *[AVP]} (MSCC, Used-Service-Unit) may hold one of its own kind, whose
     * visit would otherwise restart the enclosing one's counts, so that a Rating-Group before and after a nested MSCC
     * passed as one (RFC 4006 §8.16 allows one).
     */
    public static final class RuleSet
    {
        /** A slot of the table that holds no AVP; its entry is {@link #NOT_LISTED}. */
        private static final long EMPTY_KEY = -1L;

        private final boolean allowsAny;
        private final AvpDefinition[] definitions;
        private final int[] minOccurs;
        private final int[] maxOccurs;
        private final int[] requiredRuleIndices;
        /**
         * Per nesting depth then per rule ({@link #countersAt}): the visit stamp in the high half, the count of that
         * visit in the low half.
         */
        private final long[] stampedCounts;
        /** Key and entry side by side ({@code [2 * slot]}, {@code [2 * slot + 1]}): one cache line per probe. */
        private final long[] table;
        /** Mask of the even table index of a slot. */
        private final int mask;
        private int visits;

        RuleSet(
            final List<AvpRule> rules,
            final boolean allowsAny,
            final IdentityHashMap<AvpDefinition, Integer> ids,
            final int[] facts)
        {
            this.allowsAny = allowsAny;
            final int size = rules.size();
            definitions = new AvpDefinition[size];
            minOccurs = new int[size];
            maxOccurs = new int[size];
            // Levels are validated at depths 0 to MAX_NESTING_DEPTH - 1 (validateGroup refuses deeper ones).
            stampedCounts = new long[size * MAX_NESTING_DEPTH];
            // At most half full, so that a probe ends at an empty slot after a step or two.
            final int capacity = Integer.highestOneBit(Math.max(1, size) * 2) << 1;
            table = new long[capacity << 1];
            mask = (capacity << 1) - 2;
            for (int i = 0; i < table.length; i += 2)
            {
                table[i] = EMPTY_KEY;
                table[i + 1] = NOT_LISTED;
            }
            int requiredCount = 0;
            for (int i = 0; i < size; i++)
            {
                final AvpRule rule = rules.get(i);
                definitions[i] = rule.avp();
                minOccurs[i] = rule.minOccurs();
                maxOccurs[i] = rule.maxOccurs();
                final int id = ids.get(rule.avp());
                put(rule.avp().vendorId(), rule.avp().code(), entry(i, id, facts[id]));
                requiredCount += rule.minOccurs() > 0 ? 1 : 0;
            }
            requiredRuleIndices = new int[requiredCount];
            for (int i = 0, r = 0; i < size; i++)
            {
                if (minOccurs[i] > 0)
                {
                    requiredRuleIndices[r++] = i;
                }
            }
        }

        private static long entry(final int ruleIndex, final int id, final int facts)
        {
            if (ruleIndex > ENTRY_FIELD_MASK || id > ENTRY_FIELD_MASK || facts > ENTRY_FIELD_MASK)
            {
                throw new IllegalArgumentException("dictionary too large for the validator's tables");
            }
            return (long)ruleIndex << ENTRY_RULE_SHIFT | (long)id << ENTRY_ID_SHIFT | facts;
        }

        /**
         * The codes listed at one level already differ in their low bits (the RFCs and TS 32.299 number AVPs
         * densely), so the code picks the slot with no multiply on the way from the AVP's octets to the probe; the
         * Vendor-ID is mixed in so that equal codes of different vendors land apart.
         */
        private static int slot(final int vendorId, final int code)
        {
            return code ^ vendorId * 0x9E37_79B9;
        }

        /** Of two rules for the same AVP the later one counts, as in the rule list. */
        private void put(final int vendorId, final int code, final long entry)
        {
            final long key = AvpDescriptor.key(vendorId, code);
            int at = slot(vendorId, code) << 1 & mask;
            while (EMPTY_KEY != table[at] && key != table[at])
            {
                at = at + 2 & mask;
            }
            table[at] = key;
            table[at + 1] = entry;
        }

        /**
         * @return the packed entry of a listed AVP ({@link #ENTRY_RULE_SHIFT}, {@link #ENTRY_ID_SHIFT}, facts in the
         * low bits), or {@link #NOT_LISTED}.
         */
        long find(final int vendorId, final int code)
        {
            final long key = AvpDescriptor.key(vendorId, code);
            final long[] table = this.table;
            int at = slot(vendorId, code) << 1 & mask;
            long candidate;
            while ((candidate = table[at]) != key)
            {
                if (EMPTY_KEY == candidate)
                {
                    return NOT_LISTED;
                }
                at = at + 2 & mask;
            }
            return table[at + 1];
        }

        /**
         * @param vendorId of the AVP.
         * @param code     of the AVP.
         * @return the most occurrences of a listed AVP at this level, or -1 when the level does not list it.
         */
        public int maxOccurs(final int vendorId, final int code)
        {
            final long entry = find(vendorId, code);
            return NOT_LISTED == entry ? -1 : maxOccurs[(int)(entry >>> ENTRY_RULE_SHIFT)];
        }

        /**
         * @param vendorId of the AVP.
         * @param code     of the AVP.
         * @return the fewest occurrences of a listed AVP at this level, or -1 when the level does not list it.
         */
        public int minOccurs(final int vendorId, final int code)
        {
            final long entry = find(vendorId, code);
            return NOT_LISTED == entry ? -1 : minOccurs[(int)(entry >>> ENTRY_RULE_SHIFT)];
        }

        /** @return the AVPs this level requires, as (Vendor-ID, code) keys ({@link AvpDescriptor#key}). */
        public long[] requiredKeys()
        {
            final long[] keys = new long[requiredRuleIndices.length];
            for (int i = 0; i < keys.length; i++)
            {
                keys[i] = definitions[requiredRuleIndices[i]].key();
            }
            return keys;
        }

        /** @return whether the level's grammar has {@code *[AVP]}: a known AVP it does not list is allowed. */
        public boolean allowsAnyAvp()
        {
            return allowsAny;
        }

        /** Start counting anew; nested visits of the same rule set get their own stamp. */
        int beginVisit()
        {
            if (++visits == Integer.MAX_VALUE)
            {
                Arrays.fill(stampedCounts, 0);
                visits = 1;
            }
            return visits;
        }

        /**
         * @param depth of the level being counted.
         * @return the index of the level's first counter, to which a rule's index is added.
         */
        int countersAt(final int depth)
        {
            return depth * maxOccurs.length;
        }

        /** Count one more occurrence and return the count before it; {@code counter} is from {@link #countersAt}. */
        int count(final int counter, final int visit)
        {
            final long stampedCount = stampedCounts[counter];
            if ((int)(stampedCount >>> Integer.SIZE) != visit)
            {
                stampedCounts[counter] = (long)visit << Integer.SIZE | 1;
                return 0;
            }
            stampedCounts[counter] = stampedCount + 1;
            return (int)stampedCount;
        }

        int countOf(final int counter, final int visit)
        {
            final long stampedCount = stampedCounts[counter];
            return (int)(stampedCount >>> Integer.SIZE) == visit ? (int)stampedCount : 0;
        }
    }
}
