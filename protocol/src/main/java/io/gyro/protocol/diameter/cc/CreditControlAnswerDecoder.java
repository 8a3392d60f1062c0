package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterHeaderFlyweight;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.buffer.ByteBuf;

/**
 * Allocation-free view of a Credit-Control-Answer (RFC 4006 §3.2): what the simulator and the tests read back.
 * Not thread safe.
 */
public final class CreditControlAnswerDecoder
{
    /** MSCC AVPs kept; an answer has one per MSCC of the request, at most 32 in Gyro. */
    public static final int MAX_MSCC = 64;

    private final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight();
    private final AvpReader reader = new AvpReader();
    private final AvpReader groupReader = new AvpReader();
    private final AvpReader innerReader = new AvpReader();
    private final ServiceUnits granted = new ServiceUnits();
    private final MultipleServicesCreditControlDecoder mscc = new MultipleServicesCreditControlDecoder();
    private final int[] msccAvpOffsets = new int[MAX_MSCC];
    private final int[] msccDataOffsets = new int[MAX_MSCC];
    private final int[] msccDataLengths = new int[MAX_MSCC];

    private ByteBuf buffer;
    private int msccCount;
    private long resultCode;
    private int sessionIdOffset;
    private int sessionIdLength;
    private int ccRequestType;
    private long ccRequestNumber;
    private long validityTimeSeconds;
    private int checkBalanceResult;
    private boolean lowBalanceIndication;
    private boolean costInformationPresent;
    private long costValueDigits;
    private int costExponent;
    private long costCurrencyCode;
    private boolean failedAvpPresent;
    private int finalUnitAction;
    private long creditControlFailureHandling;

    /**
     * Decode a CCA.
     *
     * @param buffer holding the message.
     * @param offset of its header.
     * @return this for chaining.
     */
    public CreditControlAnswerDecoder wrap(final ByteBuf buffer, final int offset)
    {
        this.buffer = buffer;
        header.wrap(buffer, offset);
        msccCount = 0;
        resultCode = -1;
        sessionIdOffset = 0;
        sessionIdLength = 0;
        ccRequestType = -1;
        ccRequestNumber = -1;
        validityTimeSeconds = -1;
        checkBalanceResult = -1;
        lowBalanceIndication = false;
        costInformationPresent = false;
        failedAvpPresent = false;
        finalUnitAction = -1;
        creditControlFailureHandling = -1;
        granted.clear();

        reader.wrapMessage(buffer, offset);
        while (reader.next())
        {
            if (VendorId.TGPP == reader.vendorId())
            {
                if (AvpCode.LOW_BALANCE_INDICATION == reader.code())
                {
                    lowBalanceIndication = 1 == reader.int32();
                }
                continue;
            }
            if (0 != reader.vendorId())
            {
                continue;
            }
            switch (reader.code())
            {
                case AvpCode.SESSION_ID ->
                {
                    sessionIdOffset = reader.dataOffset();
                    sessionIdLength = reader.dataLength();
                }
                case AvpCode.RESULT_CODE -> resultCode = reader.uint32();
                case AvpCode.CC_REQUEST_TYPE -> ccRequestType = reader.int32();
                case AvpCode.CC_REQUEST_NUMBER -> ccRequestNumber = reader.uint32();
                case AvpCode.VALIDITY_TIME -> validityTimeSeconds = reader.uint32();
                case AvpCode.CHECK_BALANCE_RESULT -> checkBalanceResult = reader.int32();
                case AvpCode.GRANTED_SERVICE_UNIT -> granted.accumulate(groupReader.wrapGroup(reader));
                case AvpCode.FAILED_AVP -> failedAvpPresent = true;
                case AvpCode.CREDIT_CONTROL_FAILURE_HANDLING -> creditControlFailureHandling = reader.int32();
                case AvpCode.FINAL_UNIT_INDICATION ->
                {
                    groupReader.wrapGroup(reader);
                    finalUnitAction = groupReader.find(AvpCode.FINAL_UNIT_ACTION, 0) ? groupReader.int32() : 0;
                }
                case AvpCode.COST_INFORMATION -> readCostInformation();
                case AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL ->
                {
                    if (msccCount < MAX_MSCC)
                    {
                        msccAvpOffsets[msccCount] = reader.avpOffset();
                        msccDataOffsets[msccCount] = reader.dataOffset();
                        msccDataLengths[msccCount] = reader.dataLength();
                        msccCount++;
                    }
                }
                default ->
                {
                }
            }
        }
        return this;
    }

