package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.AvpVisitor;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.buffer.ByteBuf;

/**
 * View of one Multiple-Services-Credit-Control AVP (RFC 4006 §8.16 with the TS 32.299 additions):
 * Rating-Group, Service-Identifier, Requested-Service-Unit, the sum of its Used-Service-Units, Granted-Service-Unit,
 * Result-Code, Validity-Time, Final-Unit-Indication and 3GPP thresholds, Quota-Holding-Time and Reporting-Reason.
 * <p>
 * Serves both directions: the server reads RSU/USU from a CCR, the simulator reads GSU and the per-service
 * Result-Code from a CCA. Never allocates. Not thread safe.
 */
public final class MultipleServicesCreditControlDecoder
{
    /** Members of Final-Unit-Indication are one level below the MSCC's own members. */
    private static final int FINAL_UNIT_INDICATION_MEMBER_DEPTH = 1;
    /** Levels below the MSCC's own members: Unit-Value inside CC-Money inside a service unit AVP (RFC 4006 §8.8). */
    private static final int NESTED_LEVELS = 3;
    /** Restriction-Filter-Rules and Filter-Ids kept per Final-Unit-Indication; more are counted, not kept. */
    public static final int MAX_FILTERS = 8;

    private final AvpReader reader = new AvpReader();
    private final AvpReader[] scratch = AvpReader.scratch(NESTED_LEVELS);
    private final AvpVisitor memberVisitor = this::visitMember;
    private final ServiceUnits requested = new ServiceUnits();
    private final ServiceUnits used = new ServiceUnits();
    private final ServiceUnits granted = new ServiceUnits();

    private ByteBuf buffer;
    private int avpOffset;
    private long ratingGroup;
    private long serviceIdentifier;
    private int reportingReason;
    private int usedServiceUnitCount;
    private long resultCode;
    private long validityTimeSeconds;
    private int finalUnitAction;
    private int redirectAddressType;
    private int redirectAddressOffset;
    private int redirectAddressLength;
    private int restrictionFilterRuleCount;
    private final int[] restrictionFilterRuleOffsets = new int[MAX_FILTERS];
    private final int[] restrictionFilterRuleLengths = new int[MAX_FILTERS];
    private int filterIdCount;
    private final int[] filterIdOffsets = new int[MAX_FILTERS];
    private final int[] filterIdLengths = new int[MAX_FILTERS];
    private long volumeQuotaThreshold;
    private long timeQuotaThreshold;
    private long unitQuotaThreshold;
    private long quotaHoldingTimeSeconds;
    private boolean triggerPresent;
    private ServiceUnits openUnits;

    /**
     * Decode the MSCC whose data lies in {@code [dataOffset, dataOffset + dataLength)}.
     *
     * @param buffer     holding the message.
     * @param avpOffset  of the MSCC AVP header (kept for Failed-AVP).
     * @param dataOffset of its first member AVP.
     * @param dataLength of its data.
     * @return this for chaining.
     */
    public MultipleServicesCreditControlDecoder wrap(
        final ByteBuf buffer, final int avpOffset, final int dataOffset, final int dataLength)
    {
        begin(buffer, avpOffset);
        reader.wrap(buffer, dataOffset, dataOffset + dataLength).accept(memberVisitor, scratch);
        return this;
    }

    /**
     * Forget the previous MSCC and get ready for the members of a new one, shown by {@link #visitMember}.
     *
     * @param buffer    holding the message.
     * @param avpOffset of the MSCC AVP header.
     * @return this for chaining.
     */
    MultipleServicesCreditControlDecoder begin(final ByteBuf buffer, final int avpOffset)
    {
        this.buffer = buffer;
        this.avpOffset = avpOffset;
        ratingGroup = -1;
        serviceIdentifier = -1;
        reportingReason = -1;
        usedServiceUnitCount = 0;
        resultCode = -1;
        validityTimeSeconds = -1;
        finalUnitAction = -1;
        redirectAddressType = -1;
        redirectAddressOffset = 0;
        redirectAddressLength = 0;
        restrictionFilterRuleCount = 0;
        filterIdCount = 0;
        volumeQuotaThreshold = -1;
        timeQuotaThreshold = -1;
        unitQuotaThreshold = -1;
        quotaHoldingTimeSeconds = -1;
        triggerPresent = false;
        openUnits = null;
        requested.clear();
        used.clear();
        granted.clear();
        return this;
    }

