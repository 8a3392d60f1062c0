package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.AvpReader;
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
    private final AvpReader reader = new AvpReader();
    private final AvpReader unitReader = new AvpReader();
    private final AvpReader fuiReader = new AvpReader();
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
    private long volumeQuotaThreshold;
    private long timeQuotaThreshold;
    private long unitQuotaThreshold;
    private long quotaHoldingTimeSeconds;
    private boolean triggerPresent;

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
        volumeQuotaThreshold = -1;
        timeQuotaThreshold = -1;
        unitQuotaThreshold = -1;
        quotaHoldingTimeSeconds = -1;
        triggerPresent = false;
        requested.clear();
        used.clear();
        granted.clear();

        reader.wrap(buffer, dataOffset, dataOffset + dataLength);
        while (reader.next())
        {
            if (0 == reader.vendorId())
            {
                switch (reader.code())
                {
                    case AvpCode.RATING_GROUP -> ratingGroup = reader.uint32();
                    case AvpCode.SERVICE_IDENTIFIER ->
                    {
                        // *[Service-Identifier]: the first one names the service (RFC 4006 §8.16).
                        if (serviceIdentifier < 0)
                        {
                            serviceIdentifier = reader.uint32();
                        }
                    }
                    case AvpCode.REQUESTED_SERVICE_UNIT -> requested.accumulate(unitReader.wrapGroup(reader));
                    case AvpCode.USED_SERVICE_UNIT ->
                    {
                        usedServiceUnitCount++;
                        used.accumulate(unitReader.wrapGroup(reader));
                    }
                    case AvpCode.GRANTED_SERVICE_UNIT -> granted.accumulate(unitReader.wrapGroup(reader));
                    case AvpCode.RESULT_CODE -> resultCode = reader.uint32();
                    case AvpCode.VALIDITY_TIME -> validityTimeSeconds = reader.uint32();
                    case AvpCode.FINAL_UNIT_INDICATION -> readFinalUnitIndication();
                    default ->
                    {
                    }
                }
            }
            else if (VendorId.TGPP == reader.vendorId())
            {
                switch (reader.code())
                {
                    case AvpCode.REPORTING_REASON -> reportingReason = reader.int32();
                    case AvpCode.VOLUME_QUOTA_THRESHOLD -> volumeQuotaThreshold = reader.uint32();
                    case AvpCode.TIME_QUOTA_THRESHOLD -> timeQuotaThreshold = reader.uint32();
                    case AvpCode.UNIT_QUOTA_THRESHOLD -> unitQuotaThreshold = reader.uint32();
                    case AvpCode.QUOTA_HOLDING_TIME -> quotaHoldingTimeSeconds = reader.uint32();
                    case AvpCode.TRIGGER -> triggerPresent = true;
                    default ->
                    {
                    }
                }
            }
        }
        return this;
    }

    private void readFinalUnitIndication()
    {
        finalUnitAction = 0;
        fuiReader.wrapGroup(reader);
        while (fuiReader.next())
        {
            if (AvpCode.FINAL_UNIT_ACTION == fuiReader.code())
            {
                finalUnitAction = fuiReader.int32();
            }
            else if (AvpCode.REDIRECT_SERVER == fuiReader.code())
            {
                unitReader.wrapGroup(fuiReader);
                while (unitReader.next())
                {
                    if (AvpCode.REDIRECT_ADDRESS_TYPE == unitReader.code())
                    {
                        redirectAddressType = unitReader.int32();
                    }
                    else if (AvpCode.REDIRECT_SERVER_ADDRESS == unitReader.code())
                    {
                        redirectAddressOffset = unitReader.dataOffset();
                        redirectAddressLength = unitReader.dataLength();
                    }
                }
            }
        }
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