    private void readCostInformation()
    {
        costInformationPresent = true;
        groupReader.wrapGroup(reader);
        while (groupReader.next())
        {
            if (AvpCode.CURRENCY_CODE == groupReader.code())
            {
                costCurrencyCode = groupReader.uint32();
            }
            else if (AvpCode.UNIT_VALUE == groupReader.code())
            {
                final AvpReader unitValue = innerReader.wrapGroup(groupReader);
                while (unitValue.next())
                {
                    if (AvpCode.VALUE_DIGITS == unitValue.code())
                    {
                        costValueDigits = unitValue.int64();
                    }
                    else if (AvpCode.EXPONENT == unitValue.code())
                    {
                        costExponent = unitValue.int32();
                    }
                }
            }
        }
    }

    /** @return the header. */
    public DiameterHeaderFlyweight header()
    {
        return header;
    }

    /** @return command-level Result-Code, -1 when absent. */
    public long resultCode()
    {
        return resultCode;
    }

    /**
     * @param destination array to copy the Session-Id into.
     * @return octets copied.
     */
    public int copySessionId(final byte[] destination)
    {
        final int length = Math.min(sessionIdLength, destination.length);
        buffer.getBytes(sessionIdOffset, destination, 0, length);
        return length;
    }

    /** @return length of the Session-Id, 0 when absent. */
    public int sessionIdLength()
    {
        return sessionIdLength;
    }

    /** @return the Session-Id as text (allocates; tests and traces). */
    public String sessionId()
    {
        return buffer.toString(sessionIdOffset, sessionIdLength, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @return CC-Request-Type, -1 when absent. */
    public int ccRequestType()
    {
        return ccRequestType;
    }

    /** @return CC-Request-Number, -1 when absent. */
    public long ccRequestNumber()
    {
        return ccRequestNumber;
    }

    /** @return command-level Validity-Time, -1 when absent. */
    public long validityTimeSeconds()
    {
        return validityTimeSeconds;
    }

    /** @return Check-Balance-Result, -1 when absent. */
    public int checkBalanceResult()
    {
        return checkBalanceResult;
    }

    /** @return true when Low-Balance-Indication was YES (1). */
    public boolean lowBalanceIndication()
    {
        return lowBalanceIndication;
    }

    /** @return true when Cost-Information was present. */
    public boolean hasCostInformation()
    {
        return costInformationPresent;
    }

    /** @return Cost-Information Value-Digits. */
    public long costValueDigits()
    {
        return costValueDigits;
    }

    /** @return Cost-Information Exponent. */
    public int costExponent()
    {
        return costExponent;
    }

    /** @return Cost-Information Currency-Code. */
    public long costCurrencyCode()
    {
        return costCurrencyCode;
    }

    /** @return true when a Failed-AVP was present. */
    public boolean hasFailedAvp()
    {
        return failedAvpPresent;
    }

    /** @return command-level Final-Unit-Action, -1 when absent. */
    public int finalUnitAction()
    {
        return finalUnitAction;
    }

    /** @return Credit-Control-Failure-Handling, -1 when absent. */
    public long creditControlFailureHandling()
    {
        return creditControlFailureHandling;
    }

    /** @return command-level Granted-Service-Unit. */
    public ServiceUnits grantedServiceUnit()
    {
        return granted;
    }

    /** @return number of MSCC AVPs. */
    public int msccCount()
    {
        return msccCount;
    }

    /**
     * @param index below {@link #msccCount()}.
     * @return the shared MSCC view decoded on that MSCC, valid until the next call.
     */
    public MultipleServicesCreditControlDecoder mscc(final int index)
    {
        return mscc.wrap(buffer, msccAvpOffsets[index], msccDataOffsets[index], msccDataLengths[index]);
    }
}