    /**
     * Pick one member of the MSCC, pre-order (see {@link io.gyro.protocol.diameter.AvpVisitor}).
     *
     * @param member positioned on the member.
     * @param depth  0 for the MSCC's own members, 1 and deeper inside its Grouped members.
     * @return true for the members whose own members are wanted (the service units, Final-Unit-Indication and its
     * Redirect-Server).
     */
    boolean visitMember(final AvpReader member, final int depth)
    {
        if (0 == depth)
        {
            return 0 == member.vendorId() ? visitIetfMember(member) :
                VendorId.TGPP == member.vendorId() && visitTgppMember(member);
        }
        if (null != openUnits)
        {
            return openUnits.visitMember(member, depth - 1);
        }
        return visitFinalUnitIndicationMember(member, depth);
    }

    boolean visitIetfMember(final AvpReader member)
    {
        openUnits = null;
        switch (member.code())
        {
            case AvpCode.RATING_GROUP -> ratingGroup = member.uint32();
            case AvpCode.SERVICE_IDENTIFIER ->
            {
                // *[Service-Identifier]: the first one names the service (RFC 4006 §8.16).
                if (serviceIdentifier < 0)
                {
                    serviceIdentifier = member.uint32();
                }
            }
            case AvpCode.REQUESTED_SERVICE_UNIT -> openUnits = requested.beginOccurrence();
            case AvpCode.USED_SERVICE_UNIT ->
            {
                usedServiceUnitCount++;
                openUnits = used.beginOccurrence();
            }
            case AvpCode.GRANTED_SERVICE_UNIT -> openUnits = granted.beginOccurrence();
            case AvpCode.RESULT_CODE -> resultCode = member.uint32();
            case AvpCode.VALIDITY_TIME -> validityTimeSeconds = member.uint32();
            case AvpCode.FINAL_UNIT_INDICATION ->
            {
                finalUnitAction = 0;
                return true;
            }
            default ->
            {
            }
        }
        return null != openUnits;
    }

    boolean visitTgppMember(final AvpReader member)
    {
        switch (member.code())
        {
            case AvpCode.REPORTING_REASON -> reportingReason = member.int32();
            case AvpCode.VOLUME_QUOTA_THRESHOLD -> volumeQuotaThreshold = member.uint32();
            case AvpCode.TIME_QUOTA_THRESHOLD -> timeQuotaThreshold = member.uint32();
            case AvpCode.UNIT_QUOTA_THRESHOLD -> unitQuotaThreshold = member.uint32();
            case AvpCode.QUOTA_HOLDING_TIME -> quotaHoldingTimeSeconds = member.uint32();
            case AvpCode.TRIGGER -> triggerPresent = true;
            default ->
            {
            }
        }
        return false;
    }

    /**
     * RFC 4006 §8.34 Final-Unit-Indication (depth 1: the action, Restriction-Filter-Rules, Filter-Ids) and §8.37
     * Redirect-Server (depth 2).
     */
    private boolean visitFinalUnitIndicationMember(final AvpReader member, final int depth)
    {
        // Only IETF AVPs are its members: another vendor's AVP with the same code is another AVP (RFC 6733 §4.1).
        if (0 != member.vendorId())
        {
            return false;
        }
        if (FINAL_UNIT_INDICATION_MEMBER_DEPTH == depth)
        {
            switch (member.code())
            {
                case AvpCode.FINAL_UNIT_ACTION -> finalUnitAction = member.int32();
                case AvpCode.RESTRICTION_FILTER_RULE ->
                {
                    keep(member, restrictionFilterRuleOffsets, restrictionFilterRuleLengths, restrictionFilterRuleCount);
                    restrictionFilterRuleCount++;
                }
                case AvpCode.FILTER_ID ->
                {
                    keep(member, filterIdOffsets, filterIdLengths, filterIdCount);
                    filterIdCount++;
                }
                default ->
                {
                }
            }
            return AvpCode.REDIRECT_SERVER == member.code();
        }
        if (AvpCode.REDIRECT_ADDRESS_TYPE == member.code())
        {
            redirectAddressType = member.int32();
        }
        else if (AvpCode.REDIRECT_SERVER_ADDRESS == member.code())
        {
            redirectAddressOffset = member.dataOffset();
            redirectAddressLength = member.dataLength();
        }
        return false;
    }

    private static void keep(final AvpReader member, final int[] offsets, final int[] lengths, final int index)
    {
        if (index < MAX_FILTERS)
        {
            offsets[index] = member.dataOffset();
            lengths[index] = member.dataLength();
        }
    }

    /** @return the Requested- or Used-Service-Unit whose members are being decoded. */
    ServiceUnits openUnits()
    {
        return openUnits;
    }

