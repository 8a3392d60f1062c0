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
 * <li>3001 COMMAND_UNSUPPORTED: the Command Code is not in the dictionary (§7.1.3); 3007 APPLICATION_UNSUPPORTED:
 * the header's Application-ID is not served or does not belong to the command; 3008 INVALID_HDR_BITS: E bit on a
 * request, or P bit on a command that is not proxiable (§3);</li>
 * <li>5014 INVALID_AVP_LENGTH: an AVP whose length runs past its parent, is shorter than its header, or does not
 * fit its type (PROTOCOLS.md §4 item 2); 3009 INVALID_AVP_BITS: V bit with Vendor-ID 0 (item 4);</li>
 * <li>5001 AVP_UNSUPPORTED: an AVP not in the dictionary with the M bit set, at any depth inside known Grouped
 * AVPs (item 3); unknown AVPs without the M bit are ignored, and the M bit of a known AVP is never a reason to
 * reject (item 5);</li>
 * <li>5004 INVALID_AVP_VALUE: an unknown value of a strict enumeration, a Session-Id longer than the configured
 * maximum, or Grouped AVPs nested deeper than {@link #MAX_NESTING_DEPTH};</li>
 * <li>5008 AVP_NOT_ALLOWED and 5009 AVP_OCCURS_TOO_MANY_TIMES from the command and Grouped rules, and
 * 5005 MISSING_AVP for a required AVP that is absent.</li>
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

    private final DiameterDictionary dictionary;
    private final LongHashSet supportedApplications;
    private final int maxSessionIdLength;

    // Per definition, indexed by a dense id given here: the facts the walk needs, in arrays (no pointer chasing).
    private final AvpDefinition[] definitions;
    private final AvpType[] types;
    private final boolean[] strict;
    private final boolean[] sessionId;
    private final RuleSet[] groupRuleSets;
    private final int[] ietfIds = new int[DIRECT_LOOKUP_CODES];
    private final int[] tgppIds = new int[DIRECT_LOOKUP_CODES];
    private final Long2LongHashMap otherIds = new Long2LongHashMap(NOT_FOUND);

    private final Int2ObjectHashMap<RuleSet> requestRules = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<RuleSet> answerRules = new Int2ObjectHashMap<>();
    private final RuleSet errorAnswerRules;
    private final AvpReader[] readers = new AvpReader[MAX_NESTING_DEPTH + 1];
    private final int[] parentOffsets = new int[MAX_NESTING_DEPTH + 1];
    private final FailedAvp failedAvp = new FailedAvp();

    private ByteBuf buffer;
    private AvpVisitor visitor;
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
        this.dictionary = dictionary;
        this.supportedApplications = new LongHashSet();
        this.supportedApplications.add(0L);
        for (final long id : supportedApplications)
        {
            this.supportedApplications.add(id);
        }
        this.maxSessionIdLength = maxSessionIdLength;

        final List<AvpDefinition> all = new ArrayList<>(dictionary.avps());
        final int count = all.size();
        definitions = all.toArray(new AvpDefinition[0]);
        types = new AvpType[count];
        strict = new boolean[count];
        sessionId = new boolean[count];
        groupRuleSets = new RuleSet[count];
        Arrays.fill(ietfIds, NOT_FOUND);
        Arrays.fill(tgppIds, NOT_FOUND);
        final IdentityHashMap<AvpDefinition, Integer> ids = new IdentityHashMap<>();
        for (int id = 0; id < count; id++)
        {
            final AvpDefinition definition = definitions[id];
            ids.put(definition, id);
            types[id] = definition.type();
            strict[id] = definition.strictEnumeration();
            sessionId[id] = AvpCode.SESSION_ID == definition.code() && 0 == definition.vendorId();
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
                groupRuleSets[id] = new RuleSet(definitions[id].groupRules(), definitions[id].groupAllowsAnyAvp(), ids);
            }
        }
        for (final CommandDefinition definition : dictionary.commands())
        {
            requestRules.put(definition.code(),
                new RuleSet(definition.requestRules(), definition.requestAllowsAnyAvp(), ids));
            answerRules.put(definition.code(),
                new RuleSet(definition.answerRules(), definition.answerAllowsAnyAvp(), ids));
        }
        errorAnswerRules = new RuleSet(dictionary.errorAnswerRules(), dictionary.errorAnswerAllowsAnyAvp(), ids);
        for (int i = 0; i < readers.length; i++)
        {
            readers[i] = new AvpReader();
        }
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
        final int id = idOf(vendorId, avpCode);
        final int index = null == rules || id < 0 ? NOT_FOUND : rules.ruleIndexById[id];
        if (index < 0)
        {
            throw new IllegalArgumentException("command " + commandCode + " has no rule for AVP " + avpCode);
        }
        rules.maxOccurs[index] = Math.min(rules.maxOccurs[index], max);
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

        final int flags = buffer.getUnsignedByte(offset + FLAGS_OFFSET);
        final boolean isRequest = (flags & FLAG_REQUEST) != 0;
        final int commandCode = buffer.getUnsignedMedium(offset + COMMAND_CODE_OFFSET);
        final long applicationId = buffer.getUnsignedInt(offset + APPLICATION_ID_OFFSET);

        final CommandDefinition definition = dictionary.command(commandCode);
        if (null == definition)
        {
            return fail(ResultCode.COMMAND_UNSUPPORTED);
        }
        command = definition;
        if (!supportedApplications.contains(applicationId) || applicationId != definition.applicationId())
        {
            return fail(ResultCode.APPLICATION_UNSUPPORTED);
        }
        if (isRequest && ((flags & FLAG_ERROR) != 0 || (!definition.proxiable() && (flags & FLAG_PROXIABLE) != 0)))
        {
            return fail(ResultCode.INVALID_HDR_BITS);
        }

        final RuleSet rules = isRequest ? requestRules.get(commandCode) :
            (flags & FLAG_ERROR) != 0 ? errorAnswerRules : answerRules.get(commandCode);
        return validateLevel(readers[0].wrapMessage(buffer, offset), rules, 0, null != visitor);
    }

    /**
     * @param visiting whether the AVPs of this level are shown to the visitor: at the top when there is one, below only
     *              when it asked for the members of the parent.
     */
    private boolean validateLevel(final AvpReader reader, final RuleSet rules, final int depth, final boolean visiting)
    {
        final int visit = rules.beginVisit();
        while (reader.next())
        {
            final int vendorId = reader.vendorId();
            if (reader.isVendorSpecific() && 0 == vendorId)
            {
                return failCopy(ResultCode.INVALID_AVP_BITS, reader, depth);
            }

            final int id = idOf(vendorId, reader.code());
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
                continue;
            }

            final int ruleIndex = rules.ruleIndexById[id];
            if (ruleIndex >= 0)
            {
                if (rules.count(ruleIndex, visit) >= rules.maxOccurs[ruleIndex])
                {
                    return failCopy(0 == rules.maxOccurs[ruleIndex] ?
                        ResultCode.AVP_NOT_ALLOWED : ResultCode.AVP_OCCURS_TOO_MANY_TIMES, reader, depth);
                }
            }
            else if (!rules.allowsAny)
            {
                // The ABNF has no *[AVP]: a known AVP that is not listed does not belong here (RFC 6733 §7.1.5).
                return failCopy(ResultCode.AVP_NOT_ALLOWED, reader, depth);
            }

            if (!checkValue(reader, id, depth))
            {
                return false;
            }
            final boolean visitMembers = visiting && visitor.visit(reader, depth);
            if (AvpType.GROUPED == types[id] && !validateGroup(reader, id, depth, visitMembers))
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
            if (rules.countOf(ruleIndex, visit) < rules.minOccurs[ruleIndex])
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

    private boolean checkValue(final AvpReader reader, final int id, final int depth)
    {
        final AvpType type = types[id];
        final int dataLength = reader.dataLength();
        final int fixed = type.fixedDataLength();
        if (fixed >= 0 ? dataLength != fixed : !hasValidVariableLength(reader, type))
        {
            failedAvp.parents(parentOffsets, depth);
            failedAvp.zeroFilled(reader.code(), reader.flags(), reader.vendorId(), minimumDataLength(type));
            return fail(ResultCode.INVALID_AVP_LENGTH);
        }

        if (strict[id] && !definitions[id].isKnownEnumValue(reader.int32()))
        {
            return failCopy(ResultCode.INVALID_AVP_VALUE, reader, depth);
        }
        if (sessionId[id] && dataLength > maxSessionIdLength)
        {
            return failCopy(ResultCode.INVALID_AVP_VALUE, reader, depth);
        }

        return true;
    }

    private boolean validateGroup(final AvpReader reader, final int id, final int depth, final boolean visitMembers)
    {
        if (depth + 1 >= MAX_NESTING_DEPTH)
        {
            return failCopy(ResultCode.INVALID_AVP_VALUE, reader, depth);
        }
        parentOffsets[depth] = reader.avpOffset();
        return validateLevel(readers[depth + 1].wrapGroup(reader), groupRuleSets[id], depth + 1, visitMembers);
    }

    private static boolean hasValidVariableLength(final AvpReader reader, final AvpType type)
    {
        if (AvpType.ADDRESS == type)
        {
            // RFC 6733 §4.3.1: two-octet AddressType then the address; IPv4 is 4 octets, IPv6 16.
            final int family = reader.addressFamily();
            final int dataLength = reader.dataLength();
            return 1 == family ? 6 == dataLength : 2 == family ? 18 == dataLength : dataLength >= 2;
        }
        return reader.dataLength() >= type.minDataLength();
    }

    private static int minimumDataLength(final AvpType type)
    {
        final int fixed = type.fixedDataLength();
        return fixed >= 0 ? fixed : Math.max(0, type.minDataLength());
    }

    private boolean failBadLength(final AvpReader reader, final int depth)
    {
        final int offset = reader.avpOffset();
        failedAvp.parents(parentOffsets, depth);
        if (reader.limit() - offset >= AvpDescriptor.HEADER_LENGTH)
        {
            final int flags = buffer.getUnsignedByte(offset + AvpDescriptor.FLAGS_OFFSET);
            final boolean hasVendor = (flags & AvpDescriptor.FLAG_VENDOR) != 0 &&
                reader.limit() - offset >= AvpDescriptor.VENDOR_HEADER_LENGTH;
            final int code = buffer.getInt(offset);
            final int vendorId = hasVendor ? buffer.getInt(offset + AvpDescriptor.VENDOR_ID_OFFSET) : 0;
            final int id = idOf(vendorId, code);
            final int dataLength = id < 0 ? 0 : minimumDataLength(types[id]);
            failedAvp.zeroFilled(code, hasVendor ? flags : flags & ~AvpDescriptor.FLAG_VENDOR, vendorId, dataLength);
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

    /**
     * Rules of one command or Grouped AVP, compiled into arrays indexed by rule and by definition id.
     * Occurrences are counted per visit with a stamp instead of clearing the counters, so a level with sixty rules
     * costs nothing for the fifty-seven AVPs it does not contain.
     */
    private static final class RuleSet
    {
        private final boolean allowsAny;
        private final AvpDefinition[] definitions;
        private final int[] minOccurs;
        private final int[] maxOccurs;
        private final int[] requiredRuleIndices;
        private final int[] ruleIndexById;
        private final int[] counts;
        private final int[] stamps;
        private int visits;

        RuleSet(final List<AvpRule> rules, final boolean allowsAny, final IdentityHashMap<AvpDefinition, Integer> ids)
        {
            this.allowsAny = allowsAny;
            final int size = rules.size();
            definitions = new AvpDefinition[size];
            minOccurs = new int[size];
            maxOccurs = new int[size];
            counts = new int[size];
            stamps = new int[size];
            ruleIndexById = new int[ids.size()];
            Arrays.fill(ruleIndexById, NOT_FOUND);
            int requiredCount = 0;
            for (int i = 0; i < size; i++)
            {
                final AvpRule rule = rules.get(i);
                definitions[i] = rule.avp();
                minOccurs[i] = rule.minOccurs();
                maxOccurs[i] = rule.maxOccurs();
                ruleIndexById[ids.get(rule.avp())] = i;
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

        /** Start counting anew; nested visits of the same rule set get their own stamp. */
        int beginVisit()
        {
            if (++visits == Integer.MAX_VALUE)
            {
                Arrays.fill(stamps, 0);
                visits = 1;
            }
            return visits;
        }

        /** Count one more occurrence and return the count before it. */
        int count(final int ruleIndex, final int visit)
        {
            if (stamps[ruleIndex] != visit)
            {
                stamps[ruleIndex] = visit;
                counts[ruleIndex] = 1;
                return 0;
            }
            return counts[ruleIndex]++;
        }

        int countOf(final int ruleIndex, final int visit)
        {
            return stamps[ruleIndex] == visit ? counts[ruleIndex] : 0;
        }
    }
}
