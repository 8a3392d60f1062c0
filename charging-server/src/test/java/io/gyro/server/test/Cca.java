package io.gyro.server.test;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.cc.CreditControlAnswerDecoder;
import io.gyro.protocol.diameter.cc.MultipleServicesCreditControlDecoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded CCA as plain values, for assertions.
 *
 * @param bytes               the answer as received.
 * @param flags               Command Flags.
 * @param hopByHopId          Hop-by-Hop Identifier.
 * @param endToEndId          End-to-End Identifier.
 * @param resultCode          command-level Result-Code.
 * @param sessionId           Session-Id.
 * @param ccRequestType       CC-Request-Type, -1 when absent.
 * @param ccRequestNumber     CC-Request-Number, -1 when absent.
 * @param msccs               the MSCCs.
 * @param granted             command-level GSU.
 * @param validityTime        command-level Validity-Time, -1 when absent.
 * @param finalUnitAction     command-level Final-Unit-Action, -1 when absent.
 * @param checkBalanceResult  Check-Balance-Result, -1 when absent.
 * @param costDigits          Cost-Information Value-Digits (when {@code hasCost}).
 * @param costExponent        Cost-Information Exponent.
 * @param hasCost             Cost-Information present.
 * @param hasFailedAvp        Failed-AVP present.
 * @param lowBalance          Low-Balance-Indication YES.
 * @param creditControlFailureHandling CCFH, -1 when absent.
 */
public record Cca(
    byte[] bytes,
    int flags,
    int hopByHopId,
    int endToEndId,
    long resultCode,
    String sessionId,
    int ccRequestType,
    long ccRequestNumber,
    List<Mscc> msccs,
    ServiceUnits granted,
    long validityTime,
    int finalUnitAction,
    int checkBalanceResult,
    long costDigits,
    int costExponent,
    boolean hasCost,
    boolean hasFailedAvp,
    boolean lowBalance,
    long creditControlFailureHandling)
{
    /**
     * One MSCC of the answer.
     *
     * @param ratingGroup     Rating-Group, -1 when absent.
     * @param resultCode      per-service Result-Code, -1 when absent.
     * @param granted         GSU.
     * @param validityTime    Validity-Time, -1 when absent.
     * @param finalUnitAction Final-Unit-Action, -1 when no FUI.
     * @param redirectAddress Redirect-Server-Address, or null.
     * @param volumeThreshold Volume-Quota-Threshold, -1 when absent.
     * @param filterRules     the FUI's Restriction-Filter-Rules, in order.
     * @param filterIds       the FUI's Filter-Ids, in order.
     */
    public record Mscc(
        long ratingGroup,
        long resultCode,
        ServiceUnits granted,
        long validityTime,
        int finalUnitAction,
        String redirectAddress,
        long volumeThreshold,
        List<String> filterRules,
        List<String> filterIds)
    {
    }

    /**
     * @param bytes a CCA.
     * @return its values.
     */
    public static Cca decode(final byte[] bytes)
    {
        final CreditControlAnswerDecoder decoder = new CreditControlAnswerDecoder().wrap(Unpooled.wrappedBuffer(bytes), 0);
        final List<Mscc> msccs = new ArrayList<>();
        for (int i = 0; i < decoder.msccCount(); i++)
        {
            final MultipleServicesCreditControlDecoder mscc = decoder.mscc(i);
            final List<String> filterRules = new ArrayList<>();
            for (int rule = 0; rule < mscc.restrictionFilterRuleCount(); rule++)
            {
                filterRules.add(mscc.restrictionFilterRule(rule));
            }
            final List<String> filterIds = new ArrayList<>();
            for (int id = 0; id < mscc.filterIdCount(); id++)
            {
                filterIds.add(mscc.filterId(id));
            }
            msccs.add(new Mscc(mscc.ratingGroup(), mscc.resultCode(), new ServiceUnits().copyFrom(mscc.granted()),
                mscc.validityTimeSeconds(), mscc.finalUnitAction(), mscc.redirectServerAddress(),
                mscc.volumeQuotaThreshold(), filterRules, filterIds));
        }
        return new Cca(bytes, decoder.header().flags(), decoder.header().hopByHopId(), decoder.header().endToEndId(),
            decoder.resultCode(), decoder.sessionIdLength() > 0 ? decoder.sessionId() : null, decoder.ccRequestType(),
            decoder.ccRequestNumber(), msccs, new ServiceUnits().copyFrom(decoder.grantedServiceUnit()),
            decoder.validityTimeSeconds(), decoder.finalUnitAction(), decoder.checkBalanceResult(),
            decoder.costValueDigits(), decoder.costExponent(), decoder.hasCostInformation(), decoder.hasFailedAvp(),
            decoder.lowBalanceIndication(), decoder.creditControlFailureHandling());
    }

    /** @return the only MSCC. */
    public Mscc mscc()
    {
        if (msccs.size() != 1)
        {
            throw new AssertionError("expected one MSCC, got " + msccs.size());
        }
        return msccs.get(0);
    }

    /** @return true when the E bit is set. */
    public boolean isError()
    {
        return (flags & 0x20) != 0;
    }

    /**
     * The command-level Failed-AVPs, in order: each as its members' AVP Codes mapped to their Unsigned32 values
     * (-1 for members that are not four octets).
     *
     * @return one map per Failed-AVP.
     */
    public List<Map<Integer, Long>> failedAvps()
    {
        final ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        final AvpReader reader = new AvpReader().wrapMessage(buffer, 0);
        final AvpReader member = new AvpReader();
        final List<Map<Integer, Long>> failed = new ArrayList<>();
        while (reader.next())
        {
            if (AvpCode.FAILED_AVP == reader.code() && 0 == reader.vendorId())
            {
                final Map<Integer, Long> members = new LinkedHashMap<>();
                member.wrapGroup(reader);
                while (member.next())
                {
                    members.put(member.code(), 4 == member.dataLength() ? member.uint32() : -1);
                }
                failed.add(members);
            }
        }
        return failed;
    }
}
