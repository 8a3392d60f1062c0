package io.gyro.simulator.pgw;

import io.gyro.protocol.diameter.cc.CreditControlRequestDecoder;
import io.gyro.protocol.diameter.cc.MultipleServicesCreditControlDecoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.SubscriptionIdType;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * A CCR as the tests see it, decoded with the protocol module's decoder (allocates; tests only).
 *
 * @param sessionId             Session-Id.
 * @param originHost            Origin-Host.
 * @param hopByHopId            Hop-by-Hop Identifier.
 * @param type                  CC-Request-Type.
 * @param number                CC-Request-Number.
 * @param msccCount             MSCC AVPs.
 * @param ratingGroup           Rating-Group of the first MSCC, -1.
 * @param hasRsu                first MSCC has an RSU.
 * @param rsuEmpty              that RSU has no units.
 * @param requestedUnits        units in the RSU (any kind).
 * @param hasUsu                first MSCC has a USU.
 * @param usedUnits             units in the USU (any kind).
 * @param usedKinds             {@link ServiceUnits} kind bits of the USU.
 * @param msccReportingReason   MSCC-level Reporting-Reason, -1.
 * @param usuReportingReason    Reporting-Reason inside the USU, -1.
 * @param terminationCause      Termination-Cause, -1 when absent.
 * @param requestedAction       Requested-Action, -1 when absent.
 * @param msisdn                E.164 Subscription-Id, or null.
 * @param imsi                  IMSI Subscription-Id, or null.
 * @param endToEndId            End-to-End Identifier.
 * @param retransmitted         T flag set.
 */
public record Ccr(
    String sessionId,
    String originHost,
    int hopByHopId,
    int type,
    long number,
    int msccCount,
    long ratingGroup,
    boolean hasRsu,
    boolean rsuEmpty,
    long requestedUnits,
    boolean hasUsu,
    long usedUnits,
    int usedKinds,
    int msccReportingReason,
    int usuReportingReason,
    int terminationCause,
    int requestedAction,
    String msisdn,
    String imsi,
    int endToEndId,
    boolean retransmitted)
{
    static long units(final ServiceUnits units)
    {
        if (units.hasVolume())
        {
            return units.volumeOctets();
        }
        if (units.has(ServiceUnits.TIME))
        {
            return units.timeSeconds();
        }
        return units.serviceSpecificUnits();
    }

    /**
     * @param buffer a CCR.
     * @param offset of its header.
     * @return the view.
     */
    public static Ccr decode(final ByteBuf buffer, final int offset)
    {
        final CreditControlRequestDecoder decoder = new CreditControlRequestDecoder().wrap(buffer, offset);
        String msisdn = null;
        String imsi = null;
        for (int i = 0; i < decoder.subscriptionIdCount(); i++)
        {
            final String data = buffer.toString(decoder.subscriptionIdDataOffset(i), decoder.subscriptionIdDataLength(i),
                StandardCharsets.US_ASCII);
            if (SubscriptionIdType.END_USER_E164 == decoder.subscriptionIdType(i))
            {
                msisdn = data;
            }
            else if (SubscriptionIdType.END_USER_IMSI == decoder.subscriptionIdType(i))
            {
                imsi = data;
            }
        }
        final String sessionId = buffer.toString(decoder.sessionIdOffset(), decoder.sessionIdLength(),
            StandardCharsets.UTF_8);
        final String originHost = buffer.toString(decoder.originHostOffset(), decoder.originHostLength(),
            StandardCharsets.UTF_8);
        if (0 == decoder.msccCount())
        {
            return new Ccr(sessionId, originHost, decoder.header().hopByHopId(), decoder.ccRequestType(),
                decoder.ccRequestNumber(), 0, -1, false, false, 0, false, 0, 0, -1, -1, decoder.terminationCause(),
                decoder.requestedAction(), msisdn, imsi, decoder.header().endToEndId(),
                decoder.header().isRetransmitted());
        }
        final MultipleServicesCreditControlDecoder mscc = decoder.mscc(0);
        return new Ccr(sessionId, originHost, decoder.header().hopByHopId(), decoder.ccRequestType(),
            decoder.ccRequestNumber(), decoder.msccCount(), mscc.ratingGroup(), mscc.requested().isPresent(),
            mscc.requested().isEmpty(), units(mscc.requested()), mscc.used().isPresent(), units(mscc.used()),
            mscc.used().kinds(), mscc.reportingReason(), mscc.used().reportingReason(), decoder.terminationCause(),
            decoder.requestedAction(), msisdn, imsi, decoder.header().endToEndId(), decoder.header().isRetransmitted());
    }
}