    /**
     * @return Restriction-Filter-Rules in the Final-Unit-Indication (RFC 4006 §8.36); the first {@link #MAX_FILTERS}
     * are kept.
     */
    public int restrictionFilterRuleCount()
    {
        return restrictionFilterRuleCount;
    }

    /**
     * @param index below {@code min(restrictionFilterRuleCount(), MAX_FILTERS)}.
     * @return the rule as text (allocates; answers, off the hot path).
     */
    public String restrictionFilterRule(final int index)
    {
        return text(restrictionFilterRuleOffsets, restrictionFilterRuleLengths, restrictionFilterRuleCount, index);
    }

    /** @return Filter-Ids in the Final-Unit-Indication (RFC 4006 §8.34); the first {@link #MAX_FILTERS} are kept. */
    public int filterIdCount()
    {
        return filterIdCount;
    }

    /**
     * @param index below {@code min(filterIdCount(), MAX_FILTERS)}.
     * @return the Filter-Id as text (allocates; answers, off the hot path).
     */
    public String filterId(final int index)
    {
        return text(filterIdOffsets, filterIdLengths, filterIdCount, index);
    }

    private String text(final int[] offsets, final int[] lengths, final int count, final int index)
    {
        if (index < 0 || index >= Math.min(count, MAX_FILTERS))
        {
            throw new IndexOutOfBoundsException("no kept filter at " + index + " of " + count);
        }
        return buffer.toString(offsets[index], lengths[index], java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @return offset of the MSCC AVP header in the message. */
    public int avpOffset()
    {
        return avpOffset;
    }

    /** @return Rating-Group, or -1 when absent. */
    public long ratingGroup()
    {
        return ratingGroup;
    }

    /** @return the first Service-Identifier, or -1 when absent. */
    public long serviceIdentifier()
    {
        return serviceIdentifier;
    }

    /** @return Requested-Service-Unit (check {@link ServiceUnits#isPresent()}). */
    public ServiceUnits requested()
    {
        return requested;
    }

    /** @return the sum of every Used-Service-Unit of this MSCC. */
    public ServiceUnits used()
    {
        return used;
    }

    /** @return number of Used-Service-Unit AVPs. */
    public int usedServiceUnitCount()
    {
        return usedServiceUnitCount;
    }

    /** @return Granted-Service-Unit (answers). */
    public ServiceUnits granted()
    {
        return granted;
    }

    /** @return MSCC-level 3GPP Reporting-Reason, or -1 when absent. */
    public int reportingReason()
    {
        return reportingReason;
    }

    /**
     * Reporting-Reason whichever level it was sent at (MSCC, or inside the USU: TS 32.299 §7.2.175).
     *
     * @return the reason, -1 when absent.
     */
    public int effectiveReportingReason()
    {
        return reportingReason >= 0 ? reportingReason : used.reportingReason();
    }

    /** @return per-service Result-Code (answers), -1 when absent. */
    public long resultCode()
    {
        return resultCode;
    }

    /** @return Validity-Time in seconds (answers), -1 when absent. */
    public long validityTimeSeconds()
    {
        return validityTimeSeconds;
    }

    /** @return Final-Unit-Action (answers), -1 when there is no Final-Unit-Indication. */
    public int finalUnitAction()
    {
        return finalUnitAction;
    }

    /** @return Redirect-Address-Type of the FUI's Redirect-Server, -1 when absent. */
    public int redirectAddressType()
    {
        return redirectAddressType;
    }

    /** @return Redirect-Server-Address as text (allocates; answers, off the hot path), or null. */
    public String redirectServerAddress()
    {
        return redirectAddressLength > 0 ?
            buffer.toString(redirectAddressOffset, redirectAddressLength, java.nio.charset.StandardCharsets.UTF_8) :
            null;
    }

    /** @return Volume-Quota-Threshold, -1 when absent. */
    public long volumeQuotaThreshold()
    {
        return volumeQuotaThreshold;
    }

    /** @return Time-Quota-Threshold, -1 when absent. */
    public long timeQuotaThreshold()
    {
        return timeQuotaThreshold;
    }

    /** @return Unit-Quota-Threshold, -1 when absent. */
    public long unitQuotaThreshold()
    {
        return unitQuotaThreshold;
    }

    /** @return Quota-Holding-Time, -1 when absent. */
    public long quotaHoldingTimeSeconds()
    {
        return quotaHoldingTimeSeconds;
    }

    /** @return true when a 3GPP Trigger AVP was present. */
    public boolean hasTrigger()
    {
        return triggerPresent;
    }
}
